"""The known store, built once per test module."""

from __future__ import annotations

import pytest

from app.db import open_store
from tests.reports.known_store import build_known_store


@pytest.fixture(scope="module")
def known_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("known") / "timpora.sqlite"
    store = open_store(path)
    with store.session() as session:
        build_known_store(session)
    store.close()
    return path


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
