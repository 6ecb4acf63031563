"""The store: pragmas, migrations on open, refusal of files it must not touch."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.db import head_revision, open_store, resolve_db_path
from app.models import Base
from app.services.errors import UserError

FIXTURE = Path(__file__).parent / "fixtures" / "store_0001.sqlite"


def test_journal_mode_is_wal_and_foreign_keys_are_on(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_a_foreign_key_violation_is_refused(store):
    with pytest.raises(IntegrityError), store.session() as session:
        session.execute(
            text(
                "INSERT INTO agenda_items (uuid, meeting_id, position, title, presenter_name, discussion,"
                " created_at, updated_at) VALUES ('x', 999, 1, 't', '', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )


def test_models_and_migrations_describe_the_same_schema(store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    # Raw-SQL objects (the full-text index) live only in migrations.
    diffs = [d for d in diffs if "search" not in repr(d).lower() and "fts" not in repr(d).lower()]
    assert diffs == []


def test_a_store_from_a_newer_app_is_refused_untouched(db_path):
    open_store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(UserError, match="versi yang lebih baru|newer version"):
        open_store(db_path)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("Hello, this is not SQLite at all." * 10)
    before = bogus.read_bytes()
    with pytest.raises(UserError):
        open_store(bogus)
    assert bogus.read_bytes() == before


def test_the_first_migration_fixture_opens_with_every_row_intact(tmp_path):
    copy = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, copy)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        tables = [
            "meetings",
            "persons",
            "agencies",
            "attendances",
            "agenda_items",
            "findings",
            "action_items",
            "action_reviews",
            "conclusions",
            "attachments",
        ]
        expected = {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}
    conn.close()
    assert expected["meetings"] and expected["attendances"] and expected["attachments"]

    store = open_store(copy)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
            for table, rows in expected.items():
                now = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id").fetchall()
                # Later migrations may add columns at the end; every old value stays.
                assert [tuple(r)[: len(rows[0])] for r in now] == [tuple(r) for r in rows], table
        if head_revision() != "0001":
            assert store.backup_path is not None and store.backup_path.exists()
    finally:
        store.close()


def test_db_path_comes_from_the_argument_then_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TIMPORA_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db_path(tmp_path / "arg.sqlite") == tmp_path / "arg.sqlite"
    assert resolve_db_path(None) == tmp_path / "env.sqlite"
    monkeypatch.delenv("TIMPORA_DB")
    assert resolve_db_path(None).name == "timpora.sqlite"


def test_a_folder_with_spaces_percent_and_hash_in_its_name_works(tmp_path):
    folder = tmp_path / "Dewi Anggraini 100% #1"
    folder.mkdir()
    path = folder / "timpora.sqlite"
    shutil.copy(FIXTURE, path)  # written by the first version: opening it reads, backs up, upgrades
    store = open_store(path)
    try:
        assert store.backup_path is not None and store.backup_path.parent == folder
    finally:
        store.close()
