"""An ordered part of a meeting (agenda, findings, actions, conclusions): a table and a form.

The table lists the rows in order; rows move by drag and drop or Alt+Up / Alt+Down; the form
under it edits the selected row, each field saving itself.
"""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Meeting
from app.ui.editor.undo import RowLife, StoreCommand, row_by_uuid
from app.ui.table_rows import Row, RowFlash, RowsModel
from app.ui.widgets import SearchingTable, widget_shortcut


class OrderedRowsTab(QWidget):
    """Base of a tab over an ordered part; subclasses give columns, form and services."""

    orm_model: type = None  # type: ignore[assignment]
    add_text = ""
    empty_text = ""

    def __init__(self, editor: Any, index: int, headers: list[str]) -> None:
        super().__init__()
        self.editor = editor
        self.index = index
        self.meeting_id: int | None = None
        self.current_uuid: str | None = None
        self.model = RowsModel(headers)
        self.model.move_requested.connect(self.move_row)
        self.table = self._make_table()
        self.flash = RowFlash(self.table)
        self.add_button = QPushButton(self.add_text)
        self.delete_button = QPushButton(_("&Delete"))
        self.up_button = QPushButton(_("Move &up"))
        self.down_button = QPushButton(_("Move do&wn"))
        self.up_button.setToolTip(_("Alt+Up"))
        self.down_button.setToolTip(_("Alt+Down"))
        self.add_button.clicked.connect(self.add_row)
        self.delete_button.clicked.connect(self.delete_row)
        self.up_button.clicked.connect(lambda: self.step(-1))
        self.down_button.clicked.connect(lambda: self.step(+1))
        for keys, slot in (("Alt+Up", lambda: self.step(-1)), ("Alt+Down", lambda: self.step(+1))):
            widget_shortcut(QKeySequence(keys), self.table, slot, context=Qt.ShortcutContext.WidgetShortcut)
        widget_shortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.table,
            self.delete_row,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        widget_shortcut(
            QKeySequence("Insert"), self, self.add_row, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.empty_label = QLabel(self.empty_text)
        self.empty_label.setProperty("role", "hint")
        self.form_widget = QWidget()
        self.build_form(self.form_widget)
        self._layout()

    # -- layout ----------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = SearchingTable(search_column=self.stretch_column())  # letters find a row, never change one
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropOverwriteMode(False)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        return table

    def stretch_column(self) -> int:
        return 1

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.empty_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_widget)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(scroll)
        extra = self.extra_widget()
        if extra is not None:
            splitter.addWidget(extra)
        for index, stretch in enumerate((2, 3, 1)[: splitter.count()]):
            splitter.setStretchFactor(index, stretch)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column == self.stretch_column():
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    # -- hooks -----------------------------------------------------------------------------

    def build_form(self, box: QWidget) -> None:
        raise NotImplementedError

    def rows_of(self, session: Session, meeting: Meeting) -> list[Row]:
        raise NotImplementedError

    def show_row(self, row: Row | None) -> None:
        raise NotImplementedError

    def create(self, session: Session, meeting_id: int) -> Any:  # type: ignore[override]  # shadows QWidget.create (not virtual: Qt never calls it)
        raise NotImplementedError

    def delete(self, session: Session, row_id: int) -> None:
        raise NotImplementedError

    def move(self, session: Session, row_id: int, position: int) -> None:  # type: ignore[override]  # shadows QWidget.move (not virtual: Qt never calls it)
        raise NotImplementedError

    def first_field(self) -> QWidget:
        raise NotImplementedError

    def extra_widget(self) -> QWidget | None:
        """A part of the tab below the form that does not depend on the selected row."""
        return None

    def extra_load(self, session: Session, meeting: Meeting) -> None:
        """Anything else the tab shows (the actions tab's carried-over items)."""

    # -- loading ---------------------------------------------------------------------------

    def load(self, session: Session, meeting: Meeting) -> None:
        if meeting.id != self.meeting_id:
            self.current_uuid = None
        self.meeting_id = meeting.id
        self._set_rows(self.rows_of(session, meeting))
        self.extra_load(session, meeting)

    def reload_rows(self) -> None:
        """Show the table again after a field of the current row was saved."""
        with self.editor.store.session() as session:
            meeting = session.get(Meeting, self.meeting_id)
            rows = self.rows_of(session, meeting)
        self._set_rows(rows, show_form=False)

    def _set_rows(self, rows: list[Row], *, show_form: bool = True) -> None:
        selection = self.table.selectionModel()
        blocked = selection.blockSignals(True)
        self.model.set_rows(rows)
        position = self.model.index_of(self.current_uuid)
        if position < 0 and rows:
            position = 0
        if position >= 0:
            index = self.model.index(position, 0)
            selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        selection.blockSignals(blocked)
        row = self.model.row_at(position)
        self.current_uuid = row.uuid if row else None
        self.empty_label.setVisible(not rows)
        self.form_widget.setEnabled(row is not None)
        self._update_buttons()
        if show_form:
            self.show_row(row)

    def select(self, target: Any) -> None:
        position = self.model.index_of(target) if isinstance(target, str) else -1
        if position >= 0:
            self.table.selectRow(position)

    def flash_row(self, target: Any) -> None:
        """The row a key (or an undo) just changed glows for a moment."""
        self.flash.flash(self.model.index_of(target) if isinstance(target, str) else -1)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self.current_uuid = row.uuid if row else None
        self.form_widget.setEnabled(row is not None)
        self._update_buttons()
        self.show_row(row)

    def _update_buttons(self) -> None:
        count = len(self.model.rows())
        position = self.model.index_of(self.current_uuid)
        self.delete_button.setEnabled(position >= 0)
        self.up_button.setEnabled(position > 0)
        self.down_button.setEnabled(0 <= position < count - 1)

    # -- changing --------------------------------------------------------------------------

    def add_row(self) -> None:
        if self.meeting_id is None:
            return
        self.editor.flush_all()
        life: RowLife | None = None

        def create(session: Session) -> None:
            nonlocal life
            row = self.create(session, cast(int, self.meeting_id))
            life = RowLife(self.orm_model, row.uuid, self.delete)
            life.remember(session)

        if not self.editor.try_write(create) or life is None:
            return
        self.current_uuid = life.uuid
        self.editor.push(
            StoreCommand(
                self.editor,
                self.add_text.replace("&", ""),
                do=life.restore,
                undo=life.delete,
                tab=self.index,
                target=life.uuid,
                done=True,
            )
        )
        self.editor.reload()
        field = self.first_field()
        field.setFocus()
        if hasattr(field, "selectAll"):
            field.selectAll()

    def delete_row(self) -> None:
        if self.current_uuid is None:
            return
        self.editor.flush_all()
        life = RowLife(self.orm_model, self.current_uuid, self.delete)
        self._deleting_text = self._row_text(life.uuid)
        self.editor.push(
            StoreCommand(self.editor, _("Delete"), do=life.delete, undo=life.restore, tab=self.index, target=life.uuid)
        )
        self.editor.offer_undo(_("Deleted: {text}").format(text=self._deleting_text))

    def _row_text(self, uuid: str) -> str:
        """A short reminder of a row ("Pembukaan"), for the undo bar."""
        row = self.model.row_at(self.model.index_of(uuid))
        if row is None:
            return ""
        text = " ".join(row.cells[self.stretch_column()].split())
        return text if len(text) <= 60 else text[:59] + "…"

    def step(self, delta: int) -> None:
        position = self.model.index_of(self.current_uuid)
        if position < 0:
            return
        new_position = position + 1 + delta
        if 1 <= new_position <= len(self.model.rows()):
            uuid = cast(str, self.current_uuid)
            self.move_row(uuid, new_position)
            self.table.setFocus()
            self.editor.notify(
                _("Moved to number {position}: {text}").format(position=new_position, text=self._row_text(uuid))
            )

    def move_row(self, uuid: str, new_position: int) -> None:
        old_position = self.model.index_of(uuid) + 1
        if old_position <= 0 or old_position == new_position:
            return
        self.editor.flush_all()
        model = self.orm_model

        def move_to(position: int):
            return lambda session: self.move(session, row_by_uuid(session, model, uuid).id, position)

        self.current_uuid = uuid
        self.editor.push(
            StoreCommand(
                self.editor,
                _("Move"),
                do=move_to(new_position),
                undo=move_to(old_position),
                tab=self.index,
                target=uuid,
            )
        )
