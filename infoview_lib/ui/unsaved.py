"""What a student has typed but not saved yet, kept in the workbook as they type.

A kernel restart, a closed tab or a reloaded page then loses nothing: the next
time the form shows the same record, what was typed comes back, with a note
saying so and a button to put back the saved version instead (or, for a record
never saved, to clear it). It is kept in the workbook's settings (under
``unsaved:``), so it stays with the student's other work and is as private; before
the workbook exists (a profile typed before its first save), in a private file
beside it (:mod:`~infoview_lib.ui.unsaved_before`), never in a half-made workbook.

A form's owner says which record is on screen with :meth:`UnsavedInput.show`,
after filling the fields from the workbook; a successful save calls
:meth:`UnsavedInput.saved` (a :class:`~infoview_lib.ui.components.Form` does so
itself when it keeps its input).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.errors import InfoviewError
from infoview_lib.store import Workbook
from infoview_lib.store.snapshot import UNSAVED_PREFIX
from infoview_lib.ui import unsaved_before
from infoview_lib.ui.debounce import Debounced

#: Settings under this prefix hold unsaved input; reports, exports and hand-ins leave them out.
PREFIX = UNSAVED_PREFIX
#: How long after the last keystroke the input is written to the workbook, in seconds.
KEEP_DELAY = 0.8
#: The button that puts back what was saved, and the one for a record never saved.
PUT_BACK = "Put back the saved version"
CLEAR = "Clear what I typed"


def encode(value: Any) -> Any:
    """A field's value as JSON data.

    >>> encode(date(2026, 3, 16)), encode(("a", 2)), encode(None)
    ({'date': '2026-03-16'}, ['a', 2], None)
    """
    if isinstance(value, Enum):
        return encode(value.value)
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def decode(stored: Any, widget: widgets.Widget) -> Any:
    """A stored value made fit for ``widget`` again; raises ``ValueError`` if it no longer is.

    A choice must still be one of the widget's options (a contact may have been
    removed since); a date comes back as a date.
    """
    options = getattr(widget, "options", None)
    if options is not None:
        values = [option[1] if isinstance(option, tuple) else option for option in options]
        wanted = stored if isinstance(stored, list) else [stored]
        found = []
        for item in wanted:
            matches = [value for value in values if _same(encode(value), item)]
            if not matches:
                raise ValueError(f"{item!r} is no longer a choice")
            found.append(matches[0])
        return tuple(found) if isinstance(stored, list) else found[0]
    if isinstance(stored, dict) and set(stored) == {"date"}:
        return date.fromisoformat(stored["date"])
    return stored


def _same(first: Any, second: Any) -> bool:
    """Equal, and not merely because ``False == 0`` or ``True == 1``."""
    return bool(first == second) and isinstance(first, bool) == isinstance(second, bool)


class UnsavedInput:
    """Keeps the input of one form in the workbook until it is saved.

    ``read`` gives the form's values now; ``write`` puts values back into it;
    ``widgets_by_name`` says which widget each value belongs to (for turning
    stored values back into choices and dates); a value with no widget (a list
    of questions, say) comes back as the JSON data it was stored as. ``name`` tells this form's
    input apart from other forms' in the workbook.
    """

    def __init__(
        self,
        path: Path,
        name: str,
        *,
        read: Callable[[], Mapping[str, Any]],
        write: Callable[[Mapping[str, Any]], None],
        widgets_by_name: Mapping[str, widgets.Widget],
        delay: float = KEEP_DELAY,
    ) -> None:
        self.path = path
        self.name = name
        self._read = read
        self._write = write
        self._widgets = widgets_by_name
        self.record: str | None = None
        self._baseline: dict[str, Any] = {}
        self._pending: tuple[str, dict[str, Any], dict[str, Any]] | None = None
        self._writer = Debounced(self.flush, delay)
        self.note = widgets.HTML()
        self.put_back = widgets.Button(  # as wide as its words, not the whole page
            description=PUT_BACK,
            layout=widgets.Layout(width="max-content", align_self="flex-start"),
        )
        self.put_back.on_click(lambda _: self.discard())
        self.view = widgets.VBox([self.note, self.put_back], layout=widgets.Layout(display="none"))

    def _key(self, record: str) -> str:
        return f"{PREFIX}{self.name}:{record}"

    @property
    def restored(self) -> bool:
        """Whether the form shows input brought back from before, not yet saved."""
        return bool(self.view.layout.display != "none")

    def show(self, record: str, *, new: bool = False) -> bool:
        """The form now shows ``record`` as saved (``new``: as it starts, never saved):
        bring back what was typed for it.

        Returns whether anything was brought back.
        """
        self.flush()
        self.record = record
        self._baseline = self._current()
        self._hide()
        stored = self._stored(record)
        if stored is None or stored == self._baseline:
            return False
        self._write(self._decoded(stored))
        undo = "clear it to start again" if new else "put back the saved version"
        self.put_back.description = CLEAR if new else PUT_BACK
        self.note.value = (
            '<div class="infoview-notice infoview-info" role="status"><b>Not saved yet.</b> '
            "This is what you typed here last time; it was kept for you but not saved. "
            f"Save it to keep it, or {undo}.</div>"
        )
        self.view.layout.display = None
        return True

    def leave(self) -> None:
        """No record is on screen any more (nothing picked): keep nothing until the next one."""
        self.flush()
        self.record = None
        self._baseline = {}
        self._hide()

    def changed(self) -> None:
        """The student changed something: keep it once typing pauses."""
        if self.record is None:
            return
        if self._pending is not None and self._pending[0] != self.record:
            self.flush()
        self._pending = (self.record, self._current(), self._baseline)
        self._writer.schedule()

    def flush(self) -> None:
        """Write what is waiting now, rather than after the pause."""
        self._writer.cancel()
        pending, self._pending = self._pending, None
        if pending is None:
            return
        record, values, baseline = pending
        if not self.path.exists():  # before the first save: in a file of its own
            try:
                if values == baseline:
                    unsaved_before.forget(self.path, self._key(record))
                else:
                    unsaved_before.keep(
                        self.path, self._key(record), json.dumps(values, sort_keys=True)
                    )
            except OSError:
                pass  # as below: never in the student's way
            return
        try:
            with Workbook.open(self.path) as book:
                if values == baseline:
                    book.forget_setting(self._key(record))
                else:
                    book.save_setting(self._key(record), json.dumps(values, sort_keys=True))
        except (InfoviewError, OSError, sqlite3.Error):
            # Keeping a spare copy must never get in the student's way; the Save button
            # still works, or says plainly why not.
            return

    def saved(self) -> None:
        """The form's input was saved: nothing is waiting any more."""
        self._writer.cancel()
        self._pending = None
        self._baseline = self._current()
        self._hide()
        if self.record is not None:
            self.forget(self.record)

    def discard(self) -> None:
        """Put the saved version back into the form and forget what was typed."""
        record = self.record
        if record is None:
            return
        self._writer.cancel()
        self._pending = None
        self._write(self._decoded(self._baseline))
        self._baseline = self._current()
        self._hide()
        self.forget(record)

    def forget(self, record: str) -> None:
        """Forget what was typed for ``record`` (it was saved, or removed)."""
        unsaved_before.forget(self.path, self._key(record))
        if not self.path.exists():
            return
        try:
            with Workbook.open(self.path) as book:
                book.forget_setting(self._key(record))
        except (InfoviewError, OSError, sqlite3.Error):
            return

    def kept_records(self) -> list[str]:
        """The records this form has input kept for, not saved yet, in key order."""
        prefix = self._key("")
        keys = set(unsaved_before.keys(self.path, prefix))
        if self.path.exists():
            try:
                with Workbook.open(self.path) as book:
                    keys.update(book.settings(prefix))
            except (InfoviewError, OSError, sqlite3.Error):
                pass  # nothing to bring back then; the page says why it cannot read
        return sorted(key.removeprefix(prefix) for key in keys)

    def _stored(self, record: str) -> dict[str, Any] | None:
        key = self._key(record)
        try:
            text = None
            if self.path.exists():
                with Workbook.open(self.path) as book:
                    text = book.setting(key)
            text = text or unsaved_before.read(self.path, key)  # typed before the first save
            stored = json.loads(text) if text else None
        except (InfoviewError, OSError, sqlite3.Error, ValueError):
            return None
        return stored if isinstance(stored, dict) else None

    def _decoded(self, stored: Mapping[str, Any]) -> dict[str, Any]:
        """Stored values fit for the form again; a choice that has gone since is left out."""
        values = {}
        for field_name, value in stored.items():
            widget = self._widgets.get(field_name)
            try:
                values[field_name] = value if widget is None else decode(value, widget)
            except ValueError:
                continue  # the form keeps the saved choice
        return values

    def _current(self) -> dict[str, Any]:
        return {name: encode(value) for name, value in self._read().items()}

    def _hide(self) -> None:
        self.note.value = ""
        self.view.layout.display = "none"
