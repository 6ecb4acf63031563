"""Texts Qt itself shows (standard buttons, edit menus): Qt ships no Indonesian qtbase catalog."""

from __future__ import annotations

import ctypes

from PySide6.QtCore import QTranslator

from app.i18n import N_, _

#: Qt's own source texts (any context) and our msgid for each; translated through our catalogs.
QT_TEXTS = {
    "OK": N_("OK"),
    "&OK": N_("&OK"),
    "Cancel": N_("Cancel"),
    "&Cancel": N_("&Cancel"),
    "Yes": N_("Yes"),
    "&Yes": N_("&Yes"),
    "No": N_("No"),
    "&No": N_("&No"),
    "Yes to &All": N_("Yes to &All"),
    "N&o to All": N_("N&o to All"),
    "Save": N_("Save"),
    "&Save": N_("&Save"),
    "Save All": N_("Save All"),
    "Open": N_("Open"),
    "&Open": N_("&Open"),
    "Close": N_("Close"),
    "&Close": N_("&Close"),
    "Apply": N_("Apply"),
    "Reset": N_("Reset"),
    "Help": N_("Help"),
    "Discard": N_("Discard"),
    "Don't Save": N_("Don't Save"),
    "Close without Saving": N_("Close without Saving"),
    "Restore Defaults": N_("Restore Defaults"),
    "Abort": N_("Abort"),
    "Retry": N_("Retry"),
    "Ignore": N_("Ignore"),
    "&Undo": N_("&Undo"),
    "&Redo": N_("&Redo"),
    "Cu&t": N_("Cu&t"),
    "&Copy": N_("&Copy"),
    "&Paste": N_("&Paste"),
    "Delete": N_("Delete"),
    "Select All": N_("Select All"),
    "Copy &Link Location": N_("Copy &Link Location"),
    "Show Details...": N_("Show Details..."),
    "Hide Details...": N_("Hide Details..."),
    "Look in:": N_("Look in:"),
    "File &name:": N_("File &name:"),
    "Files of type:": N_("Files of type:"),
    "&Choose": N_("&Choose"),
    # The rest of Qt's own file dialog (Linux; Windows shows its native one, in Windows' language).
    "&Look in:": N_("&Look in:"),
    "Files of &type:": N_("Files of &type:"),
    "Name": N_("Name"),
    "Size": N_("Size"),
    "Type": N_("Type"),
    "Date Modified": N_("Date Modified"),
    "Back": N_("Back"),
    "Forward": N_("Forward"),
    "Parent Directory": N_("Parent Directory"),
    "Create New Folder": N_("Create New Folder"),
    "List View": N_("List View"),
    "Detail View": N_("Detail View"),
    "All Files (*)": N_("All Files (*)"),
    "My Computer": N_("My Computer"),
    "Computer": N_("Computer"),
    "Recent Places": N_("Recent Places"),
    "New Folder": N_("New Folder"),
    "&New Folder": N_("&New Folder"),
    "&Rename": N_("&Rename"),
    "&Delete": N_("&Delete"),
    "Show &hidden files": N_("Show &hidden files"),
    "Directory:": N_("Directory:"),
    "Folder": N_("Folder"),
    "File Folder": N_("File Folder"),
}


class IndonesianQtTexts(QTranslator):
    """Answers Qt's own translate() calls from our catalogs; None keeps Qt's own text."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 (Qt API)
        if disambiguation is None:
            # PySide6 6.12 hands a null disambiguation over as None without taking a reference,
            # then releases one: without this, None's count runs down and Python aborts. An
            # extra reference to None is harmless if a later PySide fixes this.
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
        msgid = QT_TEXTS.get(source_text)
        # None is "no translation" (Qt keeps its text); an empty string would blank the text.
        return _(msgid) if msgid is not None else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return False
