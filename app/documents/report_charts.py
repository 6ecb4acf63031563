"""The report's six charts from its figures: the PDF places them, the window shows the same drawings."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm

from app.documents import report_wording as words
from app.documents.charts import Series, bar_chart, column_chart, pie_chart, top_slices
from app.i18n import country_name, number
from app.services.reports import TimporaReport

PIE_HEIGHT = 62 * mm
MONTHS_HEIGHT = 55 * mm


def month_label(year: int, month: int, *, with_year: bool) -> str:
    name = words.MONTHS[month - 1]
    return f"{name}\n{year}" if with_year else name


def nationality_label(code: str) -> str:
    return country_name(code) if code else words.UNKNOWN_NATIONALITY


def attendance_chart(report: TimporaReport, *, width: float, font: str) -> Drawing | None:
    agencies = report.attendance
    if not agencies:
        return None
    return bar_chart(
        [a.agency or words.NO_AGENCY for a in agencies],
        [
            Series(words.LEGEND_INVITED, tuple(a.invited for a in agencies)),
            Series(words.LEGEND_PRESENT, tuple(a.present for a in agencies)),
        ],
        width=width,
        font=font,
    )


def category_chart(report: TimporaReport, *, width: float, font: str) -> Drawing | None:
    counts = report.findings.by_category
    if not counts:
        return None
    return bar_chart(
        [c.key for c in counts], [Series(words.COL_FINDINGS, tuple(c.findings for c in counts))], width=width, font=font
    )


def nationality_chart(report: TimporaReport, *, width: float, font: str) -> Drawing | None:
    counts = report.findings.by_nationality
    if not counts:
        return None
    slices = top_slices([(nationality_label(c.key), c.findings) for c in counts], others=words.OTHERS)
    return pie_chart(
        [f"{name}: {number(value)}" for name, value in slices],
        [value for _, value in slices],
        width=width,
        height=PIE_HEIGHT,
        font=font,
    )


def regency_chart(report: TimporaReport, *, width: float, font: str) -> Drawing | None:
    """Findings per kabupaten/kota: where the team's attention goes (the Kanwil compares them)."""
    counts = report.findings.by_regency
    if not counts:
        return None
    return bar_chart(
        [c.key or words.UNKNOWN_LOCATION for c in counts],
        [Series(words.COL_FINDINGS, tuple(c.findings for c in counts))],
        width=width,
        font=font,
    )


def month_chart(report: TimporaReport, *, width: float, font: str) -> Drawing | None:
    months = report.findings.by_month
    if not report.findings.total:
        return None
    several_years = len({m.year for m in months}) > 1
    labels = [
        month_label(m.year, m.month, with_year=several_years and (i == 0 or m.month == 1)) for i, m in enumerate(months)
    ]
    return column_chart(labels, [m.findings for m in months], width=width, height=MONTHS_HEIGHT, font=font)


def actions_chart(report: TimporaReport, *, width: float, font: str) -> Drawing | None:
    by_agency = report.actions.by_agency
    if not by_agency:
        return None
    return bar_chart(
        [x.agency or words.NO_AGENCY for x in by_agency],
        [
            Series(words.LEGEND_DONE, tuple(x.done for x in by_agency)),
            Series(words.LEGEND_OPEN, tuple(x.open - x.overdue for x in by_agency)),
            Series(words.LEGEND_OVERDUE, tuple(x.overdue for x in by_agency)),
        ],
        width=width,
        font=font,
        stacked=True,
    )


#: Every chart of the report, by name, in the order the report prints them.
CHARTS = {
    "attendance": attendance_chart,
    "categories": category_chart,
    "nationalities": nationality_chart,
    "regencies": regency_chart,
    "months": month_chart,
    "actions": actions_chart,
}
