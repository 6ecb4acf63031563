"""The self-test's check of the libraries under the PDF and signing features, independent of them.

A frozen build can lose a module that is imported late or a data file read at run time; this
draws a page with reportlab, signs it with pyHanko from a throw-away PKCS#12 made with
cryptography, and validates it, so such a loss shows up even before the app's own PDF code runs.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

PASSPHRASE = b"uji-mandiri"


def throwaway_p12(target: Path) -> None:
    """A self-signed RSA certificate valid for a day, in a PKCS#12 file with PASSPHRASE."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Uji Mandiri Notulen Timpora")])
    now = dt.datetime.now(dt.UTC)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    target.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"uji-mandiri", key, cert, None, serialization.BestAvailableEncryption(PASSPHRASE)
        )
    )


def sample_page() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(72, 760, "Uji mandiri Notulen Timpora")
    page.showPage()
    page.save()
    return buffer.getvalue()


def sign_and_validate(pdf: bytes, p12: Path) -> str:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=PASSPHRASE)
    if signer is None:
        raise AssertionError("the PKCS#12 file did not load")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    signed = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="UjiMandiri"), signer=signer)
    status = validate_pdf_signature(
        PdfFileReader(signed).embedded_signatures[0], ValidationContext(trust_roots=[signer.signing_cert])
    )
    if not (status.intact and status.valid):
        raise AssertionError(f"the sample signature does not validate: {status.summary()}")
    return status.summary()


def qr_and_photo() -> None:
    """segno draws a QR code and Pillow reads a JPEG (the photo path of attachments)."""
    import segno
    from PIL import Image

    segno.make("https://example.invalid/verifikasi", error="m").save(io.BytesIO(), kind="png")
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    buffer.seek(0)
    with Image.open(buffer) as photo:
        photo.load()


def draw_a_scan(pdf: bytes) -> str:
    """PDFium draws a page into pixels (the scanned daftar hadir of Lampiran I): the bundle ships it."""
    from app.services.scanned_sheet import scan_pages

    pages = scan_pages(pdf, "application/pdf")
    assert pages and pages[0].jpeg.startswith(b"\xff\xd8"), "PDFium drew no page"
    return f"PDFium page {pages[0].width} × {pages[0].height} px"


def check_libraries(folder: Path) -> str:
    p12 = folder / "libraries.p12"
    throwaway_p12(p12)
    page = sample_page()
    summary = sign_and_validate(page, p12)
    qr_and_photo()
    return (
        f"reportlab page signed and validated by pyHanko ({summary}); segno, Pillow; {draw_a_scan(page)}; "
        f"{postgres_driver()}"
    )


def postgres_driver() -> str:
    """The shared store's driver loads with its own libpq (psycopg_binary), as a bundle must ship it."""
    import psycopg
    from sqlalchemy.dialects.postgresql import psycopg as dialect  # loaded by name at run time

    assert dialect.dialect.driver == "psycopg"
    return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}, libpq {psycopg.pq.version()})"
