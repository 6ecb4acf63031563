"""The office profile's fields: kop surat lines and emblem, place and time zone, defaults for documents.

Used by the settings dialog and by the first-start setup; nothing is saved until `save()`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.i18n import _
from app.models.enums import DocumentFont, Paper, TimeZoneName
from app.services.office import PAGE_SETTINGS, TEXT_FIELDS, get_office, update_office
from app.services.records import OfficeRecord
from app.ui.widgets import PAPER_NAMES, elide_combo, form_layout

#: A kop emblem prints 22 mm high: 600 pixels is over 600 dpi; larger images only bloat the store.
EMBLEM_MAX_PIXELS = 600
KOP_LINES = (
    ("ministry", "Ministry:", "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA"),
    ("directorate", "Directorate:", "DIREKTORAT JENDERAL IMIGRASI"),
    ("regional_office", "Regional office:", "KANTOR WILAYAH SUMATERA SELATAN"),
    ("office_name", "Office name:", "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM"),
    ("address", "Address:", "Jl. … No. …, Muara Enim, Sumatera Selatan"),
    ("phone", "Telephone:", "(0734) …"),
    ("website", "Website:", "muaraenim.imigrasi.go.id"),
    ("email", "E-mail:", "…@imigrasi.go.id"),
)
PLACE_LINES = (
    ("city", "City (for the date line):", "Muara Enim"),
    ("area", "Working area:", "Kota Lubuklinggau, Kabupaten Musi Rawas, Kabupaten Musi Rawas Utara"),
)
FONT_NAMES = {DocumentFont.SANS: "Arial (Arimo)", DocumentFont.SERIF: "Times New Roman (Tinos)"}


def emblem_bytes(image: QImage) -> bytes:
    """The chosen picture as PNG, no larger than the kop needs."""
    if image.height() > EMBLEM_MAX_PIXELS:
        image = image.scaledToHeight(EMBLEM_MAX_PIXELS, Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 takes the format as str; its stubs ask for bytes
    buffer.close()
    return bytes(data.data())


def _label(text: str) -> str:
    return {
        "Ministry:": _("&Ministry:"),
        "Directorate:": _("&Directorate:"),
        "Regional office:": _("&Regional office:"),
        "Office name:": _("&Office name:"),
        "Address:": _("&Address:"),
        "Telephone:": _("&Telephone:"),
        "Website:": _("&Website:"),
        "E-mail:": _("&E-mail:"),
        "City (for the date line):": _("&City (for the date line):"),
        "Working area:": _("&Working area:"),
    }[text]


class OfficeForm(QObject):
    """`kop_box` (lines and emblem) and `place_box` (place, defaults, paper, font) to lay out."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        for field, _text, example in KOP_LINES + PLACE_LINES:
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.setPlaceholderText(example)
            edit.setMaxLength(TEXT_FIELDS[field])  # what the profile stores: never refused for length
            edit.textChanged.connect(self.changed)
            self.edits[field] = edit
        self.emblem: bytes | None = None
        self.emblem_view = QLabel()
        self.emblem_view.setObjectName("emblem_view")
        self.emblem_view.setFixedSize(88, 88)
        self.emblem_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emblem_view.setStyleSheet("QLabel#emblem_view { border: 1px solid #c8ccd0; background: white; }")
        self.emblem_note = QLabel()
        self.emblem_note.setProperty("role", "hint")
        self.emblem_note.setWordWrap(True)
        choose = QPushButton(_("Choose an &image…"))
        choose.clicked.connect(self.choose_emblem)
        self.remove_emblem = QPushButton(_("Re&move"))
        self.remove_emblem.clicked.connect(lambda: self.set_emblem(None))
        self.time_zone = QComboBox()
        for zone in TimeZoneName:
            self.time_zone.addItem(zone.value, zone.value)
        self.chair = elide_combo(QComboBox())
        self.secretary = elide_combo(QComboBox())
        self.paper = QComboBox()
        for paper, name in PAPER_NAMES.items():
            self.paper.addItem(name, paper.value)
        self.font = QComboBox()
        for font, name in FONT_NAMES.items():
            self.font.addItem(name, font.value)
        # The printed page: title word, page numbers, Lampiran I (the Settings dialog shows them).
        self.page_combos: dict[str, QComboBox] = {}
        for field, enum_cls in PAGE_SETTINGS.items():
            combo = elide_combo(QComboBox())
            combo.setObjectName(field)
            for member in enum_cls:
                combo.addItem(member.label, member.value)
            self.page_combos[field] = combo
        for combo in (self.time_zone, self.paper, self.font):
            combo.currentIndexChanged.connect(self.changed)
        # Offline by default: a timestamp server only when the office names one (BSrE runs one).
        self.tsa = QLineEdit()
        self.tsa.setObjectName("tsa_url")
        self.tsa.setMaxLength(300)
        self.tsa.setPlaceholderText(_("empty: signatures carry no timestamp (offline)"))
        # (not connected to `changed`: that redraws the kop preview, which the TSA is not part of)
        self.kop_box = self._kop_box(choose)
        self.place_box = self._place_box()
        self.page_box = self._page_box()

    def _kop_box(self, choose: QPushButton) -> QWidget:
        box = QWidget()
        form = form_layout()
        for field, text, _example in KOP_LINES:
            form.addRow(_label(text), self.edits[field])
        emblem = QHBoxLayout()
        emblem.addWidget(self.emblem_view, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(self.remove_emblem)
        buttons.addStretch(1)
        side.addLayout(buttons)
        side.addWidget(self.emblem_note)
        side.addStretch(1)
        emblem.addLayout(side, 1)
        form.addRow(_("Emblem:"), emblem)
        box.setLayout(form)
        return box

    def _place_box(self) -> QWidget:
        box = QWidget()
        form = form_layout()
        for field, text, _example in PLACE_LINES:
            form.addRow(_label(text), self.edits[field])
        form.addRow(_("Time &zone:"), self.time_zone)
        form.addRow(_("Default &chair:"), self.chair)
        form.addRow(_("Default minute &taker:"), self.secretary)
        form.addRow(_("&Paper:"), self.paper)
        form.addRow(_("Document &font:"), self.font)
        form.addRow(_("Timestamp server (&TSA):"), self.tsa)
        box.setLayout(form)
        return box

    def _page_box(self) -> QWidget:
        box = QWidget()
        form = form_layout()
        labels = {
            "minutes_title": _("&Title of the minutes:"),
            "page_numbering": _("Page &numbers:"),
            "attendance_appendix": _("&Appendix I:"),
        }
        for field, combo in self.page_combos.items():
            form.addRow(labels[field], combo)
        box.setLayout(form)
        return box

    # -- showing and reading ---------------------------------------------------------------

    def load(self, session: Session) -> None:
        from app.services.directory import load_directory

        office = get_office(session)
        people, _agencies = load_directory(session)
        for field, edit in self.edits.items():
            edit.setText(getattr(office, field) or "")
        for combo, chosen in ((self.chair, office.default_chair_id), (self.secretary, office.default_secretary_id)):
            combo.clear()
            combo.addItem(_("(not chosen)"), None)
            for person in people:
                combo.addItem(person.label, person.id)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        self.time_zone.setCurrentIndex(max(self.time_zone.findData(office.time_zone.value), 0))
        self.paper.setCurrentIndex(max(self.paper.findData(office.paper.value), 0))
        self.font.setCurrentIndex(max(self.font.findData(office.font.value), 0))
        for field, combo in self.page_combos.items():
            combo.setCurrentIndex(max(combo.findData(getattr(office, field).value), 0))
        self.tsa.setText(office.tsa_url or "")
        self.set_emblem(office.emblem)

    def set_emblem(self, data: bytes | None) -> None:
        self.emblem = data or None
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.emblem_view.setPixmap(QPixmap())
            self.emblem_view.setText(_("none"))
            self.emblem_note.setText(_("Without an emblem the kop prints a neutral placeholder seal."))
        else:
            self.emblem_view.setPixmap(
                QPixmap.fromImage(image).scaled(
                    84, 84, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            self.emblem_note.setText(_("{width} × {height} pixels").format(width=image.width(), height=image.height()))
        self.remove_emblem.setEnabled(self.emblem is not None)
        self.changed.emit()

    def choose_emblem(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self.kop_box, _("Emblem image"), "", _("Images (*.png *.jpg *.jpeg *.bmp *.gif)")
        )
        if path:
            self.load_emblem_file(path)

    def load_emblem_file(self, path: str) -> bool:
        image = QImage(path)
        if image.isNull():
            self.emblem_note.setText(_("That file is not an image the app can read (PNG or JPEG)."))
            return False
        self.set_emblem(emblem_bytes(image))
        return True

    def values(self) -> dict:
        """The fields as `update_office` takes them."""
        values: dict[str, Any] = {field: edit.text() for field, edit in self.edits.items()}
        values.update(
            time_zone=self.time_zone.currentData(),
            paper=self.paper.currentData(),
            font=self.font.currentData(),
            emblem=self.emblem,
            default_chair_id=self.chair.currentData(),
            default_secretary_id=self.secretary.currentData(),
            **{field: combo.currentData() for field, combo in self.page_combos.items()},
            tsa_url=self.tsa.text(),
        )
        return values

    def record(self) -> OfficeRecord:
        """What the kop would print with the fields as typed (the preview)."""
        typed: dict[str, Any] = {field: " ".join(edit.text().split()) for field, edit in self.edits.items()}
        return OfficeRecord(
            **typed,
            emblem=self.emblem,
            time_zone=TimeZoneName(self.time_zone.currentData()),
            paper=Paper(self.paper.currentData()),
            font=DocumentFont(self.font.currentData()),
        )

    def save(self, session: Session) -> None:
        update_office(session, **self.values())
