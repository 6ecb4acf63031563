"""The dialog shown after an unexpected error: what happened, that the data is safe, where the log is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.i18n import _
from app.ui.widgets import breakable

#: done() code of the Quit button; closing the dialog any other way means "keep working".
QUIT = 2


class CrashDialog(QDialog):
    """Says what happened in plain words; the traceback waits behind "Show details"."""

    def __init__(self, *, summary: str, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(APP_NAME + " — " + _("Unexpected error"))
        self.log_path = log_path
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(160)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self._message(summary))
        layout.addWidget(self._log_line())
        layout.addWidget(self.details)
        layout.addWidget(self._buttons())
        self.setMinimumWidth(600)
        self.continue_button.setFocus()

    def _message(self, summary: str) -> QHBoxLayout:
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        headline = QLabel(_("Notulen Timpora ran into an unexpected error."))
        font = headline.font()
        font.setBold(True)
        headline.setFont(font)
        what = QLabel(_("What happened: {summary}").format(summary=breakable(summary)))
        what.setObjectName("crashSummary")
        what.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        safe = QLabel(
            _(
                "Your data is safe: everything saved so far is in the data file, and the change "
                "that was in progress has been undone."
            )
        )
        advice = QLabel(
            _(
                "You can keep working. If the error comes back, quit, start the app again and "
                "send the log file to whoever supports you."
            )
        )
        texts = QVBoxLayout()
        for label in (headline, what, safe, advice):
            label.setTextFormat(Qt.TextFormat.PlainText)  # an error message may hold "<" and "&"
            label.setWordWrap(True)
            texts.addWidget(label)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addLayout(texts, 1)
        return row

    def _log_line(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(_("Log file:"))
        where = QLabel(str(self.log_path) if self.log_path else _("(no log file)"))
        where.setObjectName("crashLogPath")
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_folder = QPushButton(_("Open log folder"))
        open_folder.setEnabled(self.log_path is not None)
        open_folder.clicked.connect(self._open_log_folder)
        grid.addWidget(caption, 0, 0, 1, 2)
        grid.addWidget(where, 1, 0)
        grid.addWidget(open_folder, 1, 1)
        grid.setColumnStretch(0, 1)
        return box

    def _buttons(self) -> QWidget:
        # Laid out by hand: the platforms' button-box orders would put Quit or the details
        # buttons in a different place on every system.
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 8, 0, 0)
        self.toggle_details = QPushButton(_("Show details"))
        self.toggle_details.clicked.connect(self._toggle_details)
        copy = QPushButton(_("Copy details"))
        copy.clicked.connect(self._copy_details)
        self.quit_button = QPushButton(_("Quit"))
        self.quit_button.clicked.connect(lambda: self.done(QUIT))
        self.continue_button = QPushButton(_("Keep working"))
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.accept)
        for button in (self.toggle_details, copy):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.quit_button)
        row.addWidget(self.continue_button)
        return box

    def _toggle_details(self) -> None:
        shown = not self.details.isVisible()
        self.details.setVisible(shown)
        self.toggle_details.setText(_("Hide details") if shown else _("Show details"))
        self.adjustSize()

    def _copy_details(self) -> None:
        where = f"\n{self.log_path}" if self.log_path else ""
        QGuiApplication.clipboard().setText(self.details.toPlainText() + where)

    def _open_log_folder(self) -> None:
        if self.log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))
