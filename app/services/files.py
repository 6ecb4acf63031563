"""Writing a file safely: beside its target, then renamed over it or to a name still free."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from app.i18n import _
from app.services.errors import UserError


def write_atomically(target: Path, data: bytes) -> Path:
    """A crash, a full disk or a viewer holding the old file never leaves half a file behind."""
    target = Path(target)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise UserError(
            _("The file {name} cannot be written ({error}). Is it open in another program?").format(
                name=target, error=exc.strerror or exc
            )
        ) from exc
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise
    return target


#: A temporary file of write_new_file untouched this long belongs to a run that was killed.
STALE_PARTIAL = dt.timedelta(minutes=10)
_PARTIAL_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")


def write_new_file(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """`data` as a new file in `folder` named `stem+suffix`, else `stem (2)+suffix`, …; its path.

    An existing file is never written over, and a name appears only once its file is whole: the
    bytes go to a hidden temporary file in the same folder first (`.name.XXXXXXXX.part`, which no
    import reads), then the temporary file takes the first free name. A run killed half way thus
    leaves no empty or partial file under a package's name; `remove_stale_partials` clears what it
    left under the temporary one.
    """
    folder = Path(folder)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{stem}{suffix}.", suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        for number in range(1, 10_000):
            candidate = folder / (f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}")
            if _rename_to_new_name(Path(temporary), candidate):
                temporary = None
                return candidate
        raise UserError(_("The folder {folder} has too many files of that name.").format(folder=folder))
    except OSError as exc:
        raise UserError(
            _("The file {name} cannot be written ({error}).").format(
                name=folder / f"{stem}{suffix}", error=exc.strerror or exc
            )
        ) from exc
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _rename_to_new_name(temporary: Path, target: Path) -> bool:
    """Give `temporary` the name `target` unless a file has it (then False), in one step."""
    if os.name == "nt":
        try:
            os.rename(temporary, target)  # Windows' rename never replaces a file
        except FileExistsError:
            return False
        return True
    try:
        os.link(temporary, target)  # fails if the name is taken: nothing written over
    except FileExistsError:
        return False
    except OSError:
        # A file system without hard links (a FAT or exFAT stick): rename, which would replace a
        # file, only after seeing the name free; a file appearing in between is the one risk.
        if target.exists():
            return False
        os.rename(temporary, target)
        return True
    temporary.unlink()
    return True


def remove_stale_partials(folder: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """The temporary files write_new_file left in `folder` when its run was killed (untouched for
    STALE_PARTIAL; a younger one may be another run's, still writing); the removed paths."""
    now = now or dt.datetime.now()
    removed = []
    for entry in Path(folder).iterdir():
        if not _PARTIAL_NAME.match(entry.name) or not entry.is_file():
            continue
        try:
            if now - dt.datetime.fromtimestamp(entry.stat().st_mtime) < STALE_PARTIAL:
                continue
            entry.unlink()
        except OSError:
            continue  # gone already, or not ours to remove: it stays hidden and unread
        removed.append(entry)
    return removed
