"""The store: pragmas, migrations on open, refusal of files it must not touch."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Boolean, MetaData, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from app.db import alembic_config, head_revision, open_store, resolve_db_path
from app.models import Base
from app.services.errors import UserError
from app.services.meetings import list_meetings
from app.services.search import search_meetings
from tests.support.postgres import both_backends, engine_of, postgresql_only

FIXTURE = Path(__file__).parent / "fixtures" / "store_0001.sqlite"


pytestmark = both_backends


@pytest.mark.sqlite_only
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
        cursor = conn.execute("SELECT * FROM findings ORDER BY id")
        old_findings = [dict(zip([c[0] for c in cursor.description], row, strict=True)) for row in cursor]
    conn.close()
    assert expected["meetings"] and expected["attendances"] and expected["attachments"]
    del expected["findings"]  # two of its columns moved (0008): compared by name below

    store = open_store(copy)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
            for table, rows in expected.items():
                now = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id").fetchall()
                # Later migrations may add columns at the end; every old value stays.
                assert [tuple(r)[: len(rows[0])] for r in now] == [tuple(r) for r in rows], table
            _assert_findings_kept(conn, old_findings)
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


def test_the_copy_before_an_upgrade_is_checked_like_every_backup(tmp_path, monkeypatch):
    """The pre-upgrade copy goes through the backups' one copy: a copy that fails its check stops
    the upgrade, leaves no file under a backup's name and the store as it was."""
    import app.db

    path = tmp_path / "timpora.sqlite"
    shutil.copy(FIXTURE, path)
    before = path.read_bytes()
    monkeypatch.setattr(app.db, "check_backup", lambda _path: "the copy is damaged")
    with pytest.raises(UserError, match="gagal diperiksa"):
        open_store(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timpora.sqlite"]
    assert path.read_bytes() == before


FIXTURE_TABLES = (
    "agencies",
    "persons",
    "meetings",
    "office_profile",
    "action_items",
    "agenda_items",
    "attachments",
    "attendances",
    "conclusions",
    "findings",
    "meeting_revisions",
    "signed_documents",
    "action_reviews",
)


def _assert_findings_kept(conn, old: list[dict]) -> None:
    """Every finding's columns as they were, its nationality and persons now its first (and
    only) row of finding_nationalities (migration finding_nationalities); none when it had neither."""
    now = [dict(r._mapping) for r in conn.exec_driver_sql("SELECT * FROM findings ORDER BY id")]
    moved = ("nationality", "persons")
    assert [{k: v for k, v in r.items() if k in old[0]} for r in now] == [
        {k: v for k, v in r.items() if k not in moved} for r in old
    ]
    rows = conn.exec_driver_sql(
        "SELECT finding_id, position, nationality, persons FROM finding_nationalities ORDER BY finding_id"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        (r["id"], 1, r["nationality"], r["persons"]) for r in old if r["nationality"] or r["persons"] is not None
    ]
    assert any(r["nationality"] for r in old) and any(not r["nationality"] for r in old)  # both kinds tried


def _rows(conn, table):
    return [tuple(r) for r in conn.execute(table.select().order_by(table.c.id))]


@postgresql_only
def test_the_first_migration_fixture_copied_to_a_server_upgrades_with_every_row(empty_db):
    """The 0001 store's rows, put on a server database at revision 0001, come through 0002 and
    0003 (PostgreSQL's branches) unchanged; search and counts cover them at once."""
    source = create_engine(f"sqlite:///{FIXTURE}")
    server = engine_of(empty_db)
    with server.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    old, new = MetaData(), MetaData()
    with source.connect() as src:
        old.reflect(src)
        expected = {name: _rows(src, old.tables[name]) for name in FIXTURE_TABLES if name != "findings"}
        old_findings = [dict(r._mapping) for r in src.execute(old.tables["findings"].select().order_by("id"))]
    with server.begin() as dst:
        new.reflect(dst)
        for name in FIXTURE_TABLES:
            table = new.tables[name]
            flags = [c.name for c in table.columns if isinstance(c.type, Boolean)]
            rows = [dict(r._mapping) for r in source.connect().execute(old.tables[name].select())]
            for row in rows:
                row.update({flag: bool(row[flag]) for flag in flags})
            if rows:
                dst.execute(table.insert(), rows)
    source.dispose()
    server.dispose()
    assert expected["meetings"] and expected["attendances"] and expected["attachments"]
    with pytest.raises(UserError, match="versi yang lebih lama"):
        open_store(empty_db)  # a start never upgrades a shared server...
    store = open_store(empty_db, upgrade_server=True)  # ...timpora init does
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
            upgraded = MetaData()
            upgraded.reflect(conn)
            for name, rows in expected.items():
                now = _rows(conn, upgraded.tables[name])
                assert [r[: len(rows[0])] for r in now] == rows, name
            _assert_findings_kept(conn, old_findings)
        with store.session() as session:
            summary = {m.id: (m.invited, m.present) for m in list_meetings(session)}
            counted = {
                row[0]: (row[1], row[2])
                for row in session.execute(
                    text(
                        "SELECT meeting_id, count(*), sum(CASE WHEN status IN ('present', 'represented')"
                        " THEN 1 ELSE 0 END) FROM attendances GROUP BY meeting_id"
                    )
                )
            }
            assert summary == {mid: counted.get(mid, (0, 0)) for mid in summary}
            title = expected["meetings"][0][2]
            word = title.split()[-1]
            assert expected["meetings"][0][0] in search_meetings(session, word)
    finally:
        store.close()


@postgresql_only
def test_timpora_db_may_name_a_server(monkeypatch, db):
    monkeypatch.setenv("TIMPORA_DB", db)
    store = open_store(None, create=False)
    try:
        assert store.is_server and store.location == db and store.path.name == make_url(db).database
    finally:
        store.close()
