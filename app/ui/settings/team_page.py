"""The setup wizard's Tim PORA page: the usual member agencies of the office's area, ticked on a
list, and the chair and the minute taker typed in, so a fresh store is ready for a first meeting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Agency
from app.services import directory
from app.ui.widgets import ErrorLabel, form_layout

#: Members of a Tim PORA at kabupaten/kota level (Permenkumham 50/2016): full name and short
#: name, "{kind}" being Kota or Kabupaten and "{place}" the area's name.
MEMBERS = (
    ("Kepolisian Resor {place}", "Polres {place}"),
    ("Komando Distrik Militer {place}", "Kodim {place}"),
    ("Kejaksaan Negeri {place}", "Kejari {place}"),
    ("Badan Intelijen Negara Daerah", "Binda"),
    ("Badan Kesatuan Bangsa dan Politik {kind} {place}", "Kesbangpol {place}"),
    ("Dinas Tenaga Kerja {kind} {place}", "Disnaker {place}"),
    ("Dinas Kependudukan dan Pencatatan Sipil {kind} {place}", "Dukcapil {place}"),
    ("Kantor Kementerian Agama {kind} {place}", "Kemenag {place}"),
    ("Kantor Pengawasan dan Pelayanan Bea dan Cukai", "Bea Cukai"),
    ("Dinas Pariwisata {kind} {place}", "Dispar {place}"),
    ("Satuan Polisi Pamong Praja {kind} {place}", "Satpol PP {place}"),
)
KINDS = ("Kota", "Kabupaten")
_KEEP_CAPITALS = {"I", "II", "III", "IV", "TPI", "RI", "PP"}


def office_agency_name(office_name: str) -> str:
    """ "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM" -> "Kantor Imigrasi Kelas II Non TPI Muara Enim"."""
    words = office_name.split()
    if office_name != office_name.upper():
        return " ".join(words)  # typed in mixed case: kept as typed
    return " ".join(w if w in _KEEP_CAPITALS else w.capitalize() for w in words)


def starter_agencies(place: str, kind: str, office_name: str) -> list[tuple[str, str]]:
    """The office itself, then the usual members named for the area: (name, short name)."""
    place = " ".join(place.split())
    found: list[tuple[str, str]] = []
    if office_name.strip():
        found.append((office_agency_name(office_name), f"Kanim {place}" if place else ""))
    if not place:
        return found
    for name, short in MEMBERS:
        found.append((name.format(kind=kind, place=place), short.format(place=place)))
    return found


class TeamPage(QWizardPage):
    """Ticks agencies to add; names the chair and the minute taker (added to the directory)."""

    def __init__(self, office_name: Callable[[], str], city: Callable[[], str]) -> None:
        super().__init__()
        self.setTitle(_("Tim PORA members"))
        self._office_name, self._city = office_name, city
        intro = QLabel(
            _(
                "Tick the agencies of your Tim PORA; they are added to the directory, named for your area. "
                "Others can be added later in Tools → Directory."
            )
        )
        intro.setWordWrap(True)
        self.place = QLineEdit()
        self.place.setObjectName("team_place")
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.agencies = QListWidget()
        self.agencies.setObjectName("team_agencies")
        self.chair = QLineEdit()
        self.chair.setObjectName("team_chair")
        self.chair.setPlaceholderText(_("for example: Kepala Kantor Imigrasi"))
        self.secretary = QLineEdit()
        self.secretary.setObjectName("team_secretary")
        area = QWidget()
        row = QHBoxLayout(area)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kind)
        row.addWidget(self.place, 1)
        form = form_layout()
        form.addRow(_("&Area:"), area)
        form.addRow(_("C&hair of the team:"), self.chair)
        form.addRow(_("&Minute taker:"), self.secretary)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.agencies, 1)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.place.textChanged.connect(self._fill)
        self.kind.currentIndexChanged.connect(self._fill)
        self._unticked: set[int] = set()
        self.agencies.itemChanged.connect(self._remember_tick)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        if not self.place.text():
            city = self._city().strip()
            kind = next((k for k in KINDS if city.casefold().startswith(k.casefold() + " ")), None)
            if kind is not None:
                self.kind.setCurrentText(kind)
                city = city[len(kind) + 1 :]
            self.place.setText(city)
        self._fill()

    def _remember_tick(self, item: QListWidgetItem) -> None:
        row = self.agencies.row(item)
        if item.checkState() == Qt.CheckState.Checked:
            self._unticked.discard(row)
        else:
            self._unticked.add(row)

    def _fill(self, *_args: object) -> None:
        blocked = self.agencies.blockSignals(True)
        self.agencies.clear()
        for row, (name, short) in enumerate(
            starter_agencies(self.place.text(), self.kind.currentText(), self._office_name())
        ):
            item = QListWidgetItem(f"{name}  ({short})" if short else name)
            item.setData(Qt.ItemDataRole.UserRole, (name, short))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if row in self._unticked else Qt.CheckState.Checked)
            self.agencies.addItem(item)
        self.agencies.blockSignals(blocked)

    def chosen(self) -> list[tuple[str, str]]:
        return [
            self.agencies.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.agencies.count())
            if self.agencies.item(i).checkState() == Qt.CheckState.Checked
        ]

    def save(self, session: Session) -> dict[str, int]:
        """Add the ticked agencies (those already there are kept) and the two people typed in;
        the people's ids by role ("chair", "secretary") for the office's defaults."""
        office_agency: int | None = None
        office = office_agency_name(self._office_name())
        for order, (name, short) in enumerate(self.chosen(), start=1):
            existing = session.scalar(select(Agency).where(func.lower(Agency.name) == name.lower()))
            agency = existing or directory.create_agency(session, name=name, short_name=short, sort_order=order * 10)
            if name == office:
                office_agency = agency.id
        people: dict[str, int] = {}
        for role, edit in (("chair", self.chair), ("secretary", self.secretary)):
            if edit.text().strip():
                people[role] = directory.create_person(session, name=edit.text(), agency_id=office_agency).id
        return people
