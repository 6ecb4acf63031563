"""Importing people into the directory from the lists offices keep today (CSV or Excel)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models import Agency, Person
from app.services.directory import create_agency, create_person
from app.services.errors import FormatError, UserError
from app.services.validation import digits_only

#: Directory fields a column can fill, with their labels; "agency" is matched or created by name.
TARGET_FIELDS = {
    "name": N_("Name"),
    "id_number": N_("NIP/NRP"),
    "rank": N_("Rank/grade"),
    "position": N_("Position"),
    "agency": N_("Agency"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
}
#: Words in a header that tell which field the column holds (lower case, Indonesian and English).
HEADER_HINTS = {
    "name": ("nama", "name"),
    "id_number": ("nip", "nrp", "nomor induk"),
    "rank": ("pangkat", "golongan", "rank", "grade"),
    "position": ("jabatan", "position", "title"),
    "agency": ("instansi", "satuan", "unit", "agency", "kantor"),
    "phone": ("telepon", "telp", "hp", "phone", "wa"),
    "email": ("email", "e-mail", "surel"),
}
MAX_ROWS = 20_000


@dataclass(frozen=True)
class PeopleTable:
    """A sheet as read: the header row and the data rows, every cell as text."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: int
    errors: tuple[str, ...]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # NIPs typed into Excel come back as floats
    return str(value).strip()


def read_people_table(path: Path) -> PeopleTable:
    """Read the first sheet of an .xlsx file, or a .csv file (comma or semicolon, UTF-8 or cp1252)."""
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            rows = _read_xlsx(path)
        elif path.suffix.lower() in (".csv", ".txt"):
            rows = _read_csv(path)
        else:
            raise FormatError(_("Only .csv and .xlsx files can be imported."))
    except OSError as exc:
        raise FormatError(
            _("The file {name} cannot be read: {error}").format(name=path.name, error=exc.strerror)
        ) from exc
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise FormatError(_("The file {name} has no rows.").format(name=path.name))
    width = max(len(row) for row in rows)
    padded = [tuple(row) + ("",) * (width - len(row)) for row in rows[: MAX_ROWS + 1]]
    return PeopleTable(headers=padded[0], rows=tuple(padded[1:]))


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError) as exc:
        raise FormatError(_("The file {name} is not an Excel workbook.").format(name=path.name)) from exc
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(content), dialect)]


def guess_mapping(headers: tuple[str, ...]) -> dict[str, int]:
    """Field -> column index, from the words in the headers; fields not recognised are left out."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        lowered = header.casefold()
        for field, hints in HEADER_HINTS.items():
            if field not in mapping and any(hint in lowered for hint in hints):
                mapping[field] = index
                break
    return mapping


def import_people(session: Session, table: PeopleTable, mapping: dict[str, int]) -> ImportResult:
    """Add every row with a name; a NIP/NRP already in the directory is skipped, not doubled."""
    if "name" not in mapping:
        raise UserError(_("Choose the column that holds the names."))
    agencies = {a.name.casefold(): a for a in session.scalars(select(Agency))}
    known_numbers = set(session.scalars(select(Person.id_number).where(Person.id_number != "")))
    next_order = (session.scalar(select(func.max(Agency.sort_order))) or 100) + 1
    added = skipped = 0
    errors: list[str] = []
    for line, row in enumerate(table.rows, start=2):
        values = {field: row[index] for field, index in mapping.items() if index < len(row)}
        if not values.get("name"):
            skipped += 1
            continue
        number = digits_only(values.get("id_number", ""))
        if number and number in known_numbers:
            skipped += 1
            continue
        agency_name = values.pop("agency", "")
        try:
            with session.begin_nested():
                agency = agencies.get(agency_name.casefold()) if agency_name else None
                if agency_name and agency is None:
                    agency = create_agency(session, name=agency_name, sort_order=next_order)
                    agencies[agency_name.casefold()] = agency
                    next_order += 1
                create_person(session, agency_id=agency.id if agency else None, **values)
        except UserError as exc:
            errors.append(_("Row {line}: {error}").format(line=line, error=exc))
            continue
        known_numbers.add(number)
        added += 1
    return ImportResult(added=added, skipped=skipped, errors=tuple(errors))
