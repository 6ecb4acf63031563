"""The printed documents (reportlab)."""

# Pillow's pixel limit (app/services/photos.py) is set before reportlab decodes any stored
# picture (an emblem, a signature, a photo): the window no longer loads Pillow as it starts.
import app.services.photos  # noqa: F401
