"""Helpers for the signing tests: minutes-like PDFs, certificates of every kind, poppler's pdfsig.

The real minutes renderer is built elsewhere; these PDFs honour the same contract
(app/documents/metadata.py): pages of text, a signature block with two boxes on the last page,
and the metadata stamped in the info dictionary.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.documents.metadata import MinutesMetadata, SignatureBox, stamp
from app.signing.appearance import BOLD, REGULAR, register_fonts

PASSPHRASE = "rahasia-kantor-2024"
MEETING_UUID = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
CONTENT_SHA = "5" * 64

LOREM = (
    "Rapat dibuka oleh Pimpinan Rapat pada pukul 09.00 WIB. Peserta rapat menyampaikan laporan "
    "mengenai keberadaan dan kegiatan orang asing di wilayah Kota Lubuklinggau, Kabupaten Musi Rawas "
    "dan Kabupaten Musi Rawas Utara, termasuk temuan tenaga kerja asing pada perusahaan perkebunan."
)

# The signature block of the last page: two columns of A4 with 2.5 cm margins.
CHAIR_BOX = SignatureBox(page=0, x0=72.0, y0=250.0, x1=272.0, y1=320.0)
SECRETARY_BOX = SignatureBox(page=0, x0=323.0, y0=250.0, x1=523.0, y1=320.0)


@dataclass(frozen=True)
class Signatory:
    role_title: str
    position: str
    name: str
    nip: str


CHAIR = Signatory(
    "Pimpinan Rapat,",
    "Kepala Seksi Intelijen dan Penindakan Keimigrasian",
    "Drs. Ahmad Fauzi Rahman, S.H., M.Si.",
    "198001012005011001",
)
SECRETARY = Signatory("Notulis,", "Analis Keimigrasian Ahli Pertama", "Siti Nurhaliza, S.Kom.", "199203152019022003")


def minutes_pdf(
    path: Path,
    *,
    pages: int = 3,
    meeting_uuid: str = MEETING_UUID,
    revision: int = 1,
    content_sha256: str = CONTENT_SHA,
    qr_png: bytes | None = None,
    show_boxes: bool = False,
    scanned_signature: bool = False,
) -> MinutesMetadata:
    """Write a minutes-like PDF of `pages` A4 pages; the signature block is on the last page."""
    register_fonts()
    last = pages - 1
    boxes = {
        "chair": SignatureBox(last, CHAIR_BOX.x0, CHAIR_BOX.y0, CHAIR_BOX.x1, CHAIR_BOX.y1),
        "secretary": SignatureBox(last, SECRETARY_BOX.x0, SECRETARY_BOX.y0, SECRETARY_BOX.x1, SECRETARY_BOX.y1),
    }
    metadata = MinutesMetadata(meeting_uuid=meeting_uuid, revision=revision, content_sha256=content_sha256, boxes=boxes)
    canvas = Canvas(str(path), pagesize=A4, initialFontName=REGULAR)
    canvas.setTitle("Notulen Rapat Koordinasi Tim PORA")
    for number in range(pages):
        _body_page(canvas, number, pages)
        if number == last:
            _signature_block(canvas, boxes, qr_png=qr_png, show_boxes=show_boxes, scanned=scanned_signature)
        canvas.showPage()
    stamp(canvas, metadata)
    canvas.save()
    return metadata


def _body_page(canvas: Canvas, number: int, pages: int) -> None:
    width, height = A4
    canvas.setFont(BOLD, 12)
    if number == 0:
        canvas.drawCentredString(width / 2, height - 90, "NOTULEN RAPAT")
        canvas.drawCentredString(width / 2, height - 106, "RAPAT KOORDINASI TIM PENGAWASAN ORANG ASING")
    canvas.setFont(REGULAR, 11)
    y = height - 140
    text = canvas.beginText(72, y)
    text.setFont(REGULAR, 11)
    from reportlab.lib.utils import simpleSplit

    lines_room = 12 if number == pages - 1 else 40
    lines = (simpleSplit(LOREM, REGULAR, 11, width - 144) * 20)[:lines_room]
    for line in lines:
        text.textLine(line)
    canvas.drawText(text)
    canvas.setFont(REGULAR, 9)
    canvas.drawCentredString(width / 2, 40, f"Halaman {number + 1} dari {pages}")


def _signature_block(
    canvas: Canvas, boxes: dict[str, SignatureBox], *, qr_png: bytes | None, show_boxes: bool, scanned: bool = False
) -> None:
    canvas.setFont(REGULAR, 11)
    canvas.drawString(SECRETARY_BOX.x0, 370, "Lubuklinggau, 21 November 2024")
    for role, person in (("chair", CHAIR), ("secretary", SECRETARY)):
        box = boxes[role]
        canvas.setFont(REGULAR, 11)
        canvas.drawString(box.x0, 350, person.role_title)
        canvas.setFont(REGULAR, 9)
        canvas.drawString(box.x0, 336, person.position)
        canvas.setFont(BOLD, 11)
        canvas.drawString(box.x0, 234, person.name)
        canvas.setFont(REGULAR, 10)
        nip = person.nip
        canvas.drawString(box.x0, 220, f"NIP {nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}")
        if scanned:
            # A red scribble where a scanned signature image would be drawn by the renderer.
            canvas.saveState()
            canvas.setStrokeColorRGB(1, 0, 0)
            canvas.setLineWidth(3)
            canvas.bezier(box.x0 + 10, box.y0 + 10, box.x0 + 60, box.y1, box.x1 - 60, box.y0, box.x1 - 10, box.y1 - 10)
            canvas.restoreState()
        if show_boxes:
            canvas.saveState()
            canvas.setDash(2, 2)
            canvas.setStrokeGray(0.6)
            canvas.rect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)
            canvas.restoreState()
    if qr_png is not None:
        # Centred under the two columns, 2.5 cm square: where the renderer's hook will put it.
        side = 71
        canvas.drawImage(ImageReader(__import__("io").BytesIO(qr_png)), (A4[0] - side) / 2, 110, side, side)
        canvas.setFont(REGULAR, 7)
        canvas.drawCentredString(A4[0] / 2, 102, "Pindai untuk memeriksa keaslian notulen")


def plain_pdf(path: Path) -> None:
    """A PDF that is not ours: no metadata."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawString(72, 720, "Surat biasa, bukan notulen.")
    canvas.save()


# --- certificates -----------------------------------------------------------------------------


def _name(common: str, org: str = "Kantor Imigrasi Kelas II Non TPI Muara Enim") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(True, True, False, False, False, False, False, False, False)


def make_certificate(
    *,
    common: str = "Ahmad Fauzi Rahman",
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    issuer: tuple[x509.Certificate, object] | None = None,
):
    """An EC key and certificate; issued by `issuer` (cert, key) or by itself."""
    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(common)
    issuer_cert, issuer_key = issuer if issuer else (None, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_cert.subject if issuer_cert else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(days=1))
        .not_valid_after(not_after or now + dt.timedelta(days=365))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
    )
    return key, builder.sign(issuer_key, hashes.SHA256())


def make_ca(common: str = "Uji Root CA", org: str = "Otoritas Sertifikat Uji"):
    """A small certification authority: a root that can sign leaf certificates."""
    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common, org)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=10))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def write_p12(path: Path, key, cert, *, passphrase: str = PASSPHRASE, cas=None) -> Path:
    data = pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, cas, serialization.BestAvailableEncryption(passphrase.encode())
    )
    path.write_bytes(data)
    return path


# --- poppler ----------------------------------------------------------------------------------


def pdfsig(path: Path) -> list[dict[str, str]]:
    """pdfsig's verdict per signature. It exits 0 even on a digest mismatch, so read its words."""
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    signatures: list[dict[str, str]] = []
    for line in result.stdout.splitlines():
        if re.match(r"^Signature #\d+:", line):
            signatures.append({})
        elif signatures and "form field is not signed" in line:
            signatures[-1]["Signed"] = "no"
        elif signatures and ":" in line.strip().lstrip("- "):
            key, _sep, value = line.strip().lstrip("- ").partition(":")
            signatures[-1][key.strip()] = value.strip()
    return signatures


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def register_as_rendered(store, pdf: Path, meeting_id: int) -> None:
    """Put a test-made minutes PDF into the store's register of rendered copies, as if the store had
    rendered it: signing into the register accepts only such copies (services/rendered.py)."""
    from app.documents.metadata import read_metadata
    from app.services.rendered import register_render

    data = Path(pdf).read_bytes()
    metadata = read_metadata(data)
    with store.session() as session:
        register_render(
            session,
            meeting_id,
            revision=metadata.revision,
            content_sha256=metadata.content_sha256,
            data=data,
            pages=0,
            filename=Path(pdf).name,
        )
