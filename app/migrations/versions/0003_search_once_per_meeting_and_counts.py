"""search row rebuilt once per changed meeting per transaction; stored attendance counts

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Search (issue 15): the triggers of 0002 rebuilt a meeting's whole search row after every
inserted, changed or deleted child row, 60-68 % of an import's time. Here the triggers only
note the meeting in `meeting_search_pending`; the services' session rebuilds each noted
meeting's row once, just before the transaction commits (app/services/search.py,
refresh_search_index), and a search first catches up on anything a writer outside a session
left noted. The rows hold exactly what 0002's did.

Counts: the meeting list showed invitees and attendees by grouping every attendance row of the
store on each start. `meetings.invited_count` and `present_count` are now kept by triggers in
the same transaction as the attendance rows, and the list reads one covering index
(`ix_meetings_list`) rather than the meetings' wide rows.

The search table is made again with prefix indexes for one- and two-letter prefixes (the first
keystrokes); its rows are copied over unchanged.

The columns and the list index are added everywhere. On SQLite the rest is as described; on
PostgreSQL (issue 19) the same design with the server's own means: a `meeting_search` table of
one tsvector per meeting under a GIN index (the `simple` configuration: no stemming, which knows
no Indonesian; accents folded by `unaccent` where the server has it), the same pending table
filled by one PL/pgSQL trigger function, and the counts kept by another. See _postgresql_upgrade.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEX = "meeting_search"
PENDING = "meeting_search_pending"
#: Frozen copies of 0002's lists: which columns feed a meeting's search row.
CHILD_TEXT = {
    "agenda_items": ("title", "presenter_name", "discussion"),
    "attendances": ("name", "agency_name", "deputy_name", "position_title"),
    "findings": ("category", "location", "sponsor", "reporting_agency", "description", "recommendation"),
    "action_items": ("description", "owner_agency_name", "owner_person_name"),
    "action_reviews": ("description", "note"),
    "conclusions": ("text",),
}
MEETING_TEXT = ("title", "number", "venue", "city", "area", "opening_notes", "closing_notes")
#: The meeting list reads this covering index alone, never the wide rows with their notes.
LIST_COLUMNS = (
    "date",
    "id",
    "uuid",
    "number",
    "title",
    "kind",
    "status",
    "revision",
    "invited_count",
    "present_count",
)
#: Attendance statuses counted as present in the list (as list_meetings counted them).
PRESENT = "('present', 'represented')"


def _note(ref: str) -> str:
    return f"INSERT OR IGNORE INTO {PENDING}(meeting_id) VALUES ({ref});"


def _search_triggers() -> list[str]:
    statements = [
        f"CREATE TRIGGER {INDEX}_meetings_ai AFTER INSERT ON meetings BEGIN {_note('NEW.id')} END",
        f"CREATE TRIGGER {INDEX}_meetings_au AFTER UPDATE OF {', '.join(MEETING_TEXT)} ON meetings "
        f"BEGIN {_note('NEW.id')} END",
        f"CREATE TRIGGER {INDEX}_meetings_ad AFTER DELETE ON meetings "
        f"BEGIN DELETE FROM {INDEX} WHERE rowid = OLD.id; DELETE FROM {PENDING} WHERE meeting_id = OLD.id; END",
    ]
    for table, columns in CHILD_TEXT.items():
        statements += [
            f"CREATE TRIGGER {INDEX}_{table}_ai AFTER INSERT ON {table} BEGIN {_note('NEW.meeting_id')} END",
            f"CREATE TRIGGER {INDEX}_{table}_au AFTER UPDATE OF meeting_id, {', '.join(columns)} ON {table} "
            f"BEGIN {_note('NEW.meeting_id')} {_note('OLD.meeting_id')} END",
            f"CREATE TRIGGER {INDEX}_{table}_ad AFTER DELETE ON {table} BEGIN {_note('OLD.meeting_id')} END",
        ]
    return statements


def _search_trigger_names() -> list[str]:
    names = [f"{INDEX}_meetings_{suffix}" for suffix in ("ai", "au", "ad")]
    for table in CHILD_TEXT:
        names += [f"{INDEX}_{table}_{suffix}" for suffix in ("ai", "au", "ad")]
    return names


def _count_change(sign: str, row: str) -> str:
    return (
        f"UPDATE meetings SET invited_count = invited_count {sign} 1, "
        f"present_count = present_count {sign} ({row}.status IN {PRESENT}) WHERE id = {row}.meeting_id;"
    )


COUNT_TRIGGERS = {
    "meeting_counts_attendances_ai": f"AFTER INSERT ON attendances BEGIN {_count_change('+', 'NEW')} END",
    "meeting_counts_attendances_ad": f"AFTER DELETE ON attendances BEGIN {_count_change('-', 'OLD')} END",
    "meeting_counts_attendances_au": (
        "AFTER UPDATE OF status, meeting_id ON attendances "
        f"BEGIN {_count_change('-', 'OLD')} {_count_change('+', 'NEW')} END"
    ),
}


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy of `meetings` would drop its triggers (and, with foreign
    # keys on, cascade the drop of the old table to every child row).
    op.add_column("meetings", sa.Column("invited_count", sa.Integer(), server_default=sa.text("0"), nullable=False))
    op.add_column("meetings", sa.Column("present_count", sa.Integer(), server_default=sa.text("0"), nullable=False))
    op.execute(
        "UPDATE meetings SET"
        " invited_count = (SELECT count(*) FROM attendances WHERE meeting_id = meetings.id),"
        f" present_count = (SELECT count(*) FROM attendances WHERE meeting_id = meetings.id AND status IN {PRESENT})"
    )
    op.create_index("ix_meetings_list", "meetings", list(LIST_COLUMNS))
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, body in COUNT_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    for name in _search_trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    # Prefix indexes for one- and two-letter prefixes: the first keystrokes of a search match
    # almost every meeting, and merging every word that starts with "t" took 90-120 ms at
    # 20,000 meetings (25 ms with them). Same rows and tokenizer, so the same answers.
    op.execute(
        f"CREATE VIRTUAL TABLE {INDEX}_new USING fts5(body, prefix = '1 2', tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(f"INSERT INTO {INDEX}_new(rowid, body) SELECT rowid, body FROM {INDEX}")
    op.execute(f"DROP TABLE {INDEX}")
    op.execute(f"ALTER TABLE {INDEX}_new RENAME TO {INDEX}")
    op.execute(f"CREATE TABLE {PENDING} (meeting_id INTEGER PRIMARY KEY)")
    for statement in _search_triggers():
        op.execute(statement)


#: Characters that separate words as SQLite's unicode61 tokenizer sees them: ASCII punctuation
#: and the common typographic marks. translate() needs no locale (a server in the C locale knows
#: no non-ASCII punctuation class), and PostgreSQL's parser then splits on the spaces.
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u2013\u2014\u2018\u2019\u201c\u201d\u00ab\u00bb\u2026\u2022\u00b7"


def _postgresql_upgrade() -> None:
    bind = op.get_bind()
    unaccent = False
    try:
        with bind.begin_nested():  # a savepoint: a server without contrib (or the right) goes on
            op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        unaccent = True
    except sa.exc.DBAPIError:
        pass
    folded = "unaccent('unaccent'::regdictionary, value)" if unaccent else "value"
    quoted = _PUNCTUATION.replace("'", "''")
    op.execute(
        "CREATE FUNCTION timpora_search_text(value text) RETURNS text LANGUAGE sql STABLE AS "
        f"$$ SELECT lower(translate({folded}, E'{quoted.replace(chr(92), chr(92) * 2)}', "
        f"repeat(' ', {len(_PUNCTUATION)}))) $$"
    )
    op.execute(
        f"CREATE TABLE {INDEX} (meeting_id integer PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,"
        " document tsvector NOT NULL)"
    )
    op.execute(f"CREATE INDEX ix_{INDEX}_document ON {INDEX} USING gin (document)")
    op.execute(f"CREATE TABLE {PENDING} (meeting_id integer PRIMARY KEY)")
    note = f"INSERT INTO {PENDING}(meeting_id) VALUES (%s) ON CONFLICT DO NOTHING;"
    op.execute(
        "CREATE FUNCTION timpora_note_search() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_TABLE_NAME = 'meetings' THEN "
        f"  IF TG_OP = 'DELETE' THEN DELETE FROM {PENDING} WHERE meeting_id = OLD.id; "
        f"  ELSE {note % 'NEW.id'} END IF; "
        "ELSE "
        f"  IF TG_OP <> 'INSERT' THEN {note % 'OLD.meeting_id'} END IF; "
        f"  IF TG_OP <> 'DELETE' THEN {note % 'NEW.meeting_id'} END IF; "
        "END IF; RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {INDEX}_meetings AFTER INSERT OR DELETE OR UPDATE OF {', '.join(MEETING_TEXT)} "
        "ON meetings FOR EACH ROW EXECUTE FUNCTION timpora_note_search()"
    )
    for table, columns in CHILD_TEXT.items():
        op.execute(
            f"CREATE TRIGGER {INDEX}_{table} AFTER INSERT OR DELETE OR UPDATE OF meeting_id, {', '.join(columns)} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION timpora_note_search()"
        )
    present = f"(%s.status IN {PRESENT})::integer"
    op.execute(
        "CREATE FUNCTION timpora_meeting_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' THEN UPDATE meetings SET invited_count = invited_count - 1, "
        f"  present_count = present_count - {present % 'OLD'} WHERE id = OLD.meeting_id; END IF; "
        "IF TG_OP <> 'DELETE' THEN UPDATE meetings SET invited_count = invited_count + 1, "
        f"  present_count = present_count + {present % 'NEW'} WHERE id = NEW.meeting_id; END IF; "
        "RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER meeting_counts_attendances AFTER INSERT OR DELETE OR UPDATE OF status, meeting_id "
        "ON attendances FOR EACH ROW EXECUTE FUNCTION timpora_meeting_counts()"
    )
    # Meetings stored before this revision are indexed by the first session that commits.
    op.execute(f"INSERT INTO {PENDING}(meeting_id) SELECT id FROM meetings")


def _postgresql_downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS meeting_counts_attendances ON attendances")
    op.execute("DROP FUNCTION IF EXISTS timpora_meeting_counts()")
    op.execute(f"DROP TRIGGER IF EXISTS {INDEX}_meetings ON meetings")
    for table in CHILD_TEXT:
        op.execute(f"DROP TRIGGER IF EXISTS {INDEX}_{table} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS timpora_note_search()")
    op.execute(f"DROP TABLE IF EXISTS {PENDING}")
    op.execute(f"DROP TABLE IF EXISTS {INDEX}")
    op.execute("DROP FUNCTION IF EXISTS timpora_search_text(text)")


def _revision_0002():
    path = Path(__file__).with_name("0002_search_index.py")
    spec = importlib.util.spec_from_file_location("timpora_migration_0002", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_downgrade()
    if op.get_bind().dialect.name == "sqlite":
        for name in COUNT_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        earlier = _revision_0002()
        # What was noted but not yet rebuilt is rebuilt now, then 0002's triggers take over.
        op.execute(f"DELETE FROM {INDEX} WHERE rowid IN (SELECT meeting_id FROM {PENDING})")
        op.execute(
            f"INSERT INTO {INDEX}(rowid, body) {earlier.document_sql('m.id')} AND m.id IN (SELECT meeting_id FROM {PENDING})"
        )
        for name in _search_trigger_names():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE {PENDING}")
        for statement in earlier._triggers():
            op.execute(statement)
    op.drop_index("ix_meetings_list", "meetings")
    # Native DROP COLUMN (SQLite 3.35+), for the reason given in upgrade().
    op.execute("ALTER TABLE meetings DROP COLUMN present_count")
    op.execute("ALTER TABLE meetings DROP COLUMN invited_count")
