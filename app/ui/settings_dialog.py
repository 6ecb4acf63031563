"""Settings of the window: the language of the interface."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.i18n import _, current_language
from app.ui import settings
from app.ui.forms import form_layout

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language()), 0))
        note = QLabel(_("A new language is used from the next start of the app."))
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        form = form_layout()
        form.addRow(_("&Language:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        code = self.language.currentData()
        settings.set_language_setting(code)
        if code != current_language() and self.parent() is not None:
            self.parent().show_message(_("The language changes at the next start."))  # type: ignore[attr-defined]
        super().accept()
