"""What was done to a signed minutes PDF after it was signed, each in one sentence a person can act on.

pyHanko's difference analysis (the per-signature `modification_level`) allows "form filling"
after a signature: new signature fields and their appearances. That is enough to paint
"RAPAT DIBATALKAN" over a signed page with an empty field or with a third signature, and the
document information dictionary (where the meeting, revision and content hash sit) may change
freely. For minutes the rule is stricter: after the first signature the only change allowed is
the other signer's signature, in its field, in the box the signed file records for it. This
module compares the file as first signed with the file as it is now and names every other
change; pyHanko's verdict stays as a second line of defence (verification.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from app.documents.metadata import SignatureBox
from app.i18n import _
from app.signing.fields import role_label, role_of_field

#: What signing software rewrites in /Info when it appends a signature (pyHanko does).
INFO_KEYS_SIGNERS_TOUCH = frozenset({"/ModDate", "/Producer"})
#: Catalog entries a signature (or long-term validation data) legitimately adds or updates. The
#: XMP /Metadata is among them: signing software rewrites its dates, and nothing here reads it.
#: An ECDSA signature raises /Version to 2.0 and declares ISO 32002 in /Extensions (pyHanko).
#: /Perms is not among them: the first signature certifies the file there (DocMDP), and nothing
#: after it may touch that (compared on its own, with a message of its own).
CATALOG_KEYS_SIGNERS_TOUCH = frozenset({"/AcroForm", "/DSS", "/Pages", "/Metadata", "/Version", "/Extensions"})
MAX_DEPTH = 40  # deeper than any real page tree or field tree; a loop in a forged file stops here
RECT_TOLERANCE = 0.5  # points


@dataclass(frozen=True)
class PlacedSignature:
    """One readable signature: its field, the revision it signed, where its byte range ends."""

    field_name: str
    field: generic.DictionaryObject
    revision: int
    end: int


def _key(obj: Any) -> tuple[int, int] | None:
    return (obj.idnum, obj.generation) if isinstance(obj, generic.IndirectObject) else None


def _items(array: Any) -> list:
    """The entries of an array as written (references not followed); [] for anything else."""
    array = _deref(array)
    return [array.raw_get(i) for i in range(len(array))] if isinstance(array, generic.ArrayObject) else []


def _deref(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, generic.IndirectObject) else obj


def _same(old: Any, new: Any, modified: set[tuple[int, int]], depth: int = 0) -> bool:
    """Do two objects of two revisions say the same thing? References not rewritten since are equal."""
    if depth > MAX_DEPTH:
        return False
    old_key, new_key = _key(old), _key(new)
    if old_key is not None and old_key == new_key and old_key not in modified:
        return True
    old, new = _deref(old), _deref(new)
    if isinstance(old, generic.StreamObject) or isinstance(new, generic.StreamObject):
        if not (isinstance(old, generic.StreamObject) and isinstance(new, generic.StreamObject)):
            return False
        if old.encoded_data != new.encoded_data:
            return False
    if isinstance(old, generic.DictionaryObject) or isinstance(new, generic.DictionaryObject):
        if not (isinstance(old, generic.DictionaryObject) and isinstance(new, generic.DictionaryObject)):
            return False
        if set(old.keys()) != set(new.keys()):
            return False
        return all(_same(old.raw_get(k), new.raw_get(k), modified, depth + 1) for k in old)
    if isinstance(old, generic.ArrayObject) or isinstance(new, generic.ArrayObject):
        if not (isinstance(old, generic.ArrayObject) and isinstance(new, generic.ArrayObject)) or len(old) != len(new):
            return False
        return all(_same(a, b, modified, depth + 1) for a, b in zip(_items(old), _items(new), strict=True))
    if isinstance(old, generic.TextStringObject | generic.ByteStringObject):
        return (
            isinstance(new, generic.TextStringObject | generic.ByteStringObject)
            and old.original_bytes == new.original_bytes
        )
    return type(old) is type(new) and old == new


# --- reading one revision ---------------------------------------------------------------------


def _pages(root: Any) -> list[tuple[tuple[int, int] | None, generic.DictionaryObject]]:
    """(reference, page dictionary) of every page in order."""
    found: list = []

    def walk(node_ref: Any, depth: int) -> None:
        node = _deref(node_ref)
        if depth > MAX_DEPTH or not isinstance(node, generic.DictionaryObject):
            return
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            for kid in _items(node.raw_get("/Kids")) if "/Kids" in node else ():
                walk(kid, depth + 1)
        else:
            found.append((_key(node_ref), node))

    walk(root.raw_get("/Pages"), 0)
    return found


@dataclass(frozen=True)
class _Field:
    name: str
    ref: tuple[int, int] | None
    field: generic.DictionaryObject
    #: (reference, widget dictionary) of each widget; a field merged with its widget is its own.
    widgets: tuple[tuple[tuple[int, int] | None, generic.DictionaryObject], ...]

    @property
    def kind(self) -> str:
        return str(self.field.get("/FT", ""))

    @property
    def value(self) -> Any:
        return self.field.raw_get("/V") if "/V" in self.field else None


def _fields(root: Any) -> dict[str, _Field]:
    """Every terminal form field by its fully qualified name."""
    found: dict[str, _Field] = {}
    form = _deref(root.raw_get("/AcroForm")) if "/AcroForm" in root else None
    if not isinstance(form, generic.DictionaryObject) or "/Fields" not in form:
        return found

    def walk(ref: Any, prefix: str, inherited: dict, depth: int) -> None:
        node = _deref(ref)
        if depth > MAX_DEPTH or not isinstance(node, generic.DictionaryObject):
            return
        name = f"{prefix}.{node['/T']}" if prefix and "/T" in node else str(node.get("/T", prefix))
        kids = _items(node.raw_get("/Kids")) if "/Kids" in node else []
        child_fields = [k for k in kids if isinstance(_deref(k), generic.DictionaryObject) and "/T" in _deref(k)]
        if child_fields:
            for kid in child_fields:
                walk(kid, name, {**inherited, **({"/FT": node["/FT"]} if "/FT" in node else {})}, depth + 1)
            return
        widgets = tuple((_key(k), _deref(k)) for k in kids) if kids else ((_key(ref), node),)
        merged = node if "/FT" in node else generic.DictionaryObject({**inherited, **node})
        found[name] = _Field(name, _key(ref), merged, widgets)

    for ref in _items(form.raw_get("/Fields")):
        walk(ref, "", {}, 0)
    return found


def _annotations(page: generic.DictionaryObject) -> list[tuple[tuple[int, int] | None, generic.DictionaryObject]]:
    if "/Annots" not in page:
        return []
    annots = _deref(page.raw_get("/Annots"))
    if not isinstance(annots, generic.ArrayObject):
        return []
    return [(_key(a), _deref(a)) for a in _items(annots) if isinstance(_deref(a), generic.DictionaryObject)]


def _rect(widget: generic.DictionaryObject) -> tuple[float, ...] | None:
    try:
        x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    except (KeyError, TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


# --- the comparison ---------------------------------------------------------------------------


def _modified_refs(reader: PdfFileReader, after: int) -> set[tuple[int, int]]:
    refs: set[tuple[int, int]] = set()
    for revision in range(after + 1, reader.xrefs.total_revisions):
        refs.update((r.idnum, r.generation) for r in reader.xrefs.explicit_refs_in_revision(revision))
        refs.update((r.idnum, r.generation) for r in reader.xrefs.refs_freed_in_revision(revision))
    return refs


def _placement(
    signatures: list[PlacedSignature],
    boxes: dict[str, SignatureBox],
    fields: dict[str, _Field],
    page_of: dict[tuple[int, int], int],
) -> tuple[list[str], set[str]]:
    """Problems with where the signatures are, and the names of the fields that are where they belong."""
    problems: list[str] = []
    rightful: set[str] = set()
    seen_roles: set[str] = set()
    for signature in signatures:
        role = role_of_field(signature.field_name)
        if role is None or role not in boxes:
            problems.append(
                _("An extra signature '{name}' is not in the box of the chair or the secretary.").format(
                    name=signature.field_name
                )
            )
            continue
        if role in seen_roles:
            problems.append(_("The {role} has signed twice.").format(role=role_label(role)))
            continue
        seen_roles.add(role)
        field = fields.get(signature.field_name)
        if field is None or len(field.widgets) != 1 or not _in_box(field.widgets[0], boxes[role], page_of):
            problems.append(
                _("The signature '{name}' is not in the box recorded for the {role}.").format(
                    name=signature.field_name, role=role_label(role)
                )
            )
            continue
        rightful.add(signature.field_name)
    return problems, rightful


def _in_box(widget_entry: tuple[Any, Any], box: SignatureBox, page_of: dict[tuple[int, int], int]) -> bool:
    ref, widget = widget_entry
    rect = _rect(widget)
    if rect is None or any(abs(a - b) > RECT_TOLERANCE for a, b in zip(rect, (box.x0, box.y0, box.x1, box.y1))):
        return False
    return ref is not None and page_of.get(ref) == box.page


def find_changes(
    reader: PdfFileReader,
    data: bytes,
    signatures: list[PlacedSignature],
    boxes: dict[str, SignatureBox] | None,
    *,
    unreadable: tuple[str, ...] = (),
) -> list[str]:
    """Every change made after the first signature that is not a rightful signature, in words.

    `signatures`: the readable signatures in signing order; `boxes`: the signature boxes as the
    signed file records them (None for a PDF that is not our minutes: then any signature field
    counts as rightful); `unreadable`: names of filled signature fields whose signature cannot be
    read at all (reported elsewhere, not again here).
    """
    if not signatures:
        return []
    first = min(s.revision for s in signatures)
    last = reader.xrefs.total_revisions - 1
    old = reader.get_historical_resolver(first)
    new = reader.get_historical_resolver(last)
    modified = _modified_refs(reader, first)
    old_root, new_root = old.root, new.root
    new_pages = _pages(new_root)
    old_pages = _pages(old_root)
    page_of = {ref: index for index, (ref, page) in enumerate(new_pages) if ref is not None}
    for index, (_ref, page) in enumerate(new_pages):
        for annot_ref, _annot in _annotations(page):
            if annot_ref is not None:
                page_of.setdefault(annot_ref, index)

    old_fields, new_fields = _fields(old_root), _fields(new_root)
    problems: list[str] = []
    if boxes is not None:
        placement, rightful = _placement(signatures, boxes, new_fields, page_of)
        problems += placement
    else:
        rightful = {s.field_name for s in signatures}
    problems += list(_page_changes(old_pages, new_pages, modified))
    signed_names = {s.field_name for s in signatures} | set(unreadable)

    def was_signed(name: str) -> bool:
        """Did a revision between the first signature and now hold a value in this field?"""
        for revision in range(first + 1, last):
            field = _fields(reader.get_historical_resolver(revision).root).get(name)
            if field is not None and field.value is not None:
                return True
        return False

    problems += list(_field_changes(old_fields, new_fields, modified, rightful, signed_names, was_signed))
    problems += list(_annotation_changes(old_pages, new_pages, new_fields, modified, rightful))
    if not _same_info(_info(old), _info(new), modified):
        problems.append(
            _(
                "The document information (/Info), which names the meeting, its revision and content hash, "
                "was changed after signing."
            )
        )
    if ("/Perms" in old_root) != ("/Perms" in new_root) or (
        "/Perms" in old_root and not _same(old_root.raw_get("/Perms"), new_root.raw_get("/Perms"), modified)
    ):
        problems.append(_("The certification (DocMDP) by the first signature was changed or removed after signing."))
    if not _same_except(old_root, new_root, CATALOG_KEYS_SIGNERS_TOUCH | {"/Perms"}, modified):
        problems.append(_("The document catalogue was changed after signing."))
    signed_revisions = {s.revision for s in signatures}
    unsigned = [
        r for r in range(first + 1, last + 1) if r not in signed_revisions and not _validation_data_only(reader, r)
    ]
    if unsigned and not problems:
        problems.append(_("The file was changed after signing."))
    final = max(signatures, key=lambda s: s.revision)
    if final.revision == last and len(data) > final.end and data[final.end :].strip(b"\r\n\t \x00"):
        problems.append(
            _("{count} bytes were appended after the end of the signed file.").format(count=len(data) - final.end)
        )
    return list(dict.fromkeys(problems))


def _validation_data_only(reader: PdfFileReader, revision: int) -> bool:
    """pyHanko's difference analysis finds nothing in this revision but long-term validation data.

    Timestamps and validation data (/DSS) added for the archive change nothing anyone sees;
    its verdict covers them (LTA_UPDATES). /Info and the catalogue are compared separately.
    """
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffResult, ModificationLevel

    try:
        result = DEFAULT_DIFF_POLICY.apply(
            reader.get_historical_resolver(revision - 1), reader.get_historical_resolver(revision)
        )
    except Exception:  # noqa: BLE001 - pyHanko's SuspiciousModification, or a structure it cannot read
        return False
    return isinstance(result, DiffResult) and result.modification_level <= ModificationLevel.LTA_UPDATES


def _same_except(
    old: generic.DictionaryObject,
    new: generic.DictionaryObject,
    skip: frozenset[str] | set[str],
    modified: set[tuple[int, int]],
) -> bool:
    keys = (set(old.keys()) | set(new.keys())) - skip
    return all(k in old and k in new and _same(old.raw_get(k), new.raw_get(k), modified) for k in keys)


def _info(resolver: Any) -> Any:
    """The /Info dictionary as of that revision (the trailer's references point at the newest one)."""
    trailer = resolver.trailer_view
    if "/Info" not in trailer:
        return generic.DictionaryObject()
    info = trailer.raw_get("/Info")
    return resolver(info.reference) if isinstance(info, generic.IndirectObject) else info


def _same_info(old_info: Any, new_info: Any, modified: set[tuple[int, int]]) -> bool:
    if not (isinstance(old_info, generic.DictionaryObject) and isinstance(new_info, generic.DictionaryObject)):
        return False
    return _same_except(old_info, new_info, INFO_KEYS_SIGNERS_TOUCH, modified)


def _page_changes(old_pages: list[Any], new_pages: list[Any], modified: set[tuple[int, int]]) -> Iterator[str]:
    if len(new_pages) > len(old_pages):
        yield _("A page was added after signing (page {page}).").format(page=len(old_pages) + 1)
    elif len(new_pages) < len(old_pages):
        yield _("A page was removed after signing.")
    for number, ((_o, old), (_n, new)) in enumerate(zip(old_pages, new_pages), start=1):
        if not _same(old.raw_get("/Contents") if "/Contents" in old else None, _raw(new, "/Contents"), modified):
            yield _("The content of page {page} was replaced after signing.").format(page=number)
        elif not _same_except(old, new, {"/Annots", "/Contents", "/Parent"}, modified):
            yield _("Page {page} was changed after signing.").format(page=number)


def _raw(dictionary: generic.DictionaryObject, key: str) -> Any:
    return dictionary.raw_get(key) if key in dictionary else None


def _field_changes(
    old_fields: dict[str, _Field],
    new_fields: dict[str, _Field],
    modified: set[tuple[int, int]],
    rightful: set[str],
    signed_names: set[str],
    was_signed: Callable[[str], bool],
) -> Iterator[str]:
    for name, field in new_fields.items():
        before = old_fields.get(name)
        if before is None:
            if name in rightful:
                continue
            if field.kind == "/Sig" and field.value is None and was_signed(name):
                yield _("The signature value of '{name}' was removed after signing.").format(name=name)
            elif field.kind == "/Sig" and field.value is None:
                yield _("An empty signature field '{name}' with its own appearance was added after signing.").format(
                    name=name
                )
            elif field.kind != "/Sig":
                yield _("A form field '{name}' was added after signing.").format(name=name)
            elif name not in signed_names:
                yield _("The signature field '{name}' was filled after signing without a readable signature.").format(
                    name=name
                )
            continue
        if before.value is None and field.value is None and was_signed(name):
            # Empty when first signed (made by the certifying signature), signed since, empty again.
            yield _("The signature value of '{name}' was removed after signing.").format(name=name)
        elif before.value is not None and field.value is None:
            yield _("The signature value of '{name}' was removed after signing.").format(name=name)
        elif before.value is not None and not _same(before.value, field.value, modified):
            yield _("The value of the field '{name}' was replaced after signing.").format(name=name)
        elif before.value is None and field.value is not None and name not in rightful:
            if field.kind != "/Sig" or name not in signed_names:
                yield _("The field '{name}' was filled after signing without a readable signature.").format(name=name)
        elif (name not in rightful or before.value is not None) and not all(
            # A field signed before is frozen; an empty one changes only by its own rightful signing.
            # /P and /Parent point up to the page and the form, which other signatures update.
            _same_except(a[1], b[1], {"/P", "/Parent"}, modified)
            for a, b in zip(before.widgets, field.widgets, strict=False)
        ):
            yield _("The appearance of the field '{name}' was changed after signing.").format(name=name)
    for name in old_fields.keys() - new_fields.keys():
        yield _("The field '{name}' was removed after signing.").format(name=name)


def _annotation_changes(
    old_pages: list[Any],
    new_pages: list[Any],
    new_fields: dict[str, _Field],
    modified: set[tuple[int, int]],
    rightful: set[str],
) -> Iterator[str]:
    field_widgets = {ref for f in new_fields.values() for ref, _w in f.widgets if ref is not None}
    for number, ((_o, old), (_n, new)) in enumerate(zip(old_pages, new_pages), start=1):
        before = dict(_annotations(old))
        after = dict(_annotations(new))
        for ref, annot in after.items():
            if ref in before:
                if annot.get("/Subtype") != "/Widget" and not _same(before[ref], annot, modified):
                    yield _("An annotation on page {page} was changed after signing.").format(page=number)
                continue
            if ref in field_widgets:
                continue  # a field's widget: the field comparison names it
            if annot.get("/Subtype") == "/Widget":
                yield _("A form widget outside the form was added to page {page} after signing.").format(page=number)
            else:
                yield _("An annotation was added to page {page} after signing.").format(page=number)
        if before.keys() - after.keys():
            yield _("An annotation on page {page} was removed after signing.").format(page=number)
