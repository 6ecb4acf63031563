#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: initdb into a fresh temporary folder, started on
# a Unix socket in that folder only (no TCP port), superuser "timpora", trust on the socket.
#
#   scripts/postgres.sh start        prints the folder (socket dir) on stdout once the server answers
#   scripts/postgres.sh stop FOLDER  stops that server and removes the folder
#
# initdb refuses to run as root (CI runs as root): then the server runs as the unprivileged
# user "nobody" (or $TIMPORA_PG_RUN_AS), in a folder made for it, via runuser. The binaries are
# found in $TIMPORA_PG_BINDIR, on PATH, or in Debian's /usr/lib/postgresql/<version>/bin (the newest).
set -euo pipefail

bindir() {
  if [ -n "${TIMPORA_PG_BINDIR:-}" ]; then  # a chosen installation (or, for a test of the skip, none)
    [ -x "$TIMPORA_PG_BINDIR/initdb" ] || {
      echo "postgres.sh: no initdb in TIMPORA_PG_BINDIR=$TIMPORA_PG_BINDIR" >&2
      exit 3
    }
    echo "$TIMPORA_PG_BINDIR"
    return
  fi
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    echo "postgres.sh: no PostgreSQL server binaries (initdb); install the Debian package postgresql" >&2
    exit 3
  fi
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "${TIMPORA_PG_RUN_AS:-nobody}" -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin folder
  bin=$(bindir)
  # Not under pytest's tmp_path: that is private to the user running the tests (0700), and the
  # server's user must reach its folder.
  folder=$(mktemp -d "${TMPDIR:-/tmp}/timpora-pg.XXXXXX")
  chmod 0755 "$folder"
  mkdir "$folder/data"
  if [ "$(id -u)" -eq 0 ]; then
    chown "${TIMPORA_PG_RUN_AS:-nobody}" "$folder" "$folder/data"
  fi
  # C locale and UTF-8: the strictest case for text handling, and the same on every machine.
  as_owner "$bin/initdb" -D "$folder/data" -U timpora -A trust -E UTF8 --no-locale --no-sync >"$folder/initdb.log" 2>&1 || {
    cat "$folder/initdb.log" >&2
    exit 1
  }
  # listen_addresses='': no TCP at all; the socket lives in the folder. fsync off: a test server.
  as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $folder -c fsync=off -c full_page_writes=off -c max_connections=60" \
    start >/dev/null || {
    cat "$folder/server.log" >&2
    exit 1
  }
  echo "$folder"
}

stop() {
  local folder=$1 bin
  bin=$(bindir)
  if [ -f "$folder/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$folder" in
    "${TMPDIR:-/tmp}"/timpora-pg.*) rm -rf "$folder" ;;
  esac
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?folder}" ;;
  *)
    echo "usage: $0 start | stop FOLDER" >&2
    exit 2
    ;;
esac
