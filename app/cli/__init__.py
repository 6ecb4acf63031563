"""The command line: the entry point in `app.cli.main`, and one module per area of commands."""
