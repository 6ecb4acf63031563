"""The yardstick of issue 15: the minutes of one meeting as the simplest plain reportlab script an
afternoon would produce: the same store read with sqlite3, the same fonts (Arimo), the same
content (header, attendance table, agenda with discussion, findings, actions, conclusions,
photos with captions, two signature lines), platypus's defaults for everything else.

    python bench/plain_minutes.py STORE.sqlite MEETING_ID OUT.pdf

bench_pdf.py runs it side by side with `timpora pdf` on the same meeting.
"""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"


def main(db: str, meeting_id: int, out: str) -> None:
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        pdfmetrics.registerFont(TTFont(f"Arimo-{face}", str(FONTS / f"Arimo-{face}.ttf")))
    pdfmetrics.registerFontFamily(
        "Arimo", normal="Arimo-Regular", bold="Arimo-Bold", italic="Arimo-Italic", boldItalic="Arimo-BoldItalic"
    )
    body = ParagraphStyle("body", fontName="Arimo-Regular", fontSize=11, leading=15, spaceAfter=6)
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=11, spaceAfter=0)
    heading = ParagraphStyle("heading", parent=body, fontName="Arimo-Bold", fontSize=12, spaceBefore=10)
    title = ParagraphStyle("title", parent=heading, fontSize=14, alignment=1)
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    con = sqlite3.connect(db)
    m = con.execute(
        "SELECT title, number, date, start_time, end_time, venue, city, opening_notes, closing_notes"
        " FROM meetings WHERE id = ?",
        (meeting_id,),
    ).fetchone()
    story = [Paragraph("NOTULA RAPAT", title), Paragraph(escape(m[0]), title), Spacer(1, 8)]
    for label, value in (("Nomor", m[1]), ("Tanggal", m[2]), ("Waktu", f"{m[3][:5]} s.d. {(m[4] or '')[:5]}")):
        story.append(Paragraph(f"{label}: {escape(value)}", body))
    story.append(Paragraph(f"Tempat: {escape(m[5])}, {escape(m[6])}", body))
    story.append(Paragraph(escape(m[7]), body))

    def table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        cells = [[Paragraph(f"<b>{escape(h)}</b>", small) for h in header]]
        cells += [[Paragraph(escape(str(v)), small) for v in row] for row in rows]
        made = Table(cells, colWidths=widths, repeatRows=1)
        made.setStyle(grid)
        return made

    story.append(Paragraph("Daftar Hadir", heading))
    people = con.execute(
        "SELECT name, rank, position_title, agency_name, status, deputy_name FROM attendances"
        " WHERE meeting_id = ? ORDER BY agency_order, position",
        (meeting_id,),
    ).fetchall()
    rows = [[n + 1, p[0], p[1], p[2], p[3], p[4] + (f" ({p[5]})" if p[5] else "")] for n, p in enumerate(people)]
    story.append(
        table(
            ["No", "Nama", "Pangkat", "Jabatan", "Instansi", "Kehadiran"],
            rows,
            [1 * cm, 4 * cm, 2.5 * cm, 3 * cm, 4 * cm, 2.5 * cm],
        )
    )

    story.append(Paragraph("Acara dan Pembahasan", heading))
    for n, (item, presenter, discussion) in enumerate(
        con.execute(
            "SELECT title, presenter_name, discussion FROM agenda_items WHERE meeting_id = ? ORDER BY position",
            (meeting_id,),
        ),
        start=1,
    ):
        story.append(Paragraph(f"<b>{n}. {escape(item)}</b> ({escape(presenter)})", body))
        story += [Paragraph(escape(part), body) for part in discussion.split("\n") if part]

    story.append(Paragraph("Temuan", heading))
    rows = con.execute(
        "SELECT position, category, location,"
        " (SELECT group_concat(nationality, ', ') FROM finding_nationalities WHERE finding_id = findings.id),"
        " (SELECT sum(persons) FROM finding_nationalities WHERE finding_id = findings.id),"
        " reporting_agency, description, recommendation"
        " FROM findings WHERE meeting_id = ? ORDER BY position",
        (meeting_id,),
    ).fetchall()
    story.append(
        table(
            ["No", "Kategori", "Lokasi", "WN", "Jml", "Pelapor", "Uraian", "Rekomendasi"],
            [list(r) for r in rows],
            [1 * cm, 2.5 * cm, 2.5 * cm, 1 * cm, 1 * cm, 3 * cm, 3.5 * cm, 2.5 * cm],
        )
    )
    story.append(Paragraph("Tindak Lanjut", heading))
    rows = con.execute(
        "SELECT position, description, owner_agency_name, due_date, status FROM action_items"
        " WHERE meeting_id = ? ORDER BY position",
        (meeting_id,),
    ).fetchall()
    story.append(
        table(
            ["No", "Uraian", "Penanggung jawab", "Batas waktu", "Status"],
            [list(r) for r in rows],
            [1 * cm, 7 * cm, 4.5 * cm, 2.5 * cm, 2 * cm],
        )
    )
    story.append(Paragraph("Kesimpulan", heading))
    for n, (text,) in enumerate(
        con.execute("SELECT text FROM conclusions WHERE meeting_id = ? ORDER BY position", (meeting_id,)), start=1
    ):
        story.append(Paragraph(f"{n}. {escape(text)}", body))
    story.append(Paragraph(escape(m[8]), body))

    story.append(Paragraph("Dokumentasi", heading))
    for picture, width, height, caption in con.execute(
        "SELECT print_image, print_width, print_height, caption FROM attachments"
        " WHERE meeting_id = ? AND print_image IS NOT NULL ORDER BY position",
        (meeting_id,),
    ):
        shown = 8 * cm
        story += [Image(io.BytesIO(picture), shown, shown * height / width), Paragraph(escape(caption), small)]

    story.append(Spacer(1, 24))
    signatures = Table(
        [["Ketua Tim PORA", "Notulis"], ["", ""], ["(.................)", "(.................)"]],
        rowHeights=[16, 60, 16],
    )
    signatures.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, -1), "Arimo-Regular"), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    )
    story.append(signatures)
    con.close()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, title=m[0]).build(story)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
