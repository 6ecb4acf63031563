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


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "timpora.sqlite"


@pytest.fixture
def store(db_path):
    from app.db import open_store

    opened = open_store(db_path)
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
