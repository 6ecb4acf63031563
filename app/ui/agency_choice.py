"""Every list of agencies ends in "Instansi baru…": a new agency is made where it is needed.

A fresh store has few agencies, and the secretary finds the missing one in the middle of a
meeting: picking "New agency…" in any list of agencies (attendee, directory person, action item
owner, finding) opens one small dialog, adds the agency to the directory and chooses it in that
list. The same entry and the same dialog everywhere, so it is learnt once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from app.i18n import _
from app.services import directory
from app.services.errors import UserError, ValidationError
from app.ui.widgets import ErrorLabel, form_layout, with_error

if TYPE_CHECKING:
    from app.db import Store

#: The item data of the "New agency…" entry (an agency's data is its id, an int, or None).
NEW_AGENCY = "timpora:new-agency"

#: The combo's property holding the choice shown before "New agency…" was picked.
_SHOWN = "agency_shown_index"

Created = Callable[[int, str], None]  # (agency id, name): the list's owner reloads and chooses it


def new_agency_text() -> str:
    return _("New agency…")


def fill_agencies(combo: QComboBox, agencies: Iterable[tuple[str, object]]) -> None:
    """Fill a list of agencies and end it with "New agency…"; an editable list keeps its text,
    a closed one its choice."""
    blocked = combo.blockSignals(True)
    text = combo.currentText() if combo.isEditable() else None
    chosen = None if combo.isEditable() else combo.currentData()
    combo.clear()
    for name, data in agencies:
        combo.addItem(name, data)
    combo.addItem(new_agency_text(), NEW_AGENCY)
    italic = QFont(combo.font())
    italic.setItalic(True)
    combo.setItemData(combo.count() - 1, italic, Qt.ItemDataRole.FontRole)
    combo.setItemData(combo.count() - 1, _("Add an agency to the directory and choose it"), Qt.ItemDataRole.ToolTipRole)
    if text is not None:
        combo.setEditText(text)
    else:
        found = combo.findData(chosen)
        combo.setCurrentIndex(found if found >= 0 and chosen != NEW_AGENCY else 0)
    combo.setProperty(_SHOWN, combo.currentIndex())
    combo.blockSignals(blocked)


class NewAgencyDialog(QDialog):
    """Name and short name of a new agency; OK adds it to the directory (a refusal is said
    beside the field and the dialog stays open)."""

    def __init__(self, parent: QWidget | None, store: Store, name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("new_agency_dialog")
        self.setWindowTitle(_("New agency"))
        self.store = store
        self.created: tuple[int, str] | None = None
        self.name = QLineEdit(name)
        self.name.setObjectName("new_agency_name")
        self.name.setPlaceholderText(_("e.g. Kepolisian Resor Lubuklinggau"))
        self.short_name = QLineEdit()
        self.short_name.setObjectName("new_agency_short_name")
        self.short_name.setPlaceholderText(_("e.g. Polres Lubuklinggau"))
        self.name_error = ErrorLabel()
        self.short_error = ErrorLabel()
        self.general_error = ErrorLabel()
        form = form_layout()
        form.addRow(_("Na&me:"), with_error(self.name, self.name_error))
        form.addRow(_("S&hort name:"), with_error(self.short_name, self.short_error))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(520, self.fontMetrics().horizontalAdvance("x") * 70))
        self.name.setFocus()

    def add(self) -> None:
        for label in (self.name_error, self.short_error, self.general_error):
            label.show_error(None)
        try:
            with self.store.session() as session:
                agency = directory.create_agency(
                    session, name=self.name.text(), short_name=self.short_name.text(), sort_order=100
                )
                self.created = (agency.id, agency.name)
        except ValidationError as exc:
            {"name": self.name_error, "short_name": self.short_error}.get(
                exc.field or "", self.general_error
            ).show_error(str(exc))
            return
        except UserError as exc:
            self.general_error.show_error(str(exc))
            return
        self.accept()


def ask_new_agency(parent: QWidget | None, store: Store, name: str = "") -> tuple[int, str] | None:
    """The dialog, modal; the new agency's (id, name), or None when cancelled."""
    dialog = NewAgencyDialog(parent, store, name)
    try:
        return dialog.created if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def offer_new_agency(combo: QComboBox, store: Callable[[], Store], created: Created) -> None:
    """Picking the "New agency…" entry of `combo` (filled with `fill_agencies`) opens the dialog.

    The list first goes back to what it showed, so a field bound to it never saves the entry's
    text; once the agency is made, `created` reloads the lists and chooses it (which saves).
    A name typed into an editable list that matches no agency is offered as the new name.
    """
    # What the list showed before the entry was picked. The line edit's own signal is watched:
    # a bound field writes its value with the combo's signals blocked, not the line edit's.
    state = {"text": combo.currentText()}

    def remember_index(index: int) -> None:
        if combo.itemData(index) != NEW_AGENCY:
            combo.setProperty(_SHOWN, index)

    def remember_text(text: str) -> None:
        if text != new_agency_text():
            state["text"] = text

    def chosen(index: int) -> None:
        if combo.itemData(index) != NEW_AGENCY:
            return
        if combo.isEditable():
            previous = state["text"]
            combo.setCurrentIndex(combo.findText(previous) if previous else -1)
            combo.setEditText(previous)
            typed = previous if previous and combo.findText(previous) < 0 else ""
        else:
            shown = combo.property(_SHOWN)
            combo.setCurrentIndex(shown if isinstance(shown, int) and 0 <= shown < combo.count() - 1 else 0)
            typed = ""
        made = ask_new_agency(combo.window(), store(), typed)
        if made is not None:
            created(*made)

    combo.currentIndexChanged.connect(remember_index)
    line = combo.lineEdit() if combo.isEditable() else None
    if line is not None:
        line.textChanged.connect(remember_text)
    combo.activated.connect(chosen)


def choose_agency(combo: QComboBox, agency_id: int) -> None:
    """Choose an agency in a list the way a user does (a bound field saves it)."""
    index = combo.findData(agency_id)
    if index < 0:
        return
    combo.setCurrentIndex(index)
    if combo.isEditable():
        combo.setEditText(combo.itemText(index))
    combo.activated.emit(index)
