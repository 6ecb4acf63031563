"""Fields that save themselves: typing is committed after a short pause, refusals shown beside.

A `FieldBinder` ties one input widget to one stored value. Typing restarts a short timer; when
it fires (or the field loses focus, or the secretary presses Ctrl+S) the value is parsed, saved
through a service in one small transaction and, when that worked, pushed on the editor's undo
stack. A refused value marks the field and puts one sentence under it; nothing else changes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.i18n import _, clock
from app.models.enums import Paper
from app.services.errors import UserError, ValidationError

#: Milliseconds of quiet typing before a field is committed ("within a second").
SAVE_DELAY_MS = 600
NO_DATE = QDate(2000, 1, 1)

Save = Callable[[Session, Any, Any], None]  # (session, target row, value)


def parse_time(text: str, *, required: bool = False, label: str = "") -> dt.time | None:
    """'09.30', '9:30', '0930' or '9' as a time of day; empty is none (unless required)."""
    value = text.strip()
    if not value:
        if required:
            raise ValidationError(_("{label} is required.").format(label=label))
        return None
    match = re.fullmatch(r"(\d{1,2})(?:[.:]?(\d{2}))?", value)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise ValidationError(_("Write the time as hours.minutes, for example 09.30."))


def show_time(value: dt.time | None) -> str:
    return clock(value) if value is not None else ""


def parse_count(text: str) -> int | None:
    """'12' or '1.200' as a number; a minus sign is read too, so the service names the range."""
    value = text.strip().replace(".", "")
    if not value:
        return None
    if not value.removeprefix("-").isdigit():
        raise ValidationError(_("The number of persons must be a whole number."))
    return int(value)


class CompositeField(QWidget):
    """A field made of several widgets that a FieldBinder saves as one value (a list of rows).

    Subclasses give `value()` (what is shown, unparsed), `set_value()` (a stored value, shown
    without a save following) and emit `edited` when the secretary changes anything.
    """

    edited = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def fields(self) -> list[QWidget]:
        """The inputs marked when the value is refused (a plain QWidget draws no border)."""
        return [w for w in self.findChildren(QWidget) if isinstance(w, (QLineEdit, QComboBox))]


class ErrorLabel(QLabel):
    """The one sentence under a field that says why its value was not saved."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def with_error(widget: QWidget, error: ErrorLabel) -> QWidget:
    """The field and its error sentence, stacked, for one row of a form."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


class _Adapter:
    """Reads, writes and watches one kind of widget."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    def read(self) -> Any:
        w = self.widget
        if isinstance(w, CompositeField):
            return w.value()
        if isinstance(w, DateField):
            return w.value()  # a text that is no date refuses here, kept in the field as typed
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QDateEdit):
            value = w.date()
            return None if value == w.minimumDate() and w.specialValueText() else value.toPython()
        if isinstance(w, QComboBox):
            if w.isEditable():
                index = w.findText(w.currentText())
                data = w.itemData(index) if index >= 0 else None
                return (data, w.currentText())
            return w.currentData()
        raise TypeError(type(w))

    def write(self, value: Any) -> None:
        w = self.widget
        blocked = w.blockSignals(True)
        try:
            if isinstance(w, (DateField, CompositeField)):
                w.set_value(value)
            elif isinstance(w, QLineEdit):
                if w.text() != value:
                    w.setText(value or "")
                    w.setCursorPosition(0)  # a long title shows its beginning
            elif isinstance(w, QPlainTextEdit):
                if w.toPlainText() != value:
                    w.setPlainText(value or "")
            elif isinstance(w, QDateEdit):
                w.setDate(w.minimumDate() if value is None else QDate(value.year, value.month, value.day))
            elif isinstance(w, QComboBox):
                if w.isEditable():
                    data, text = value
                    index = w.findData(data) if data is not None else -1
                    if index >= 0:
                        w.setCurrentIndex(index)
                    w.setEditText(text or "")
                else:
                    index = w.findData(value)
                    w.setCurrentIndex(max(index, 0))
        finally:
            w.blockSignals(blocked)

    def connect(self, slot: Callable[[], None]) -> None:
        w = self.widget
        if isinstance(w, (DateField, CompositeField)):
            w.edited.connect(slot)
        elif isinstance(w, QLineEdit):
            w.textEdited.connect(slot)
        elif isinstance(w, QPlainTextEdit):
            w.textChanged.connect(slot)
        elif isinstance(w, QDateEdit):
            w.dateChanged.connect(slot)
        elif isinstance(w, QComboBox):
            if w.isEditable():
                w.editTextChanged.connect(slot)
                w.activated.connect(slot)
            else:
                w.currentIndexChanged.connect(slot)


class FieldBinder(QObject):
    """One field bound to one stored value of the current target (meeting or row)."""

    saved = Signal()

    def __init__(
        self,
        editor: Any,
        widget: QWidget,
        *,
        save: Save,
        parse: Callable[[Any], Any] = lambda raw: raw,
        display: Callable[[Any], Any] = lambda value: value,
        error: ErrorLabel | None = None,
        tab: int = 0,
        name: str = "",
        delay_ms: int = SAVE_DELAY_MS,
    ) -> None:
        super().__init__(widget)
        self.editor = editor
        self.widget = widget
        self.error = error or ErrorLabel()
        self.tab = tab
        self.name = name
        self._save = save
        self._parse = parse
        self._display = display
        self._adapter = _Adapter(widget)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._adapter.connect(self._changed)
        self.target: Any = None
        self.committed: Any = None
        self.pending = False
        editor.register_binder(self)
        widget.installEventFilter(self)
        if isinstance(widget, QComboBox) and widget.isEditable():
            cast(QLineEdit, widget.lineEdit()).installEventFilter(self)  # where the keys of a typed-in choice go
        if isinstance(widget, DateField):
            widget.edit.installEventFilter(self)  # the date is typed in its line

    # -- showing ---------------------------------------------------------------------------

    def show_value(self, target: Any, value: Any) -> None:
        """Show a stored value (no save follows); any typing still pending is saved first."""
        self.flush()
        self.target = target
        self.committed = value
        self._adapter.write(self._display(value))
        self._set_error(None)

    # -- saving ----------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self.target is None:
            return
        self.pending = True
        self.editor.mark_pending()
        self._timer.start()

    def flush(self) -> bool:
        """Save what is typed now; False if it was refused (the field then says why)."""
        self._timer.stop()
        if not self.pending:
            return True
        self.pending = False
        try:
            value = self._parse(self._adapter.read())
            if value == self.committed:
                self._set_error(None)
                self.editor.mark_saved()
                return True
            self.editor.write(lambda session: self._save(session, self.target, value))
        except ValidationError as exc:
            return self._refuse(exc)
        except UserError as exc:
            return self._refuse(exc)
        self._set_error(None)
        self.editor.push_field_edit(self, self.target, self.committed, value)
        self.committed = value
        self.saved.emit()
        return True

    def retry(self) -> None:
        """Try a refused value again (another field it depends on changed)."""
        if self.error.isVisible():
            self.pending = True
            self.flush()

    def typed_text(self) -> str:
        """What the field shows now, as text (kept for the user when it could not be saved)."""
        if isinstance(self.widget, DateField):
            return self.widget.edit.text()  # as typed, even a text that is no date
        value = self._adapter.read()
        return "" if value is None else str(value)

    def _refuse(self, exc: UserError) -> bool:
        self._set_error(str(exc))
        self.editor.mark_refused(str(exc))
        return False

    def _set_error(self, message: str | None) -> None:
        self.error.show_error(message)
        if isinstance(self.widget, CompositeField):
            for field in self.widget.fields():
                _mark(field, bool(message))
            return
        marked = self.widget.edit if isinstance(self.widget, DateField) else self.widget
        if isinstance(self.widget, DateField) and not message and not self.widget.is_readable():
            return  # the date field itself keeps marking a text it cannot read
        _mark(marked, bool(message))

    def apply(self, target: Any, value: Any) -> None:
        """Undo and redo: write a value through the service (the editor then shows it)."""
        self.editor.write(lambda session: self._save(session, target, value))
        if target == self.target:
            self.committed = value
            self._adapter.write(self._display(value))
            self._set_error(None)

    # -- events ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        elif (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                # Ctrl+Z / Ctrl+Y belong to the editor's undo (across tabs), not the field's own.
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or (event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
            )
        ):
            event.ignore()
            return True
        return False


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setHorizontalSpacing(12)
    return form


def plain_text_edit(*, lines: int = 4) -> QPlainTextEdit:
    """A multi-line field where Tab moves on (a secretary tabs through a form)."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setUndoRedoEnabled(False)  # the editor's undo covers it, across tabs
    metrics = edit.fontMetrics()
    edit.setMinimumHeight(metrics.lineSpacing() * lines + 12)
    return edit


def date_edit(*, optional_text: str | None = None) -> QDateEdit:
    """A date with a calendar; with `optional_text`, its lowest value means "no date"."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    if optional_text:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(optional_text)
    return edit


def today() -> dt.date:
    """The day the window thinks it is; tests replace this function (never the clock)."""
    return dt.date.today()


class DateField(QWidget):
    """A date typed as a person writes it, or picked from a calendar; it shows what it understood.

    "31/12/2026", "1-3-27", "21 Nov 2024", "besok", "hari ini" are read (app/ui/typed_dates.py);
    beside the field stands the date understood ("Kamis, 21 November 2024"), or, in red, that
    the text cannot be read. An unreadable text is kept as typed, never replaced by some date.
    The calendar opens on the field's date, else on `fallback()` (the meeting's date), else today.
    """

    edited = Signal()  # changed by the user: typed, or picked in the calendar

    def __init__(
        self,
        *,
        optional_text: str | None = None,
        fallback: Callable[[], dt.date | None] | None = None,
        today_is: Callable[[], dt.date] | None = None,
    ) -> None:
        super().__init__()
        self.optional_text = optional_text
        self.fallback = fallback or (lambda: None)
        self.today_is = today_is or (lambda: today())
        self.edit = QLineEdit()
        self.edit.setObjectName("date_text")
        self.edit.setPlaceholderText(optional_text or _("dd/mm/yyyy"))
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 60)
        self.edit.setToolTip(_("A date such as 21/11/2024, 21-11-24, 21 Nov 2024, besok or hari ini"))
        self.button = QToolButton()
        self.button.setObjectName("calendar_button")
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(_("Choose in a calendar (Alt+Down)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        self.understood = QLabel()
        self.understood.setObjectName("date_understood")
        self.understood.setTextFormat(Qt.TextFormat.PlainText)
        self.calendar: QCalendarWidget | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addWidget(self.understood, 1)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.installEventFilter(self)  # Alt+Down or F4 opens the calendar, as on a list
        self._show_understood()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.AltModifier
            if alt_down or event.key() == Qt.Key.Key_F4 and not event.modifiers():
                self.open_calendar()
                return True
        return False

    # -- the value -------------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.text()

    def value(self) -> dt.date | None:
        """The date typed (None when empty); ValidationError when the text is not a date."""
        from app.ui.typed_dates import read_date

        return read_date(self.edit.text(), today=self.today_is())

    def set_value(self, value: dt.date | None) -> None:
        """Show a stored date (no `edited` follows)."""
        self.edit.setText("" if value is None else value.strftime("%d/%m/%Y"))
        self._show_understood()

    def is_readable(self) -> bool:
        try:
            self.value()
        except ValidationError:
            return False
        return True

    def _typed(self, _text: str = "") -> None:
        self._show_understood()
        self.edited.emit()

    def _tidy(self) -> None:
        """Leaving the field writes a readable date out as dd/mm/yyyy ("besok" -> "22/11/2024")."""
        try:
            value = self.value()
        except ValidationError:
            return  # kept exactly as typed, marked beside
        if value is not None and self.edit.text() != value.strftime("%d/%m/%Y"):
            self.edit.setText(value.strftime("%d/%m/%Y"))
        self._show_understood()

    def _show_understood(self) -> None:
        from app.i18n import current_language, long_date

        try:
            value = self.value()
        except ValidationError:
            self.understood.setText(_("not a date — kept as typed"))
            self.understood.setProperty("role", "error")
            self.edit.setProperty("invalid", True)
        else:
            if value is None:
                self.understood.setText(self.optional_text or "")
            else:
                self.understood.setText(long_date(value, lang=current_language()))
            self.understood.setProperty("role", "hint")
            self.edit.setProperty("invalid", False)
        for widget in (self.understood, self.edit):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    # -- the calendar ----------------------------------------------------------------------

    def calendar_start(self) -> dt.date:
        try:
            value = self.value()
        except ValidationError:
            value = None
        return value or self.fallback() or self.today_is()

    def open_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        start = self.calendar_start()
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.calendar.setCurrentPage(start.year, start.month)
        self.calendar.adjustSize()
        below = self.edit.mapToGlobal(self.edit.rect().bottomLeft())
        self.calendar.move(below)
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, date: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.edit.setText(date.toString("dd/MM/yyyy"))
        self.edit.setFocus()
        self._typed()


def buddy_label(text: str, field: QWidget) -> QLabel:
    """A form label whose &-key focuses `field` (for rows whose field sits in a layout of its own)."""
    label = QLabel(text)
    label.setBuddy(field)
    return label


# --- paper -----------------------------------------------------------------------------------

PAPER_NAMES = {Paper.A4: "A4 (210 × 297 mm)", Paper.F4: "F4 (215 × 330 mm)"}


def paper_combo(chosen: Paper) -> QComboBox:
    combo = QComboBox()
    for paper, name in PAPER_NAMES.items():
        combo.addItem(name, paper)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    return combo


def chosen_paper(combo: QComboBox) -> Paper:
    return Paper(combo.currentData())  # Qt hands a StrEnum back as its str


def path_row(edit: QLineEdit, button: QPushButton) -> QWidget:
    """A file path field with its "Browse…" button beside it."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(button)
    return box


class SearchingTable(QTableView):
    """A table where typed letters find a row by the text of one column, and change nothing.

    Qt's own search matches the start of the current column (here a number); a secretary
    typing "budi" means the person, anywhere in the name. The typed text and what it found are
    reported through `searched`, so the status bar can say it.
    """

    searched = Signal(str, bool)  # the text typed so far, whether a row matched

    def __init__(self, search_column: int = 0) -> None:
        super().__init__()
        self.search_column = search_column
        self._typed = ""
        self._last_key = 0.0

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 (Qt API)
        import time

        now = time.monotonic()
        interval = QApplication.keyboardInputInterval() / 1000
        self._typed = (self._typed if now - self._last_key <= interval else "") + search
        self._last_key = now
        needle = self._typed.casefold().strip()
        model = self.model()
        if model is None or not needle:
            return
        rows = model.rowCount()
        start = max(self.currentIndex().row(), 0)
        for offset in range(rows):
            row = (start + offset) % rows
            text = str(model.data(model.index(row, self.search_column)) or "").casefold()
            if needle in text:
                self.selectRow(row)
                self.searched.emit(self._typed, True)
                return
        self.searched.emit(self._typed, False)


class UndoBar(QFrame):
    """ "Peserta dihapus · Urungkan": a removal said where the eye is, with one click to take it back.

    The bar remembers the undo stack's position when it was offered; once anything else is
    done or undone its button would take back something else, so it hides instead.
    """

    SHOWN_MS = 12_000

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("undo_bar")
        self.setStyleSheet("QFrame#undo_bar { background: #333; border-radius: 4px; } QLabel { color: white; }")
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(_("Undo"))
        self.button.setObjectName("undo_bar_button")
        self.button.clicked.connect(self._undo)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._stack: QUndoStack | None = None
        self._index = -1
        self._before_undo: Callable[[], object] = lambda: None
        self.hide()

    def offer(self, text: str, stack: QUndoStack, *, before_undo: Callable[[], object] = lambda: None) -> None:
        if self._stack is not stack:
            if self._stack is not None:
                self._stack.indexChanged.disconnect(self._moved)
            stack.indexChanged.connect(self._moved)
            self._stack = stack
        self._index = stack.index()
        self._before_undo = before_undo
        self.text.setText(text)
        self.show()
        self._timer.start(self.SHOWN_MS)

    def _moved(self, index: int) -> None:
        if index != self._index:
            self.hide()

    def _undo(self) -> None:
        stack = self._stack
        if stack is None or stack.index() != self._index:
            self.hide()
            return
        self._before_undo()
        self.hide()
        stack.undo()


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # A wheel turned over a list that has not been clicked scrolls the page, not the choice.
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()
            return True
        return False


def keep_off_wheel(combo: QComboBox) -> None:
    """The wheel changes a list's choice only once the list has been clicked (has the focus)."""
    combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    combo.installEventFilter(_WheelGuard(combo))


class _ElidedLabel(QObject):
    """Paints a closed list's choice ending in "…" when it is longer than the box (Qt cuts it)."""

    def eventFilter(self, combo: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.Paint or not isinstance(combo, QComboBox) or combo.isEditable():
            return False
        painter = QStylePainter(combo)
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        option.currentText = combo.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width()
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        painter.end()
        return True


def elide_combo(combo: QComboBox, *, letters: int = 16) -> QComboBox:
    """A list whose width never follows its longest entry: long texts end in "…" and the whole
    text is the tooltip (of the box and of each entry), so one long name cannot widen a form."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideRight)

    def tip_rows(_parent: Any = None, first: int = 0, last: int = -1) -> None:
        for row in range(first, (combo.count() - 1 if last < 0 else last) + 1):
            if combo.itemData(row, Qt.ItemDataRole.ToolTipRole) is None:
                combo.setItemData(row, combo.itemText(row), Qt.ItemDataRole.ToolTipRole)

    combo.installEventFilter(_ElidedLabel(combo))
    combo.model().rowsInserted.connect(tip_rows)
    combo.currentTextChanged.connect(combo.setToolTip)
    tip_rows()
    combo.setToolTip(combo.currentText())
    return combo


def widget_shortcut(
    keys: str | QKeySequence | QKeySequence.StandardKey,
    widget: QWidget,
    slot: Callable[[], object],
    *,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetShortcut,
) -> QShortcut:
    """A shortcut that works only where it belongs (by default: while `widget` has the focus).

    PySide6 ignores `context=` when QShortcut is given a slot in its constructor, which left
    the tables' Delete and Alt+Down active in the whole window (Alt+Down in a date field moved
    an action item). The context is set on its own here.
    """
    shortcut = QShortcut(keys if isinstance(keys, QKeySequence) else QKeySequence(keys), widget)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
    return shortcut


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to the size a window is made for, but never past the screen it opens on: a
    1366×768 laptop (or 1920×1080 at 150 %, 1280×720) leaves room for the frame and taskbar."""
    room = screen_room(widget)
    if room is not None:
        width = min(width, room.width() - 16)
        height = min(height, room.height() - 40)  # the title bar
    widget.resize(width, height)


def screen_room(widget: QWidget) -> QSize | None:
    """The room a window has on its screen (without the taskbar); tests set a small laptop's."""
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else None


def breakable(text: str, *, every: int = 40) -> str:
    """Long runs without a space (paths, hashes) may break: a zero-width space every `every`
    letters, so a label with such a text wraps instead of widening its dialog past the screen."""
    return re.sub(rf"\S{{{every}}}", lambda m: m.group(0) + "\u200b", text)
