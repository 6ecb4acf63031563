"""The known store, built once per test module and backend (a SQLite file, a PostgreSQL database):
the Kanwil's reports run on the office's shared server as on the laptop's file."""

from __future__ import annotations

import pytest

from app.db import open_store
from tests.reports.known_store import build_known_store
from tests.support.postgres import BACKENDS


@pytest.fixture(scope="module", params=BACKENDS)
def module_location(request, tmp_path_factory):
    """module_location(name) -> where a store shared by the module's tests may be made: a file
    path, or the URL of a fresh migrated database on the throw-away server (dropped at the end)."""
    made: list[str] = []
    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None

    def location(name: str) -> str:
        if server is None:
            return str(tmp_path_factory.mktemp(name) / "timpora.sqlite")
        database = server.create_database(template=server.store_template())
        made.append(database)
        return server.url(database)

    yield location
    for database in made:
        server.drop_database(database)


@pytest.fixture(scope="module")
def known_db(module_location):
    location = module_location("known")
    store = open_store(location)
    with store.session() as session:
        build_known_store(session)
    store.close()
    return location


@pytest.fixture
def known_session(known_db):
    store = open_store(known_db)
    with store.session() as session:
        yield session
    store.close()


ISSUED = __import__("datetime").date(2025, 1, 6)


@pytest.fixture(scope="module")
def write_report(known_db, tmp_path_factory):
    """write_report(start, end, suffix=".pdf", **options) -> (path, ReportResult), from the known store."""
    from app.documents.report_exports import export_report

    folder = tmp_path_factory.mktemp("reports")

    def write(start, end, suffix=".pdf", **options):
        target = folder / f"laporan-{start}-{end}-{options.get('paper', 'a4')}{suffix}"
        store = open_store(known_db)
        try:
            with store.session() as session:
                result = export_report(session, start, end, target, issued=ISSUED, **options)
        finally:
            store.close()
        return target, result

    return write
