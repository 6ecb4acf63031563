"""A finding's further nationalities: rows of country and number of persons, added by a button.

The first nationality keeps the form's own two fields, so a finding of one nationality is typed
as quickly as ever; "Add nationality" puts another row under them (issue 18: Tiongkok 3,
Vietnam 2). The rows are saved together, as one value, by the tab's FieldBinder.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QToolButton, QVBoxLayout

from app.i18n import _, country_name
from app.ui.widgets import CompositeField

#: What the widget shows of one row, unparsed: the combo's (code or None, text), persons typed.
ShownRow = tuple[tuple[Any, str], str]


class NationalityRows(CompositeField):
    def __init__(self, make_combo: Any) -> None:
        super().__init__()
        self._make_combo = make_combo
        self._rows: list[tuple[QComboBox, QLineEdit, QToolButton]] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 1)
        self.add_button = QPushButton(_("Add anot&her nationality"))
        self.add_button.setObjectName("finding_add_nationality")
        self.add_button.setToolTip(_("A finding about foreigners of several nationalities: one row each"))
        self.add_button.clicked.connect(lambda: self.add_row())
        button_row = QHBoxLayout()
        button_row.addWidget(self.add_button)
        button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addLayout(button_row)

    # -- the rows ------------------------------------------------------------------------------

    def add_row(self, *, focus: bool = True) -> QComboBox:
        """One more (empty) row, focused for typing; nothing is saved until it says something."""
        combo = self._make_combo()
        combo.setObjectName(f"finding_nationality_{len(self._rows) + 2}")
        persons = QLineEdit()
        persons.setObjectName(f"finding_persons_{len(self._rows) + 2}")
        persons.setMaximumWidth(120)  # as the first row's field
        persons.setPlaceholderText(_("persons"))
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(_("Remove this nationality"))
        remove.setAccessibleName(_("Remove this nationality"))
        row = len(self._rows)
        self._grid.addWidget(combo, row, 0)
        self._grid.addWidget(persons, row, 1)
        self._grid.addWidget(remove, row, 2)
        entry = (combo, persons, remove)
        self._rows.append(entry)
        combo.editTextChanged.connect(self._changed)
        combo.activated.connect(self._changed)
        persons.textEdited.connect(self._changed)
        remove.clicked.connect(lambda: self._remove(entry))
        self.setTabOrder(persons, self.add_button)
        if focus:
            for widget in entry:
                widget.show()  # a hidden widget takes no focus (the layout shows them later)
            combo.setFocus()
        return combo

    def _remove(self, entry: tuple[QComboBox, QLineEdit, QToolButton]) -> None:
        self._drop(entry)
        self._relayout()
        self.edited.emit()

    def _drop(self, entry: tuple[QComboBox, QLineEdit, QToolButton]) -> None:
        self._rows.remove(entry)
        for widget in entry:
            self._grid.removeWidget(widget)
            widget.deleteLater()

    def _relayout(self) -> None:
        for row, entry in enumerate(self._rows):
            for column, widget in enumerate(entry):
                self._grid.addWidget(widget, row, column)

    def _changed(self, *_args: object) -> None:
        if not self.signalsBlocked():
            self.edited.emit()

    # -- CompositeField --------------------------------------------------------------------------

    def value(self) -> list[ShownRow]:
        shown = []
        for combo, persons, _remove in self._rows:
            index = combo.findText(combo.currentText())
            shown.append(((combo.itemData(index) if index >= 0 else None, combo.currentText()), persons.text()))
        return shown

    def set_value(self, value: Any) -> None:
        """Stored rows [(code, persons)]; the widgets there are kept (one may have the focus)."""
        rows = list(value or [])
        while len(self._rows) > len(rows):
            self._drop(self._rows[-1])
        while len(self._rows) < len(rows):
            self.add_row(focus=False)
        for (combo, persons, _remove), (code, count) in zip(self._rows, rows, strict=True):
            blocked = combo.blockSignals(True), persons.blockSignals(True)
            name = country_name(code) if code else ""
            if combo.currentText() != name:
                index = combo.findData(code) if code else -1
                if index >= 0:
                    combo.setCurrentIndex(index)
                combo.setEditText(name)
            text = "" if count is None else str(count)
            if persons.text() != text:
                persons.setText(text)
            combo.blockSignals(blocked[0])
            persons.blockSignals(blocked[1])

    def rows(self) -> list[tuple[QComboBox, QLineEdit, QToolButton]]:
        return list(self._rows)
