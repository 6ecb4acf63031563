"""Riwayat: the revisions of a meeting (why each was amended, what changed) and its signed PDFs."""

from __future__ import annotations

import datetime as dt
from typing import cast

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _
from app.models.enums import MeetingStatus
from app.services.meetings import get_meeting
from app.services.office import get_office
from app.services.revisions import revision_history, signed_register
from app.ui import remembered


def _table(headers: list[str], rows: list[list[str]], *, stretch: int) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _when(value: dt.datetime | None, zone: str) -> str:
    if value is None:
        return ""
    from app.signing.appearance import signing_time_label

    # The register keeps UTC without a zone.
    return signing_time_label(value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value, zone=zone)


class HistoryDialog(QDialog):
    def __init__(self, parent: QWidget | None, store: Store, meeting_id: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Revisions and signed files"))
        self.resize(900, 560)
        with store.session() as session:
            meeting = get_meeting(session, meeting_id)
            zone = get_office(session).time_zone.value
            title, current, status, uuid = meeting.title, meeting.revision, meeting.status, meeting.uuid
            revisions = revision_history(session, meeting_id)
            register = signed_register(session, meeting_id)
        heading = QLabel(title)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        state = QLabel(_("Current revision: {revision} ({status}).").format(revision=current, status=status.label))
        revision_rows = [
            [
                str(r.revision),
                _when(r.created_at, zone),
                r.reason or (_("first version") if r.revision == 1 else ""),
                "\n".join(r.changes) if r.changes else ("" if r.revision == current else _("no recorded change")),
            ]
            for r in revisions
        ]
        if status is not MeetingStatus.SIGNED and all(r.revision != current for r in revisions):
            revision_rows.append(
                [str(current), "", _("being edited (draft)") if status is MeetingStatus.DRAFT else status.label, ""]
            )
        self.revisions = _table(
            [_("Revision"), _("Frozen at"), _("Reason"), _("Changes to the next revision")], revision_rows, stretch=3
        )
        self.revisions.setObjectName("revisions")
        register_rows = []
        places: list[str] = []
        for entry in register:
            # Every row names the file the same way; where this computer keeps it is its tooltip.
            local = remembered.signed_file(uuid, entry.revision)
            places.append(str(local) if local is not None and local.name == entry.filename else "")
            register_rows.append(
                [str(entry.revision), entry.role.label, entry.signer_name, _when(entry.signed_at, zone), entry.filename]
            )
        self.register = _table(
            [_("Revision"), _("Signed as"), _("Signer"), _("Time of signing"), _("File")], register_rows, stretch=4
        )
        for row, place in enumerate(places):
            if place:
                cast(QTableWidgetItem, self.register.item(row, 4)).setToolTip(place)
        self.register.setObjectName("register")
        revisions_box = QGroupBox(_("Revisions"))
        QVBoxLayout(revisions_box).addWidget(self.revisions)
        register_box = QGroupBox(_("Signed PDFs (register)"))
        register_layout = QVBoxLayout(register_box)
        register_layout.addWidget(self.register)
        if not register_rows:
            empty = QLabel(_("Nothing has been signed yet."))
            empty.setProperty("role", "hint")
            register_layout.addWidget(empty)
            self.register.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(state)
        layout.addWidget(revisions_box, 1)
        layout.addWidget(register_box, 1)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        # Row heights follow the wrapped text only once the columns have their real widths.
        for table in (self.revisions, self.register):
            table.resizeRowsToContents()
