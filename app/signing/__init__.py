"""Signing and verifying the minutes (pyHanko)."""

# Pillow's pixel limit (app/services/photos.py) is set before pyHanko decodes a stamp's picture.
import app.services.photos  # noqa: F401
