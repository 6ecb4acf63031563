"""Hostile exchange files: every one refused by `timpora import` with one line, exit 1, no
traceback, the store byte-for-byte as it was, nothing written beside it, and memory bounded."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import os
import sqlite3
import struct
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from app.db import open_store
from app.services.errors import FormatError, UserError
from app.services.exchange import import_bundle, read_exchange_file
from app.services.package import MAX_ATTACHMENT_BYTES
from app.services.photos import make_print_copy, open_picture
from tests.support.postgres import both_backends

pytestmark = both_backends

ROOT = Path(__file__).resolve().parents[2]
MAX_RSS_MB = 300

# A child run under a parent that only waits for it: RUSAGE_CHILDREN is then that child's peak.
MEASURE = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[2:], capture_output=True, text=True)\n"
    "sys.stdout.write(r.stdout)\n"
    "sys.stderr.write(r.stderr)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, file=open(int(sys.argv[1]), 'w'))\n"
    "sys.exit(r.returncode)\n"
)


def timpora(*args: str, measure: bool = False) -> tuple[subprocess.CompletedProcess, int | None]:
    """Run the command; with `measure`, also its peak memory in MB."""
    command = [sys.executable, "-m", "app", *args]
    env = {**os.environ, "TIMPORA_LANG": "id"}
    if not measure:
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=180, env=env), None
    read_end, write_end = os.pipe()
    with os.fdopen(read_end) as peak:
        result = subprocess.run(
            [sys.executable, "-c", MEASURE, str(write_end), *command],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=180,
            env=env,
            pass_fds=(write_end,),
        )
        os.close(write_end)
        return result, int(peak.read().strip())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A store with the demo meetings, and the November meeting exported as .json and .timpora."""
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "store" / "timpora.sqlite"
    db.parent.mkdir()
    assert timpora("--db", str(db), "init")[0].returncode == 0
    assert timpora("--db", str(db), "demo")[0].returncode == 0
    exported = folder / "demo.json"
    assert timpora("--db", str(db), "export", "2", str(exported))[0].returncode == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["meeting"]["attachments"] = [attachment(jpeg())]
    return db, document


def test_the_unharmed_copy_imports(demo, tmp_path):
    """The control: what the cases below damage is itself a good file."""
    db, document = demo
    copy_db = tmp_path / "copy.sqlite"
    copy_db.write_bytes(db.read_bytes())
    result, _ = timpora("--db", str(copy_db), "import", str(write_json(tmp_path / "good.json", fresh(document))))
    assert result.returncode == 0, result.stderr


def _snapshot(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.iterdir())}


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() and str(folder) != "/dev" else []


def assert_refused(db: Path, path: Path | str, *, measure: bool = False, expect: str | None = None) -> int | None:
    before = _snapshot(db)
    beside = _names(Path(path).parent)
    result, peak = timpora("--db", str(db), "import", str(path), measure=measure)
    assert result.returncode == 1, (path, result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("timpora: ")
    assert "Traceback" not in result.stderr and result.stdout == ""
    if expect:
        assert expect in lines[0], lines[0]
    assert _snapshot(db) == before  # byte-identical, no -wal, -shm or stray file beside it
    assert _names(Path(path).parent) == beside  # nothing written beside the file either
    if measure:
        assert peak < MAX_RSS_MB, f"{path}: peak {peak} MB"
    return peak


def write_json(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def fresh(document: dict) -> dict:
    """A copy with a new meeting uuid and new row uuids, so only the hostile part can fail."""
    doc = copy.deepcopy(document)
    m = doc["meeting"]
    m["uuid"] = str(uuid.uuid4())
    for group in ("agenda", "attendances", "findings", "actions", "reviews", "conclusions", "attachments"):
        for row in m[group]:
            row["uuid"] = str(uuid.uuid4())
    return doc


def attachment(content: bytes, *, media_type: str = "image/jpeg", filename: str = "foto.jpg", kind: str = "photo"):
    return {
        "uuid": str(uuid.uuid4()),
        "position": 1,
        "filename": filename,
        "sha256": hashlib.sha256(content).hexdigest(),
        "kind": kind,
        "media_type": media_type,
        "caption": "",
        "size": len(content),
        "data": base64.b64encode(content).decode("ascii"),
    }


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "JPEG")
    return out.getvalue()


def package(path: Path, members: list[tuple[str, bytes]], *, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members:
            z.writestr(name, data)
    return path


# --- the document's content ---------------------------------------------------------------------


def _content_cases(document: dict) -> dict[str, dict]:
    cases: dict[str, dict] = {}

    def case(name: str, change) -> None:
        doc = fresh(document)
        change(doc)
        cases[name] = doc

    m = "meeting"
    case("10 MB title", lambda d: d[m].__setitem__("title", "Rapat " * 2_000_000))
    case("10 MB person name", lambda d: d["persons"][0].__setitem__("name", "N" * 10_000_000))
    case("10 MB caption", lambda d: d[m]["attachments"][0].__setitem__("caption", "c" * 10_000_000))
    case("negative position", lambda d: d[m]["agenda"][0].__setitem__("position", -3))
    case("position 0", lambda d: d[m]["conclusions"][0].__setitem__("position", 0))
    case("revision 0", lambda d: d[m].__setitem__("revision", 0))
    case("revision -1", lambda d: d[m].__setitem__("revision", -1))

    def persons(count):
        return lambda d: d[m]["findings"][0].__setitem__("nationalities", [{"nationality": "CN", "persons": count}])

    case("persons -1", persons(-1))
    case("persons 10^12", persons(10**12))
    case(
        "persons -1 in a version 1 file",
        lambda d: d[m]["findings"][0].update(persons=-1) or d[m]["findings"][0].pop("nationalities"),
    )
    case(
        "persons 10^12 in a version 1 file",
        lambda d: d[m]["findings"][0].update(persons=10**12) or d[m]["findings"][0].pop("nationalities"),
    )
    case("101 nationalities", lambda d: d[m]["findings"][0].__setitem__("nationalities", [{"persons": 1}] * 101))
    case("int 2^63", lambda d: d[m]["agenda"][0].__setitem__("position", 2**63))
    case("int -2^63-1", lambda d: d["agencies"][0].__setitem__("sort_order", -(2**63) - 1))
    case("attachment size -1", lambda d: d[m]["attachments"][0].__setitem__("size", -1))
    for bad in ("../../../etc/cron.d/x", "C:\\Windows\\x.exe", "", " ", "..", "a/b.jpg", "CON.jpg", "x\x07.jpg"):
        case(f"file name {bad!r}", lambda d, bad=bad: d[m]["attachments"][0].__setitem__("filename", bad))
    case("tz-aware start time", lambda d: d[m].__setitem__("start_time", "09:00+07:00"))
    case("tz-aware agenda time", lambda d: d[m]["agenda"][0].__setitem__("time", "09:30+07:00"))
    case(
        "unknown agency of an action", lambda d: d[m]["actions"][0].__setitem__("owner_agency_uuid", str(uuid.uuid4()))
    )
    case("unknown agency of a person", lambda d: d["persons"][0].__setitem__("agency_uuid", str(uuid.uuid4())))
    case("unknown person", lambda d: d[m].__setitem__("chair_uuid", str(uuid.uuid4())))
    case("not a uuid", lambda d: d[m].__setitem__("uuid", "not-a-uuid"))
    case(
        "same uuid twice by spelling",
        lambda d: d[m]["agenda"][1].__setitem__("uuid", d[m]["agenda"][0]["uuid"].upper()),
    )
    case(
        "unknown country",
        lambda d: d[m]["findings"][0].__setitem__("nationalities", [{"nationality": "XX", "persons": 1}]),
    )
    case(
        "same country twice",
        lambda d: d[m]["findings"][0].__setitem__(
            "nationalities", [{"nationality": "CN", "persons": 1}, {"nationality": "CN", "persons": 2}]
        ),
    )
    case(
        "unknown country in a version 1 file",
        lambda d: d[m]["findings"][0].update(nationality="XX", persons=1) or d[m]["findings"][0].pop("nationalities"),
    )
    case("bad NIP", lambda d: d["persons"][0].__setitem__("id_number", "12345678901234567890"))
    case("bad enum", lambda d: d[m].__setitem__("classification", "top secret"))
    case("date out of range", lambda d: d[m].__setitem__("date", "99999-01-01"))

    def signature(content: bytes):
        return lambda d: d["persons"][0].__setitem__("signature_image", base64.b64encode(content).decode())

    case("signature that is PostScript", signature(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"))
    case("signature that is HTML", signature(b"<html><script>alert(1)</script></html>"))

    def attach(content: bytes, **kwargs):
        return lambda d: d[m].__setitem__("attachments", [attachment(content, **kwargs)])

    case("HTML labelled image/jpeg", attach(b"<html><body>hi</body></html>"))
    case("PE labelled image/jpeg", attach(b"MZ\x90\x00" + b"\x00" * 200, filename="foto.jpg"))
    case(
        "PostScript as a photo",
        attach(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", media_type="application/postscript"),
    )
    case("JPEG labelled application/pdf", attach(jpeg(), media_type="application/pdf", kind="file"))
    case("truncated JPEG photo", attach(jpeg()[:60]))
    case("empty attachment", attach(b""))
    # a scan of the signed daftar hadir prints as Lampiran I: checked as one attached by hand
    script = b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF"
    case(
        "signed sheet with JavaScript",
        attach(script, media_type="application/pdf", filename="s.pdf", kind="signed_sheet"),
    )
    case(
        "signed sheet not a PDF",
        attach(b"%PDF-1.7\ngarbage\n%%EOF", media_type="application/pdf", filename="s.pdf", kind="signed_sheet"),
    )
    return cases


def test_hostile_content_is_refused_whole(demo, tmp_path):
    db, document = demo
    for name, doc in _content_cases(document).items():
        path = write_json(tmp_path / "case.json", doc)
        try:
            assert_refused(db, path)
        except AssertionError as exc:
            raise AssertionError(f"case {name!r}: {exc}") from None


def test_json_text_that_python_reads_but_a_store_cannot_keep(demo, tmp_path):
    db, document = demo
    text = json.dumps(fresh(document))
    title = json.dumps(document["meeting"]["title"])
    cases = {
        "lone surrogate": text.replace(title, '"Rapat \\ud800"', 1),
        "5000-digit number": text.replace('"revision": 1', '"revision": ' + "9" * 5000, 1),
        "NaN position": text.replace('"position": 1', '"position": NaN', 1),
        "nested 100000 deep": '{"format": "notulen-timpora/meeting", "version": 1, "meeting": '
        + "[" * 100_000
        + "]" * 100_000
        + "}",
    }
    for name, body in cases.items():
        path = tmp_path / "case.json"
        path.write_text(body, encoding="utf-8", errors="surrogatepass")
        try:
            assert_refused(db, path)
        except AssertionError as exc:
            raise AssertionError(f"case {name!r}: {exc}") from None
    (tmp_path / "latin1.json").write_bytes(text.replace(title, '"Rapat \xe9"').encode("latin-1", "replace"))
    assert_refused(db, tmp_path / "latin1.json")


def test_upper_case_and_braced_uuids_are_the_same_meeting(demo, tmp_path):
    """The stored meeting, re-spelled, is recognised: refused as already there, nothing duplicated."""
    db, document = demo
    for spell in (str.upper, lambda u: "{" + u + "}", lambda u: "urn:uuid:" + u):
        doc = copy.deepcopy(document)

        def respell(node, spell=spell):
            if isinstance(node, dict):
                return {
                    k: spell(v) if (k == "uuid" or k.endswith("_uuid")) and isinstance(v, str) else respell(v)
                    for k, v in node.items()
                }
            if isinstance(node, list):
                return [respell(v) for v in node]
            return node

        assert_refused(db, write_json(tmp_path / "respelled.json", respell(doc)), expect="sudah ada")


def test_a_copy_given_only_a_new_meeting_uuid_is_refused(demo, tmp_path):
    db, document = demo
    doc = copy.deepcopy(document)
    doc["meeting"]["uuid"] = str(uuid.uuid4())
    assert_refused(db, write_json(tmp_path / "copy.json", doc), expect="salinan")


# --- the file and the package ---------------------------------------------------------------------


def test_files_that_are_not_files(demo, tmp_path):
    db, _ = demo
    assert_refused(db, tmp_path, expect="folder")
    assert_refused(db, tmp_path / "missing.timpora")
    peak = assert_refused(db, "/dev/zero", measure=True, expect="terlalu besar")
    print(f"/dev/zero: peak {peak} MB")


def test_packages_built_to_hurt(demo, tmp_path):
    db, document = demo
    named = fresh(document)
    named["meeting"]["attachments"][0].pop("data")
    named["meeting"]["attachments"][0]["file"] = "attachments/foto.jpg"
    meeting_json = json.dumps(named).encode()
    doc_no_attachments = fresh(document)
    doc_no_attachments["meeting"]["attachments"] = []
    plain = json.dumps(doc_no_attachments).encode()

    cases: dict[str, Path] = {}
    cases["two meeting.json"] = tmp_path / "two.timpora"
    with pytest.warns(UserWarning), zipfile.ZipFile(cases["two meeting.json"], "w") as z:
        z.writestr("meeting.json", plain)
        z.writestr("meeting.json", plain)
    cases["no meeting.json"] = package(tmp_path / "none.timpora", [("other.json", plain)])
    cases["bzip2"] = package(tmp_path / "bz.timpora", [("meeting.json", plain)], method=zipfile.ZIP_BZIP2)
    cases["lzma"] = package(tmp_path / "lz.timpora", [("meeting.json", plain)], method=zipfile.ZIP_LZMA)
    # Encrypted: the flag bit set in the local and the central header.
    raw = bytearray(package(tmp_path / "enc.timpora", [("meeting.json", plain)]).read_bytes())
    central = raw.index(b"PK\x01\x02")
    for offset in (6, central + 8):
        (flags,) = struct.unpack_from("<H", raw, offset)
        struct.pack_into("<H", raw, offset, flags | 0x1)
    cases["encrypted"] = tmp_path / "enc.timpora"
    cases["encrypted"].write_bytes(bytes(raw))
    # Corrupt deflate: the compressed bytes overwritten in the middle.
    raw = bytearray(package(tmp_path / "corrupt.timpora", [("meeting.json", meeting_json)]).read_bytes())
    middle = len(raw) // 3
    raw[middle : middle + 64] = os.urandom(64)
    cases["corrupt deflate"] = tmp_path / "corrupt.timpora"
    cases["corrupt deflate"].write_bytes(bytes(raw))
    cases["truncated zip"] = tmp_path / "short.timpora"
    cases["truncated zip"].write_bytes(
        package(tmp_path / "whole.timpora", [("meeting.json", plain)]).read_bytes()[:200]
    )
    cases["attachment missing"] = package(tmp_path / "missing.timpora", [("meeting.json", meeting_json)])
    for name, path in cases.items():
        try:
            assert_refused(db, path)
        except AssertionError as exc:
            raise AssertionError(f"case {name!r}: {exc}") from None


def test_big_payloads_are_refused_early_in_bounded_memory(demo, tmp_path):
    """The attacks that took gigabytes: each refused under 300 MB peak, before the store opens."""
    db, document = demo
    peaks = {}
    # 200 MB title inside a package of ~200 KB.
    doc = fresh(document)
    doc["meeting"]["attachments"] = []
    doc["meeting"]["title"] = " " * (200 * 1024 * 1024)
    body = json.dumps(doc).encode()
    del doc
    small = package(tmp_path / "title.timpora", [("meeting.json", body)])
    del body
    assert small.stat().st_size < 1024 * 1024
    peaks["200 MB title in a .timpora"] = assert_refused(db, small, measure=True)
    # 100 MB of spaces, then a valid document (the whole .json over its cap).
    spaces = tmp_path / "spaces.json"
    with open(spaces, "wb") as out:
        for _ in range(100):
            out.write(b" " * (1024 * 1024))
        out.write(json.dumps(fresh(document)).encode())
    peaks["100 MB of spaces, then a document"] = assert_refused(db, spaces, measure=True, expect="terlalu besar")
    spaces.unlink()
    # A 60 MB attachment (the window allows 50 MB), stored uncompressed.
    big = os.urandom(MAX_ATTACHMENT_BYTES + 10 * 1024 * 1024)
    doc = fresh(document)
    entry = attachment(b"", media_type="application/octet-stream", filename="data.bin", kind="file")
    entry.pop("data")
    entry.update(sha256=hashlib.sha256(big).hexdigest(), size=len(big), file="attachments/big.bin")
    doc["meeting"]["attachments"] = [entry]
    with zipfile.ZipFile(tmp_path / "big.timpora", "w", zipfile.ZIP_STORED) as z:
        z.writestr("meeting.json", json.dumps(doc))
        z.writestr("attachments/big.bin", big)
    del big
    peaks["60 MB attachment"] = assert_refused(db, tmp_path / "big.timpora", measure=True)
    # An attachment of 30 MB of zeros: a ratio no photo or document has.
    zeros = b"\x00" * (30 * 1024 * 1024)
    entry = dict(entry, sha256=hashlib.sha256(zeros).hexdigest(), size=len(zeros), file="attachments/z.bin")
    doc["meeting"]["attachments"] = [entry]
    package(tmp_path / "bomb.timpora", [("meeting.json", json.dumps(doc).encode()), ("attachments/z.bin", zeros)])
    del zeros
    peaks["30 MB of zeros (ratio bomb)"] = assert_refused(db, tmp_path / "bomb.timpora", measure=True)
    # A 12000 × 12000 PNG photo (144 megapixels; Pillow's own limit only warns there).
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, "PNG")
    doc = fresh(document)
    doc["meeting"]["attachments"] = [attachment(out.getvalue(), media_type="image/png", filename="besar.png")]
    peaks["12000 × 12000 PNG"] = assert_refused(db, write_json(tmp_path / "png.json", doc), measure=True)
    print(json.dumps(peaks))


# --- in-process: pictures, and random damage to a real document ---------------------------------


def test_pictures_open_only_as_jpeg_or_png():
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n0 0 moveto showpage\n"
    for content in (eps, b"GIF89a" + b"\x00" * 100, b"BM" + b"\x00" * 100):
        with pytest.raises(FormatError):
            open_picture(content)
        with pytest.raises(FormatError):
            make_print_copy(content)
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(out, "PNG")
    data, width, height = make_print_copy(out.getvalue())
    assert data.startswith(b"\xff\xd8") and (width, height) == (300, 200)


def test_the_editor_refuses_the_same_pictures(store):
    """One rule for both doors: a signature or an emblem typed in the window is checked too."""
    from app.services.directory import create_person, update_person
    from app.services.office import update_office

    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
    out = io.BytesIO()
    Image.new("RGB", (120, 40), "white").save(out, "PNG")
    with store.session() as session:
        person = create_person(session, name="Budi")
        with pytest.raises(UserError):
            update_person(session, person.id, signature_image=eps)
        with pytest.raises(UserError):
            update_office(session, emblem=b"<svg/>")
        update_person(session, person.id, signature_image=out.getvalue())
        assert person.signature_image == out.getvalue()


def _mutations(document: dict):
    """A path in the document and a JSON value to put there."""
    paths = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if key != "data":
                    paths.append((*path, key))
                    walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                paths.append((*path, index))
                walk(value, (*path, index))

    walk(document, ())
    values = st.recursive(
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**70), max_value=2**70)
        | st.floats(allow_nan=True)
        | st.text(max_size=30)
        | st.sampled_from(["", "{" + str(uuid.uuid4()).upper() + "}", "09:00+07:00", "2024-02-30", "../x", "\ud800"]),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=6,
    )
    return st.lists(st.tuples(st.sampled_from(paths), values), min_size=1, max_size=3)


@pytest.fixture(scope="module")
def demo_document(demo):
    return demo[1]


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("random") / "s.sqlite")
    yield store
    store.close()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_gives_a_user_error_or_a_clean_import(demo_document, empty_store, tmp_path, data):
    """Each example is read from a file and written into a store in a transaction rolled back."""
    doc = fresh(demo_document)
    for path, value in data.draw(_mutations(doc)):
        node = doc
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    file = tmp_path / "case.json"
    file.write_text(json.dumps(doc), encoding="utf-8", errors="surrogatepass")
    session = empty_store.session_factory()
    try:
        import_bundle(session, read_exchange_file(file))
        session.flush()
    except UserError as exc:
        assert "\n" not in str(exc)
    finally:
        session.rollback()
        session.close()


@pytest.fixture(scope="module")
def good_package(demo, tmp_path_factory):
    """A real .timpora with a photo: the bytes the next test damages."""
    _, document = demo
    doc = fresh(document)
    photo = jpeg()
    entry = doc["meeting"]["attachments"][0]
    entry.pop("data")
    entry["file"] = f"attachments/{entry['uuid']}.jpg"
    path = tmp_path_factory.mktemp("package") / "good.timpora"
    package(path, [("meeting.json", json.dumps(doc).encode()), (entry["file"], photo)])
    read_exchange_file(path)  # the control: undamaged, it reads
    return path.read_bytes()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_to_a_package_gives_a_user_error_or_a_good_read(good_package, tmp_path, data):
    raw = bytearray(good_package)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    file = tmp_path / "case.timpora"
    file.write_bytes(bytes(raw))
    try:
        read_exchange_file(file)
    except UserError as exc:
        assert "\n" not in str(exc)


def test_a_big_good_package_imports_one_attachment_at_a_time(demo, tmp_path):
    """Six 45 MB attachments (270 MB): held all at once this peaked past 400 MB."""
    db, document = demo
    copy_db = tmp_path / "store" / "timpora.sqlite"
    copy_db.parent.mkdir()
    copy_db.write_bytes(db.read_bytes())
    doc = fresh(document)
    doc["meeting"]["attachments"] = []
    path = tmp_path / "besar.timpora"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        hashes = []
        for position in range(1, 7):
            content = os.urandom(45 * 1024 * 1024)
            hashes.append(hashlib.sha256(content).hexdigest())
            entry = attachment(
                b"", media_type="application/octet-stream", filename=f"berkas{position}.bin", kind="file"
            )
            entry.pop("data")
            member = f"attachments/{entry['uuid']}.bin"
            entry.update(position=position, sha256=hashes[-1], size=len(content), file=member)
            doc["meeting"]["attachments"].append(entry)
            z.writestr(member, content)
            del content
        z.writestr("meeting.json", json.dumps(doc))
    result, peak = timpora("--db", str(copy_db), "import", str(path), measure=True)
    assert result.returncode == 0, result.stderr
    print(f"270 MB package: peak {peak} MB")
    assert peak < MAX_RSS_MB
    with sqlite3.connect(copy_db) as conn:
        stored = conn.execute(
            "SELECT a.sha256, length(a.content) FROM attachments a JOIN meetings m ON m.id = a.meeting_id"
            " WHERE m.uuid = ? ORDER BY a.position",
            (doc["meeting"]["uuid"],),
        ).fetchall()
    conn.close()
    assert [sha for sha, _ in stored] == hashes and all(size == 45 * 1024 * 1024 for _, size in stored)
