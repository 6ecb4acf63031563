"""The JSON Schema of the exchange format, derived from the records so the two never drift.

`python -m app.services.exchange_schema > docs/exchange-format.schema.json` writes the published
copy; a test checks the published copy is current and that exports validate against it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from enum import Enum

from app.services.exchange import _DERIVED_ATTACHMENT_FIELDS, FORMAT_NAME, FORMAT_VERSION
from app.services.records import AgencyRecord, AttachmentRecord, FindingRecord, MeetingRecord, PersonRecord


def _type_schema(hint: typing.Any, definitions: dict) -> dict:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return {"anyOf": [_type_schema(inner[0], definitions), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(hint)[0], definitions)}
    if dataclasses.is_dataclass(hint):
        name = typing.cast(type, hint).__name__
        if name not in definitions:
            definitions[name] = {}
            definitions[name] = _record_schema(hint, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"type": "string", "enum": [m.value for m in hint]}
    simple = {
        str: {"type": "string"},
        int: {"type": "integer"},
        bool: {"type": "boolean"},
        bytes: {"type": "string", "contentEncoding": "base64"},
        dt.date: {"type": "string", "format": "date"},
        dt.datetime: {"type": "string", "format": "date-time"},
        dt.time: {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$"},
    }
    return dict(simple[hint])


def _record_schema(cls: typing.Any, definitions: dict) -> dict:
    hints = typing.get_type_hints(cls)
    properties, required = {}, []
    for f in dataclasses.fields(cls):
        if cls is AttachmentRecord and f.name in _DERIVED_ATTACHMENT_FIELDS:
            continue
        properties[f.name] = _type_schema(hints[f.name], definitions)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    schema: dict = {"type": "object", "properties": properties, "required": required}
    if cls is AttachmentRecord:
        properties["data"] = {
            "type": "string",
            "contentEncoding": "base64",
            "description": "the file, in a .json export",
        }
        properties["file"] = {"type": "string", "description": "the file's name inside a .timpora package"}
        schema["oneOf"] = [{"required": ["data"]}, {"required": ["file"]}]
    if cls is FindingRecord:
        # Version 1 files: one nationality and its persons, read as the one row of nationalities.
        properties["nationality"] = {
            "type": "string",
            "deprecated": True,
            "description": "version 1: the one nationality (ISO 3166 alpha-2); read as nationalities[0]",
        }
        properties["persons"] = {
            "anyOf": [{"type": "integer"}, {"type": "null"}],
            "deprecated": True,
            "description": "version 1: the number of persons; read as nationalities[0]",
        }
    return schema


def exchange_schema() -> dict:
    definitions: dict = {}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Notulen Timpora meeting exchange file",
        "description": (
            "One meeting with every person and agency it references. Stored as meeting.json alone "
            "(attachments embedded as base64 'data') or inside a .timpora zip (attachments as files "
            "named by 'file'). Dates are ISO 8601; times HH:MM in the meeting's time zone."
        ),
        "type": "object",
        "required": ["format", "version", "meeting"],
        "properties": {
            "format": {"const": FORMAT_NAME},
            "version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "app_version": {"type": "string"},
            "exported_at": {"type": "string", "format": "date-time"},
            "meeting": _type_schema(MeetingRecord, definitions),
            "persons": {"type": "array", "items": _type_schema(PersonRecord, definitions)},
            "agencies": {"type": "array", "items": _type_schema(AgencyRecord, definitions)},
        },
        "$defs": definitions,
    }


def schema_text() -> str:
    return json.dumps(exchange_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(schema_text(), end="")
