"""Contacts from LinkedIn on the "pick contacts" page: upload ``Connections.csv``, see what
importing it would do (how many new, already in the workbook, skipped and why), find
people by company or position, tick whom to add with each one's category, and confirm.

Nothing is written before the confirm button; then all the ticked are saved in one
transaction (:func:`infoview_lib.workflow.imports.import_contacts`). A list of thousands
stays readable: a page of :data:`PAGE_SIZE` rows is shown at a time, with counts for all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.text import fold
from infoview_lib.errors import InfoviewError
from infoview_lib.imports import ConnectionsFile, parse_connections
from infoview_lib.imports.linkedin import MAX_BYTES
from infoview_lib.model import ContactCategory
from infoview_lib.store import Workbook
from infoview_lib.ui.components import LABEL_STYLE, WIDTH, Quiet, html_text, notice, readable
from infoview_lib.ui.contact_form import NO_WORKBOOK
from infoview_lib.workflow.imports import (
    ImportPreview,
    NewContact,
    import_contacts,
    preview_linkedin,
)

#: Rows shown at a time.
PAGE_SIZE = 25
#: Rows listed under "already in your workbook" and "skipped" before "and N more".
LISTED = 20
#: The category drop-downs' options: what the student reads, and the value.
CATEGORIES = [(category.label, category.value) for category in ContactCategory]
HOW_TO = (
    "On LinkedIn, open Settings, then Data privacy, then Get a copy of your data; pick "
    "Connections and download the file. Then choose Connections.csv here. Nothing is added "
    "to your workbook until you click the add button."
)


def _refused(message: str) -> str:
    """A notice that the file was not read, and why."""
    return (
        '<div class="infoview-notice infoview-error" role="alert">'
        f"<b>File not read.</b> {html_text(message)}</div>"
    )


def row_label(item: NewContact) -> str:
    """A new contact as its row reads: name, position and company, when connected.

    >>> from infoview_lib.imports import Connection, as_contact
    >>> row = Connection(line=2, first_name="Wei", last_name="Ng", company="Helix")
    >>> row_label(NewContact(as_contact(row)[0], row))
    'Wei Ng (Helix). Connected on LinkedIn'
    """
    contact = item.contact
    work = ", ".join(part for part in (contact.role, contact.organisation) if part)
    return f"{contact.name}{f' ({work})' if work else ''}. {contact.connection}"


def _listed(lines: list[str]) -> str:
    shown = "".join(f"<li>{html_text(line)}</li>" for line in lines[:LISTED])
    more = f"<li>and {len(lines) - LISTED:,} more</li>" if len(lines) > LISTED else ""
    return f"<ul>{shown}{more}</ul>"


def counts_html(preview: ImportPreview, file_name: str) -> str:
    """The preview's counts for the whole file, and who is already in or skipped and why."""
    counts = preview.counts()
    parts = [
        f"<p><b>{html_text(file_name)}:</b> {counts['new']:,} new, "
        f"{counts['already in the workbook']:,} already in your workbook, "
        f"{counts['skipped']:,} skipped.</p>"
    ]
    if preview.present:
        there = [
            f"{item.row.name}: looks like {item.existing.name} ({item.reason})"
            for item in preview.present
        ]
        parts.append(
            f"<details><summary>Already in your workbook ({len(there):,})</summary>"
            f"{_listed(there)}</details>"
        )
    if preview.skipped:
        reasons = [f"{count:,}: {reason}" for reason, count in preview.skipped_reasons()]
        rows = [
            f"line {row.line}{f' ({row.name})' if row.name else ''}: {row.reason}"
            for row in preview.skipped
        ]
        parts.append(
            f"<details><summary>Skipped ({len(rows):,})</summary>{_listed(reasons)}"
            f"<p>Row by row:</p>{_listed(rows)}</details>"
        )
    return readable("".join(parts))


class _Row:
    """One row of the page: a tick box with the person, and their category."""

    def __init__(self) -> None:
        self.item: NewContact | None = None
        self.tick = widgets.Checkbox(
            indent=False, layout=widgets.Layout(width="min(100%, 34em)", height="auto")
        )
        self.tick.add_class("infoview-wrap")
        self.category = widgets.Dropdown(
            options=CATEGORIES, description="Category", layout=widgets.Layout(width="18em")
        )
        self.category.style.description_width = "5em"
        # hidden until the page shows a connection in it (no flash of empty rows)
        self.view = widgets.HBox([self.tick, self.category], layout=widgets.Layout(display="none"))


class ContactImport:
    """The panel: upload, counts, search, a page of rows to tick, and the add button.

    ``on_change`` is called after contacts were added, so the page can show them.
    """

    def __init__(
        self, path: Path, today: date, on_change: Callable[[], None] = lambda: None
    ) -> None:
        self.path = path
        self.today = today
        self.on_change = on_change
        self.quiet = Quiet()
        self.rows_read: ConnectionsFile | None = None
        self.file_name = ""
        self.preview: ImportPreview | None = None
        #: The rows ticked and the categories changed by hand, by line in the file.
        self.ticked: set[int] = set()
        self.categories: dict[int, str] = {}
        self.matching: list[NewContact] = []
        self._haystacks: dict[int, str] = {}
        self.page = 0

        self.upload = widgets.FileUpload(
            accept=".csv,text/csv",
            multiple=False,
            description="Choose Connections.csv",
            # its words whole (never cut to "Choose Connect…"), never wider than the page
            layout=widgets.Layout(width="max-content", max_width="100%"),
        )
        self.upload.observe(lambda _: self._uploaded(), "value")
        self.status = widgets.HTML()
        self.counts = widgets.HTML()
        self.default_category = widgets.Dropdown(
            options=CATEGORIES,
            value=ContactCategory.OTHER.value,
            description="Category for all",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.default_category.observe(lambda _: self._show_page(), "value")
        self.search = widgets.Text(
            description="Find",
            placeholder="a company or position, e.g. Helix or nurse",
            continuous_update=False,
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.search.observe(lambda _: self._filter(), "value")
        self.tick_all = widgets.Button(
            description="Tick all found", tooltip="Tick every row that matches Find"
        )
        self.tick_all.on_click(lambda _: self._tick_found(tick=True))
        self.untick_all = widgets.Button(
            description="Untick all found", tooltip="Untick every row that matches Find"
        )
        self.untick_all.on_click(lambda _: self._tick_found(tick=False))
        self.rows = [_Row() for _ in range(PAGE_SIZE)]
        for row in self.rows:
            row.tick.observe(lambda change, row=row: self._ticked(row, change), "value")
            row.category.observe(lambda change, row=row: self._recategorised(row, change), "value")
        self.previous = widgets.Button(description="Previous page")
        self.previous.on_click(lambda _: self._turn(-1))
        self.next = widgets.Button(description="Next page")
        self.next.on_click(lambda _: self._turn(1))
        self.page_line = widgets.HTML()
        self.confirm = widgets.Button(description="Add 0 ticked contacts", button_style="primary")
        self.confirm.on_click(lambda _: self.add_ticked())
        self.result = widgets.HTML()
        self.chooser = widgets.VBox(
            [
                self.default_category,
                self.search,
                widgets.HBox([self.tick_all, self.untick_all]),
                self.page_line,
                *(row.view for row in self.rows),
                widgets.HBox([self.previous, self.next]),
                self.confirm,
            ],
            layout=widgets.Layout(display="none"),
        )
        self.view = widgets.VBox(
            [
                widgets.HTML(f"<p>{html_text(HOW_TO)}</p>"),
                self.upload,
                self.status,
                self.counts,
                self.chooser,
                self.result,
            ]
        )

    # -- reading the file ----------------------------------------------------------------
    def _uploaded(self) -> None:
        if not self.upload.value:
            return
        uploaded = self.upload.value[0]
        self.read_file(bytes(uploaded["content"]), str(uploaded.get("name") or "The file"))

    def read_file(self, data: bytes, name: str) -> None:
        """Read an uploaded file and show its preview; a refused file is said plainly."""
        self.result.value = ""
        if len(data) > MAX_BYTES:
            self._clear(_refused(f"{name} is too big for a list of connections."))
            return
        try:
            self.rows_read = parse_connections(data, name=name)
        except InfoviewError as error:
            self._clear(_refused(str(error)))
            return
        self.file_name = name
        self.ticked.clear()
        self.categories.clear()
        self.refresh()

    def _clear(self, message: str) -> None:
        self.rows_read, self.preview = None, None
        self.status.value = message
        self.counts.value = ""
        self.chooser.layout.display = "none"

    def refresh(self) -> None:
        """Match the file read against the workbook as it is now, and show the preview."""
        if self.rows_read is None:
            return
        if not self.path.exists():
            self.status.value = notice("info", NO_WORKBOOK)
            return
        try:
            with Workbook.open(self.path) as book, book.snapshot():
                self.preview = preview_linkedin(book, self.rows_read)
        except (InfoviewError, OSError) as error:
            self._clear(notice("unreadable", str(error)))
            return
        self.status.value = ""
        self.counts.value = counts_html(self.preview, self.file_name)
        self._haystacks = {
            item.row.line: fold(f"{item.row.company} {item.row.position} {item.row.name}")
            for item in self.preview.new
        }
        self.ticked &= set(self._haystacks)
        self._filter()  # the rows first, then the list: no flash of the rows of before
        self.chooser.layout.display = None if self.preview.new else "none"

    # -- finding and ticking -------------------------------------------------------------
    def _filter(self) -> None:
        wanted = fold(self.search.value).split()
        new = self.preview.new if self.preview else ()
        self.matching = [
            item for item in new if all(word in self._haystacks[item.row.line] for word in wanted)
        ]
        self.page = 0
        self._show_page()

    def _turn(self, step: int) -> None:
        last = max(0, (len(self.matching) - 1) // PAGE_SIZE)
        self.page = min(last, max(0, self.page + step))
        self._show_page()

    def _category(self, line: int) -> str:
        return self.categories.get(line, str(self.default_category.value))

    def _show_page(self) -> None:
        start = self.page * PAGE_SIZE
        shown = self.matching[start : start + PAGE_SIZE]
        with self.quiet:
            for row, item in zip(self.rows, [*shown, *[None] * PAGE_SIZE], strict=False):
                row.item = item
                row.view.layout.display = "none" if item is None else None
                if item is not None:
                    row.tick.description = row_label(item)
                    row.tick.value = item.row.line in self.ticked
                    row.category.value = self._category(item.row.line)
                    row.category.tooltip = f"Category of {item.contact.name}"
        total = len(self.preview.new) if self.preview else 0
        found = len(self.matching)
        if found:
            where = f"Rows {start + 1:,} to {start + len(shown):,} of {found:,}"
            where += f" found (of {total:,} new)" if found != total else " new"
        else:
            where = "No new contact matches what you are looking for."
        self.page_line.value = f"<p>{html_text(where)}. {len(self.ticked):,} ticked.</p>"
        self.previous.disabled = self.page == 0
        self.next.disabled = start + PAGE_SIZE >= found
        count = len(self.ticked)
        self.confirm.description = f"Add {count:,} ticked contact{'' if count == 1 else 's'}"
        self.confirm.disabled = count == 0

    def _ticked(self, row: _Row, change: dict[str, Any]) -> None:
        if self.quiet or row.item is None:
            return
        if change["new"]:
            self.ticked.add(row.item.row.line)
        else:
            self.ticked.discard(row.item.row.line)
        self._show_page()

    def _recategorised(self, row: _Row, change: dict[str, Any]) -> None:
        if not self.quiet and row.item is not None:
            self.categories[row.item.row.line] = str(change["new"])

    def _tick_found(self, *, tick: bool) -> None:
        lines = {item.row.line for item in self.matching}
        self.ticked = self.ticked | lines if tick else self.ticked - lines
        self._show_page()

    # -- adding --------------------------------------------------------------------------
    def add_ticked(self) -> None:
        """Add the ticked contacts, each with its category, in one transaction."""
        if self.preview is None or not self.ticked:
            return
        chosen = [item for item in self.preview.new if item.row.line in self.ticked]
        categories = {item.row.line: self._category(item.row.line) for item in chosen}
        try:
            with Workbook.open(self.path) as book:
                done = import_contacts(book, chosen, categories=categories, as_of=self.today)
        except (InfoviewError, OSError) as error:
            said = error.strerror if isinstance(error, OSError) else str(error)
            self.result.value = notice("error", f"{said} Nothing was added; your ticks are kept.")
            return
        added = len(done.added)
        message = f"Added {added:,} contact{'' if added == 1 else 's'} from LinkedIn"
        if done.already_present:
            message += f"; {done.already_present:,} were in your workbook already"
        self.ticked.clear()
        self.refresh()
        self.result.value = notice(
            "saved", f"{message}. They are in your list below, as identified."
        )
        self.on_change()
