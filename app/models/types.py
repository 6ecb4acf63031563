"""Column helpers shared by the models."""

from __future__ import annotations

from enum import Enum

from sqlalchemy import Enum as SAEnum


def enum_column_type(enum_cls: type[Enum]) -> SAEnum:
    """Store an enum as its value in a plain VARCHAR: readable in the file, portable, no CHECK."""
    return SAEnum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
