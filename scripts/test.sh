#!/usr/bin/env bash
# Install the app with its test extras into the current Python and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --upgrade pip
python3 -m pip install --quiet -e ".[test]"
export QT_QPA_PLATFORM=offscreen
python3 -m pytest -q "$@"
