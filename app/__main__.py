"""Allows `python -m app`, the same as the `timpora` command."""

from app.cli import main

raise SystemExit(main())
