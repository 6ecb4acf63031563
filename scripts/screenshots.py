"""Screenshots of the main window, each editor tab, and the document screens (preview, signing,
follow-ups, settings, history, verification) with the demo meeting, offscreen.

    python scripts/screenshots.py [OUT_DIR]      (default docs/screenshots)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: A small laptop's screen (the app is made to fit it); dialogs leave room for a title bar and taskbar.
SIZE = (1366, 768)
DIALOG_HEIGHT = 728
TAB_FILES = ["2-informasi", "3-acara", "4-peserta", "5-temuan", "6-tindak-lanjut", "7-kesimpulan", "8-dokumentasi"]


def _demo_photo(folder: Path) -> Path:
    """A picture for the documentation tab, drawn here (no photo of real people ships)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 1000), (214, 226, 236))
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 620, 1480, 900), fill=(120, 86, 60))  # the meeting table
    for x in range(200, 1450, 180):
        draw.ellipse((x, 380, x + 110, 490), fill=(70, 70, 90))
        draw.rectangle((x - 10, 490, x + 120, 640), fill=(40, 60, 110))
    draw.rectangle((500, 90, 1100, 300), fill=(245, 245, 245))
    path = folder / "rapat-timpora-contoh.jpg"
    image.save(path, quality=85)
    return path


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    os.environ["TIMPORA_SETTINGS"] = str(work / "settings.ini")
    from app.db import open_store
    from app.services.attachments import add_attachment_file
    from app.services.demo import load_demo
    from app.ui.application import make_qt_app
    from app.ui.harness import pad_none_refcount
    from app.ui.main_window import MainWindow

    pad_none_refcount()
    app = make_qt_app()
    store = open_store(work / "demo.sqlite")
    with store.session() as session:
        meeting_id = load_demo(session)
        add_attachment_file(
            session, meeting_id, _demo_photo(work), caption="Suasana rapat koordinasi Tim PORA (gambar contoh)"
        )
    window = MainWindow(store)
    window.resize(*SIZE)
    window.show()
    app.processEvents()
    window.grab().save(str(out / "1-daftar-rapat.png"))
    window.open_meeting(meeting_id)
    for index, name in enumerate(TAB_FILES):
        window.editor.tabs.setCurrentIndex(index)
        app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
    count = len(TAB_FILES) + 1 + document_screens(app, window, store, meeting_id, out, work)
    count += long_names(app, window, store, meeting_id, out)
    window.close()
    store.close()
    print(f"{count} screenshots in {out}")


def long_names(app, window, store, meeting_id: int, out: Path) -> int:
    """The longest names a directory holds, and dates typed in words: the screens still fit."""
    from app.services import attendance, directory
    from app.services.duplicate import duplicate_meeting
    from app.services.meetings import update_meeting

    with store.session() as session:  # a draft copy: the demo meeting is signed by now
        meeting_id = duplicate_meeting(session, meeting_id).id
        agency = directory.create_agency(
            session,
            name="Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Provinsi Sumatera Selatan",
            short_name="Kanwil Kemenkumham Sumatera Selatan Bidang Keimigrasian",
            sort_order=1,
        )
        person = directory.create_person(
            session,
            name="Prof. Dr. Ir. Raden Mas Bambang Sutrisno Wicaksono Hadiningrat, S.H., M.Hum., Ph.D.",
            position="Kepala Bidang Perizinan dan Informasi Keimigrasian",
            agency_id=agency.id,
        )
        attendance.invite_person(session, meeting_id, person.id)
        update_meeting(session, meeting_id, chair_id=person.id)
    window.open_meeting(meeting_id)
    _grab(app, window, out / "17-nama-panjang.png")
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.actions_tab)
    editor.actions_tab.table.selectRow(0)
    editor.actions_tab.due_date.edit.setText("31/02/2025")  # what cannot be read is kept, and marked
    editor.actions_tab.due_date._typed()
    _grab(app, window, out / "18-tanggal-tidak-terbaca.png")
    editor.actions_tab.due_date.edit.setText("17 Agu 2025")
    editor.actions_tab.due_date._typed()
    _grab(app, window, out / "19-tanggal-diketik.png")
    return 3


def _wait(app, done, seconds: float = 20) -> None:
    """Let the worker finish (the GUI thread keeps turning meanwhile)."""
    import time

    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def _grab(app, widget, path: Path) -> None:
    app.processEvents()
    widget.grab().save(str(path))


def document_screens(app, window, store, meeting_id: int, out: Path, work: Path) -> int:
    """The screens of part 2: each after its background work is done, as a user would see it."""
    import datetime as dt

    from app.signing.certificates import create_office_certificate
    from app.ui import remembered
    from app.ui.documents.preview_dialog import PreviewDialog
    from app.ui.documents.sign_dialog import SignDialog
    from app.ui.settings.settings_dialog import SettingsDialog

    preview = PreviewDialog(window, store, meeting_id)
    preview.resize(1180, DIALOG_HEIGHT)
    preview.show()
    _wait(app, lambda: preview.pdf_path is not None)
    preview.fill_attendee_copies()
    _wait(app, lambda: False, seconds=1.0)  # QPdfView draws its pages on a thread of its own
    _grab(app, preview, out / "9-pratinjau.png")
    preview.done(0)

    passphrase = "kantor-timpora-2024"
    p12 = work / "sertifikat-kantor.p12"
    create_office_certificate("KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM", passphrase, p12)
    signed = work / "ttd"
    signed.mkdir()
    sign = SignDialog(window, store, meeting_id)
    sign.resize(900, DIALOG_HEIGHT)
    sign.show()
    sign.p12.setText(str(p12))
    sign.folder.setText(str(signed))
    _wait(app, lambda: sign.ready)
    sign.passphrase.setText(passphrase)
    sign.start()
    _wait(app, lambda: not sign.progress.running())
    _grab(app, sign, out / "10-tanda-tangan.png")
    sign.passphrase.setText(passphrase)
    sign.start()
    _wait(app, lambda: not sign.progress.running())
    sign.done(0)
    window.documents.changed(meeting_id)
    _grab(app, window, out / "11-terkunci.png")

    window.show_follow_ups()
    window.follow_up_page.today = dt.date(2025, 1, 10)
    window.follow_up_page.refresh()
    _grab(app, window, out / "12-tindak-lanjut-semua-rapat.png")
    window.show_list()

    dialog = SettingsDialog(window, store)
    dialog.show()
    _wait(app, lambda: dialog.preview.image is not None and not dialog.preview.busy())
    _grab(app, dialog, out / "13-pengaturan-kop-surat.png")
    dialog.tabs.setCurrentIndex(1)
    _grab(app, dialog, out / "14-pengaturan-dokumen.png")
    dialog.reject()

    from app.ui.documents.history_dialog import HistoryDialog
    from app.ui.documents.verify_dialog import VerifyDialog

    history = HistoryDialog(window, store, meeting_id)
    history.show()
    _grab(app, history, out / "15-riwayat.png")
    history.reject()
    verify = VerifyDialog(window, store, path=remembered.signed_file(window.editor.meeting_uuid, 1))
    verify.show()
    _wait(app, lambda: verify.view.isVisible())
    _grab(app, verify, out / "16-periksa-pdf.png")
    verify.reject()
    report_signing(app, window, store, out, work, p12, passphrase)
    from app.ui.ops import wait_for_ops

    wait_for_ops()
    return 9


def report_signing(app, window, store, out: Path, work: Path, p12: Path, passphrase: str) -> None:
    """The Laporan page's "Tanda tangani…": the year 2024 of the demo signed for the head of office."""
    import datetime as dt

    from app.ui.reports.sign_dialog import ReportSignDialog

    folder = work / "laporan"
    folder.mkdir()
    sign = ReportSignDialog(window, store, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    sign.resize(900, DIALOG_HEIGHT)
    sign.show()
    sign.p12.setText(str(p12))
    sign.folder.setText(str(folder))
    sign.on_behalf.setChecked(True)  # the office's certificate, openly on the head's behalf
    _wait(app, lambda: sign.ready)
    sign.passphrase.setText(passphrase)
    sign.start()
    _wait(app, lambda: not sign.progress.running())
    _grab(app, sign, out / "20-tanda-tangan-laporan.png")
    sign.done(0)


if __name__ == "__main__":
    main()
