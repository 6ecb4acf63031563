#!/usr/bin/env bash
# Lint, format and type checks, as CI runs them: ruff (lint and format) over the whole tree, and
# mypy over app/ as pyproject.toml configures it. Run `bash scripts/test.sh` first (it makes .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install --quiet -e ".[dev]"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
