"""What the window remembers between runs: language, geometry, the last meeting opened."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES

#: Tests and portable installs point the settings at a file of their own.
SETTINGS_ENV = "TIMPORA_SETTINGS"


def ui_settings() -> QSettings:
    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("NotulenTimpora", "Notulen Timpora")


def language() -> str:
    value = str(ui_settings().value("language", DEFAULT_LANGUAGE))
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_language_setting(code: str) -> None:
    ui_settings().setValue("language", code)


def geometry() -> QByteArray | None:
    value = ui_settings().value("window/geometry")
    return value if isinstance(value, QByteArray) else None


def save_geometry(value: QByteArray) -> None:
    ui_settings().setValue("window/geometry", value)


def last_meeting(store_path: str) -> str | None:
    """The uuid of the meeting last opened on this store (a store per key: demo and real differ)."""
    value = ui_settings().value(f"last_meeting/{_key(store_path)}")
    return str(value) if value else None


def save_last_meeting(store_path: str, uuid: str | None) -> None:
    settings = ui_settings()
    if uuid:
        settings.setValue(f"last_meeting/{_key(store_path)}", uuid)
    else:
        settings.remove(f"last_meeting/{_key(store_path)}")


def _key(store_path: str) -> str:
    import hashlib

    return hashlib.sha1(store_path.encode("utf-8")).hexdigest()[:16]
