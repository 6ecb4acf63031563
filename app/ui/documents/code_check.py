"""The verification code of a paper copy: which meeting and revision it names, and whether this store holds it.

A paper copy has no PDF to drop; it has the code printed under the signatures ("460C-YPDW") and a
QR code whose text a phone shows ("Notula rapat …, revisi 1, kode verifikasi 460C-YPDW"). Either
is taken here, typed, pasted or read from a photo or scan of the page, and looked up among the
final and signed revisions of the store.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.db import Store
from app.i18n import _
from app.services.errors import UserError
from app.ui import remembered
from app.ui.ops import run_op


def _find(store: Store, code: str, revision: int | None):
    """On the worker: a meeting finalized by an older version is hashed on the spot.

    With each match, the genuine copies of that revision the store made (the register of
    rendered copies): a paper is compared with them, since the code alone can be copied.
    """
    from app.services.printed import find_by_code
    from app.services.rendered import renders_of

    with store.session() as session:
        matches = find_by_code(session, code, revision=revision)
        copies = {(m.meeting_id, m.revision): renders_of(session, m.meeting_id, m.revision) for m in matches}
        return matches, {key: [(r.pages, r.rendered_at) for r in rows] for key, rows in copies.items()}


def describe_copies(copies: list[tuple[int, object]]) -> str:
    """What a genuine copy of the revision is, to compare the paper with; the code alone proves nothing."""
    if not copies:
        return _("This store has no record of the copies it made of that revision: compare the paper with the record.")
    pages = sorted({p for p, _when in copies if p})
    return _(
        "A code can be copied onto any paper: compare the paper with a genuine copy. This store made {count} "
        "copies of that revision ({pages} pages)."
    ).format(count=len(copies), pages=", ".join(str(p) for p in pages) or "?")


def describe_matches(code: str, revision: int | None, matches, copies: dict | None = None) -> str:
    """One line per revision found, or why none was, in the user's language."""
    if not matches:
        if revision:
            return _(
                "No final or signed minutes in this store have the code {code} at revision {revision}: "
                "the paper was not made from a record held here, or its content differs."
            ).format(code=code, revision=revision)
        return _(
            "No final or signed minutes in this store have the code {code}: "
            "the paper was not made from a record held here, or its content differs."
        ).format(code=code)
    lines = []
    for match in matches:
        name = f"“{match.title}”" + (f" ({match.number})" if match.number else "")
        line = _("The code {code} names revision {revision} of {meeting}, held in this store ({status}).").format(
            code=code, revision=match.revision, meeting=name, status=match.status.label.lower()
        )
        if match.revision < match.current_revision:
            line += " " + _("The meeting has since been amended (current revision: {current}).").format(
                current=match.current_revision
            )
        if copies is not None:
            line += " " + describe_copies(copies.get((match.meeting_id, match.revision), []))
        lines.append(line)
    return "\n".join(lines)


class CodeCheck(QWidget):
    """A line for the code and the answer under it."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.field = QLineEdit()
        self.field.setPlaceholderText(_("e.g. 460C-YPDW, or the text of the QR code"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.find)
        self.find_button = QPushButton(_("&Find the code"))
        self.find_button.clicked.connect(self.find)
        self.picture_button = QPushButton(_("From a &photo or scan…"))
        self.picture_button.clicked.connect(self.choose_picture)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        intro = QLabel(
            _("A paper copy? Type the verification code printed under the signatures, or open a photo of the page:")
        )
        intro.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.find_button)
        row.addWidget(self.picture_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.result)

    def find(self) -> None:  # type: ignore[override]  # shadows QWidget.find (not virtual: Qt never calls it)
        from app.documents.qr import parse_readable

        read = parse_readable(self.field.text())
        if read is None:
            self._show(_("This is not a verification code: it has eight letters and digits, like 460C-YPDW."))
            return
        revision = read.revision or None
        self._show(_("Looking for {code}…").format(code=read.code))
        store = self.store
        run_op(
            lambda: _find(store, read.code, revision),
            on_success=lambda found: self._show(describe_matches(read.code, revision, *found)),
        )

    def choose_picture(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self,
            _("A photo or scan of the page"),
            str(remembered.export_folder()),
            _("Pictures (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)"),
        )
        if path:
            self.read_picture(Path(path))

    def read_picture(self, path: Path) -> None:
        """Read the QR code on the worker (a phone's photo is megapixels), then look it up."""
        from app.documents.qr import read_code_from_picture

        self._show(_("Reading the QR code in {name}…").format(name=path.name))
        run_op(
            lambda: read_code_from_picture(path),
            on_success=self._picture_read,
            on_failure=self._failed,
        )

    def _picture_read(self, text: str) -> None:
        self.field.setText(text)
        self.find()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self._show(str(exc))

    def _show(self, text: str) -> None:
        self.result.setText(text)
        self.result.show()
