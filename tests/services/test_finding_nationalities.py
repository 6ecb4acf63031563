"""Several nationalities per finding (issue 18): the use cases, the migration on SQLite and
PostgreSQL, exchange files of both versions, undo of a deletion, and frozen records of before."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from app.db import alembic_config
from app.documents.exports import export_minutes
from app.models import Finding, FindingNationality, Meeting, MeetingRevision
from app.models.enums import MeetingStatus
from app.services import findings, meetings
from app.services.errors import FormatError, ValidationError
from app.services.exchange import bundle_to_document, document_to_bundle, import_bundle
from app.services.printed import printed_record
from app.services.records import NationalityRecord, content_sha256, load_bundle
from app.services.restore import restore_row, snapshot_row
from tests.support import pdftools
from tests.support.postgres import both_backends

pytestmark = both_backends

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _involved(finding: Finding) -> list[tuple[str, int | None]]:
    return [(n.nationality, n.persons) for n in finding.nationalities]


def _meeting(session, **kw) -> Meeting:
    return meetings.create_meeting(session, title="Rapat Koordinasi", date=dt.date(2024, 11, 21), **kw)


def test_a_finding_lists_nationalities_and_the_first_is_the_forms_own_fields(store):
    with store.session() as s:
        m = _meeting(s)
        f = findings.add_finding(s, m.id, category="TKA ilegal", nationalities=[("cn", 3), ("VN", 2)])
        assert _involved(f) == [("CN", 3), ("VN", 2)]
        findings.update_finding(s, f.id, persons=4)  # the first row's number
        findings.update_finding(s, f.id, more_nationalities=[("VN", 2), ("MM", None)])
        assert _involved(f) == [("CN", 4), ("VN", 2), ("MM", None)]
        findings.update_finding(s, f.id, nationality="", persons=None)  # the first emptied: the next moves up
        assert _involved(f) == [("VN", 2), ("MM", None)]
        assert [n.position for n in f.nationalities] == [1, 2]
        findings.update_finding(s, f.id, nationalities=[])
        one = findings.add_finding(s, m.id, category="Overstay", nationality="MY", persons=1)
        fid, one_id = f.id, one.id
    with store.session() as s:
        assert _involved(s.get(Finding, fid)) == [] and _involved(s.get(Finding, one_id)) == [("MY", 1)]
        assert s.scalar(select(FindingNationality.finding_id)) == one_id  # no row left behind


@pytest.mark.parametrize(
    "change, message",
    [
        ({"persons": 0}, "Jumlah orang harus antara 1 dan 1.000.000."),
        ({"persons": -2}, "Jumlah orang harus antara 1 dan 1.000.000."),
        ({"persons": 1_000_001}, "Jumlah orang harus antara 1 dan 1.000.000."),
        ({"persons": "tiga"}, "Jumlah orang harus bilangan bulat."),
        ({"nationality": "XX"}, "XX bukan kode negara yang dikenal."),
        ({"more_nationalities": [("VN", 0)]}, "Jumlah orang harus antara 1 dan 1.000.000."),
        ({"more_nationalities": [("ZZ", 1)]}, "ZZ bukan kode negara yang dikenal."),
        ({"more_nationalities": [("CN", 1)]}, "Tiongkok tercantum dua kali."),
        ({"nationalities": [("VN", 1)] * 2}, "Vietnam tercantum dua kali."),
        ({"nationalities": [("", n + 1) for n in range(101)]}, "Satu temuan memuat paling banyak 100 kewarganegaraan."),
    ],
)
def test_bad_input_is_one_indonesian_sentence_and_changes_nothing(store, change, message):
    with store.session() as s:
        m = _meeting(s)
        fid = findings.add_finding(s, m.id, category="TKA ilegal", nationalities=[("CN", 3), ("VN", 2)]).id
    with store.session() as s:
        with pytest.raises(ValidationError) as refused:
            findings.update_finding(s, fid, **change)
        assert str(refused.value) == message
        assert _involved(s.get(Finding, fid)) == [("CN", 3), ("VN", 2)]
    with store.session() as s:
        assert _involved(s.get(Finding, fid)) == [("CN", 3), ("VN", 2)]


def _downgraded(store):
    config = alembic_config(store.engine)
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "render_register")
    return config


def test_the_migration_makes_each_findings_nationality_its_first_row_on_both_backends(store):
    with store.session() as s:
        m = _meeting(s)
        ids = [findings.add_finding(s, m.id, category=f"Temuan {n}").id for n in range(4)]
        several = findings.add_finding(s, m.id, category="Dua", nationalities=[("CN", 3), ("VN", 2)]).id
    config = _downgraded(store)
    with store.engine.begin() as conn:
        # the single columns again: the first row of a finding of several went back into them
        assert conn.execute(text("SELECT nationality, persons FROM findings WHERE id = :i"), {"i": several}).one() == (
            "CN",
            3,
        )
        for fid, (code, persons) in zip(ids, [("CN", 4), ("", 5), ("VN", None), ("", None)], strict=True):
            conn.execute(
                text("UPDATE findings SET nationality = :c, persons = :p WHERE id = :i"),
                {"c": code, "p": persons, "i": fid},
            )
        before = [tuple(r) for r in conn.execute(text("SELECT id, category, location FROM findings ORDER BY id"))]
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    with store.engine.connect() as conn:
        columns = list(conn.execute(text("SELECT * FROM findings")).keys())
        after = [tuple(r) for r in conn.execute(text("SELECT id, category, location FROM findings ORDER BY id"))]
        rows = conn.execute(
            text("SELECT finding_id, position, nationality, persons FROM finding_nationalities ORDER BY finding_id")
        ).all()
    assert "nationality" not in columns and "persons" not in columns
    assert after == before  # every other word as it was
    assert [tuple(r) for r in rows] == [
        (ids[0], 1, "CN", 4),
        (ids[1], 1, "", 5),
        (ids[2], 1, "VN", None),
        (several, 1, "CN", 3),  # its second nationality had no place in the old columns
    ]
    with store.session() as s:
        assert _involved(s.get(Finding, ids[0])) == [("CN", 4)]


def test_deleting_a_finding_takes_its_rows_and_undo_brings_them_back(store):
    with store.session() as s:
        m = _meeting(s)
        f = findings.add_finding(s, m.id, category="TKA ilegal", nationalities=[("CN", 3), ("VN", 2)])
        snapshot = snapshot_row(f)
        findings.delete_finding(s, f.id)
    with store.session() as s:
        assert s.scalar(select(FindingNationality.id)) is None  # cascaded
        back = restore_row(s, snapshot)
        fid = back.id
    with store.session() as s:
        assert _involved(s.get(Finding, fid)) == [("CN", 3), ("VN", 2)]


def test_a_version_2_file_carries_the_rows_and_a_version_1_file_still_imports(store):
    with store.session() as s:
        m = _meeting(s)
        findings.add_finding(s, m.id, category="TKA ilegal", nationalities=[("CN", 3), ("VN", 2)])
        findings.add_finding(s, m.id, category="Overstay", nationality="MY", persons=1)
        findings.add_finding(s, m.id, category="Spionase")
        document = bundle_to_document(load_bundle(s, m.id), embed_files=True)
    assert document["version"] == 2
    assert document["meeting"]["findings"][0]["nationalities"] == [
        {"nationality": "CN", "persons": 3},
        {"nationality": "VN", "persons": 2},
    ]
    assert "nationality" not in document["meeting"]["findings"][0]
    # what an app from before issue 18 wrote: one nationality and persons, version 1
    old = json.loads(json.dumps(document))
    old["version"] = 1
    old["meeting"]["uuid"] = "5c0d8a5e-1111-4b7a-9a39-000000000001"
    for n, finding in enumerate(old["meeting"]["findings"]):
        first = (finding.pop("nationalities") or [{"nationality": "", "persons": None}])[0]
        finding.update(first, uuid=f"5c0d8a5e-2222-4b7a-9a39-00000000000{n}")
    bundle = document_to_bundle(old)
    assert [f.nationalities for f in bundle.meeting.findings] == [
        (NationalityRecord("CN", 3),),
        (NationalityRecord("MY", 1),),
        (),
    ]
    with store.session() as s:
        imported = import_bundle(s, bundle)
        assert [_involved(f) for f in imported.findings] == [[("CN", 3)], [("MY", 1)], []]
    newer = {**document, "version": 3}
    with pytest.raises(FormatError, match="format versi 3"):
        document_to_bundle(newer)


def test_one_nationality_hashes_as_the_single_fields_several_as_the_list(store):
    with store.session() as s:
        m = _meeting(s)
        findings.add_finding(s, m.id, category="TKA ilegal", nationality="CN", persons=3)
        bundle = load_bundle(s, m.id)
    one = bundle.meeting.findings[0]

    def with_rows(*rows: NationalityRecord):
        finding = dataclasses.replace(one, nationalities=rows)
        return dataclasses.replace(bundle, meeting=dataclasses.replace(bundle.meeting, findings=(finding,)))

    hashes = [
        content_sha256(with_rows()),
        content_sha256(with_rows(NationalityRecord("CN", 3))),
        content_sha256(with_rows(NationalityRecord("CN", 3), NationalityRecord("VN", 2))),
        content_sha256(with_rows(NationalityRecord("CN", 3), NationalityRecord("VN", 1))),
    ]
    assert len(set(hashes)) == 4 and hashes[1] == content_sha256(bundle)


def test_minutes_frozen_before_issue_18_print_and_hash_exactly_as_then(store, tmp_path):
    """A snapshot in the old shape (one `nationality`, `persons`, format version 1), as an older
    app stored it when the meeting was finalized: read again, it prints the same text and keeps
    the content hash its QR code carries (both taken from that app: tests/fixtures)."""
    stored = json.loads((FIXTURES / "snapshot_before_nationalities.json").read_text(encoding="utf-8"))
    snapshot = stored["snapshot"]
    assert snapshot["version"] == 1 and "nationality" in snapshot["meeting"]["findings"][0]
    with store.session() as s:
        m = _meeting(s)
        m.uuid, m.status, m.revision = snapshot["meeting"]["uuid"], MeetingStatus.FINAL, 1
        s.flush()
        s.add(
            MeetingRevision(
                meeting_id=m.id,
                revision=1,
                snapshot_json=json.dumps(snapshot),
                content_sha256=stored["content_sha256"],
            )
        )
        mid = m.id
    with store.session() as s:
        printed = printed_record(s, mid)
        assert [[(n.nationality, n.persons) for n in f.nationalities] for f in printed.bundle.meeting.findings] == [
            [("CN", 3)],
            [("", 5)],
            [],
            [("VN", None)],
        ]
        assert content_sha256(printed.bundle) == stored["content_sha256"] == printed.content_sha256
        export_minutes(s, mid, tmp_path / "old.pdf", include_attendance=False)
    then = (FIXTURES / "minutes_before_nationalities.txt").read_text(encoding="utf-8")
    now = pdftools.text(tmp_path / "old.pdf", layout=True)
    assert _lines(now) == _lines(then)


def _lines(layout: str) -> list[str]:
    return [line.rstrip() for line in layout.replace("\f", "\n").splitlines() if line.strip()]


def test_an_amendment_compared_with_a_revision_frozen_before_shows_only_real_changes(store):
    from app.services.revisions import diff_documents

    stored = json.loads((FIXTURES / "snapshot_before_nationalities.json").read_text(encoding="utf-8"))
    before = stored["snapshot"]
    now = document_to_bundle(before)  # read as today's records, written in today's shape
    document = bundle_to_document(now, embed_files=False)
    assert "nationalities" in document["meeting"]["findings"][0]
    assert [c for c in diff_documents(before, document) if c["section"] == "findings"] == []
    findings_now = document["meeting"]["findings"]
    findings_now[0]["nationalities"].append({"nationality": "VN", "persons": 2})
    (change,) = [c for c in diff_documents(before, document) if c["section"] == "findings"]
    assert change["change"] == "changed" and change["fields"] == ["nationalities"]
