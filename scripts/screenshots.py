"""Screenshots of the main window and of each editor tab with the demo meeting, offscreen.

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

SIZE = (1280, 800)
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
    from app.ui.main_window import MainWindow

    from app.ui.harness import pad_none_refcount

    pad_none_refcount()
    app = make_qt_app()
    store = open_store(work / "demo.sqlite")
    with store.session() as session:
        meeting_id = load_demo(session)
        add_attachment_file(session, meeting_id, _demo_photo(work), caption="Suasana rapat koordinasi Tim PORA (gambar contoh)")
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
    window.close()
    store.close()
    print(f"{len(TAB_FILES) + 1} screenshots in {out}")


if __name__ == "__main__":
    main()
