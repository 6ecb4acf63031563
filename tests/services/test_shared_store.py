"""A store on a PostgreSQL server shared by several laptops: two writers, who holds a meeting,
and the faults a server brings (unreachable, wrong password, another schema version)."""

from __future__ import annotations

import datetime as dt
import getpass
import socket

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.db import StoreError, open_store
from app.services import agenda, meetings
from app.services.claims import MeetingHeldError, claim_meeting
from app.services.errors import UserError
from tests.support.postgres import postgresql_only

pytestmark = postgresql_only


@pytest.fixture
def two_meetings(store):
    with store.session() as s:
        first = meetings.create_meeting(s, title="Rapat Lubuklinggau", date=dt.date(2025, 3, 4)).id
        second = meetings.create_meeting(s, title="Rapat Musi Rawas", date=dt.date(2025, 3, 5)).id
    return first, second


@pytest.fixture
def laptops(db, store):
    """Two more stores on the same database: two laptops, each with its own connections."""
    a, b = open_store(db, create=False), open_store(db, create=False)
    yield a, b
    a.close()
    b.close()


def test_two_writers_edit_different_meetings_at_the_same_time(laptops, two_meetings):
    a, b = laptops
    first, second = two_meetings
    claim_a, claim_b = claim_meeting(a, first), claim_meeting(b, second)
    try:
        with a.session() as sa:
            meetings.update_meeting(sa, first, venue="Hotel Dermaga")
            agenda.add_agenda_item(sa, first, title="Paparan Kodim", discussion="patroli bersama")
            sa.flush()  # A's rows are written, its transaction still open...
            with b.session() as sb:
                # ...and B neither waits for it nor sees it: a wait would stop here, not hang.
                sb.execute(text("SET LOCAL lock_timeout = '3s'"))
                meetings.update_meeting(sb, second, venue="Aula Kantor Imigrasi")
                agenda.add_agenda_item(sb, second, title="Paparan Satpol PP", discussion="razia malam")
                assert meetings.get_meeting(sb, first).venue == ""
    finally:
        claim_a.release()
        claim_b.release()
    with a.session() as s:
        assert meetings.get_meeting(s, first).venue == "Hotel Dermaga"
        assert meetings.get_meeting(s, second).venue == "Aula Kantor Imigrasi"
        from app.services.search import search_meetings

        assert search_meetings(s, "patroli") == [first]
        assert search_meetings(s, "razia") == [second]


def test_the_same_meeting_is_refused_to_the_second_writer_with_the_holders_name(laptops, two_meetings):
    a, b = laptops
    first, _second = two_meetings
    held = claim_meeting(a, first)
    with a.session() as s:
        meetings.update_meeting(s, first, venue="Hotel Dermaga")
    with pytest.raises(MeetingHeldError) as refused:
        claim_meeting(b, first)
    me = f"{getpass.getuser()}@{socket.gethostname()}"
    assert refused.value.holder == me
    assert f"sedang disunting oleh {me}" in str(refused.value)
    assert refused.value.since is not None
    with b.session() as s:
        assert meetings.get_meeting(s, first).venue == "Hotel Dermaga"  # nothing overwritten
    held.ensure_held()
    held.release()
    again = claim_meeting(b, first)  # free once the first has closed it
    again.release()


def test_a_claim_lost_with_its_connection_is_said_and_the_meeting_is_free(laptops, two_meetings, postgres_server):
    a, b = laptops
    first, _second = two_meetings
    held = claim_meeting(a, first)
    pid = held.connection.execute(text("SELECT pg_backend_pid()")).scalar()
    held.connection.commit()
    with postgres_server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(UserError, match="tidak lagi dipegang"):
        held.ensure_held()
    claim_meeting(b, first).release()  # the server let go of it with the connection
    held.release()


def test_a_dropped_connection_is_one_message_and_the_next_session_reconnects(store, postgres_server):
    with store.session() as s:
        meetings.create_meeting(s, title="Rapat uji", date=dt.date(2025, 3, 4))
    with pytest.raises(StoreError, match="tidak dapat dihubungi"), store.session() as s:
        pid = s.execute(text("SELECT pg_backend_pid()")).scalar()
        with postgres_server.admin() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        meetings.create_meeting(s, title="Tidak tersimpan", date=dt.date(2025, 3, 5))
    with store.session() as s:  # pool_pre_ping: a fresh connection, the lost edit not written
        assert [m.title for m in meetings.list_meetings(s)] == ["Rapat uji"]


def test_an_unreachable_server_is_one_message(tmp_path):
    url = f"postgresql+psycopg://timpora@/timpora?host={tmp_path / 'no-server-here'}"
    with pytest.raises(StoreError, match="tidak dapat dihubungi") as refused:
        open_store(url)
    assert "tanpa --db" in str(refused.value)


def test_a_password_in_the_address_is_refused_and_never_shown(postgres_server):
    url = postgres_server.url("timpora").replace("timpora@", "timpora:rahasia123@")
    with pytest.raises(StoreError, match=r"\.pgpass") as refused:
        open_store(url)
    assert "rahasia123" not in str(refused.value)


def test_a_wrong_password_is_one_message_and_the_right_one_comes_from_pgpass(
    postgres_server, db, monkeypatch, tmp_path
):
    with postgres_server.admin() as admin:
        admin.execute("DROP ROLE IF EXISTS sekretaris")
        admin.execute("CREATE ROLE sekretaris LOGIN PASSWORD 'benar-sekali'")
    database = make_url(db).database
    with postgres_server.admin(database) as admin:
        admin.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO sekretaris")
        admin.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO sekretaris")
    postgres_server.require_password("sekretaris")
    url = db.replace("timpora@", "sekretaris@")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("*:*:*:sekretaris:salah\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with pytest.raises(StoreError, match="menolak nama pengguna atau kata sandi"):
        open_store(url, create=False)
    pgpass.write_text("*:*:*:sekretaris:benar-sekali\n", encoding="utf-8")
    opened = open_store(url, create=False)
    try:
        with opened.session() as s:
            meetings.create_meeting(s, title="Rapat dengan kata sandi", date=dt.date(2025, 3, 4))
        assert "benar-sekali" not in opened.location
    finally:
        opened.close()


def test_a_server_of_a_newer_schema_is_refused_untouched(store, db):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    store.close()
    with pytest.raises(StoreError, match="versi yang lebih baru"):
        open_store(db)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_from_the_future"


def test_an_empty_database_is_set_up_only_by_commands_that_create(empty_db):
    with pytest.raises(StoreError, match="masih kosong"):
        open_store(empty_db, create=False)
    open_store(empty_db, create=True).close()
    open_store(empty_db, create=False).close()


def test_a_database_of_another_program_is_refused(empty_db, postgres_server):
    database = make_url(empty_db).database
    with postgres_server.admin(database) as admin:
        admin.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(StoreError, match="bukan basis data Notulen Timpora"):
        open_store(empty_db)


def test_the_command_line_on_a_server(empty_db, capsys):
    from app.cli.main import main

    assert main(["--db", empty_db, "meetings"]) == 1
    assert "masih kosong" in capsys.readouterr().err
    assert main(["--db", empty_db, "init"]) == 0
    assert capsys.readouterr().out.strip() == empty_db
    assert main(["--db", empty_db, "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", empty_db, "meetings"]) == 0
    assert "Rapat Koordinasi" in capsys.readouterr().out
    assert main(["--db", empty_db, "backup", "create"]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert main(["--db", empty_db, "check"]) == 1


def test_the_readmes_office_setup_lets_a_second_secretary_write(postgres_server):
    """README: one role per secretary, the database owned by the first, default privileges for
    the others, `timpora init` by the owner; then the second one edits, searches, counts."""
    from app.cli.main import main

    with postgres_server.admin() as admin:
        for role in ("dewi", "heru"):
            admin.execute(f"DROP ROLE IF EXISTS {role}")
            admin.execute(f"CREATE ROLE {role} LOGIN")
        admin.execute("CREATE DATABASE kanim_readme OWNER dewi")
    try:
        with postgres_server.admin("kanim_readme") as admin:
            for kind in ("TABLES", "SEQUENCES"):
                admin.execute(f"ALTER DEFAULT PRIVILEGES FOR ROLE dewi IN SCHEMA public GRANT ALL ON {kind} TO heru")
        dewi = postgres_server.url("kanim_readme").replace("timpora@", "dewi@")
        assert main(["--db", dewi, "init"]) == 0
        heru = open_store(dewi.replace("dewi@", "heru@"), create=False)
        try:
            with heru.session() as s:
                mid = meetings.create_meeting(s, title="Rapat Heru Musi Rawas", date=dt.date(2025, 3, 4)).id
                from app.services import attendance
                from app.services.search import search_meetings

                attendance.add_guest(s, mid, name="Zulkarnain")
            with heru.session() as s:
                assert search_meetings(s, "musi zulkar") == [mid]
                assert [m.invited for m in meetings.list_meetings(s)] == [1]
        finally:
            heru.close()
    finally:
        postgres_server.drop_database("kanim_readme")
