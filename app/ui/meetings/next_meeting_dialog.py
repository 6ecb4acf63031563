"""Untuk rapat berikutnya: what the next meeting must review, as a list to read out or copy."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, short_date
from app.ui.meetings.follow_up_page import OpenAction


def review_list(actions: list[OpenAction], today: dt.date) -> str:
    """Open items by agency, numbered, with their due date and the meeting that agreed them."""
    groups: dict[str, list[OpenAction]] = {}
    for action in actions:
        groups.setdefault(action.agency or _("(no agency)"), []).append(action)
    lines: list[str] = []
    number = 0
    for agency in sorted(groups):
        lines.append(agency)
        for action in groups[agency]:
            number += 1
            parts = [f"{number}. {action.description}"]
            if action.due is not None:
                late = action.overdue_days(today)
                due = _("due {date}").format(date=short_date(action.due))
                parts.append(due + (" " + _("(overdue {days} days)").format(days=late) if late else ""))
            parts.append(_("agreed at the meeting of {date}").format(date=short_date(action.meeting_date)))
            parts.append(action.status.label)
            lines.append("   " + " — ".join(parts))
        lines.append("")
    return "\n".join(lines).strip()


class NextMeetingDialog(QDialog):
    def __init__(self, parent: QWidget | None, actions: list[OpenAction], *, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("For the next meeting"))
        self.resize(760, 520)
        self.follow_up_requested = False
        intro = QLabel(
            _(
                "These {count} action items are still open. A follow-up meeting made from the latest meeting "
                "brings each of them to its Follow-up tab for review."
            ).format(count=len(actions))
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(review_list(actions, today) or _("No open action items."))
        self.text.setObjectName("review_list")
        self.text.setReadOnly(True)
        copy = QPushButton(_("&Copy the list"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        follow = QPushButton(_("Make the &follow-up meeting…"))
        follow.clicked.connect(self._follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(follow, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def _follow(self) -> None:
        self.follow_up_requested = True
        self.accept()
