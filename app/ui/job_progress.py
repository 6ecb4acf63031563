"""A progress bar with a line of text and a Cancel button, for one background job at a time."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from app.ui.ops import Job


class JobProgress(QWidget):
    """Hidden until a job starts; `cancel_button` cancels the job it shows."""

    def __init__(self) -> None:
        super().__init__()
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(True)
        self.text = QLabel()
        self.text.setProperty("role", "hint")
        self.text.setWordWrap(True)
        self.cancel_button = QPushButton(_("&Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.job: Job | None = None
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.text)
        self.hide()

    def start(self, job: Job, text: str) -> None:
        self.job = job
        job.on_progress(self._progressed)
        self.bar.setValue(0)
        self.text.setText(text)
        self.cancel_button.setEnabled(True)
        self.show()

    def _progressed(self, percent: int, text: str) -> None:
        if self.job is None or self.job.cancelled:
            return
        self.bar.setValue(percent)
        if text:
            self.text.setText(text)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.text.setText(_("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def running(self) -> bool:
        return self.job is not None

    def finish(self) -> None:
        self.job = None
        self.hide()
