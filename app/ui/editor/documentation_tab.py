"""Dokumentasi: photos of the meeting, added by drag and drop or a file picker, with captions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Attachment, Meeting
from app.services.attachments import add_attachment_file, delete_attachment, move_attachment, update_caption
from app.ui.editor.ordered_rows import OrderedRowsTab, Row
from app.ui.editor.undo import RowLife, StoreCommand, row_by_uuid
from app.ui.ops import run_op
from app.ui.widgets import ErrorLabel, FieldBinder, form_layout, plain_text_edit, with_error

PREVIEW_SIZE = 360


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",") if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


class DocumentationTab(OrderedRowsTab):
    orm_model = Attachment

    def __init__(self, editor: Any, index: int) -> None:
        self.add_text = _("&Add photos…")
        self.empty_text = _("No photos yet. Drop pictures here or press Add photos.")
        super().__init__(editor, index, [_("No."), _("File"), _("Caption"), _("Size")])
        self.setAcceptDrops(True)
        self.table.setAcceptDrops(True)
        self._previews: dict[str, QPixmap] = {}

    def stretch_column(self) -> int:
        return 2

    def build_form(self, box: QWidget) -> None:
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview.setMinimumHeight(120)
        self.caption = plain_text_edit(lines=2)
        self.caption.setObjectName("caption")
        error = ErrorLabel()

        def save(session: Session, uuid: str, value: str) -> None:
            update_caption(session, row_by_uuid(session, Attachment, uuid).id, value)

        self.caption_binder = FieldBinder(
            self.editor, self.caption, save=save, error=error, tab=self.index, name=_("Caption")
        )
        self.caption_binder.saved.connect(self.reload_rows)
        form = form_layout()
        form.addRow(_("Ca&ption:"), with_error(self.caption, error))
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)

    def rows_of(self, session: Session, meeting: Meeting) -> list[Row]:
        return [
            Row(
                uuid=a.uuid,
                id=a.id,
                cells=(str(a.position), a.filename, a.caption, _size(a.size)),
                values={"caption": a.caption},
            )
            for a in meeting.attachments
        ]

    def show_row(self, row: Row | None) -> None:
        self.caption_binder.show_value(row.uuid if row else None, row.values["caption"] if row else "")
        self.preview.setPixmap(self._preview(row.uuid) if row else QPixmap())

    def _preview(self, uuid: str) -> QPixmap:
        if uuid not in self._previews:
            with self.editor.store.session() as session:
                image = row_by_uuid(session, Attachment, uuid).print_image
            pixmap = QPixmap()
            if image:
                pixmap.loadFromData(image)
                pixmap = pixmap.scaled(
                    PREVIEW_SIZE,
                    PREVIEW_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self._previews[uuid] = pixmap
        return self._previews[uuid]

    # -- adding ----------------------------------------------------------------------------

    def add_row(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _("Add photos"), "", _("Pictures (*.jpg *.jpeg *.png);;All files (*)")
        )
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Scaling a photo for print takes a moment: done on the worker, shown when ready."""
        if not paths or self.meeting_id is None:
            return
        self.editor.flush_all()
        meeting_id, store = self.meeting_id, self.editor.store
        self.editor.notify(_("Adding {count} file(s)…").format(count=len(paths)))

        def work() -> list[str]:
            uuids = []
            with store.session() as session:
                for path in paths:
                    uuids.append(add_attachment_file(session, meeting_id, path).uuid)
            return uuids

        run_op(work, on_success=self._added, on_failure=lambda exc: self.editor.notify(str(exc)))

    def _added(self, uuids: list[str]) -> None:
        for uuid in uuids:
            life = RowLife(Attachment, uuid, delete_attachment)
            self.editor.write(life.remember)
            self.editor.push(
                StoreCommand(
                    self.editor,
                    _("Add photo"),
                    do=life.restore,
                    undo=life.delete,
                    tab=self.index,
                    target=uuid,
                    done=True,
                )
            )
            self.current_uuid = uuid
        self.editor.reload()
        self.editor.notify(_("{count} file(s) added.").format(count=len(uuids)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
            event.acceptProposedAction()
            self.add_files(paths)
        else:
            super().dropEvent(event)

    def create(self, session: Session, meeting_id: int) -> Any:  # type: ignore[override]  # shadows QWidget.create (not virtual: Qt never calls it)
        raise NotImplementedError  # photos come from files, see add_files

    def delete(self, session: Session, row_id: int) -> None:
        delete_attachment(session, row_id)

    def move(self, session: Session, row_id: int, position: int) -> None:  # type: ignore[override]  # shadows QWidget.move (not virtual: Qt never calls it)
        move_attachment(session, row_id, position)

    def first_field(self) -> QWidget:
        return self.caption
