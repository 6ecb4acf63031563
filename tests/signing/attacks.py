"""Tampering with signed minutes the way an attacker would: each function takes the bytes of a
signed file and returns the bytes of a forged one, mostly by an incremental update after signing
(pyHanko's IncrementalPdfFileWriter), which leaves every signed byte range intact.
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle

from app.signing.fields import FIELD_NAMES

#: What the forger paints: a white box over the title and a new verdict.
PAINT = b"q 1 1 1 rg 0 0 400 60 re f 0 0 0 rg BT /F1 24 Tf 20 20 Td (RAPAT DIBATALKAN) Tj ET Q"


def _write(writer: IncrementalPdfFileWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _writer(data: bytes) -> IncrementalPdfFileWriter:
    return IncrementalPdfFileWriter(io.BytesIO(data), strict=False)


def _helvetica() -> generic.DictionaryObject:
    return generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Font"),
            pdf_name("/Subtype"): pdf_name("/Type1"),
            pdf_name("/BaseFont"): pdf_name("/Helvetica"),
        }
    )


def _appearance(writer: IncrementalPdfFileWriter, width: float = 400, height: float = 60) -> generic.IndirectObject:
    """A form XObject that whites out its box and writes "RAPAT DIBATALKAN"."""
    stream = generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): generic.ArrayObject(map(generic.FloatObject, (0, 0, width, height))),
            pdf_name("/Resources"): generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): _helvetica()})}
            ),
        },
        stream_data=PAINT,
    )
    return writer.add_object(stream)


def _page(writer: IncrementalPdfFileWriter, index: int):
    return writer.root["/Pages"]["/Kids"][index].get_object(), writer.root["/Pages"]["/Kids"][index]


def _add_annotation(writer: IncrementalPdfFileWriter, page_index: int, annotation: generic.DictionaryObject):
    page, page_ref = _page(writer, page_index)
    annotation[pdf_name("/P")] = page_ref
    ref = writer.add_object(annotation)
    if "/Annots" in page:
        annots = page["/Annots"]
        annots.append(ref)
        writer.update_container(annots)
    else:
        page[pdf_name("/Annots")] = generic.ArrayObject([ref])
        writer.update_container(page)
    return ref


def add_page(data: bytes) -> bytes:
    writer = _writer(data)
    page = PageObject(
        contents=writer.add_object(generic.StreamObject(stream_data=b"BT /F1 18 Tf 72 700 Td (Lampiran palsu) Tj ET")),
        media_box=generic.ArrayObject(map(generic.NumberObject, (0, 0, 595, 842))),
        resources=generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): _helvetica()})}
        ),
    )
    writer.insert_page(page)
    return _write(writer)


def replace_content_stream(data: bytes, page_index: int = 0) -> bytes:
    writer = _writer(data)
    page, _ref = _page(writer, page_index)
    page[pdf_name("/Contents")] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 700 Td (TEKS PALSU) Tj ET")
    )
    writer.update_container(page)
    return _write(writer)


def add_annotation(data: bytes, page_index: int = 0) -> bytes:
    """A square annotation with an appearance that paints over the title."""
    writer = _writer(data)
    annotation = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Square"),
            pdf_name("/Rect"): generic.ArrayObject(map(generic.FloatObject, (100, 720, 500, 780))),
            pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): _appearance(writer)}),
        }
    )
    _add_annotation(writer, page_index, annotation)
    return _write(writer)


def add_unsigned_signature_widget(data: bytes, page_index: int = 0, name: str = "TTE_Saksi") -> bytes:
    """An empty /Sig field whose widget's appearance whites out the title: what pdfsig calls empty."""
    writer = _writer(data)
    widget = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Sig"),
            pdf_name("/T"): generic.TextStringObject(name),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/Rect"): generic.ArrayObject(map(generic.FloatObject, (100, 720, 500, 780))),
            pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): _appearance(writer)}),
        }
    )
    ref = _add_annotation(writer, page_index, widget)
    form = writer.root["/AcroForm"]
    form["/Fields"].append(ref)
    writer.update_container(form["/Fields"])
    return _write(writer)


def add_third_signature(data: bytes, signer, page_index: int = 0, field: str = "TTE_Saksi", box=None) -> bytes:
    """A real signature by any key, in a new field whose stamp is drawn over the page's text.

    If the field is already there (the certifying first signature makes the other signer's empty
    field), its widget is moved to `box` in the same update.
    """
    writer = _writer(data)
    for name, _value, ref in fields.enumerate_sig_fields(writer.prev):
        if name == field and box is not None:
            widget = ref.get_object()
            widget["/Rect"] = generic.ArrayObject(map(generic.FloatObject, box))
            writer.mark_update(ref)
    style = TextStampStyle(stamp_text="RAPAT DIBATALKAN", background_opacity=1.0, border_width=0)
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES),
        signer=signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(sig_field_name=field, on_page=page_index, box=box or (100, 720, 500, 780)),
    )
    return pdf_signer.sign_pdf(writer).getvalue()


def fill_empty_field(data: bytes, role: str = "secretary") -> bytes:
    """Give the still-empty signature field of `role` an appearance, without signing it."""
    writer = _writer(data)
    for name, _value, ref in fields.enumerate_sig_fields(writer.prev):
        if name == FIELD_NAMES[role]:
            widget = ref.get_object()
            x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
            widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): _appearance(writer, x1 - x0, y1 - y0)})
            writer.mark_update(ref)
            return _write(writer)
    raise AssertionError(f"no field for {role}")


def remove_signature_value(data: bytes, role: str = "secretary") -> bytes:
    """Drop /V from a signed field: the signature disappears, its appearance stays."""
    writer = _writer(data)
    for name, _value, ref in fields.enumerate_sig_fields(writer.prev):
        if name == FIELD_NAMES[role]:
            field = ref.get_object()
            del field["/V"]
            writer.mark_update(ref)
            return _write(writer)
    raise AssertionError(f"no field for {role}")


def rewrite_info(data: bytes, **changes: str) -> bytes:
    """Change keys of the document information dictionary (where the record data sits)."""
    writer = _writer(data)
    info = writer.trailer.raw_get("/Info")
    for key, value in changes.items():
        info.get_object()[pdf_name("/" + key)] = generic.TextStringObject(value)
    writer.mark_update(info)
    return _write(writer)


def junk_after_eof(data: bytes) -> bytes:
    return data + b"\n% appended after signing\nTEKS TAMBAHAN YANG TIDAK DITANDATANGANI\n"


def repaint_signed_stamp_while_signing(
    data: bytes, signer, box, role: str = "chair", other: str = "secretary"
) -> bytes:
    """The second signer's own signing revision also repaints the first signer's stamp."""
    writer = _writer(data)
    for name, _value, ref in fields.enumerate_sig_fields(writer.prev):
        if name == FIELD_NAMES[role]:
            widget = ref.get_object()
            x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
            widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): _appearance(writer, x1 - x0, y1 - y0)})
            writer.mark_update(ref)
    field = FIELD_NAMES[other]
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES),
        signer=signer,
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=field, on_page=box.page, box=(box.x0, box.y0, box.x1, box.y1)
        ),
    )
    return pdf_signer.sign_pdf(writer).getvalue()


def remove_certification(data: bytes) -> bytes:
    """Drop /Perms (where the first signature certifies the file, DocMDP) from the catalogue."""
    writer = _writer(data)
    del writer.root["/Perms"]
    writer.update_root()
    return _write(writer)


def second_certification(data: bytes, signer) -> bytes:
    """A later update claims a certification of its own: /Perms /DocMDP pointing at a forger's signature.

    pyHanko refuses to certify a signed file, so the forger signs normally and rewires /Perms.
    """
    signed = add_third_signature(data, signer)
    writer = _writer(signed)
    forged = next(
        ref.get_object()["/V"] for ref in writer.root["/AcroForm"]["/Fields"] if ref.get_object()["/T"] == "TTE_Saksi"
    )
    writer.root["/Perms"] = generic.DictionaryObject({pdf_name("/DocMDP"): forged})
    writer.update_root()
    return _write(writer)
