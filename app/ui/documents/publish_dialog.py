"""Terbitkan ke penyimpanan bersama: the final and signed revisions into the office's shared store.

A target, one button, then the summary the command line prints: what was published, what was
already there, what was refused and why. The work runs on the worker (app/ui/ops.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _
from app.services.errors import UserError
from app.ui import remembered
from app.ui.ops import run_op

_SETTING = "publish/target"


def _publish(store: Store, target: str):
    """On the worker: open the shared store (it must exist), publish, close it."""
    from app.services.publish import open_shared_store, publish

    shared = open_shared_store(target, store)
    try:
        return publish(store, shared)
    finally:
        shared.close()


def _rememberable(target: str) -> bool:
    """A database address with a password in it is never written into the settings."""
    try:
        return urlsplit(target).password is None
    except ValueError:
        return False


class PublishDialog(QDialog):
    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Publish to the shared store"))
        self.resize(720, 440)
        intro = QLabel(
            _(
                "Copies the final and signed revisions of every meeting, with their signatures, photos and the "
                "people and agencies they name, into the office's shared store. Drafts stay on this laptop; "
                "what is already there is left as it is, and a different content is refused, never overwritten. "
                "The shared store must already exist."
            )
        )
        intro.setWordWrap(True)
        self.target = QLineEdit(str(remembered.ui_settings().value(_SETTING, "") or ""))
        self.target.setObjectName("target_field")
        self.target.setPlaceholderText(_("Shared store: a data file on the office's drive"))
        browse = QPushButton(_("&Browse…"))
        browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        label = QLabel(_("&Shared store:"))
        label.setBuddy(self.target)
        row.addWidget(label, 0)
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText(_("What was published, already there or refused is listed here."))
        self.publish_button = QPushButton(_("&Publish"))
        self.publish_button.setObjectName("publish_button")
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(self.start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.publish_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary, 1)
        layout.addWidget(buttons)
        #: True while the worker publishes; the summary then follows
        self.busy = False

    def choose(self) -> None:
        current = self.target.text().strip()
        folder = str(Path(current).parent) if current and "://" not in current else str(Path.home())
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Shared store"), folder, _("Notulen Timpora data files (*.sqlite);;All files (*)")
        )
        if path:
            self.target.setText(path)

    def start(self) -> None:
        target = self.target.text().strip()
        if not target:
            self.summary.setPlainText(_("Give the shared store first."))
            return
        self.busy = True
        self.publish_button.setEnabled(False)
        self.summary.setPlainText(_("Publishing to {target}…").format(target=target))
        store = self.store
        run_op(
            lambda: _publish(store, target),
            on_success=lambda report: self._done(target, report),
            on_failure=self._failed,
        )

    def _done(self, target: str, report) -> None:
        from app.services.publish import publish_summary, revision_line

        if _rememberable(target):
            remembered.ui_settings().setValue(_SETTING, target)
        lines = [revision_line(outcome) for outcome in report.outcomes if outcome.outcome != "already_there"]
        lines += [_("still a draft, not published: {title}").format(title=title) for title in report.drafts]
        lines.append(publish_summary(report))
        self.summary.setPlainText("\n".join(lines))
        self._idle()

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        if not isinstance(exc, UserError):
            raise exc
        self.summary.setPlainText(str(exc))

    def _idle(self) -> None:
        self.busy = False
        self.publish_button.setEnabled(True)
