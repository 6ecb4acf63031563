"""Entry point of the frozen build: the same as `python -m app`, plus what Windows wants first."""

import contextlib
import multiprocessing
import sys

# A helper process of the frozen app (it opens .p12 files: app/ui/key_loader.py) runs its job
# here and exits, before any of the app starts.
multiprocessing.freeze_support()

if sys.platform == "win32":
    import ctypes

    # Own taskbar identity, so Windows groups the windows under the app's icon and name
    # instead of the bootloader's. Harmless when it fails (very old Windows).
    with contextlib.suppress(AttributeError, OSError):
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("NotulenTimpora.App")

from app.cli.main import main  # noqa: E402

raise SystemExit(main())
