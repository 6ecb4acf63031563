"""First start: a short guided setup of the office profile, so the first minutes print a proper kop surat."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from app.db import Store
from app.i18n import _
from app.services.errors import UserError
from app.services.office import get_office, update_office
from app.ui.settings.kop_preview import KopPreview
from app.ui.settings.office_form import OfficeForm
from app.ui.settings.team_page import TeamPage


class FirstStartDialog(QWizard):
    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Setting up Notulen Timpora"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(820, 640)
        for which, text in (
            (QWizard.WizardButton.NextButton, _("&Next >")),
            (QWizard.WizardButton.BackButton, _("< &Back")),
            (QWizard.WizardButton.FinishButton, _("&Finish")),
            (QWizard.WizardButton.CancelButton, _("Later")),
        ):
            self.setButtonText(which, text)
        self.office = OfficeForm(self)
        with store.session() as session:
            self.office.load(session)
        self.preview = KopPreview()
        self.office.changed.connect(lambda: self.preview.show_office(self.office.record()))
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.addPage(self._welcome())
        self.addPage(self._kop())
        self.addPage(self._place())
        self.team = TeamPage(
            office_name=lambda: self.office.edits["office_name"].text(),
            city=lambda: self.office.edits["city"].text(),
        )
        self.addPage(self.team)
        self.preview.show_office(self.office.record(), at_once=True)

    def _page(self, title: str, text: str) -> tuple[QWizardPage, QVBoxLayout]:
        page = QWizardPage()
        page.setTitle(title)
        layout = QVBoxLayout(page)
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        return page, layout

    def _welcome(self) -> QWizardPage:
        page, _layout = self._page(
            _("Welcome"),
            _(
                "Four short steps set up your office: the kop surat printed at the top of every minutes; "
                "the city, time zone and paper; then the agencies of your Tim PORA, with who chairs it and "
                "who takes the minutes. Everything can be changed later in Tools → Settings and Tools → "
                "Directory."
            ),
        )
        return page

    def _kop(self) -> QWizardPage:
        page, layout = self._page(_("Kop surat"), _("Type the lines as your office's letters print them."))
        layout.addWidget(self.office.kop_box)
        layout.addWidget(self.preview)
        return page

    def _place(self) -> QWizardPage:
        page, layout = self._page(
            _("Place and defaults"), _("Used for new meetings and for the date line above the signatures.")
        )
        layout.addWidget(self.office.place_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        page.setFinalPage(True)  # "Selesai" here too: the Tim PORA page may be left for later
        return page

    def accept(self) -> None:
        try:
            with self.store.session() as session:
                self.office.save(session)
                people = self.team.save(session)
                defaults = {
                    f"default_{role}_id": person
                    for role, person in people.items()
                    if getattr(get_office(session), f"default_{role}_id") is None
                }
                if defaults:
                    update_office(session, **defaults)
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.team.error.show_error(str(exc))  # the page the user is on
            return
        super().accept()
