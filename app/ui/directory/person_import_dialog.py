"""Import people from CSV or Excel: pick the file, check which column is which, see the rows first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _
from app.services.errors import UserError
from app.services.person_import import TARGET_FIELDS, PeopleTable, guess_mapping, import_people, read_people_table
from app.ui.ops import run_op
from app.ui.widgets import ErrorLabel

PREVIEW_ROWS = 8


class PersonImportDialog(QDialog):
    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.store = store
        self.table: PeopleTable | None = None
        self.setWindowTitle(_("Import people"))
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        choose = QPushButton(_("&Choose file…"))
        choose.clicked.connect(self.choose)
        self.columns: dict[str, QComboBox] = {}
        mapping = QGridLayout()
        for row, (field, label) in enumerate(TARGET_FIELDS.items()):
            combo = QComboBox()
            self.columns[field] = combo
            combo.currentIndexChanged.connect(self._show_preview)
            mapping.addWidget(QLabel(_(label) + ":"), row // 2, (row % 2) * 2)
            mapping.addWidget(combo, row // 2, (row % 2) * 2 + 1)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_("&Import"))
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        hint = QLabel(
            _("Which column holds what? Columns are guessed from the headers; check them against the preview.")
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(mapping)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(900, 560)

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import people"), "", _("Lists (*.xlsx *.csv);;All files (*)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        self.error.show_error(None)
        try:
            self.table = read_people_table(path)
        except UserError as exc:
            self.error.show_error(str(exc))
            self.table = None
            self.import_button.setEnabled(False)
            return
        self.path.setText(str(path))
        guessed = guess_mapping(self.table.headers)
        for field, combo in self.columns.items():
            blocked = combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(not imported)"), None)
            for index, header in enumerate(self.table.headers):
                combo.addItem(header or _("Column {number}").format(number=index + 1), index)
            combo.setCurrentIndex(max(combo.findData(guessed.get(field)), 0) if field in guessed else 0)
            combo.blockSignals(blocked)
        self._show_preview()

    def mapping(self) -> dict[str, int]:
        return {field: combo.currentData() for field, combo in self.columns.items() if combo.currentData() is not None}

    def _show_preview(self, *_args: object) -> None:
        if self.table is None:
            return
        mapping = self.mapping()
        fields = list(mapping)
        self.preview.clear()
        self.preview.setColumnCount(len(fields))
        self.preview.setHorizontalHeaderLabels([_(TARGET_FIELDS[f]) for f in fields])
        rows = self.table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, field in enumerate(fields):
                self.preview.setItem(r, c, QTableWidgetItem(row[mapping[field]]))
        self.summary.setText(
            _("{count} rows in the file; the first {shown} are shown.").format(
                count=len(self.table.rows), shown=len(rows)
            )
        )
        has_name = "name" in mapping
        self.import_button.setEnabled(has_name)
        self.error.show_error(None if has_name else _("Choose the column that holds the names."))

    def run_import(self) -> None:
        if self.table is None:
            return
        table, mapping, store = self.table, self.mapping(), self.store
        self.import_button.setEnabled(False)
        self.summary.setText(_("Importing…"))

        def work():
            with store.session() as session:
                return import_people(session, table, mapping)

        run_op(work, on_success=self._done, on_failure=self._failed)

    def _done(self, result) -> None:
        self.result_summary = result
        text = _("{added} people added, {skipped} skipped (no name, or already in the directory).").format(
            added=result.added, skipped=result.skipped
        )
        if result.errors:
            text += "\n" + "\n".join(result.errors[:10])
        self.summary.setText(text)
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.accept)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.error.show_error(str(exc))
        self.import_button.setEnabled(True)
