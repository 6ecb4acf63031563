"""The minutes PDF as a file: unique subset tags, PDF/A-2b rule by rule, and what a signed file keeps.

Read back with poppler (pdffonts, pdfsig) and pikepdf (qpdf): readers that share no code with
reportlab or pyHanko.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import subprocess
from pathlib import Path

import pikepdf
import pytest

from app.db import open_store
from app.documents.exports import export_attendance_sheet, export_minutes
from app.services.revisions import finalize_meeting
from app.signing.appearance import SignerDetails
from app.signing.certificates import load_identity
from app.signing.pades import sign_pdf
from tests.support.signing import PASSPHRASE, make_certificate, pdfsig, write_p12

SIGNED_AT = dt.datetime(2024, 11, 21, 12, 45, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(scope="module")
def signed_twice(demo_db, tmp_path_factory) -> Path:
    """The demo minutes signed by the chair, then by the secretary (two stamps of Noto Sans)."""
    folder = tmp_path_factory.mktemp("signed")
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        finalize_meeting(session, meeting_id)  # a draft's minutes are not signed
        export_minutes(session, meeting_id, folder / "notula.pdf")
    store.close()
    data = (folder / "notula.pdf").read_bytes()
    for role, name in (("chair", "Antonius Frizky, S.C.P."), ("secretary", "Rina Marlina, S.H.")):
        # One key per signer, valid on the fixed signing day.
        key, cert = make_certificate(
            common=name.split(",")[0],
            not_before=SIGNED_AT - dt.timedelta(days=30),
            not_after=SIGNED_AT + dt.timedelta(days=30 * 365),  # still valid whenever the suite runs
        )
        identity = load_identity(write_p12(folder / f"{role}.p12", key, cert), PASSPHRASE)
        details = SignerDetails(name=name, position="Jabatan " + role, id_number="198001012005011001")
        data = sign_pdf(data, identity, role=role, details=details, signed_at=SIGNED_AT, zone="WIB")
    signed = folder / "notula-ttd.pdf"
    signed.write_bytes(data)
    return signed


def subset_fonts(pdf: Path) -> list[tuple[str, str]]:
    """(tag, font name) of every embedded subset pdffonts lists, one row per font object."""
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    out = []
    for line in rows.splitlines()[2:]:
        match = re.match(r"([A-Z]{6})\+(\S+)", line)
        assert match, f"not a tagged subset: {line}"
        out.append((match.group(1), match.group(2)))
    return out


def test_every_subset_in_a_signed_file_has_a_tag_of_its_own(signed_twice):
    assert [s["Signature Validation"] for s in pdfsig(signed_twice)] == ["Signature is Valid."] * 2
    subsets = subset_fonts(signed_twice)
    names = [f"{tag}+{font}" for tag, font in subsets]
    # the body (Arimo) and the two stamps (Noto Sans, regular and bold, one subset per stamp)
    assert sum(font.startswith("NotoSans-Regular") for _, font in subsets) >= 2
    assert len(set(names)) == len(names), names
    tags = [tag for tag, _ in subsets]
    assert len(set(tags)) == len(tags), tags
    assert "AAAAAA" not in tags


# --- PDF/A-2b (ISO 19005-2, level B), rule by rule --------------------------------------------
# No full validator could be installed here (veraPDF is in none of the registries this project
# uses); each rule app/documents/archive.py relies on is checked with pikepdf (qpdf) instead.


@pytest.fixture(scope="module")
def archive_files(demo_pdf, demo_db, signed_twice, tmp_path_factory) -> dict[str, Path]:
    """The demo minutes (photos, emblem), the blank daftar hadir, and the minutes signed twice."""
    path, meeting_id = demo_db
    sheet = tmp_path_factory.mktemp("sheet") / "daftar-hadir.pdf"
    store = open_store(path)
    with store.session() as session:
        export_attendance_sheet(session, meeting_id, sheet, paper="f4")
    store.close()
    return {"minutes": demo_pdf[0], "sheet": sheet, "signed": signed_twice, "scanned": _scanned_minutes(sheet.parent)}


def _scanned_minutes(folder: Path) -> Path:
    """The demo minutes with Lampiran I as a two-page scanned PDF (its pages drawn as pictures)
    and a JPEG photo of the sheet would be the same pictures: the PDF is the harder case."""
    from app.services.demo import load_demo
    from app.services.scanned_sheet import attach_signed_sheet
    from tests.documents.test_scanned_sheet import scan_pdf

    store = open_store(folder / "scanned.sqlite")
    with store.session() as session:
        meeting_id = load_demo(session)
        attach_signed_sheet(session, meeting_id, filename="daftar-hadir-ttd.pdf", content=scan_pdf(2))
        export_minutes(session, meeting_id, folder / "scanned.pdf", attendance_appendix="scan")
    store.close()
    return folder / "scanned.pdf"


FILES = ["minutes", "sheet", "signed", "scanned"]


def _objects(pdf: pikepdf.Pdf):
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream)]


@pytest.mark.parametrize("name", FILES)
def test_pdfa_6_1_2_header_and_binary_comment(archive_files, name):
    head = archive_files[name].read_bytes()[:64].split(b"\n")
    assert re.fullmatch(rb"%PDF-1\.[0-7]\r?", head[0])
    assert head[1].startswith(b"%") and sum(byte > 127 for byte in head[1][1:5]) == 4


@pytest.mark.parametrize("name", FILES)
def test_pdfa_6_1_3_trailer_has_an_id_and_no_encryption(archive_files, name):
    with pikepdf.open(archive_files[name]) as pdf:
        assert "/ID" in pdf.trailer and len(pdf.trailer.ID) == 2
        assert "/Encrypt" not in pdf.trailer
        assert pdf.check_pdf_syntax() == []  # qpdf's own structural check


@pytest.mark.parametrize("name", FILES)
def test_pdfa_6_1_7_and_6_1_10_filters_are_allowed_ones(archive_files, name):
    allowed = {"/FlateDecode", "/DCTDecode", "/ASCII85Decode", "/ASCIIHexDecode", "/RunLengthDecode"}
    with pikepdf.open(archive_files[name]) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                filters = obj.get("/Filter")
                names = [] if filters is None else [filters] if isinstance(filters, pikepdf.Name) else list(filters)
                assert {str(f) for f in names} <= allowed
                assert "/F" not in obj.stream_dict  # no external stream data


@pytest.mark.parametrize("name", FILES)
def test_pdfa_6_2_3_an_srgb_output_intent(archive_files, name):
    with pikepdf.open(archive_files[name]) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == "/GTS_PDFA1" and str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        profile = intent.DestOutputProfile
        assert profile.N == 3
        icc = profile.read_bytes()
        assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "


@pytest.mark.parametrize("name", FILES)
def test_pdfa_6_2_4_3_no_device_cmyk(archive_files, name):
    with pikepdf.open(archive_files[name]) as pdf:
        streams = [page for page in pdf.pages]
        streams += [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form"]
        for stream in streams:
            operators = {str(op) for _operands, op in pikepdf.parse_content_stream(stream)}
            assert not operators & {"k", "K"}
        for obj in _objects(pdf):
            assert obj.get("/ColorSpace") != "/DeviceCMYK"


def _truetype_cmaps(font_file: bytes) -> list[tuple[int, int]]:
    """(platform, encoding) of each subtable of a TrueType font program's cmap table."""
    tables = struct.unpack(">H", font_file[4:6])[0]
    for n in range(tables):
        tag, _checksum, offset, _length = struct.unpack(">4sIII", font_file[12 + 16 * n : 28 + 16 * n])
        if tag == b"cmap":
            count = struct.unpack(">H", font_file[offset + 2 : offset + 4])[0]
            return [struct.unpack(">HH", font_file[offset + 4 + 8 * i : offset + 8 + 8 * i]) for i in range(count)]
    return []


@pytest.mark.parametrize("name", FILES)
def test_pdfa_6_2_11_fonts_embedded_and_symbolic_truetype_cmaps(archive_files, name):
    seen = 0
    with pikepdf.open(archive_files[name]) as pdf:
        for obj in _objects(pdf):
            if obj.get("/Type") != "/Font" or obj.get("/Subtype") == "/Type3":
                continue
            seen += 1
            descriptor = obj.FontDescriptor
            # 6.2.11.4: the font program is embedded
            assert "/FontFile2" in descriptor
            # 6.2.11.6: a symbolic TrueType font has no Encoding, and its cmap one subtable or (3,0)
            if int(descriptor.Flags) & 4:
                assert "/Encoding" not in obj
                cmaps = _truetype_cmaps(descriptor.FontFile2.read_bytes())
                assert len(cmaps) == 1 or (3, 0) in cmaps, cmaps
    assert seen >= 2


def test_pdfa_6_3_annotations_print_and_have_a_normal_appearance_only(archive_files):
    with pikepdf.open(archive_files["signed"]) as pdf:
        widgets = [a for page in pdf.pages for a in page.get("/Annots", [])]
        assert len(widgets) == 2
        for widget in widgets:
            flags = int(widget.F)
            assert flags & 4 and not flags & (1 | 2 | 32 | 256)  # Print; not Invisible/Hidden/NoView/ToggleNoView
            assert set(widget.AP.keys()) == {"/N"}
        assert not pdf.Root.AcroForm.get("/NeedAppearances", False)


@pytest.mark.parametrize("name", FILES)
def test_pdfa_6_1_no_javascript_nor_launch_actions(archive_files, name):
    data = archive_files[name].read_bytes()
    with pikepdf.open(archive_files[name]) as pdf:
        assert "/Names" not in pdf.Root or "/JavaScript" not in pdf.Root.Names
        assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root
    assert b"/JavaScript" not in data and b"/Launch" not in data


def _instant(value: str) -> dt.datetime:
    if value.startswith("D:"):
        match = re.fullmatch(r"D:(\d{14})(Z|[+-]\d\d'\d\d'?)?", value)
        assert match, value
        stamp = dt.datetime.strptime(match.group(1), "%Y%m%d%H%M%S")
        zone = match.group(2) or "Z"
        offset = dt.timedelta(0) if zone == "Z" else int(zone[:3]) * dt.timedelta(hours=1)
        return stamp.replace(tzinfo=dt.timezone(offset))
    return dt.datetime.fromisoformat(value)


@pytest.mark.parametrize("name", FILES)
def test_pdfa_6_6_2_xmp_says_pdfa_2b_and_matches_the_information_dictionary(archive_files, name):
    with pikepdf.open(archive_files[name]) as pdf:
        stream = pdf.Root.Metadata
        assert "/Filter" not in stream.stream_dict  # 6.6.2.1: readable without decoding
        assert stream.Type == "/Metadata" and stream.Subtype == "/XML"
        xmp = pdf.open_metadata()
        assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B"
        info = pdf.docinfo
        assert str(info.Title) == xmp["dc:title"] and "Rapat Koordinasi" in str(info.Title)
        assert [str(info.Author)] == xmp["dc:creator"]
        assert str(info.Subject) == xmp["dc:description"]
        assert str(info.Keywords) == (xmp.get("pdf:Keywords") or "")
        assert str(info.Creator) == xmp["xmp:CreatorTool"]
        assert str(info.Producer) == xmp["pdf:Producer"]
        assert _instant(str(info.CreationDate)) == _instant(xmp["xmp:CreateDate"])
        assert _instant(str(info.ModDate)) == _instant(xmp["xmp:ModifyDate"])
        if name == "signed":
            assert "pyHanko" in str(info.Producer)  # the update was recorded in both


@pytest.mark.parametrize("name", FILES)
def test_the_viewer_shows_the_title_and_knows_the_language(archive_files, name):
    with pikepdf.open(archive_files[name]) as pdf:
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.Root.Lang) == "id-ID"
        assert str(pdf.docinfo.Title) and str(pdf.docinfo.Subject)


def test_signing_keeps_both_signatures_valid_in_the_archive_file(archive_files):
    assert [s["Signature Validation"] for s in pdfsig(archive_files["signed"])] == ["Signature is Valid."] * 2


def test_the_xmp_packet_is_well_formed_whatever_the_title():
    from types import SimpleNamespace
    from xml.etree import ElementTree

    from reportlab.pdfbase.pdfdoc import TimeStamp

    from app.documents.archive import xmp_packet

    info = SimpleNamespace(
        title="Rapat <b>&</b> \x0bTIMPORA ✓ 王伟",
        author="Kantor & Co",
        subject="]]> <!--",
        keywords="",
        producer="ReportLab",
        creator="Notulen Timpora",
        trapped="False",
    )
    packet = xmp_packet(info, TimeStamp(invariant=1)).decode("utf-8")
    body = packet[packet.index("<x:xmpmeta") : packet.index("</x:xmpmeta>") + len("</x:xmpmeta>")]
    root = ElementTree.fromstring(body)
    titles = [el.text for el in root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li")]
    assert "Rapat <b>&</b> TIMPORA ✓ 王伟" in titles and "Kantor & Co" in titles
