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
