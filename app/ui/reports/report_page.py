"""Laporan: the figures of a period's Timpora report, with the report's own charts, and its export.

The figures are counted and the charts drawn on the worker (the same services and drawings as
the printed report); the page fills its tables when they come back. Export writes the PDF or the
Excel recap through the same use case as `timpora report`; Sign has the head of office sign it
(sign_dialog.py), as `timpora sign --as head` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import N_, _, country_name, current_language, short_date
from app.services.errors import UserError
from app.services.reports import TimporaReport, check_period
from app.ui.ops import run_dialog, run_op
from app.ui.widgets import date_edit

#: Width of the charts in points, as a table column would be in the printed report.
CHART_WIDTH = 430
#: (label, first month, months); None months: a range typed by hand.
PERIODS = (
    (N_("Whole year"), 1, 12),
    (N_("Quarter I"), 1, 3),
    (N_("Quarter II"), 4, 3),
    (N_("Quarter III"), 7, 3),
    (N_("Quarter IV"), 10, 3),
    (N_("Half-year I"), 1, 6),
    (N_("Half-year II"), 7, 6),
    (N_("Other period"), None, None),
)


@dataclass(frozen=True)
class Loaded:
    report: TimporaReport
    charts: dict[str, QImage]


def load_report(store: Store, start: dt.date, end: dt.date) -> Loaded:
    """On the worker: the figures, and every chart rendered as the report prints it."""
    from app.documents.fonts import document_family
    from app.documents.report_charts import CHARTS
    from app.services.reports import timpora_report
    from app.ui.reports.chart_image import chart_image

    with store.session() as session:
        report = timpora_report(session, start, end)
    font = document_family().regular
    images = {}
    for name, build in CHARTS.items():
        drawing = build(report, width=CHART_WIDTH, font=font)
        if drawing is not None:
            images[name] = chart_image(drawing)
    return Loaded(report, images)


def period_of(choice: int, year: int) -> tuple[dt.date, dt.date] | None:
    _label, first, months = PERIODS[choice]
    if first is None or months is None:
        return None
    last = first + months - 1
    end = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
    return dt.date(year, first, 1), end - dt.timedelta(days=1)


def table(headers: list[str], rows: list[list[object]], *, name: str) -> QTableWidget:
    """A read-only table as tall as its rows (the page scrolls, not the table): one line a row,
    a long title cut with "…" and whole in its tooltip; numbers right-aligned."""
    widget = QTableWidget(len(rows), len(headers))
    widget.setObjectName(name)
    widget.setHorizontalHeaderLabels(headers)
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setWordWrap(False)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setAlternatingRowColors(True)
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item.setToolTip(item.text())
            widget.setItem(r, c, item)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1 if len(headers) > 1 else 0, QHeaderView.ResizeMode.Stretch)
    widget.resizeRowsToContents()
    height = sum(widget.rowHeight(r) for r in range(len(rows)))
    widget.setFixedHeight(header.sizeHint().height() + height + 2 * widget.frameWidth() + 2)
    return widget


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "heading")
    return label


class ReportPage(QWidget):
    back_requested = Signal()
    message = Signal(str)

    def __init__(self, store: Store, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.store = store
        self.loaded: Loaded | None = None
        today = today or dt.date.today()
        back = QToolButton()
        back.setText(_("← Meeting list"))
        back.clicked.connect(self.back_requested)
        title = heading(_("Timpora report"))
        self.kind = QComboBox()
        self.kind.setObjectName("report_period")
        for label, _first, _months in PERIODS:
            self.kind.addItem(_(label))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.start = date_edit()
        self.end = date_edit()
        self.start.setDate(QDate(today.year, 1, 1))
        self.end.setDate(QDate(today.year, 12, 31))
        self.show_button = QPushButton(_("&Show"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.refresh)
        self.pdf_button = QPushButton(_("Export &PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.xlsx_button = QPushButton(_("Export E&xcel…"))
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        self.sign_button = QPushButton(_("Si&gn…"))
        self.sign_button.setObjectName("report_sign")
        self.sign_button.setToolTip(_("The head of office signs the report of this period with a certificate (.p12)"))
        self.sign_button.clicked.connect(self.sign)
        self.kind.currentIndexChanged.connect(self._period_changed)
        self.year.valueChanged.connect(self._period_changed)
        self.summary = QLabel(_("Choose a period and press Show."))
        self.summary.setObjectName("report_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("report_tabs")
        self.sections: dict[str, QVBoxLayout] = {}
        for key, label in (
            ("meetings", _("Meetings")),
            ("attendance", _("Attendance")),
            ("findings", _("Findings")),
            ("actions", _("Action items")),
        ):
            inner = QWidget()
            column = QVBoxLayout(inner)
            column.setAlignment(Qt.AlignmentFlag.AlignTop)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(inner)
            self.tabs.addTab(scroll, label)
            self.sections[key] = column
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(title, 1)
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.sign_button)
        period = QHBoxLayout()
        period.addWidget(QLabel(_("Period:")))
        period.addWidget(self.kind)
        period.addWidget(self.year)
        period.addWidget(QLabel(_("from")))
        period.addWidget(self.start)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.end)
        period.addWidget(self.show_button)
        period.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(period)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self._period_changed()

    # -- the period --------------------------------------------------------------------------

    def _period_changed(self, *_args: object) -> None:
        chosen = period_of(self.kind.currentIndex(), self.year.value())
        custom = chosen is None
        self.year.setEnabled(not custom)
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if chosen is not None:
            self.start.setDate(QDate(chosen[0].year, chosen[0].month, chosen[0].day))
            self.end.setDate(QDate(chosen[1].year, chosen[1].month, chosen[1].day))

    def period(self) -> tuple[dt.date, dt.date]:
        start, end = cast(dt.date, self.start.date().toPython()), cast(dt.date, self.end.date().toPython())
        check_period(start, end)
        return start, end

    # -- figures -----------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            start, end = self.period()
        except UserError as exc:
            self.summary.setText(str(exc))
            return
        self.show_button.setEnabled(False)
        self.summary.setText(_("Counting…"))
        store = self.store
        run_op(lambda: load_report(store, start, end), on_success=self._loaded, on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.show_button.setEnabled(True)
        if not isinstance(error, UserError):
            raise error
        self.summary.setText(str(error))

    def _loaded(self, loaded: Loaded) -> None:
        self.show_button.setEnabled(True)
        self.loaded = loaded
        report = loaded.report
        self.summary.setText(self._summary_text(report))
        for column in self.sections.values():
            while column.count():
                widget = cast(QLayoutItem, column.takeAt(0)).widget()
                if widget is not None:
                    widget.deleteLater()
        if report.is_empty:
            return
        self._meetings(report)
        self._attendance(report, loaded.charts)
        self._findings(report, loaded.charts)
        self._actions(report, loaded.charts)
        for column in self.sections.values():
            column.addStretch(1)  # short sections stay at the top, not spread over the tab

    def _summary_text(self, report: TimporaReport) -> str:
        if report.is_empty:
            return _("No meeting is recorded in this period.")
        f, a = report.findings, report.actions
        return _(
            "{meetings} meetings; {present} present of {invited} invited; {findings} findings involving {persons} "
            "foreigners; {opened} action items: {done} done, {overdue} overdue at {end}."
        ).format(
            meetings=len(report.meetings),
            present=report.people_present,
            invited=sum(m.invited for m in report.meetings),
            findings=f.total,
            persons=f.persons,
            opened=a.opened,
            done=a.done,
            overdue=a.overdue,
            end=short_date(report.period.end),
        )

    def _chart(self, column: QVBoxLayout, charts: dict[str, QImage], name: str) -> None:
        image = charts.get(name)
        if image is None:
            return
        label = QLabel()
        label.setObjectName(f"chart_{name}")
        label.setPixmap(QPixmap.fromImage(image))
        column.addWidget(label)

    def _meetings(self, report: TimporaReport) -> None:
        rows = [[short_date(m.date), m.title, m.kind.label, m.venue, m.chair, m.present] for m in report.meetings]
        headers = [_("Date"), _("Title"), _("Kind"), _("Venue"), _("Chair"), _("Present")]
        self.sections["meetings"].addWidget(table(headers, rows, name="report_meetings"))

    def _attendance(self, report: TimporaReport, charts: dict[str, QImage]) -> None:
        column = self.sections["attendance"]
        rows = [
            [n, a.agency or _("No agency"), a.invited, a.present, f"{round(100 * a.present / a.invited)}%"]
            for n, a in enumerate(report.attendance, start=1)
        ]
        column.addWidget(
            table([_("No."), _("Agency"), _("Invited"), _("Present"), _("Share")], rows, name="report_attendance")
        )
        never = report.agencies_never_present
        if never:
            note = QLabel(_("Never came: {names}").format(names="; ".join(never)))
            note.setWordWrap(True)
            note.setObjectName("report_never")
            column.addWidget(note)
        self._chart(column, charts, "attendance")

    def _findings(self, report: TimporaReport, charts: dict[str, QImage]) -> None:
        column = self.sections["findings"]
        f = report.findings
        lang = current_language()
        for key, title, what, counts, label, chart in (
            ("categories", _("By category"), _("Category"), f.by_category, lambda k: k, "categories"),
            (
                "nationalities",
                _("By nationality"),
                _("Nationality"),
                f.by_nationality,
                lambda k: country_name(k, lang=lang) if k else _("Not known"),
                "nationalities",
            ),
            (
                "regencies",
                _("By regency/city"),
                _("Regency or city"),
                f.by_regency,
                lambda k: k or _("Not given"),
                "regencies",
            ),
            (
                "districts",
                _("By district (kecamatan)"),
                _("District"),
                f.by_district,
                lambda k: k or _("Not given"),
                None,
            ),
        ):
            column.addWidget(heading(title))
            rows = [[n, label(c.key), c.findings, c.persons] for n, c in enumerate(counts, start=1)]
            column.addWidget(
                table([_("No."), what, _("Number of findings"), _("Foreigners involved")], rows, name=f"report_{key}")
            )
            if chart:
                self._chart(column, charts, chart)
        column.addWidget(heading(_("By month")))
        rows = [[n, f"{m.month:02d}/{m.year}", m.findings, m.persons] for n, m in enumerate(f.by_month, start=1)]
        column.addWidget(
            table([_("No."), _("Month"), _("Number of findings"), _("Foreigners involved")], rows, name="report_months")
        )
        self._chart(column, charts, "months")

    def _actions(self, report: TimporaReport, charts: dict[str, QImage]) -> None:
        column = self.sections["actions"]
        a = report.actions
        rows = [
            [n, x.agency or _("No agency"), x.opened, x.done, x.open, x.overdue]
            for n, x in enumerate(a.by_agency, start=1)
        ]
        column.addWidget(
            table(
                [_("No."), _("In charge"), _("Opened"), _("Done"), _("Still open"), _("Late")],
                rows,
                name="report_actions",
            )
        )
        self._chart(column, charts, "actions")
        if a.overdue_items:
            column.addWidget(heading(_("Overdue at the end of the period")))
            rows = [
                [n, x.description, x.agency, short_date(x.due_date), x.days_late]
                for n, x in enumerate(a.overdue_items, start=1)
            ]
            column.addWidget(
                table(
                    [_("No."), _("Description"), _("In charge"), _("Due"), _("Days late")],
                    rows,
                    name="report_overdue",
                )
            )

    # -- export ------------------------------------------------------------------------------

    def export(self, suffix: str) -> None:
        try:
            start, end = self.period()
        except UserError as exc:
            self.message.emit(str(exc))
            return
        pattern = _("PDF (*.pdf)") if suffix == ".pdf" else _("Excel workbook (*.xlsx)")
        suggested = str(Path.home() / f"laporan-timpora-{start.isoformat()}-{end.isoformat()}{suffix}")
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save as"), suggested, pattern)
        if path:
            self.export_to(Path(path), start, end)

    def export_to(self, path: Path, start: dt.date, end: dt.date) -> None:
        """Write the report (by the suffix) on the worker; a message says where it went."""
        from app.documents.report_exports import export_report

        store = self.store
        today = dt.date.today()

        def work():
            with store.session() as session:
                return export_report(session, start, end, path, issued=today)

        run_op(
            work,
            on_success=lambda result: self.message.emit(_("Saved {name}.").format(name=result.path.name)),
            on_failure=self._export_failed,
        )

    def sign(self) -> None:
        """The head of office signs the period's report (made now, or a PDF already exported)."""
        from app.ui.reports.sign_dialog import ReportSignDialog

        try:
            start, end = self.period()
        except UserError as exc:
            self.message.emit(str(exc))
            return
        run_dialog(ReportSignDialog(self, self.store, start, end))

    def _export_failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        self.message.emit(str(error))
