"""Undo and redo in the editor: every saved change is a command that calls the services again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models.base import Base
from app.services.errors import NotFoundError
from app.services.restore import RowSnapshot, restore_row, snapshot_row

Work = Callable[[Session], Any]


def row_by_uuid(session: Session, model: type[Any], uuid: str) -> Any:
    row = session.scalar(select(model).where(model.uuid == uuid))
    if row is None:
        raise NotFoundError(_("The row no longer exists."))
    return row


class FieldEdit(QUndoCommand):
    """A field's value, saved already when pushed; undo writes the old value back."""

    def __init__(self, editor: Any, binder: Any, target: Any, old: Any, new: Any) -> None:
        super().__init__(_("Edit {field}").format(field=binder.name) if binder.name else _("Edit"))
        self.editor, self.binder, self.target, self.old, self.new = editor, binder, target, old, new
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.editor.replay(self.binder.tab, self.target, lambda: self.binder.apply(self.target, self.new))
        self.editor.notify(_("Redone: {what}").format(what=self.text()))

    def undo(self) -> None:
        self.editor.replay(self.binder.tab, self.target, lambda: self.binder.apply(self.target, self.old))
        self.editor.notify(_("Undone: {what}").format(what=self.text()))


class StoreCommand(QUndoCommand):
    """A change of rows (add, delete, move, all present ...) as two units of work."""

    def __init__(
        self, editor: Any, text: str, *, do: Work, undo: Work, tab: int, target: Any = None, done: bool = False
    ) -> None:
        super().__init__(text)
        self.editor, self._do, self._undo, self.tab, self.target = editor, do, undo, tab, target
        self._first = done
        self._redone = done

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.editor.replay(self.tab, self.target, lambda: self.editor.write(self._do))
        if self._redone:  # the first run is said by whoever pushed the command
            self.editor.notify(_("Redone: {what}").format(what=self.text()))
        self._redone = True

    def undo(self) -> None:
        self.editor.replay(self.tab, self.target, lambda: self.editor.write(self._undo))
        self.editor.notify(_("Undone: {what}").format(what=self.text()))


class RowLife:
    """One row that can be deleted and brought back as it was, found by its uuid."""

    def __init__(self, model: type[Base], uuid: str, delete: Callable[[Session, int], None]) -> None:
        self.model, self.uuid, self._delete = model, uuid, delete
        self.snapshot: RowSnapshot | None = None

    def remember(self, session: Session) -> None:
        self.snapshot = snapshot_row(row_by_uuid(session, self.model, self.uuid))

    def delete(self, session: Session) -> None:
        row = row_by_uuid(session, self.model, self.uuid)
        self.snapshot = snapshot_row(row)
        self._delete(session, row.id)

    def restore(self, session: Session) -> None:
        assert self.snapshot is not None
        restore_row(session, self.snapshot)
