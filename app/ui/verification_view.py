"""A verification report as a person reads it: one verdict, who signed and when, the record match."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, plain_date
from app.signing.fields import role_label
from app.signing.verification import Trust, VerificationReport, archive_lines

GOOD, BAD, NEUTRAL = "#1e7b34", "#b03a2e", "#7a5b00"
#: What the table's narrow column says; the full sentence for each kind is shown under the table.
SHORT_TRUST = {
    Trust.TRUSTED: N_("Trusted CA"),
    Trust.SELF_ISSUED: N_("Self-issued"),
    Trust.UNKNOWN_CA: N_("Unknown CA"),
}


def signing_time(value: dt.datetime | None, zone: str | None) -> str:
    from app.signing.appearance import signing_time_label

    return signing_time_label(value, zone=zone) if isinstance(value, dt.datetime) else "?"


def verdict(report: VerificationReport) -> tuple[str, str]:
    """(sentence, colour) for the whole file."""
    if not report.signatures:
        return _("This PDF has no signature."), NEUTRAL
    if not report.all_intact:
        return _("NOT INTACT: the file was changed after it was signed. Do not use it."), BAD
    if report.record is not None and not report.record.matches:
        return _("The signatures are intact, but the file does not match the record here."), NEUTRAL
    count = len(report.signatures)
    return _("Intact: {count} signature(s), nothing changed since signing.").format(count=count), GOOD


class VerificationView(QWidget):
    """Shows one VerificationReport; empty until `show_report` is called."""

    def __init__(self) -> None:
        super().__init__()
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [_("Signed as"), _("Signer"), _("Time of signing"), _("Intact"), _("Certificate")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        self.report: VerificationReport | None = None

    def show_report(self, report: VerificationReport, *, zone: str | None = None) -> None:
        self.report = report
        sentence, colour = verdict(report)
        self.verdict.setText(sentence)
        self.verdict.setStyleSheet(f"font-weight: bold; color: {colour}; padding: 4px 0;")
        self.table.setRowCount(len(report.signatures))
        for row, sig in enumerate(report.signatures):
            cells = [
                role_label(sig.role) if sig.role else sig.field_name,
                # Who signed first (the certificate's holder), then their organisation if it says more.
                ", ".join(dict.fromkeys(p for p in (sig.signer_name, sig.organization) if p)),
                signing_time(sig.signed_at, zone),
                _("Yes") if sig.intact else _("No: {problem}").format(problem=sig.problem),
                _(SHORT_TRUST[sig.trust]),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(sig.trust.label if column == 4 else text)
                if column == 3:
                    item.setForeground(QBrush(QColor(GOOD if sig.intact else BAD)))
                if column == 4 and sig.trust is not Trust.TRUSTED:
                    item.setForeground(QBrush(QColor(NEUTRAL)))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(report.signatures))
        self.details.setText("\n".join(self._detail_lines(report, zone=zone)))

    @staticmethod
    def _detail_lines(report: VerificationReport, *, zone: str | None = None) -> list[str]:
        lines = []
        if report.report is not None:
            lines.append(
                _("Timpora activity report of the period {start} to {end}").format(
                    start=plain_date(report.report.start), end=plain_date(report.report.end)
                )
            )
        elif report.metadata is not None:
            lines.append(
                _("Minutes of meeting {uuid}, revision {revision}.").format(
                    uuid=report.metadata.meeting_uuid, revision=report.metadata.revision
                )
            )
        else:
            lines.append(_("The file carries no Notulen Timpora record data."))
        lines += report.findings  # what was done after signing, before anything reassuring
        lines += report.record_summary()
        for trust in dict.fromkeys(sig.trust for sig in report.signatures):
            lines.append(f"{_(SHORT_TRUST[trust])}: {trust.label}")
        for sig in report.signatures:  # its timestamp (or that it has none) and its long-term validation data
            role = role_label(sig.role) if sig.role else sig.field_name
            lines += [f"{role}: {line}" for line in archive_lines(sig, zone=zone)]
        for name in report.empty_fields:
            lines.append(_("Empty signature field: {name}").format(name=name))
        lines.append(_("SHA-256 of the file: {hash}").format(hash=report.file_sha256))
        return lines
