"""Temuan: what members report about foreigners — a table of findings and a form for one."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.i18n import _, country_name, country_names
from app.models import Finding, Meeting
from app.models.enums import DocumentStatus
from app.services.findings import (
    USUAL_CATEGORIES,
    AreaChoices,
    add_finding,
    area_choices,
    delete_finding,
    move_finding,
    place_text,
    update_finding,
)
from app.ui.agency_choice import choose_agency, fill_agencies, offer_new_agency
from app.ui.editor.info_tab import enum_combo
from app.ui.editor.nationality_rows import NationalityRows
from app.ui.editor.ordered_rows import OrderedRowsTab, Row
from app.ui.editor.pickers import fill_combo, free_text_combo
from app.ui.editor.undo import row_by_uuid
from app.ui.widgets import ErrorLabel, FieldBinder, form_layout, parse_count, plain_text_edit, with_error


def nationality_combo() -> QComboBox:
    """Countries by their Indonesian names (babel), typed to filter; empty means unknown."""
    names = sorted(country_names().items(), key=lambda item: item[1])
    combo = free_text_combo([("", "")] + [(name, code) for code, name in names])
    return combo


class FindingsTab(OrderedRowsTab):
    orm_model = Finding

    def __init__(self, editor: Any, index: int) -> None:
        self.add_text = _("&Add finding")
        self.empty_text = _("No findings yet. Press Add finding (or Insert) to record one.")
        super().__init__(editor, index, [_("No."), _("Category"), _("Location"), _("Nationality"), _("Persons")])

    def build_form(self, box: QWidget) -> None:
        self.category = free_text_combo([(_(c), None) for c in USUAL_CATEGORIES])
        self.category.setObjectName("finding_category")
        self.location = QLineEdit()
        # Kabupaten/kota and kecamatan, which the Kanwil's report counts by: the office's area
        # and those already written are offered, a new one is typed (issue 18).
        self.regency = free_text_combo([])
        self.regency.setObjectName("finding_regency")
        self.district = free_text_combo([])
        self.district.setObjectName("finding_district")
        self.areas = AreaChoices((), {})
        self.nationality = nationality_combo()
        self.nationality.setObjectName("finding_nationality")
        self.persons = QLineEdit()
        self.persons.setObjectName("finding_persons")
        self.persons.setMaximumWidth(120)
        self.more_nationalities = NationalityRows(nationality_combo)
        self.more_nationalities.setObjectName("finding_more_nationalities")
        self.document_status = enum_combo(DocumentStatus)
        self.sponsor = QLineEdit()
        self.reporting_agency = free_text_combo([])
        self.reporting_agency.setObjectName("finding_reporting_agency")
        offer_new_agency(self.reporting_agency, lambda: self.editor.store, self._agency_created)
        self.description = plain_text_edit(lines=5)
        self.recommendation = plain_text_edit(lines=3)
        left = form_layout()
        left.addRow(
            _("Cate&gory:"),
            with_error(self.category, self._bind("category", self.category, _("Category"), parse=lambda v: v[1])),
        )
        left.addRow(_("&Location:"), with_error(self.location, self._bind("location", self.location, _("Location"))))
        left.addRow(
            _("Regency/cit&y:"),
            with_error(self.regency, self._bind("regency", self.regency, _("Regency/city"), parse=lambda v: v[1])),
        )
        left.addRow(
            _("Distric&t:"),
            with_error(
                self.district, self._bind("district", self.district, _("District (kecamatan)"), parse=lambda v: v[1])
            ),
        )
        self.regency.editTextChanged.connect(self._offer_districts)
        left.addRow(
            _("&Nationality:"),
            with_error(
                self.nationality, self._bind("nationality", self.nationality, _("Nationality"), parse=self._code)
            ),
        )
        left.addRow(
            _("Number of &persons:"),
            with_error(
                self.persons,
                self._bind(
                    "persons",
                    self.persons,
                    _("Number of persons"),
                    parse=parse_count,
                    display=lambda v: "" if v is None else str(v),
                ),
            ),
        )
        left.addRow(
            "",
            with_error(
                self.more_nationalities,
                self._bind(
                    "more_nationalities",
                    self.more_nationalities,
                    _("Other nationalities"),
                    parse=self._more,
                    display=lambda v: v,
                ),
            ),
        )
        right = form_layout()
        right.addRow(
            _("Doc&ument:"),
            with_error(
                self.document_status, self._bind("document_status", self.document_status, _("Immigration document"))
            ),
        )
        right.addRow(
            _("&Sponsor/employer:"),
            with_error(self.sponsor, self._bind("sponsor", self.sponsor, _("Sponsor or employer"))),
        )
        right.addRow(
            _("&Reported by:"),
            with_error(
                self.reporting_agency,
                self._bind("reporting_agency", self.reporting_agency, _("Reporting agency"), parse=lambda v: v[1]),
            ),
        )
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setHorizontalSpacing(24)
        texts = form_layout()
        texts.addRow(
            _("&Description:"),
            with_error(self.description, self._bind("description", self.description, _("Description"))),
        )
        texts.addRow(
            _("Recomme&ndation:"),
            with_error(self.recommendation, self._bind("recommendation", self.recommendation, _("Recommendation"))),
        )
        layout = QVBoxLayout(box)
        layout.addLayout(grid)
        layout.addLayout(texts)

    def _code(self, value: tuple) -> str:
        data, text = value
        if data is not None:
            return str(data)
        typed = text.strip()
        if not typed:
            return ""
        by_name = {name.casefold(): code for code, name in country_names().items()}
        return by_name.get(typed.casefold(), typed.upper() if len(typed) == 2 else typed)

    def _more(self, shown: list) -> list[tuple[str, int | None]]:
        """The further rows as the service takes them; rows that say nothing are left out."""
        rows = [(self._code(combo), parse_count(persons)) for combo, persons in shown]
        return [(code, persons) for code, persons in rows if code or persons is not None]

    def _bind(self, field: str, widget: QWidget, label: str, **kw: Any) -> ErrorLabel:
        error = ErrorLabel()

        def save(session: Session, uuid: str, value: Any) -> None:
            update_finding(session, row_by_uuid(session, Finding, uuid).id, **{field: value})

        display = kw.pop("display", None)
        if field in ("category", "reporting_agency", "regency", "district"):
            display = lambda v: (None, v)  # noqa: E731
        elif field == "nationality":
            display = lambda v: (v, country_name(v) if v else "")  # noqa: E731
        binder = FieldBinder(
            self.editor,
            widget,
            save=save,
            error=error,
            tab=self.index,
            name=label,
            **({"display": display} if display else {}),
            **kw,
        )
        binder.saved.connect(self.reload_rows)
        setattr(self, f"{field}_binder", binder)
        return error

    def _agency_created(self, agency_id: int, _name: str) -> None:
        self.editor.reload(directory=True)
        choose_agency(self.reporting_agency, agency_id)

    def _offer_districts(self, regency: str = "") -> None:
        """The kecamatan known in the kabupaten/kota chosen (the field keeps what is typed)."""
        known = self.areas.districts.get(self.regency.currentText().strip(), ())
        fill_combo(self.district, [(name, None) for name in known])

    def rows_of(self, session: Session, meeting: Meeting) -> list[Row]:
        self.areas = area_choices(session)
        fill_combo(self.regency, [(name, None) for name in self.areas.regencies])
        self._offer_districts()
        fill_agencies(self.reporting_agency, [(a.short_name or a.name, a.id) for a in self.editor.agencies])
        return [
            Row(
                uuid=f.uuid,
                id=f.id,
                cells=(
                    str(f.position),
                    f.category,
                    place_text(f.location, f.district, f.regency),
                    *involved_cells([(n.nationality, n.persons) for n in f.nationalities]),
                ),
                values=finding_values(f),
            )
            for f in meeting.findings
        ]

    def show_row(self, row: Row | None) -> None:
        values = row.values if row else EMPTY
        for field in FIELDS:
            getattr(self, f"{field}_binder").show_value(row.uuid if row else None, values[field])

    def create(self, session: Session, meeting_id: int) -> Finding:  # type: ignore[override]  # shadows QWidget.create (not virtual: Qt never calls it)
        return add_finding(session, meeting_id, category=_(USUAL_CATEGORIES[0]))

    def delete(self, session: Session, row_id: int) -> None:
        delete_finding(session, row_id)

    def move(self, session: Session, row_id: int, position: int) -> None:  # type: ignore[override]  # shadows QWidget.move (not virtual: Qt never calls it)
        move_finding(session, row_id, position)

    def first_field(self) -> QWidget:
        return cast(QLineEdit, self.category.lineEdit())  # an editable combo has one


def involved_cells(rows: list[tuple[str, int | None]]) -> tuple[str, str]:
    """The list's Nationality and Persons cells: "Tiongkok" | "3", or with several
    "Tiongkok (3), Vietnam (2)" | "5" (the persons given, together)."""
    if len(rows) <= 1:
        code, persons = rows[0] if rows else ("", None)
        return country_name(code), "" if persons is None else str(persons)
    names = ", ".join(country_name(c) + ("" if n is None else f" ({n})") for c, n in rows)
    given = [n for _c, n in rows if n is not None]
    return names, str(sum(given)) if given else ""


def finding_values(f: Finding) -> dict[str, Any]:
    """What the form shows: the first nationality in its own two fields, the others as rows."""
    rows = [(n.nationality, n.persons) for n in f.nationalities]
    first = rows[0] if rows else ("", None)
    values = {field: getattr(f, field) for field in FIELDS if field not in NATIONALITY_FIELDS}
    return values | {"nationality": first[0], "persons": first[1], "more_nationalities": rows[1:]}


NATIONALITY_FIELDS = ("nationality", "persons", "more_nationalities")
FIELDS = (
    "category",
    "location",
    "regency",
    "district",
    "nationality",
    "persons",
    "more_nationalities",
    "document_status",
    "sponsor",
    "reporting_agency",
    "description",
    "recommendation",
)
EMPTY: dict[str, Any] = {f: "" for f in FIELDS} | {
    "persons": None,
    "more_nationalities": [],
    "document_status": DocumentStatus.UNKNOWN,
}
