"""Start-up benchmark (issue 15): the window on a store of 20,000 meetings against a bare
PySide6 window, each in a fresh process, side by side in one run (median of --runs).

    python bench/bench_startup.py [--sizes 1000 20000] [--runs 5]

Prints, for each: the time from starting the process to the first paint of a window whose list
is filled (wall, and the process's CPU time), and which of the heavy libraries were imported by
then. Then the imports before that paint as `python -X importtime` counts them, the ten
largest. The stores are bench_scale.py's, built once into bench/.cache.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
#: What the first screen does not need: each should load on first use, after the window shows.
HEAVY = ("reportlab", "pyhanko", "cryptography", "PIL", "babel.numbers", "num2words", "openpyxl", "pypdf", "alembic")


def _since_start() -> str:
    return f"{time.time() - float(os.environ['BENCH_T0']):.4f} {time.process_time():.4f}"


def _on_first_paint(app, widget, ready, then=None) -> None:
    """Print the time since the process started once `widget` paints with `ready()` true, then
    quit (or call `then`)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watch(QObject):
        def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint and ready():
                loaded = [name for name in HEAVY if name in sys.modules]
                import threading  # the store's check still reading beside the first paint?

                loaded += ["store-check"] * any(t.name == "store-check" for t in threading.enumerate())
                loaded = ",".join(loaded) or "-"
                print(f"{_since_start()} {loaded}", flush=True)
                widget.removeEventFilter(self)
                QTimer.singleShot(0, then or app.quit)
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    app._bench_watch = watch


def child_bare() -> None:
    """A bare PySide6 window: a table of 30 rows in a main window, nothing else."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([])
    model = QStandardItemModel(0, 5)
    for n in range(30):
        model.appendRow([QStandardItem(f"{n}-{c}") for c in range(5)])
    window = QMainWindow()
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1200, 700)
    _on_first_paint(app, table.viewport(), lambda: model.rowCount() > 0)
    window.show()
    app.exec()


def child_window(db: str) -> None:
    """The app's window as run_window makes it (without the single-window lock and the set-up
    wizard): Qt application, store (its pages checked after the first paint, as the window
    does; before issue 15's last step, beside the window's imports), main window with its list
    filled, shown."""
    try:
        from app.cli.main import import_before_qt  # as `timpora` does before the window
    except ImportError:
        pass  # the code before, measured side by side
    else:
        import_before_qt()
    from app.ui.application import make_qt_app

    app = make_qt_app()
    from app.db import open_store

    try:
        from app.db import start_store_check  # the code before, measured side by side
    except ImportError:
        opened = lambda: open_store(db, begin_check=False)  # noqa: E731
    else:
        checking = start_store_check(db)
        opened = lambda: open_store(db, checked=checking)  # noqa: E731
    from app.ui.main_window import MainWindow

    store = opened()
    window = MainWindow(store)
    window.resize(1200, 700)
    table = window.list_page.table
    _on_first_paint(app, table.viewport(), lambda: window.list_page.model.rowCount() > 0, then=lambda: checked())
    window.show()  # (the app leaves its start-up out of the collector's passes after the first screen)

    def checked() -> None:
        """The store's check answered (writes may go on): print when, and leave without closing
        the window (whose copy on close would fill bench/.cache/Cadangan)."""
        from PySide6.QtCore import QTimer

        if getattr(store, "page_check", None) is not None and not store.page_check.passed:
            QTimer.singleShot(5, checked)
            return
        print(_since_start(), flush=True)
        os._exit(0)

    app.exec()


def run_child(args: list[str], *, importtime: bool = False) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        BENCH_T0=repr(time.time()),
        TIMPORA_SETTINGS=str(Path(tempfile.mkdtemp()) / "settings.ini"),
    )
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, __file__, *args], capture_output=True, text=True, env=env, check=True, timeout=120
    )


def first_paint(args: list[str], runs: int) -> tuple[float, float, str, float, float]:
    """Medians of the first paint's wall and CPU (and what was loaded), and of the moment the
    store's check had answered (the same as the paint for the bare window)."""
    walls, cpus, loaded, checked_walls, checked_cpus = [], [], "", [], []
    for _ in range(runs):
        lines = run_child(args).stdout.strip().splitlines()
        wall, cpu, loaded = lines[0].split()
        checked_wall, checked_cpu = lines[-1].split()[:2]
        walls.append(float(wall))
        cpus.append(float(cpu))
        checked_walls.append(float(checked_wall))
        checked_cpus.append(float(checked_cpu))
    median = statistics.median
    return median(walls), median(cpus), loaded, median(checked_walls), median(checked_cpus)


def imports(args: list[str]) -> tuple[float, list[tuple[int, str]]]:
    """Total and the largest top-level imports (cumulative microseconds) of one start."""
    found = []
    for line in run_child(args, importtime=True).stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match[2]) == 1:  # imported by the script itself, children included
            found.append((int(match[1]), match[3]))
    return sum(us for us, _ in found) / 1000, sorted(found, reverse=True)[:10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        child_bare() if args.child[0] == "bare" else child_window(args.child[1])
        return
    from bench_scale import cached_store

    rows = [("bare PySide6 window", ["--child", "bare"])]
    rows += [(f"the window, {size:,} meetings", ["--child", "window", str(cached_store(size))]) for size in args.sizes]
    bare = None
    print(
        "| start to first paint, list filled | wall | CPU | × bare (wall, CPU) | loaded by then | store checked: wall, CPU |"
    )
    print("|---|---|---|---|---|---|")
    for name, child in rows:
        wall, cpu, loaded, checked_wall, checked_cpu = first_paint(child, args.runs)
        bare = bare or (wall, cpu)
        print(
            f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {wall / bare[0]:.2f}, {cpu / bare[1]:.2f} "
            f"| {loaded} | {checked_wall * 1000:.0f} ms, {checked_cpu * 1000:.0f} ms |",
            flush=True,
        )
    total, largest = imports(rows[-1][1])
    print(f"\nimports before the window's first paint (-X importtime, one run): {total:.0f} ms")
    for us, name in largest:
        print(f"  {us / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
