"""`timpora --self-test`: the whole chain on a throw-away store, one line a step, for support.

Nothing here touches the user's own store, settings or certificates: every file lives in a
temporary folder that is removed afterwards. The same check smoke-tests the frozen bundle.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from types import ModuleType

    from sqlalchemy.orm import Session

    from app.db import Store

log = logging.getLogger("timpora.selftest")

OK, FAILED, SKIPPED = "OK", "FAILED", "SKIPPED"
#: Passphrase of the throw-away certificate; it never leaves the temporary folder.
PASSPHRASE = "uji-mandiri"


class Skip(Exception):
    """The feature a step checks is not part of this build."""


@dataclass(frozen=True)
class StepResult:
    name: str
    status: str
    detail: str
    seconds: float

    def line(self) -> str:
        detail = f"  {self.detail}" if self.detail else ""
        return f"{self.name:<12} {self.status:<8}{detail} ({self.seconds:.2f} s)"


@dataclass
class Context:
    """What the steps hand on to each other."""

    folder: Path
    store: Store | None = None
    meeting_id: int | None = None
    pdf: Path | None = None
    p12: Path | None = None
    signed: Path | None = None


def _optional(module: str) -> ModuleType:
    """Import a feature module, or Skip when this build does not have it (yet)."""
    import importlib

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        # Only the module itself being absent is a skip; a dependency missing inside it is a failure.
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            raise Skip(f"module not present: {module}") from exc
        raise


def _store(ctx: Context) -> Store:
    """The store the first step opened; the steps after a failed one are skipped, not failed again."""
    if ctx.store is None:
        raise Skip("needs the store")
    return ctx.store


# --- the steps --------------------------------------------------------------------------------


def step_store(ctx: Context) -> str:
    from app.db import current_revision, open_store

    ctx.store = open_store(ctx.folder / "selftest.sqlite")
    return f"schema {current_revision(ctx.store.engine)}"


def step_language(ctx: Context) -> str:
    from app.i18n import country_name, gettext, long_date, number, spelled_date

    day = dt.date(2024, 11, 21)
    checks = {
        "id date": (long_date(day), "Kamis, 21 November 2024"),
        "en date": (long_date(day, lang="en"), "Thursday, 21 November 2024"),
        "number": (number(1234.5), "1.234,5"),
        "country": (country_name("CN"), "Tiongkok"),
        "spelled": (spelled_date(day), "Kamis tanggal dua puluh satu bulan November tahun dua ribu dua puluh empat"),
    }
    wrong = [f"{what}: {got!r}" for what, (got, expected) in checks.items() if got != expected]
    if gettext("The meeting date is required.", lang="id") == "The meeting date is required.":
        wrong.append("no Indonesian catalog")
    if wrong:
        raise AssertionError("; ".join(wrong))
    return "catalogs and locale data id, en"


def step_demo(ctx: Context) -> str:
    from app.services.demo import load_demo

    with _store(ctx).session() as session:
        ctx.meeting_id = load_demo(session)
    return f"meeting {ctx.meeting_id}"


def step_exchange(ctx: Context) -> str:
    """Every meeting to a .timpora package and into a second store: the same content comes back.

    Oldest first, so a follow-up meeting finds the meeting it reviews, as on a real transfer.
    """
    from app.db import open_store
    from app.services.exchange import export_meeting, import_bundle, read_exchange_file
    from app.services.meetings import list_meetings
    from app.services.records import content_sha256, load_bundle

    originals: dict[str, str] = {}
    packages: list[Path] = []
    with _store(ctx).session() as session:
        for row in sorted(list_meetings(session), key=lambda r: r.date):
            packages.append(export_meeting(session, row.id, ctx.folder / f"{row.uuid}.timpora"))
            originals[row.uuid] = content_sha256(load_bundle(session, row.id))
    other = open_store(ctx.folder / "selftest-import.sqlite")
    try:
        for package in packages:
            with other.session() as session:
                meeting = import_bundle(session, read_exchange_file(package))
                if content_sha256(load_bundle(session, meeting.id)) != originals[meeting.uuid]:
                    raise AssertionError(f"the imported meeting {meeting.uuid} differs from the exported one")
    finally:
        other.close()
    size = sum(p.stat().st_size for p in packages) // 1024
    return f"{len(packages)} meetings, {size} KB of packages"


def step_libraries(ctx: Context) -> str:
    from app.cli.selftest_libraries import check_libraries

    return check_libraries(ctx.folder)


def step_window(ctx: Context) -> str:
    """Qt starts and draws the window (platform plugin, image formats and fonts are in the build)."""
    _optional("PySide6.QtWidgets")
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen: Qt would abort, not fail
    from app.ui.smoke import draw_window

    return draw_window(_store(ctx))


# The PDF and signing steps: one small function each around the feature's entry point, so the
# calls can follow those modules' final signatures without touching the rest.


def _render_minutes(session: Session, meeting_id: int, target: Path) -> None:
    export_minutes = _optional("app.documents.exports").export_minutes
    # Minutes are signed once final (a draft prints "DRAF" and is refused by signing).
    _optional("app.services.revisions").finalize_meeting(session, meeting_id)
    export_minutes(session, meeting_id, target)


def _create_certificate(target: Path) -> None:
    create = _optional("app.signing.certificates").create_office_certificate
    create("Uji Mandiri Notulen Timpora", PASSPHRASE, target)


def _sign(pdf: Path, p12: Path, target: Path, db: Path) -> None:
    sign_minutes = _optional("app.signing.minutes").sign_minutes
    # The self-test's own store, never the user's: the signature is recorded there.
    # The office certificate is nobody's own: it signs openly on the secretary's behalf (a.n.).
    sign_minutes(pdf, p12=p12, passphrase=PASSPHRASE, role="secretary", target=target, db=str(db), on_behalf=True)


def _verify(pdf: Path) -> str:
    verify = _optional("app.signing.verification").verify
    report = verify(pdf)
    if not report.all_intact:
        raise AssertionError(f"signature not intact: {report}")
    return f"{len(report.signatures)} signature(s) intact"


def step_pdf(ctx: Context) -> str:
    from app.documents.metadata import read_metadata

    if ctx.meeting_id is None:
        raise Skip("needs the demo meeting")
    ctx.pdf = ctx.folder / "notulen.pdf"
    with _store(ctx).session() as session:
        _render_minutes(session, ctx.meeting_id, ctx.pdf)
    data = ctx.pdf.read_bytes()
    if not data.startswith(b"%PDF") or read_metadata(data) is None:
        raise AssertionError("the file is not minutes written by this app")
    return f"{len(data) // 1024} KB"


def step_qr(ctx: Context) -> str:
    """The verification code: drawn with segno, read back with zxing-cpp (Periksa PDF's photo reader)."""
    qr = _optional("app.documents.qr")
    payload = qr.readable_payload("W6.IMI-UJI", 1, "0f" * 32)
    picture = ctx.folder / "kode.png"
    picture.write_bytes(qr.qr_png(payload))
    if qr.read_code_from_picture(picture) != payload:
        raise AssertionError("the QR code read back differs from the one drawn")
    return qr.verification_code("0f" * 32)


def step_certificate(ctx: Context) -> str:
    ctx.p12 = ctx.folder / "selftest.p12"
    _create_certificate(ctx.p12)
    return f"{ctx.p12.stat().st_size} bytes"


def step_key_helper(ctx: Context) -> str:
    """The window opens a .p12 in a helper process (app/ui/key_loader.py): a frozen build must
    start one (multiprocessing.freeze_support in the launcher) rather than a second app."""
    if ctx.p12 is None:
        raise Skip("needs the certificate")
    open_in_helper = _optional("app.ui.key_loader").open_in_helper
    identity = open_in_helper(ctx.p12, PASSPHRASE)
    return f"{identity.info.subject_name}, RSA-{identity.private_key.key_size}"


def step_sign(ctx: Context) -> str:
    if ctx.pdf is None or ctx.p12 is None:
        raise Skip("needs the PDF and the certificate")
    ctx.signed = ctx.folder / "notulen-signed.pdf"
    _sign(ctx.pdf, ctx.p12, ctx.signed, _store(ctx).path)
    return f"{ctx.signed.stat().st_size // 1024} KB"


def step_verify(ctx: Context) -> str:
    if ctx.signed is None:
        raise Skip("needs the signed PDF")
    return _verify(ctx.signed)


STEPS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("store", step_store),
    ("language", step_language),
    ("demo", step_demo),
    ("exchange", step_exchange),
    ("libraries", step_libraries),
    ("window", step_window),
    ("pdf", step_pdf),
    ("qr", step_qr),
    ("certificate", step_certificate),
    ("key-helper", step_key_helper),
    ("sign", step_sign),
    ("verify", step_verify),
)
#: A step that cannot run without the one before it (no store, no demo meeting).
_NEEDS = {"demo": "store", "exchange": "demo", "window": "store", "pdf": "demo"}


def run_step(name: str, step: Callable[[Context], str], ctx: Context) -> StepResult:
    started = time.perf_counter()
    try:
        detail, status = step(ctx), OK
    except Skip as exc:
        detail, status = f"({exc})", SKIPPED
    except Exception as exc:  # the self-test reports every failure and goes on with the rest
        log.error("self-test step %s failed\n%s", name, traceback.format_exc())
        detail, status = f"{type(exc).__name__}: {exc}", FAILED
    result = StepResult(name, status, detail, time.perf_counter() - started)
    log.info("self-test %s", result.line())
    return result


def run_steps(folder: Path, emit: Callable[[str], None]) -> list[StepResult]:
    ctx = Context(folder=folder)
    results: dict[str, StepResult] = {}
    try:
        for name, step in STEPS:
            needed = _NEEDS.get(name)
            if needed and results[needed].status != OK:
                result = StepResult(name, SKIPPED, f"(needs {needed})", 0.0)
            else:
                result = run_step(name, step, ctx)
            results[name] = result
            emit(result.line())
    finally:
        if ctx.store is not None:
            ctx.store.close()
        # A SQLite connection lives in a reference cycle (with its statement cache), so an
        # engine dropped by a step closes its file only when the collector runs: run it now,
        # before the folder is removed (Windows refuses to delete a file still open).
        gc.collect()
    return list(results.values())


def _output() -> tuple[TextIO, Path | None]:
    """stdout, or, in a windowed Windows build started without a console, a report file."""
    if sys.stdout is not None:
        return sys.stdout, None
    from app.logs import log_dir

    report = log_dir() / "selftest.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    return report.open("w", encoding="utf-8"), report


def run_self_test() -> int:
    """Run every step; exit status 0 only when none failed (a feature not built is SKIPPED)."""
    from app import __version__
    from app.logs import setup_logging

    log_path = setup_logging()
    out, report = _output()

    def emit(line: str) -> None:
        print(line, file=out, flush=True)

    emit(f"Notulen Timpora {__version__} self-test ({'frozen' if getattr(sys, 'frozen', False) else 'source'})")
    # ignore_cleanup_errors: on Windows a file still mapped by SQLite may refuse to go at once.
    with tempfile.TemporaryDirectory(prefix="timpora-selftest-", ignore_cleanup_errors=True) as tmp:
        results = run_steps(Path(tmp), emit)
    failed = [r.name for r in results if r.status == FAILED]
    emit(f"self-test {'FAILED: ' + ', '.join(failed) if failed else 'passed'}; log: {log_path}")
    if report is not None:
        out.close()
    return 1 if failed else 0
