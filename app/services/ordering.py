"""Keeps the 1-based positions of a meeting's ordered parts without gaps."""

from __future__ import annotations

from typing import Protocol, TypeVar

from app.i18n import _
from app.services.errors import ValidationError


class Positioned(Protocol):
    position: int


class Identified(Positioned, Protocol):
    uuid: str


T = TypeVar("T", bound=Positioned)
U = TypeVar("U", bound=Identified)


def next_position(items: list[T]) -> int:
    return max((item.position for item in items), default=0) + 1


def renumber(items: list[T]) -> None:
    for index, item in enumerate(sorted(items, key=lambda i: i.position), start=1):
        item.position = index
    _resort(items)


def move_to(items: list[T], item: T, new_position: int) -> None:
    """Move `item` to `new_position` (1-based) and shift the others."""
    ordered = sorted(items, key=lambda i: i.position)
    if not 1 <= new_position <= len(ordered):
        raise ValidationError(
            _("The position must be between 1 and {count}.").format(count=len(ordered)), field="position"
        )
    ordered.remove(item)
    ordered.insert(new_position - 1, item)
    for index, each in enumerate(ordered, start=1):
        each.position = index
    _resort(items)


def reorder(items: list[U], uuids_in_order: list[str]) -> None:
    """Apply a whole new order, e.g. after a drag and drop, given every item's uuid once."""
    by_uuid = {i.uuid: i for i in items}
    if sorted(uuids_in_order) != sorted(by_uuid):
        raise ValidationError(_("The new order must list every item exactly once."), field="position")
    for index, uuid in enumerate(uuids_in_order, start=1):
        by_uuid[uuid].position = index
    _resort(items)


def _resort(items: list[T]) -> None:
    # The loaded collection is ordered only when read from the database; keep it in the new
    # order now, so the caller sees what the next load will give.
    items.sort(key=lambda i: i.position)
