"""The command line: the entry point (`main`) and one module per area of commands."""

from app.cli.main import main

__all__ = ["main"]
