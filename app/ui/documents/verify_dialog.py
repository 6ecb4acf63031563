"""Periksa PDF: drop or open any minutes PDF and see who signed it, when, intact or not, and the record match."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.db import Store
from app.i18n import _
from app.services.errors import UserError
from app.ui import remembered
from app.ui.ops import run_op


def _verify(store: Store, path: Path):
    """On the worker: the report, and the office's time zone to show the signing times in."""
    from app.services.office import get_office
    from app.signing.trust import trust_folder, trusted_cas
    from app.signing.verification import verify

    roots = [cert for _ca, cert in trusted_cas(trust_folder(store.path))]  # the office's trust list (BSrE)
    with store.session() as session:
        return verify(path, session=session, trust_roots=roots), get_office(session).time_zone.value


def _pdf_of(event: QDragEnterEvent | QDropEvent) -> Path | None:
    for url in event.mimeData().urls() if event.mimeData().hasUrls() else ():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".pdf"):
            return Path(url.toLocalFile())
    return None


class VerifyDialog(QDialog):
    def __init__(self, parent: QWidget | None, store: Store, *, path: Path | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Check a signed PDF"))
        self.resize(860, 520)
        self.setAcceptDrops(True)
        self.path: Path | None = None
        self.drop = QLabel(_("Drop a minutes PDF here, or open one."))
        self.drop.setObjectName("drop_area")
        self.drop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop.setMinimumHeight(70)
        self.drop.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop.setStyleSheet("QLabel#drop_area { border: 2px dashed #9aa5b1; border-radius: 6px; color: #555; }")
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        from app.ui.verification_view import VerificationView

        self.view = VerificationView()
        self.view.hide()
        open_button = QPushButton(_("&Open a PDF…"))
        open_button.clicked.connect(self.choose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        from app.ui.documents.code_check import CodeCheck

        self.code_check = CodeCheck(store)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop)
        layout.addWidget(self.code_check)
        layout.addWidget(self.file_label)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        if path is not None:
            self.check(path)

    def choose(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Check a signed PDF"), str(remembered.export_folder()), _("PDF files (*.pdf)")
        )
        if path:
            self.check(Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if _pdf_of(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        path = _pdf_of(event)
        if path is not None:
            event.acceptProposedAction()
            self.check(path)

    def check(self, path: Path) -> None:
        """Verify on the worker (pyHanko takes a moment on large files)."""
        self.path = path
        self.file_label.setText(_("Checking {name}…").format(name=path.name))
        self.error.hide()
        self.view.hide()
        store = self.store
        run_op(
            lambda: _verify(store, path),
            on_success=lambda result: self._checked(path, *result),
            on_failure=self._failed,
        )

    def _checked(self, path: Path, report, zone: str) -> None:
        if path != self.path:
            return  # another file was dropped meanwhile
        self.file_label.setText(str(path))
        self.view.show_report(report, zone=zone)
        self.view.show()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.file_label.setText(str(self.path) if self.path else "")
        self.error.setText(str(exc))
        self.error.show()
