"""A generated year of 40 meetings: the report's parts agree with each other, the recap and the PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from app.db import open_store
from app.services.reports import timpora_recap, timpora_report
from tests.reports.generated_year import build_generated_year
from tests.support import pdftools

YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture(scope="module")
def generated(module_location, tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    store = open_store(module_location("generated"))
    with store.session() as session:
        build_generated_year(session)
    yield store, folder
    store.close()


def test_the_parts_of_the_report_add_up(generated):
    store, _ = generated
    with store.session() as session:
        report = timpora_report(session, *YEAR)
        recap = timpora_recap(session, *YEAR)
    f, a = report.findings, report.actions
    assert len(report.meetings) == 40
    assert f.total == len(recap.findings) > 40
    for breakdown in (f.by_category, f.by_nationality, f.by_regency, f.by_district, f.by_month):
        assert sum(c.findings for c in breakdown) == f.total
        assert sum(c.persons for c in breakdown) == f.persons == sum(r.persons or 0 for r in recap.findings)
    assert f.persons_unknown == sum(r.persons is None for r in recap.findings)
    assert a.opened == len(recap.actions) == a.done + a.in_progress + a.not_started + a.cancelled
    assert a.overdue == len(a.overdue_items) == sum(r.days_late is not None for r in recap.actions)
    assert sum(x.opened for x in a.by_agency) == a.opened
    assert all(x.days_late > 0 for x in a.overdue_items)
    assert report.people_present == sum(r.status.attended for r in recap.attendance)
    assert report.agencies_never_present == ("Dinas Kependudukan dan Pencatatan Sipil",)
    assert sum(len(c.conclusions) for c in report.conclusions) >= 40


def test_the_pdf_of_the_year_prints_the_same_totals(generated):
    from app.documents.report_exports import export_report

    store, folder = generated
    with store.session() as session:
        report = timpora_report(session, *YEAR)
        result = export_report(session, *YEAR, folder / "tahun.pdf", issued=dt.date(2025, 1, 6))
    flat = pdftools.flat(pdftools.text(result.path))
    f, a = report.findings, report.actions
    assert f"{f.total} temuan, melibatkan {f.persons} orang asing" in flat
    assert f"menyepakati {a.opened} rencana tindak lanjut: {a.done} selesai" in flat
    assert f"{a.overdue} melewati tenggat pada 31 Desember 2024" in flat
    assert "Lainnya: " in flat  # eleven nationalities: the pie sums its tail
    assert result.pages > 5 and all(font.embedded for font in pdftools.fonts(result.path))
    assert "Rapat Tim PORA ke-40 Tahun 2024" in pdftools.flat(pdftools.pages(result.path)[-1])
