"""Directory: agencies and people, each edited in a form beside its list; people found by typing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Store
from app.i18n import _, plain_date
from app.models import Agency, Person
from app.services import directory
from app.services.errors import UserError, ValidationError
from app.services.validation import format_id_number
from app.ui.agency_choice import choose_agency, fill_agencies, offer_new_agency
from app.ui.table_rows import Row, RowsModel
from app.ui.widgets import ErrorLabel, date_edit, elide_combo, form_layout, today, with_error

PERSON_FIELDS = ("name", "id_number", "rank", "position", "agency_id", "phone", "email")
AGENCY_FIELDS = ("name", "short_name", "sort_order")


class _RecordsPanel(QWidget):
    """A list with a form: Save writes the form to the selected entry, New starts an empty one."""

    fields: tuple[str, ...] = ()

    if TYPE_CHECKING:  # what each panel provides

        def build_form(self) -> None: ...
        def first_widget(self) -> QWidget: ...
        def rows(self, session: Session, text: str) -> list[Row]: ...
        def empty_values(self) -> dict: ...
        def show_values(self, values: dict) -> None: ...
        def read_values(self) -> dict: ...
        # These two shadow QWidget.create/update (not virtual: Qt never calls them from C++).
        def create(self, session: Session, values: dict) -> Agency | Person: ...  # type: ignore[override]
        def update(self, session: Session, row_id: int, values: dict) -> None: ...  # type: ignore[override]
        def remove(self, session: Session, row_id: int) -> None: ...

    def __init__(self, store: Store, headers: list[str]) -> None:
        super().__init__()
        self.store = store
        self.current_id: int | None = None
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Type to filter…"))
        self.filter.textChanged.connect(self.refresh)
        self.model = RowsModel(headers)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.errors = {field: ErrorLabel() for field in self.fields}
        self.general_error = ErrorLabel()
        self.new_button = QPushButton(_("&New"))
        self.save_button = QPushButton(_("&Save"))
        self.delete_button = QPushButton(_("&Delete"))
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.form = form_layout()
        self.build_form()
        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        right = QVBoxLayout()
        right.addLayout(self.form)
        right.addWidget(self.general_error)
        self.saved_note = QLabel()
        self.saved_note.setProperty("role", "hint")
        self.saved_note.setWordWrap(True)
        self.saved_note.setTextFormat(Qt.TextFormat.PlainText)
        right.addWidget(self.saved_note)
        right.addLayout(buttons)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def add_field(self, label: str, field: str, widget: QWidget) -> None:
        self.form.addRow(label, with_error(widget, self.errors[field]))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self.current_id = row.id if row else None
        self.show_values(row.values if row else self.empty_values())
        self._clear_errors()

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.show_error(None)
        if hasattr(self, "saved_note"):
            self.saved_note.clear()

    def start_new(self) -> None:
        self.table.clearSelection()
        self.current_id = None
        self.show_values(self.empty_values())
        self._clear_errors()
        self.first_widget().setFocus()

    def save(self) -> None:
        self._clear_errors()
        values = self.read_values()
        adding = self.current_id is None
        try:
            with self.store.session() as session:
                if self.current_id is None:
                    self.current_id = self.create(session, values).id
                else:
                    self.update(session, self.current_id, values)
        except ValidationError as exc:
            self.errors.get(exc.field or "", self.general_error).show_error(str(exc))
            return
        except UserError as exc:
            self.general_error.show_error(str(exc))
            return
        self.refresh()
        if adding:
            # Entries are added one after another: the form is ready for the next, never left
            # on the saved one for the next name to be typed over it.
            self.start_new()
            self.saved_note.setText(_("“{name}” is saved; type the next one.").format(name=values.get("name", "")))
        else:
            self.saved_note.setText(_("Saved."))

    def delete(self) -> None:
        if self.current_id is None:
            return
        row = next((r for r in self.model.rows() if r.id == self.current_id), None)
        answer = QMessageBox.question(
            self,
            _("Delete"),
            _("Delete “{name}” from the directory? Meetings keep the names they recorded.").format(
                name=row.cells[0] if row else ""
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.store.session() as session:
                self.remove(session, self.current_id)
        except UserError as exc:
            self.general_error.show_error(str(exc))
            return
        self.current_id = None
        self.refresh()

    def refresh(self, *_args: object) -> None:
        with self.store.session() as session:
            rows = self.rows(session, self.filter.text())
        keep = self.current_id
        selection = self.table.selectionModel()
        blocked = selection.blockSignals(True)
        self.model.set_rows(rows)
        position = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else -1)
        if position >= 0:
            selection.setCurrentIndex(
                self.model.index(position, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        selection.blockSignals(blocked)
        row = self.model.row_at(position)
        self.current_id = row.id if row else None
        self.show_values(row.values if row else self.empty_values())


class PeoplePanel(_RecordsPanel):
    fields = PERSON_FIELDS

    def __init__(self, store: Store) -> None:
        super().__init__(store, [_("Name"), _("NIP/NRP"), _("Agency")])

    def build_form(self) -> None:
        self.edits = {f: QLineEdit() for f in PERSON_FIELDS if f != "agency_id"}
        self.agency = elide_combo(QComboBox())
        self.agency.setObjectName("person_agency")
        offer_new_agency(self.agency, lambda: self.store, self._agency_created)
        labels = {
            "name": _("Na&me:"),
            "id_number": _("NIP/NRP:"),
            "rank": _("Rank/grade:"),
            "position": _("Position:"),
            "phone": _("Phone:"),
            "email": _("E-mail:"),
        }
        for field in ("name", "id_number", "rank", "position"):
            self.add_field(labels[field], field, self.edits[field])
        self.add_field(_("A&gency:"), "agency_id", self.agency)
        for field in ("phone", "email"):
            self.add_field(labels[field], field, self.edits[field])

    def first_widget(self) -> QWidget:
        return self.edits["name"]

    def rows(self, session: Session, text: str) -> list[Row]:
        self._fill_agencies(session)
        people = directory.search_people(session, text, limit=5000)
        return [
            Row(
                uuid=p.uuid,
                id=p.id,
                cells=(p.name, format_id_number(p.id_number), p.agency.name if p.agency else ""),
                values={f: getattr(p, f) for f in PERSON_FIELDS},
            )
            for p in people
        ]

    def _fill_agencies(self, session: Session) -> None:
        fill_agencies(self.agency, [(_("(none)"), None)] + [(a.name, a.id) for a in directory.list_agencies(session)])

    def _agency_created(self, agency_id: int, _name: str) -> None:
        # Only the list is read again: what is typed in the form stays.
        with self.store.session() as session:
            self._fill_agencies(session)
        choose_agency(self.agency, agency_id)

    def empty_values(self) -> dict:
        return {f: "" for f in PERSON_FIELDS} | {"agency_id": None}

    def show_values(self, values: dict) -> None:
        for field, edit in self.edits.items():
            edit.setText(values[field])
        self.agency.setCurrentIndex(max(self.agency.findData(values["agency_id"]), 0))

    def read_values(self) -> dict:
        return {f: e.text() for f, e in self.edits.items()} | {"agency_id": self.agency.currentData()}

    def create(self, session: Session, values: dict) -> Person:  # type: ignore[override]  # see _RecordsPanel
        return directory.create_person(session, **values)

    def update(self, session: Session, row_id: int, values: dict) -> None:  # type: ignore[override]  # see _RecordsPanel
        directory.update_person(session, row_id, **values)

    def remove(self, session: Session, row_id: int) -> None:
        directory.delete_person(session, row_id)


class AgenciesPanel(_RecordsPanel):
    fields = (*AGENCY_FIELDS, "renamed_on")

    def __init__(self, store: Store) -> None:
        super().__init__(store, [_("Agency"), _("Short name"), _("Order")])

    def build_form(self) -> None:
        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.sort_order = QSpinBox()
        self.sort_order.setRange(0, 9999)
        # A renamed agency keeps its old name for the minutes of meetings held before the day.
        self.renamed = QCheckBox(_("Re&named: the new name is used from"))
        self.renamed_on = date_edit()
        self.renamed_on.setDate(today())  # type: ignore[arg-type]  # PySide6 converts a date; its stubs want a QDate
        self.renamed_on.setEnabled(False)
        self.renamed.toggled.connect(self.renamed_on.setEnabled)
        renamed_row = QHBoxLayout()
        renamed_row.addWidget(self.renamed)
        renamed_row.addWidget(self.renamed_on, 1)
        renamed_box = QWidget()
        renamed_box.setLayout(renamed_row)
        renamed_row.setContentsMargins(0, 0, 0, 0)
        self.former = QLabel()
        self.former.setObjectName("former_names")
        self.former.setProperty("role", "hint")
        self.former.setWordWrap(True)
        self.add_field(_("Na&me:"), "name", self.name)
        self.add_field(_("S&hort name:"), "short_name", self.short_name)
        self.add_field(_("&Order in the list:"), "sort_order", self.sort_order)
        self.add_field("", "renamed_on", renamed_box)
        self.form.addRow("", self.former)

    def first_widget(self) -> QWidget:
        return self.name

    def rows(self, session: Session, text: str) -> list[Row]:
        needle = text.casefold().strip()
        return [
            Row(
                uuid=a.uuid,
                id=a.id,
                cells=(a.name, a.short_name, str(a.sort_order)),
                values={
                    "name": a.name,
                    "short_name": a.short_name,
                    "sort_order": a.sort_order,
                    "former": [(f.name, f.renamed_on) for f in a.former_names],
                },
            )
            for a in directory.list_agencies(session)
            if not needle or needle in a.name.casefold() or needle in a.short_name.casefold()
        ]

    def empty_values(self) -> dict:
        return {"name": "", "short_name": "", "sort_order": 100, "former": []}

    def show_values(self, values: dict) -> None:
        self.name.setText(values["name"])
        self.short_name.setText(values["short_name"])
        self.sort_order.setValue(values["sort_order"])
        self.renamed.setChecked(False)
        self.renamed.setEnabled(self.current_id is not None)
        lines = [
            _("Until {date}: {name}").format(date=plain_date(renamed_on - dt.timedelta(days=1)), name=name)
            for name, renamed_on in values.get("former", [])
        ]
        self.former.setText("\n".join(lines))
        self.former.setVisible(bool(lines))

    def read_values(self) -> dict:
        values = {"name": self.name.text(), "short_name": self.short_name.text(), "sort_order": self.sort_order.value()}
        if self.renamed.isChecked() and self.current_id is not None:
            values["renamed_on"] = self.renamed_on.date().toPython()
        return values

    def create(self, session: Session, values: dict) -> Agency:  # type: ignore[override]  # see _RecordsPanel
        return directory.create_agency(session, **values)

    def update(self, session: Session, row_id: int, values: dict) -> None:  # type: ignore[override]  # see _RecordsPanel
        renamed_on = values.pop("renamed_on", None)
        if renamed_on is not None:
            directory.rename_agency(
                session, row_id, name=values.pop("name"), short_name=values.pop("short_name"), renamed_on=renamed_on
            )
        directory.update_agency(session, row_id, **values)

    def remove(self, session: Session, row_id: int) -> None:
        directory.delete_agency(session, row_id)


class DirectoryDialog(QDialog):
    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Directory"))
        self.people = PeoplePanel(store)
        self.agencies = AgenciesPanel(store)
        tabs = QTabWidget()
        tabs.addTab(self.people, _("&People"))
        tabs.addTab(self.agencies, _("&Agencies"))
        tabs.currentChanged.connect(self.people.refresh)
        tabs.currentChanged.connect(self.agencies.refresh)
        import_button = QPushButton(_("&Import from CSV/Excel…"))
        import_button.clicked.connect(lambda: self._import(store))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(import_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.people.refresh()
        self.agencies.refresh()
        self.resize(1000, 620)

    def _import(self, store: Store) -> None:
        from app.ui.directory.person_import_dialog import PersonImportDialog

        PersonImportDialog(self, store).exec()
        self.people.refresh()
        self.agencies.refresh()
