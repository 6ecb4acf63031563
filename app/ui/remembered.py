"""What the window remembers between runs: language, geometry, the last meeting opened, where
exports go, the signing certificate's path (never its passphrase) and the signed files made here."""

from __future__ import annotations

import os
from pathlib import Path

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


def export_folder() -> Path:
    """Where exports and signed files go unless the user picks another place."""
    value = ui_settings().value("export/folder")
    if value and Path(str(value)).is_dir():
        return Path(str(value))
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def set_export_folder(folder: Path) -> None:
    ui_settings().setValue("export/folder", str(folder))


def certificate_path() -> Path | None:
    """The .p12 last used to sign (its path only: the passphrase is never stored)."""
    value = ui_settings().value("signing/p12")
    return Path(str(value)) if value else None


def set_certificate_path(path: Path) -> None:
    ui_settings().setValue("signing/p12", str(path))


def signed_file(meeting_uuid: str, revision: int) -> Path | None:
    """The newest signed PDF of a meeting's revision made on this laptop (the next signer signs it)."""
    value = ui_settings().value(f"signed/{meeting_uuid}/{revision}")
    return Path(str(value)) if value else None


def set_signed_file(meeting_uuid: str, revision: int, path: Path) -> None:
    ui_settings().setValue(f"signed/{meeting_uuid}/{revision}", str(path))
