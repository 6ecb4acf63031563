"""Reading an exchange file someone else made: bounded, streamed, refused early.

A .json or .timpora file may come from anyone. Nothing here reads more than a cap allows: the
.json is read in chunks up to its cap (so `/dev/zero` stops at the cap), a zip member is judged by
its declared sizes before a byte is inflated and then read no further than declared, and the
attachments are read one by one when the meeting names them.
"""

from __future__ import annotations

import lzma
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from app.i18n import _
from app.services.errors import FormatError

PACKAGE_JSON = "meeting.json"
ATTACHMENT_FOLDER = "attachments/"

#: A meeting's own text: every field at the editor's limits would not reach this.
MAX_MEETING_JSON_BYTES = 32 * 1024 * 1024
#: A .json with attachments embedded as base64; bigger meetings travel as .timpora.
MAX_JSON_FILE_BYTES = 64 * 1024 * 1024
#: One attached file, as the window allows.
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
#: All of a package, inflated, and the package file itself.
MAX_PACKAGE_BYTES = 400 * 1024 * 1024
MAX_MEMBERS = 2_000
#: JSON text inflates ~10×; photos not at all. Past this, a member is a bomb, not a meeting.
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # small members may compress as well as they like

_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_CHUNK = 1024 * 1024


@dataclass
class Package:
    """meeting.json's bytes and a way to read the attachments it names."""

    path: Path
    meeting_json: bytes
    _zip: zipfile.ZipFile | None = None
    _members: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    _sizes: dict[str, int] = field(default_factory=dict)
    _streamed: dict[str, str] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self._members

    def read(self, name: str) -> bytes:
        """An attachment member, read within its caps (a member read twice counts once)."""
        info = self._members[name]
        data = _read_member(self._zip, info, self.path, limit=MAX_ATTACHMENT_BYTES)
        self._sizes[name] = len(data)
        if sum(self._sizes.values()) > MAX_PACKAGE_BYTES:
            raise _too_large(self.path)
        return data

    def remember(self, attachment_uuid: str, name: str) -> None:
        """The member an attachment left out of the records will be read from again."""
        self._streamed[attachment_uuid] = name

    def member_of(self, attachment_uuid: str) -> str:
        return self._streamed[attachment_uuid]

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _too_large(path: Path) -> FormatError:
    return FormatError(_("The file {name} is too large to be a meeting file.").format(name=path.name))


def _damaged(path: Path) -> FormatError:
    return FormatError(_("The package {name} is damaged.").format(name=path.name))


def open_package(path: Path) -> Package:
    """The file opened for reading: a zip package or a bare .json, within every cap."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise FormatError(
            _("The file {name} cannot be read: {error}").format(name=path, error=exc.strerror or exc)
        ) from exc
    if stat.S_ISDIR(mode):
        raise FormatError(_("{name} is a folder, not a meeting file.").format(name=path))
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
            if stat.S_ISREG(mode) and head[:2] == b"PK":
                if path.stat().st_size > MAX_PACKAGE_BYTES:
                    raise _too_large(path)
                return _open_zip(path)
            # Read as a stream: a device or a pipe (`/dev/zero`) has no size to check first.
            data = head + _read_capped(handle, MAX_JSON_FILE_BYTES - len(head), path)
    except OSError as exc:
        raise FormatError(
            _("The file {name} cannot be read: {error}").format(name=path, error=exc.strerror or exc)
        ) from exc
    return Package(path=path, meeting_json=data)


def _read_capped(stream: IO[bytes], limit: int, path: Path) -> bytes:
    """At most `limit` bytes of a stream; one byte more means the file is refused."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit - total + 1))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise _too_large(path)
        chunks.append(chunk)


def _open_zip(path: Path) -> Package:
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _damaged(path) from exc
    try:
        infos = package.infolist()
        if len(infos) > MAX_MEMBERS:
            raise FormatError(_("The package {name} holds too many files.").format(name=path.name))
        members: dict[str, zipfile.ZipInfo] = {}
        declared = 0
        for info in infos:
            if info.filename in members:
                raise FormatError(
                    _("The package {name} holds {member} twice.").format(name=path.name, member=info.filename)
                )
            members[info.filename] = info
            declared += info.file_size
        if declared > MAX_PACKAGE_BYTES:
            raise _too_large(path)
        if PACKAGE_JSON not in members:
            raise FormatError(_("The package has no meeting.json inside."))
        meeting_json = _read_member(package, members[PACKAGE_JSON], path, limit=MAX_MEETING_JSON_BYTES)
        attachments = {
            name: info for name, info in members.items() if name.startswith(ATTACHMENT_FOLDER) and not info.is_dir()
        }
        return Package(path=path, meeting_json=meeting_json, _zip=package, _members=attachments)
    except BaseException:
        package.close()
        raise


def _read_member(package: zipfile.ZipFile | None, info: zipfile.ZipInfo, path: Path, *, limit: int) -> bytes:
    """One member, judged by its header first, then inflated no further than it declared."""
    assert package is not None
    if info.flag_bits & 0x1:
        raise FormatError(
            _("The package {name} has an encrypted file ({member}); it cannot be read.").format(
                name=path.name, member=info.filename
            )
        )
    if info.compress_type not in _COMPRESSIONS:
        raise FormatError(
            _("The package {name} uses a kind of compression this app does not read ({member}).").format(
                name=path.name, member=info.filename
            )
        )
    if info.file_size > limit or info.compress_size > limit:
        raise FormatError(
            _("The file {member} in the package {name} is too large.").format(member=info.filename, name=path.name)
        )
    if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise FormatError(
            _("The file {member} in the package {name} is compressed suspiciously well; it is refused.").format(
                member=info.filename, name=path.name
            )
        )
    try:
        with package.open(info) as member:
            # zipfile stops at the declared size and checks the CRC there, so a header that
            # lies about the size ends in BadZipFile, not in an endless stream.
            data = _read_capped(member, limit, path)
    except FormatError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        lzma.LZMAError,
        EOFError,
        OSError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as exc:
        raise _damaged(path) from exc
    if len(data) != info.file_size:
        raise _damaged(path)
    return data
