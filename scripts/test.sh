#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian/Ubuntu machine (or reuse it), then run the
# whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# System tools the tests read PDFs back with, fonts, the libraries Qt needs offscreen, and for
# the real window: Qt's xcb plugin's libraries (as in app/ui/system_libraries.py) and Xvfb, which
# tests/ui/test_real_platform.py runs the README's first command on. PostgreSQL's server: the
# services, exchange, search, signing-register and migration tests run on SQLite and on a
# throw-away server (scripts/postgres.sh, started by the tests themselves: initdb into a
# temporary folder, a Unix socket there, no TCP; as root it runs as "nobody"). LibreOffice Calc
# (headless): the Excel recap must open in it without a repair prompt (tests/reports).
DEB_PACKAGES="poppler-utils zbar-tools fonts-liberation2 fonts-croscore fonts-noto-core fonts-wqy-microhei
  libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb1 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
  libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 xvfb postgresql libreoffice-calc-nogui"
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  missing=$(for p in $DEB_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
  if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  # Where apt-get installs the packages, the PostgreSQL tests must run, not skip: a server that
  # cannot start fails them (tests/support/postgres.py). Elsewhere they skip and say why.
  export TIMPORA_TEST_POSTGRES=${TIMPORA_TEST_POSTGRES:-required}
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest -q "$@"
