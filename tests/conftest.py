"""Shared fixtures: a real store in a temporary folder, Qt offscreen, Indonesian by default."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # an empty value aborts Qt; set before any import

import pytest

from app.i18n import set_language


@pytest.fixture(autouse=True)
def _indonesian():
    set_language("id")
    yield
    set_language("id")


@pytest.fixture(autouse=True)
def _own_window_settings(tmp_path, monkeypatch):
    """The window's settings (its language, which the command line follows too) in a file of the
    test's own, never the user's."""
    monkeypatch.setenv("TIMPORA_SETTINGS", str(tmp_path / "window-settings.ini"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "timpora.sqlite"


# --- both backends -------------------------------------------------------------------------
# `store`, `demo_store` and `db` (the location: a file path or a server URL) follow `backend`,
# "sqlite" unless a test or module opts into both with `@both_backends` / `pytestmark =
# both_backends` (from tests.support.postgres); then each test runs on a SQLite file and on a fresh PostgreSQL database
# (tests/support/postgres.py). A test of SQLite's own parts inside such a module says
# `@pytest.mark.sqlite_only`.

from tests.support.postgres import BACKENDS, PostgresServer, start_server  # noqa: E402


def pytest_generate_tests(metafunc):
    if "backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("postgresql_only"):
        metafunc.parametrize("backend", BACKENDS[1:], indirect=True)
    elif metafunc.definition.get_closest_marker("both_backends"):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request) -> str:
    name = getattr(request, "param", "sqlite")
    if name == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("a test of SQLite's own parts")
    return name


@pytest.fixture(scope="session")
def postgres_server():
    """One throw-away server for the session (scripts/postgres.sh): a Unix socket, no TCP."""
    server = start_server()
    yield server
    server.stop()


@pytest.fixture
def db(backend, db_path, request):
    """Where the test's store is: a SQLite file, or the URL of a fresh database on the server."""
    if backend == "sqlite":
        yield str(db_path)
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database(template=server.store_template())
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def empty_db(backend, tmp_path, request):
    """Where a store may be made: a file not there yet, or an empty database on the server."""
    if backend == "sqlite":
        yield str(tmp_path / "empty.sqlite")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def store(db):
    from app.db import open_store

    opened = open_store(db)
    yield opened
    opened.close()


@pytest.fixture
def demo_store(store):
    from app.services.demo import load_demo

    with store.session() as session:
        store.demo_meeting_id = load_demo(session)
    return store


@pytest.fixture
def count_statements():
    """count_statements(engine) -> a context manager whose value's .count is the number of SQL
    statements sent to that engine inside the block (the issue-15 measure of a screen's cost)."""
    from contextlib import contextmanager

    from sqlalchemy import event

    class Counter:
        count = 0
        statements: list[str]

    @contextmanager
    def counting(engine):
        counter = Counter()
        counter.statements = []

        def seen(_conn, _cursor, statement, *_args) -> None:
            counter.count += 1
            counter.statements.append(statement)

        event.listen(engine, "before_cursor_execute", seen)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", seen)

    return counting


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A store with the demo meetings and three photos on the meeting of 21 November 2024."""
    from app.db import open_store
    from app.services.demo import load_demo
    from tests.support.photos import add_demo_photos

    path = tmp_path_factory.mktemp("demo") / "timpora.sqlite"
    store = open_store(path)
    with store.session() as session:
        meeting_id = load_demo(session)
        add_demo_photos(session, meeting_id)
    store.close()
    return path, meeting_id


@pytest.fixture(scope="module")
def demo_pdf(demo_db, tmp_path_factory):
    """The demo minutes on A4, written by the export service: (path, ExportResult)."""
    from app.db import open_store
    from app.documents.exports import export_minutes

    path, meeting_id = demo_db
    target = tmp_path_factory.mktemp("pdf") / "notulen.pdf"
    store = open_store(path)
    with store.session() as session:
        result = export_minutes(session, meeting_id, target)
    store.close()
    return target, result
