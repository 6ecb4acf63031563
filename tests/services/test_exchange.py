"""The exchange format: round trips, packages with attachments, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from app.db import open_store
from app.models.enums import (
    ActionStatus,
    AttendanceStatus,
    Classification,
    DocumentStatus,
    MeetingKind,
    MeetingStatus,
)
from app.services.attachments import add_attachment
from app.services.exchange import export_meeting, import_bundle, read_exchange_file
from app.services.exchange_schema import schema_text
from app.services.records import (
    ActionRecord,
    AgencyRecord,
    AgendaRecord,
    AttendanceRecord,
    ConclusionRecord,
    FindingRecord,
    MeetingBundle,
    MeetingRecord,
    NationalityRecord,
    PersonRecord,
    ReviewRecord,
)
from tests.support.postgres import both_backends

pytestmark = both_backends

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "exchange-format.schema.json").read_text(encoding="utf-8"))

# Indonesian words, markup that a PDF Paragraph would choke on, emoji and accents.
WORDS = st.sampled_from(
    [
        "Rapat",
        "Koordinasi",
        "Tim PORA",
        "WNA",
        "<b>",
        "&amp;",
        "</para>",
        "&",
        '"kutip"',
        "🇮🇩",
        "😀",
        "Nguyễn Văn Thành",
        "Müller",
        "Øyvind",
        "TKA ilegal",
        "Lubuklinggau",
        "\n",
        "  ",
    ]
)
TEXT = st.lists(WORDS, max_size=6).map(" ".join)
REQUIRED_TEXT = st.lists(WORDS, min_size=1, max_size=6).map(" ".join).filter(lambda t: t.strip())
UUIDS = st.builds(lambda: str(uuid.uuid4()))
TIMES = st.builds(dt.time, st.integers(0, 11), st.integers(0, 59))
DATES = st.dates(dt.date(2015, 1, 1), dt.date(2035, 12, 31))


def _attendance(draw, index: int, person_uuid: str | None) -> AttendanceRecord:
    status = draw(st.sampled_from(list(AttendanceStatus)))
    # As in the editor, "diwakili" names the deputy who came.
    deputy = draw(REQUIRED_TEXT if status is AttendanceStatus.REPRESENTED else TEXT)
    return AttendanceRecord(
        uuid=draw(UUIDS),
        position=index + 1,
        name=draw(REQUIRED_TEXT),
        person_uuid=person_uuid,
        status=status,
        deputy_name=deputy,
    )


@st.composite
def bundles(draw) -> MeetingBundle:
    agencies = tuple(
        AgencyRecord(uuid=draw(UUIDS), name=draw(REQUIRED_TEXT), sort_order=i) for i in range(draw(st.integers(0, 2)))
    )
    persons = tuple(
        PersonRecord(
            uuid=draw(UUIDS),
            name=draw(REQUIRED_TEXT),
            id_number=draw(st.sampled_from(["", "198001012005011001", "80071234"])),
            rank=draw(TEXT),
            agency_uuid=draw(st.sampled_from([None] + [a.uuid for a in agencies])),
        )
        for _ in range(draw(st.integers(0, 4)))
    )
    person_ids = [p.uuid for p in persons]
    start = draw(TIMES)
    meeting = MeetingRecord(
        uuid=draw(UUIDS),
        title=draw(REQUIRED_TEXT),
        date=draw(DATES),
        start_time=start,
        end_time=draw(st.sampled_from([None, dt.time(start.hour + 3, 0)])),
        kind=draw(st.sampled_from(list(MeetingKind))),
        classification=draw(st.sampled_from(list(Classification))),
        status=draw(st.sampled_from(list(MeetingStatus))),
        venue=draw(TEXT),
        chair_uuid=draw(st.sampled_from([None] + person_ids)),
        opening_notes=draw(TEXT),
        agenda=tuple(
            AgendaRecord(
                uuid=draw(UUIDS),
                position=i + 1,
                title=draw(REQUIRED_TEXT),
                time=draw(st.none() | TIMES),
                discussion=draw(TEXT),
            )
            for i in range(draw(st.integers(0, 3)))
        ),
        attendances=tuple(
            _attendance(draw, i, pid)
            for i, pid in enumerate(draw(st.permutations(person_ids + [None, None]))[: draw(st.integers(0, 4))])
        ),
        findings=tuple(
            FindingRecord(
                uuid=draw(UUIDS),
                position=i + 1,
                category=draw(REQUIRED_TEXT),
                nationalities=tuple(
                    NationalityRecord(code, draw(st.none() | st.integers(0, 500)))
                    for code in draw(st.lists(st.sampled_from(["", "CN", "MY", "VN"]), max_size=3, unique=True))
                ),
                document_status=draw(st.sampled_from(list(DocumentStatus))),
                description=draw(TEXT),
            )
            for i in range(draw(st.integers(0, 3)))
        ),
        actions=tuple(
            ActionRecord(
                uuid=draw(UUIDS),
                position=i + 1,
                description=draw(REQUIRED_TEXT),
                due_date=draw(st.none() | DATES),
                status=draw(st.sampled_from(list(ActionStatus))),
            )
            for i in range(draw(st.integers(0, 3)))
        ),
        reviews=tuple(
            ReviewRecord(
                uuid=draw(UUIDS),
                position=i + 1,
                action_uuid=draw(UUIDS),
                description=draw(REQUIRED_TEXT),
                origin_meeting_date=draw(st.none() | DATES),
                note=draw(TEXT),
            )
            for i in range(draw(st.integers(0, 2)))
        ),
        conclusions=tuple(
            ConclusionRecord(uuid=draw(UUIDS), position=i + 1, text=draw(REQUIRED_TEXT))
            for i in range(draw(st.integers(0, 3)))
        ),
        created_at=dt.datetime(2024, 11, 21, 8, 0, 0),
        updated_at=dt.datetime(2024, 11, 21, 13, 0, 0),
    )
    return MeetingBundle(meeting=meeting, persons=persons, agencies=agencies)


def _document(path: Path) -> dict:
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(bundle=bundles())
def test_export_import_export_gives_the_same_content(tmp_path_factory, bundle):
    folder = tmp_path_factory.mktemp("roundtrip")
    first_store = open_store(folder / "a.sqlite")
    with first_store.session() as s:
        meeting_id = import_bundle(s, bundle).id
    with first_store.session() as s:
        export_meeting(s, meeting_id, folder / "first.json")
    first_store.close()

    second_store = open_store(folder / "b.sqlite")
    with second_store.session() as s:
        meeting_id = import_bundle(s, read_exchange_file(folder / "first.json")).id
    with second_store.session() as s:
        export_meeting(s, meeting_id, folder / "second.json")
    second_store.close()

    first = _document(folder / "first.json")
    assert first == _document(folder / "second.json")
    jsonschema.validate(first, SCHEMA)


def _jpeg(color=(200, 30, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (320, 240), color).save(buf, "JPEG")
    return buf.getvalue()


def test_a_package_carries_attachments_and_persons(demo_store, empty_db, tmp_path):
    with demo_store.session() as s:
        add_attachment(
            s,
            demo_store.demo_meeting_id,
            filename="foto rapat.jpg",
            content=_jpeg(),
            caption="Suasana <rapat> & diskusi",
        )
        export_meeting(s, demo_store.demo_meeting_id, tmp_path / "rapat.timpora")
    with zipfile.ZipFile(tmp_path / "rapat.timpora") as package:
        names = package.namelist()
        document = json.loads(package.read("meeting.json"))
    assert "meeting.json" in names and any(n.startswith("attachments/") for n in names)
    jsonschema.validate(document, SCHEMA)

    other = open_store(empty_db)
    with other.session() as s:
        meeting = import_bundle(s, read_exchange_file(tmp_path / "rapat.timpora"))
        photo = meeting.attachments[0]
        assert photo.caption == "Suasana <rapat> & diskusi"
        assert photo.content == _jpeg() and photo.print_image
        assert meeting.chair.name == "Antonius Frizky, S.C.P."
        export_meeting(s, meeting.id, tmp_path / "again.timpora")
    other.close()


def test_the_published_schema_is_current():
    assert (ROOT / "docs" / "exchange-format.schema.json").read_text(encoding="utf-8") == schema_text()


# --- through the command line: refusals leave the store byte-for-byte unchanged ------------------


def timpora(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**__import__("os").environ, "TIMPORA_LANG": "id"},
    )


@pytest.fixture
def exported(tmp_path):
    db = tmp_path / "store.sqlite"
    assert timpora("--db", str(db), "init").returncode == 0
    assert timpora("--db", str(db), "demo").returncode == 0
    assert timpora("--db", str(db), "export", "2", str(tmp_path / "demo.json")).returncode == 0
    return db, json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))


def _bad_files(tmp_path: Path, document: dict) -> dict[str, Path]:
    files = {}
    files["malformed"] = tmp_path / "malformed.json"
    files["malformed"].write_text('{"format": "notulen-timpora/meeting", "version": 1, "meeting": {', encoding="utf-8")
    future = json.loads(json.dumps(document))
    future["version"] = 99
    files["future"] = tmp_path / "future.json"
    files["future"].write_text(json.dumps(future), encoding="utf-8")
    dateless = json.loads(json.dumps(document))
    dateless["meeting"]["uuid"] = str(uuid.uuid4())
    del dateless["meeting"]["date"]
    files["dateless"] = tmp_path / "dateless.json"
    files["dateless"].write_text(json.dumps(dateless), encoding="utf-8")
    files["not json"] = tmp_path / "photo.json"
    files["not json"].write_bytes(_jpeg())
    files["wrong type"] = tmp_path / "types.json"
    wrong = json.loads(json.dumps(document))
    wrong["meeting"]["uuid"] = str(uuid.uuid4())
    wrong["meeting"]["findings"] = [{"uuid": str(uuid.uuid4()), "position": "satu", "category": "x"}]
    files["wrong type"].write_text(json.dumps(wrong), encoding="utf-8")
    return files


def test_bad_files_exit_1_with_one_line_and_leave_the_store_unchanged(tmp_path, exported):
    db, document = exported
    before = db.read_bytes()
    for name, path in _bad_files(tmp_path, document).items():
        result = timpora("--db", str(db), "import", str(path))
        assert result.returncode == 1, name
        assert len(result.stderr.strip().splitlines()) == 1, (name, result.stderr)
        assert "Traceback" not in result.stderr
        assert db.read_bytes() == before, name
    missing = timpora("--db", str(db), "import", str(tmp_path / "nowhere.json"))
    assert missing.returncode == 1 and db.read_bytes() == before


def test_importing_a_meeting_already_there_says_so(tmp_path, exported):
    db, _ = exported
    result = timpora("--db", str(db), "import", str(tmp_path / "demo.json"))
    assert result.returncode == 1
    assert "sudah ada" in result.stderr
    listing = timpora("--db", str(db), "meetings").stdout.splitlines()
    assert len(listing) == 2
