"""Allows `python -m app`, the same as the `timpora` command."""

from app.cli.main import main

# The guard matters: the helper process that opens a .p12 (app/ui/key_loader.py) is started
# with "spawn", which imports this module again and must not start a second app.
if __name__ == "__main__":
    raise SystemExit(main())
