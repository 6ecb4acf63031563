"""Choosing from the directory by typing any part of a name, an agency or a NIP."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit

from app.ui.widgets import elide_combo

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def free_text_combo(names: Iterable[tuple[str, object]]) -> QComboBox:
    """An editable list: pick an entry or type something new; matching is on any part."""
    combo = QComboBox()
    combo.setEditable(True)
    elide_combo(combo)  # a long name never widens the form
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    fill_combo(combo, names)
    completer = cast(QCompleter, combo.completer())  # an editable combo has one
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def fill_combo(combo: QComboBox, names: Iterable[tuple[str, object]]) -> None:
    blocked = combo.blockSignals(True)
    text = combo.currentText() if combo.isEditable() else None
    combo.clear()
    for name, data in names:
        combo.addItem(name, data)
    if text is not None:
        combo.setEditText(text)
    combo.blockSignals(blocked)


class PersonFinder(QLineEdit):
    """A line where typing part of a name, agency or NIP offers people; Enter picks one."""

    picked = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self)
        self._completer.setModel(self._model)
        self._completer.setCompletionRole(SEARCH_ROLE)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated.connect(self._activated_text)
        self.returnPressed.connect(self._return_pressed)

    def set_people(self, people: Iterable[object]) -> None:
        self._model.clear()
        for person in people:
            item = QStandardItem(person.label)  # type: ignore[attr-defined]
            item.setData(person.search_text, SEARCH_ROLE)  # type: ignore[attr-defined]
            item.setData(person.id, ID_ROLE)  # type: ignore[attr-defined]
            self._model.appendRow(item)

    def _person_for(self, text: str) -> int | None:
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            if item.data(SEARCH_ROLE) == text or item.text() == text:
                return int(item.data(ID_ROLE))
        return None

    def _activated_text(self, text: str) -> None:
        person_id = self._person_for(text)
        if person_id is not None:
            self.picked.emit(person_id)
            # The completer sets the text after this signal: clear once it has.
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.clear)

    def _return_pressed(self) -> None:
        """Enter with the list closed: the only match, or the first one shown, is taken."""
        popup = cast(QAbstractItemView, self._completer.popup())
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the highlighted entry is taken by `activated`
        popup.hide()
        person_id = self._person_for(self.text())
        if person_id is None:
            self._completer.setCompletionPrefix(self.text())
            if self._completer.completionCount() >= 1:
                self._completer.setCurrentRow(0)
                person_id = self._person_for(self._completer.currentCompletion())
        if person_id is not None:
            self.picked.emit(person_id)
            self.clear()
