"""Which statements wait for the store's page check (app/store_check.py): all but reads."""

from __future__ import annotations

import pytest

from app.store_check import _is_read


@pytest.mark.parametrize(
    "statement",
    ["SELECT 1", "  select id FROM meetings", "PRAGMA data_version", "EXPLAIN QUERY PLAN SELECT 1"],
)
def test_reads_go_on_while_the_check_runs(statement):
    assert _is_read(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO meetings (title) VALUES ('x')",
        "UPDATE meetings SET title = 'x'",
        "DELETE FROM meetings",
        "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a",
        "BEGIN IMMEDIATE",
        "SAVEPOINT sa_1",
        "PRAGMA journal_mode = WAL",
        "PRAGMA wal_checkpoint(TRUNCATE)",
        "PRAGMA optimize",
        "VACUUM",
        "CREATE TABLE t (x)",
    ],
)
def test_anything_else_waits_for_it(statement):
    assert not _is_read(statement)
