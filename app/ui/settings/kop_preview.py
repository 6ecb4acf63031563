"""The kop surat exactly as it prints: the letterhead rendered by the PDF renderer, shown as an image."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy

from app.i18n import _
from app.services.records import OfficeRecord
from app.ui.ops import run_op

PREVIEW_DPI = 110
#: The kop never reaches below this share of the page; the footer is further down.
TOP_SHARE = 0.45


def render_kop_image(office: OfficeRecord, *, dpi: float = PREVIEW_DPI) -> QImage | None:
    """On the worker: the letterhead page rendered, cropped to the kop; None while it is empty."""
    from app.documents.letterhead import render_letterhead
    from app.ui.pdf_pages import open_document, page_image

    data = render_letterhead(office)
    with tempfile.TemporaryDirectory(prefix="timpora-kop-") as folder:
        path = Path(folder) / "kop.pdf"
        path.write_bytes(data)
        document = open_document(path)
        try:
            image = page_image(document, 0, dpi=dpi).convertToFormat(QImage.Format.Format_RGB32)
        finally:
            document.close()
    return crop_to_content(image)


def crop_to_content(image: QImage, *, share: float = TOP_SHARE) -> QImage | None:
    """The drawn rows within the top `share` of the page, with a small margin (rows compared as bytes)."""
    line = image.bytesPerLine()
    bits = bytes(image.constBits())
    white = b"\xff" * (image.width() * 4)
    limit = int(image.height() * share)
    drawn = [y for y in range(limit) if bits[y * line : y * line + image.width() * 4] != white]
    if not drawn:
        return None
    margin = max(8, image.height() // 100)
    top, bottom = max(0, drawn[0] - margin), min(limit, drawn[-1] + margin)
    return image.copy(0, top, image.width(), bottom - top)


class KopPreview(QLabel):
    """Call `show_office(record)` as the user types; renders at most one at a time, newest wins."""

    def __init__(self) -> None:
        super().__init__(_("Preparing the preview…"))
        self.setObjectName("kop_preview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setStyleSheet("QLabel#kop_preview { background: white; border: 1px solid #c8ccd0; }")
        self.image: QImage | None = None
        self.renders = 0
        self._busy = False
        self._wanted: OfficeRecord | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(350)
        self._timer.timeout.connect(self._render)

    def show_office(self, office: OfficeRecord, *, at_once: bool = False) -> None:
        self._wanted = office
        if at_once:
            self._render()
        else:
            self._timer.start()

    def busy(self) -> bool:
        return self._busy or self._timer.isActive()

    def _render(self) -> None:
        if self._busy or self._wanted is None:
            return
        office, self._wanted = self._wanted, None
        self._busy = True
        run_op(lambda: render_kop_image(office), on_success=self._rendered, on_failure=self._failed)

    def _rendered(self, image: QImage | None) -> None:
        self._busy = False
        self.renders += 1
        self.image = image
        if image is None:
            self.setPixmap(QPixmap())
            self.setText(_("The kop surat appears here as its lines are typed."))
        self._show()
        if self._wanted is not None:
            self._render()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.setText(str(exc))

    def _show(self) -> None:
        if self.image is None:
            return
        width = max(200, self.width() - 4)
        pixmap = QPixmap.fromImage(self.image)
        if pixmap.width() > width:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(pixmap)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._show()
