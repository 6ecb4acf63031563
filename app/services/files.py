"""Writing a file safely: beside its target, then renamed over it."""

from __future__ import annotations

import os
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
