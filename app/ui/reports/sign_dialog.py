"""Tanda tangani laporan: the head of office signs the period's Timpora report with a .p12, then sees it verified.

As the minutes are signed from the window (the same certificate field, passphrase asked each
time, folder, result with its verification), but the head of office is the only signer, and
nothing is registered or locked: a report belongs to no meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from app.db import Store
from app.i18n import _, plain_date
from app.ui import remembered
from app.ui.ops import Job
from app.ui.reports.sign_job import ReportSignRequest, ReportSignResult, run_report_sign
from app.ui.signing_form import SELF_ISSUED_NOTE, SigningDialog
from app.ui.widgets import today


class ReportSignDialog(SigningDialog):
    result: ReportSignResult | None

    def __init__(self, parent: QWidget | None, store: Store, start: dt.date, end: dt.date) -> None:
        super().__init__(
            parent,
            store,
            title=_("Sign the report"),
            warm=("app.signing.report", "app.documents.report_exports"),
            fresh_text=_("The report of this period, made now"),
            existing_text=_("A report PDF already made:"),
        )
        from app.documents.report_exports import head_of_office

        self.start_date, self.end_date = start, end
        with store.session() as session:
            self.head = head_of_office(session)
        #: (certificate, folder) to remember once the dialog closes, after a signature
        self._remember: tuple[Path, Path] | None = None
        self.signer = QLabel(f"{_('Head of office')} — {self.head.name or _('(not chosen)')}")
        self.signer.setObjectName("report_signer")
        self.fresh.setChecked(True)
        note = " ".join(
            (
                _("A report belongs to no meeting: its signature is not added to a register and locks no meeting."),
                _(SELF_ISSUED_NOTE),
                _("The passphrase is asked each time and never stored."),
            )
        )
        heading = _("Timpora activity report of the period {start} to {end}").format(
            start=plain_date(start), end=plain_date(end)
        )
        self.assemble(heading, [], self.signing_form(self.signer, self.p12_row), note)

    def request(self) -> ReportSignRequest:
        p12, passphrase, folder, source = self.form_values()
        return ReportSignRequest(
            start=self.start_date,
            end=self.end_date,
            p12=p12,
            passphrase=passphrase,
            source=source,
            folder=folder,
            issued=today(),
            on_behalf=self.on_behalf.isChecked(),
        )

    def signing_work(self, request: ReportSignRequest, job: Job) -> Callable[[], ReportSignResult]:
        store = self.store
        return lambda: run_report_sign(store, request, job)

    def signed(self, result: ReportSignResult) -> None:
        # One signature per report: signing again would sign the signed copy's box a second time.
        self.sign_button.setEnabled(False)
        # Written as the dialog closes: each remembered value syncs the settings file (tens of ms
        # on a busy disk), a stall nobody sees then, rather than while the result is drawn.
        self._remember = (Path(self.p12.text().strip()), result.path.parent)
        lines = [
            _("Report signed by the head of office (period {start} to {end}): {path}").format(
                start=plain_date(result.start), end=plain_date(result.end), path=result.path.name
            ),
            _("Certificate: {name} ({kind}).").format(name=result.certificate_name, kind=result.certificate_kind),
            _("A report belongs to no meeting, so the signature was not added to a register."),
        ]
        if result.timestamp_missing:
            lines.append(
                _("No timestamp: {reason}; the signing time is this computer's clock.").format(
                    reason=result.timestamp_missing
                )
            )
        self.show_result(lines, result.report, result.zone)

    def done(self, result: int) -> None:
        if self._remember is not None:
            certificate, folder = self._remember
            self._remember = None
            remembered.set_certificate_path(certificate)
            remembered.set_export_folder(folder)
        super().done(result)
