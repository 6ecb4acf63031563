"""Log files: rotating, in the per-user log folder, so a support person can ask for them."""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
from pathlib import Path

from app import __version__

LOG_ENV = "TIMPORA_LOG_DIR"
LOG_NAME = "timpora.log"
#: 1 MB a file and five old ones: weeks of normal use, never more than 6 MB on a small laptop.
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)-8s %(threadName)s %(name)s: %(message)s"


def log_dir() -> Path:
    """%LOCALAPPDATA%\\NotulenTimpora\\Logs on Windows; TIMPORA_LOG_DIR overrides it (tests)."""
    if os.environ.get(LOG_ENV):
        return Path(os.environ[LOG_ENV])
    from platformdirs import user_log_dir

    return Path(user_log_dir("NotulenTimpora", appauthor=False))


def system_description() -> str:
    """The operating system, for the log's first line; never fails and never asks WMI.

    On Windows, platform.platform() runs WMI queries through _wmi.pyd: slow on a cold laptop,
    and under Wine 8 they abort the process (see scripts/windows_smoke.sh). The version the
    kernel reports is enough for a support person.
    """
    try:
        if sys.platform == "win32":
            version = sys.getwindowsversion()
            return f"Windows {version.major}.{version.minor}.{version.build}"
        return platform.platform()
    except Exception:  # a log line must not stop the app from starting
        return sys.platform


def _our_handler(root: logging.Logger) -> logging.handlers.RotatingFileHandler | None:
    for handler in root.handlers:
        if getattr(handler, "timpora", False):
            return handler  # type: ignore[return-value]
    return None


def setup_logging(*, level: int = logging.INFO) -> Path:
    """Send the app's log records to the rotating file and return its path.

    Calling it again is harmless: the file handler is added once per log file, and moves when
    TIMPORA_LOG_DIR points somewhere else (each test gets its own folder).
    """
    path = log_dir() / LOG_NAME
    root = logging.getLogger()
    existing = _our_handler(root)
    if existing is not None:
        if Path(existing.baseFilename) == path.resolve():
            return path
        root.removeHandler(existing)
        existing.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    # delay=True: the file is opened at the first record, so a read-only start never fails here.
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.timpora = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.getLogger("timpora").info(
        "Notulen Timpora %s on Python %s, %s%s",
        __version__,
        platform.python_version(),
        system_description(),
        " (frozen)" if getattr(sys, "frozen", False) else "",
    )
    return path


def current_log_path() -> Path | None:
    """The file records go to now, or None before setup_logging()."""
    handler = _our_handler(logging.getLogger())
    return Path(handler.baseFilename) if handler is not None else None
