"""The link from a follow-up meeting to the meeting it follows survives export and import, even
into a store without the earlier meeting; it is linked again when that meeting arrives."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import select

from app.db import alembic_config, open_store
from app.models import Meeting
from app.services.exchange import export_meeting, import_file
from app.services.restore import delete_meeting_undoably, restore_meeting


def _document(path: Path) -> dict:
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def _uuids(store) -> tuple[str, str]:
    with store.session() as s:
        november = s.get(Meeting, store.demo_meeting_id)
        return november.uuid, november.follows.uuid


def test_export_import_export_keeps_follows_uuid_and_links_when_the_earlier_arrives(demo_store, tmp_path):
    november_uuid, august_uuid = _uuids(demo_store)
    with demo_store.session() as s:
        export_meeting(s, november_uuid, tmp_path / "november.timpora")
        export_meeting(s, august_uuid, tmp_path / "august.json")
        export_meeting(s, november_uuid, tmp_path / "first.json")
    assert _document(tmp_path / "first.json")["meeting"]["follows_uuid"] == august_uuid

    empty = open_store(tmp_path / "laptop-baru.sqlite")
    try:
        with empty.session() as s:
            imported = import_file(s, tmp_path / "november.timpora")
            assert imported.follows is None and imported.follows_uuid == august_uuid
        with empty.session() as s:
            export_meeting(s, november_uuid, tmp_path / "second.json")
        assert _document(tmp_path / "second.json") == _document(tmp_path / "first.json")
        with empty.session() as s:  # the earlier meeting arrives: the follow-up is linked to it
            august = import_file(s, tmp_path / "august.json")
        with empty.session() as s:
            november = s.scalar(select(Meeting).where(Meeting.uuid == november_uuid))
            assert november.follows_id == august.id and november.follows_uuid == august_uuid
    finally:
        empty.close()


def test_deleting_the_earlier_meeting_and_taking_it_back_links_them_again(demo_store):
    november_uuid, august_uuid = _uuids(demo_store)
    with demo_store.session() as s:
        august = s.scalar(select(Meeting).where(Meeting.uuid == august_uuid))
        august.status = august.status.DRAFT  # finalized in the demo; a draft may be deleted
        s.flush()
        bundle = delete_meeting_undoably(s, august.id)
    with demo_store.session() as s:
        november = s.scalar(select(Meeting).where(Meeting.uuid == november_uuid))
        assert november.follows_id is None and november.follows_uuid == august_uuid
    with demo_store.session() as s:
        back = restore_meeting(s, bundle)
    with demo_store.session() as s:
        assert s.scalar(select(Meeting).where(Meeting.uuid == november_uuid)).follows_id == back.id


def test_the_migration_fills_follows_uuid_from_the_link_and_goes_back(demo_store):
    november_uuid, august_uuid = _uuids(demo_store)
    path = demo_store.path
    demo_store.close()
    _downgrade(path, "0003")
    with sqlite3.connect(path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(meetings)")]
        triggers = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger'").fetchone()[0]
    conn.close()
    assert "follows_uuid" not in columns and triggers > 0
    reopened = open_store(path)  # upgrades again
    try:
        with reopened.session() as s:
            november = s.scalar(select(Meeting).where(Meeting.uuid == november_uuid))
            assert november.follows_uuid == august_uuid
            assert s.scalar(select(Meeting).where(Meeting.uuid == august_uuid)).follows_uuid is None
    finally:
        reopened.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger'").fetchone()[0] == triggers
    conn.close()


def _downgrade(path: Path, revision: str) -> None:
    from app.db import make_engine

    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()
