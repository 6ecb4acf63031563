"""Settings: the office profile (kop surat with a preview, place, defaults, paper, font), language, data folder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _, current_language
from app.services.errors import UserError
from app.ui import remembered
from app.ui.desktop import open_folder
from app.ui.settings.kop_preview import KopPreview
from app.ui.settings.office_form import OfficeForm
from app.ui.widgets import fit_to_screen, form_layout

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Settings"))
        fit_to_screen(self, 860, 760)
        self.office = OfficeForm(self)
        with store.session() as session:
            self.office.load(session)
        self.preview = KopPreview()
        self.office.changed.connect(lambda: self.preview.show_office(self.office.record()))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(remembered.language()), 0))
        self.error = QLabel()
        self.error.setObjectName("settings_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._kop_tab(), _("&Kop surat"))
        self.tabs.addTab(self._documents_tab(), _("Office and &documents"))
        self.tabs.addTab(self._general_tab(), _("&General"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.preview.show_office(self.office.record(), at_once=True)

    def _kop_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(scrolled(self.office.kop_box), 1)
        caption = QLabel(_("As it prints at the top of the minutes:"))
        caption.setProperty("role", "hint")
        layout.addWidget(caption)
        layout.addWidget(self.preview)
        return page

    def _documents_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.office.place_box)
        heading = QLabel(_("The printed minutes"))
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        layout.addWidget(self.office.page_box)
        layout.addStretch(1)
        return scrolled(page)

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = form_layout()
        form.addRow(_("&Language:"), self.language)
        note = QLabel(_("A new language is used from the next start of the app."))
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        form.addRow("", note)
        path = QLabel(self.store.location)
        path.setObjectName("data_file")
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setWordWrap(True)
        open_button = QPushButton(_("Open the &folder"))
        open_button.clicked.connect(lambda: open_folder(self.store.path))
        row = QHBoxLayout()
        row.addWidget(path, 1)
        row.addWidget(open_button)
        open_button.setVisible(not self.store.is_server)  # a server database has no folder here
        if self.store.is_server:
            form.addRow(_("Shared store in use:"), row)
            where = QLabel(
                _(
                    "Everything recorded is on this PostgreSQL server, shared by the office; the server's "
                    "own backups keep it. The laptop's own file is used again without --db or TIMPORA_DB."
                )
            )
        else:
            form.addRow(_("Data file in use:"), row)
            where = QLabel(
                _(
                    "Everything recorded is in this one file. Back it up with the folder it is in; "
                    "another file can be used with --db or the TIMPORA_DB variable."
                )
            )
        where.setProperty("role", "hint")
        where.setWordWrap(True)
        form.addRow("", where)
        form.addRow(_("Exports go to:"), QLabel(str(remembered.export_folder())))
        page.setLayout(form)
        return page

    def accept(self) -> None:
        try:
            with self.store.session() as session:
                self.office.save(session)
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        code = self.language.currentData()
        remembered.set_language_setting(code)
        if code != current_language() and hasattr(self.parent(), "show_message"):
            self.parent().show_message(_("The language changes at the next start."))  # type: ignore[union-attr]
        super().accept()
