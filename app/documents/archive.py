"""The PDF as an archive file: PDF/A-2b (ISO 19005-2, level B), and the title in the viewer.

reportlab writes neither of the two things PDF/A adds to a plain PDF, so they are added here,
to the document's catalog just before it is written:

- an XMP metadata stream (uncompressed, as 6.6.2.1 wants) that says "PDF/A-2B" and carries the
  very title, author, subject, keywords, creator, producer and dates of the information
  dictionary (6.6.2.3); it is written from that dictionary as the file is written, so the two
  cannot disagree;
- an sRGB output intent (6.2.3) with Pillow's built-in sRGB ICC profile: every colour in the
  minutes is DeviceRGB or DeviceGray, which 6.2.4.3 allows only under an output intent.

The rest of level B holds for what reportlab writes from our documents: every font embedded
(6.2.11.4, app/documents/fonts.py), no encryption, a file identifier in the trailer (6.1.3),
no LZW, no JavaScript, no annotations before signing. Signing appends an incremental update
(allowed) whose widget is printable. The tests (tests/documents/test_pdf_file.py) check each of
these rules with pikepdf and qpdf by name; no full validator (veraPDF) could be installed here.

Also DisplayDocTitle: a viewer shows the document's title in its title bar, not the file name.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PDFA_PART = 2
PDFA_CONFORMANCE = "B"
SRGB = "sRGB IEC61966-2.1"


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile (little CMS's built-in one, through Pillow: no file to ship)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def xmp_date(timestamp: Any) -> str:
    """reportlab's time stamp as XMP writes it: the same instant the info dictionary names."""
    year, month, day, hour, minute, second = timestamp.YMDhms
    return (
        f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{timestamp.dhh:+03d}:{timestamp.dmm:02d}"
    )


def xmp_packet(info: Any, timestamp: Any) -> bytes:
    """The XMP metadata of a document whose information dictionary is `info`."""

    def text(value: object) -> str:
        # XML 1.0 has no place for control characters: a title pasted with one would break the packet
        return escape(_NOT_XML.sub("", str(value)))

    date = xmp_date(timestamp)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>{PDFA_PART}</pdfaid:part>
   <pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(info.subject)}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{text(info.keywords)}</pdf:Keywords>
   <pdf:Producer>{text(info.producer)}</pdf:Producer>
   <pdf:Trapped>{text(info.trapped)}</pdf:Trapped>
   <xmp:CreatorTool>{text(info.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
{" " * 2000}
<?xpacket end="w"?>""".encode()


class _MetadataStream(PDFStream):
    """The XMP stream, written from the information dictionary as the file is written.

    Written here rather than by PDFStream.format, which gives even an unfiltered stream a
    /Filter key (an empty array); 6.6.2.1 wants none.
    """

    def __init__(self) -> None:
        super().__init__(content=b"")

    def format(self, document: Any) -> bytes:
        content = xmp_packet(document.info, document._timeStamp)
        dictionary = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML"), "Length": len(content)})
        return pdf_format(dictionary, document) + b"\nstream\n" + content + b"\nendstream\n"


def make_archival(canvas: Canvas) -> None:
    """Turn the document being drawn on `canvas` into PDF/A-2b; call before it is saved."""
    document = canvas._doc
    catalog = document.Catalog
    canvas.setViewerPreference("DisplayDocTitle", "true")
    catalog.Metadata = _MetadataStream()
    profile = PDFStream(dictionary=PDFDictionary({"N": 3}), content=srgb_profile())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(SRGB),
            "Info": PDFString(SRGB),
            "DestOutputProfile": document.Reference(profile),
        }
    )
    catalog.OutputIntents = PDFArray([intent])
    # reportlab's catalog writes only the keys it knows; OutputIntents is not one of them.
    if "OutputIntents" not in catalog.__NoDefault__:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
