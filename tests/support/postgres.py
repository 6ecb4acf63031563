"""A throw-away PostgreSQL server for the tests (scripts/postgres.sh) and its databases.

Where no server binaries are installed, the PostgreSQL half of the tests is skipped with the
reason, unless TIMPORA_TEST_POSTGRES=required (CI, scripts/test.sh): then it fails.
TIMPORA_TEST_POSTGRES=off skips it on purpose.
"""

from __future__ import annotations

import itertools
import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "postgres.sh"
ENV = "TIMPORA_TEST_POSTGRES"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
#: `pytestmark = both_backends` (or the decorator on one test): each test of it that uses the
#: `backend` fixture, or `db`, `store`, `demo_store` of tests/conftest.py built on it, runs on
#: SQLite and on PostgreSQL (tests/conftest.py, pytest_generate_tests).
both_backends = pytest.mark.both_backends
#: The test runs on PostgreSQL only (what SQLite does not have: several writers, a server).
postgresql_only = pytest.mark.postgresql_only
#: scripts/postgres.sh's exit status when no server binaries are installed.
NO_BINARIES = 3


def _unavailable(reason: str) -> None:
    if os.environ.get(ENV) == "required":
        pytest.fail(f"PostgreSQL is required ({ENV}=required) but {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


class PostgresServer:
    """A running server: its socket folder, and databases made for tests."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._names = itertools.count(1)
        self._template: str | None = None

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://timpora@/{database}?host={self.folder}"

    def admin(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(host=str(self.folder), user="timpora", dbname=database, autocommit=True)

    def create_database(self, *, template: str | None = None) -> str:
        name = f"test_{os.getpid()}_{next(self._names)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template or "template0"}"')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def store_template(self) -> str:
        """A database migrated to the head once; each test's store is a copy (CREATE DATABASE
        ... TEMPLATE copies files, a few milliseconds, where the migrations take a second)."""
        if self._template is None:
            from app.db import open_store

            name = self.create_database()
            open_store(self.url(name)).close()
            self._template = name
        return self._template

    def require_password(self, role: str) -> None:
        """Connections as `role` must give a password (scram); the others stay trusted."""
        hba = self.folder / "data" / "pg_hba.conf"
        rules = hba.read_text(encoding="utf-8")
        line = f"local all {role} scram-sha-256\n"
        if line not in rules:
            hba.write_text(line + rules, encoding="utf-8")
        with self.admin() as conn:
            conn.execute("SELECT pg_reload_conf()")

    def stop(self) -> None:
        subprocess.run(["bash", str(SCRIPT), "stop", str(self.folder)], check=False, timeout=120)


def start_server() -> PostgresServer:
    if os.environ.get(ENV) == "off":
        pytest.skip(f"PostgreSQL tests switched off ({ENV}=off)")
    try:
        done = subprocess.run(["bash", str(SCRIPT), "start"], capture_output=True, text=True, timeout=180)
    except (OSError, subprocess.TimeoutExpired) as exc:
        _unavailable(f"scripts/postgres.sh could not run: {exc}")
    if done.returncode == NO_BINARIES:
        _unavailable(done.stderr.strip())
    if done.returncode != 0:
        pytest.fail(f"scripts/postgres.sh start failed:\n{done.stderr}", pytrace=False)
    return PostgresServer(Path(done.stdout.strip()))


def engine_of(location: str):
    """A bare engine on a test store's location (no session factory, no migrations)."""
    from app.db import make_engine
    from app.db_server import make_server_engine, server_url

    url = server_url(location)
    return make_engine(Path(location)) if url is None else make_server_engine(url)
