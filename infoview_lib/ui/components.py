"""The building blocks of every form: labelled inputs with their own error line, a save
button whose result is said on screen, and findings shown as plain, escaped HTML.

Nothing here needs the network: no icons or scripts from elsewhere. Colour is never
the only signal: errors and findings also say "Fix this", "Suggestion" or "Well done".
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.findings import Finding, Severity
from infoview_lib.coach.rulebook import read_all
from infoview_lib.errors import InfoviewError
from infoview_lib.model import InvalidRecord
from infoview_lib.preheated import wait_for_visit
from infoview_lib.ui.debounce import Debounced
from infoview_lib.ui.unsaved import UnsavedInput

#: Wide enough for labels like "Expected graduation year".
LABEL_STYLE = {"description_width": "12em"}
WIDTH = "min(100%, 48em)"
#: The value of a drop-down's "none yet" entry ("New contact", "Pick a contact"). Not
#: ``None``: ipywidgets shows a drop-down whose value is ``None`` as an empty box.
#: Record ids start at 1, so it is never a record's. Not for a drop-down of ``True`` and
#: ``False`` (``False == 0``): give such options string values ("yes", "no") instead.
NOTHING = 0
_SEVERITY_MARK = {Severity.PROBLEM: "✗", Severity.SUGGESTION: "→", Severity.WELL_DONE: "✓"}
#: How long after Enter the form's button is pressed, in seconds: the last keystrokes,
#: sent to the kernel just before, are in the box by then.
ENTER_DELAY = 0.2
#: Buttons Enter never presses: the ones that delete, cancel or discard.
_RISKY_STYLES = frozenset({"danger", "warning"})


#: How notices, findings and tables look; the words carry the meaning, colour only helps.
#: In JupyterLab (``infoview lab``), which does not load the page template's stylesheet
#: (``page_template/infoview.css``), its last rules give the notebook's output areas the
#: same 3px focus outline, darker text and borders (light theme) and underlined links;
#: they reach no further than the output areas, so JupyterLab's own interface keeps its
#: look. Notices set their own dark text, as their backgrounds are light in any theme.
#: Boxes do not clip what they hold, so a focus outline is seen whole, in the app too.
#: In a narrow notebook (a laptop at 200% zoom) no widget is wider than the output area,
#: a long path in a notice or a long link (a web address) wraps, and only a wide table
#: scrolls, in its own box.
CSS = """
.infoview-notice { padding: 0.4em 0.7em; margin: 0.4em 0; border-left: 0.3em solid; }
.infoview-saved { border-color: #1a7f37; background: #eefbf1; }
.infoview-error { border-color: #b42318; background: #fdf0ee; }
.infoview-info { border-color: #175cd3; background: #eff5ff; }
.infoview-field-error { color: #b42318; margin: 0 0 0.5em 12em; }
.widget-textarea textarea, .jupyter-widget-textarea textarea,
.widget-text input, .jupyter-widget-text input { font-family: inherit; }
.infoview-findings { padding-left: 1.2em; }
.infoview-finding { margin: 0.3em 0; }
.infoview-problem b { color: #b42318; }
.infoview-well_done b { color: #1a7f37; }
.infoview-suggestion { color: #344054; margin-left: 1.2em; }
.infoview-overdue { background: #fdf0ee; }
.jupyter-widgets.widget-button { width: max-content; min-width: 9em; padding: 0 1em; }
.widget-hbox > .jupyter-widgets.widget-button { flex-shrink: 0; } /* never cut a button's words */
.infoview-readable {
  white-space: normal; overflow-wrap: anywhere; line-height: 1.4; contain: inline-size;
  overflow-x: auto;
}
.infoview-readable p, .infoview-readable li { white-space: normal; margin: 0.2em 0; }
.infoview-readable th, .infoview-readable td { overflow-wrap: break-word; hyphens: manual; }
.infoview-wrap.widget-checkbox, .infoview-wrap.jupyter-widget-checkbox { height: auto; }
.infoview-wrap .widget-label-basic, .infoview-wrap .jupyter-widget-label-basic {
  display: flex; align-items: flex-start; white-space: normal; overflow: visible;
  line-height: 1.4; overflow-wrap: anywhere;
}
.infoview-wrap input[type="checkbox"] { flex-grow: 0; align-self: flex-start; margin-top: 0.2em; }
.infoview-chosen { margin: 0 0 0.4em 12em; line-height: 1.4; overflow-wrap: anywhere; }
.infoview-item { margin: 0 0 0.6em 2em; line-height: 1.4; overflow-wrap: anywhere; }
.widget-dropdown select { text-overflow: ellipsis; }
table.infoview-actions, table.infoview-stages { border-collapse: collapse; margin: 0.5em 0; }
table.infoview-actions td, table.infoview-actions th,
table.infoview-stages td, table.infoview-stages th {
  border: 1px solid #d0d5dd; padding: 0.2em 0.5em; text-align: left; vertical-align: top;
}
.infoview-notice, .infoview-overdue { color: #111827; }
.infoview-notice, .widget-html-content a { overflow-wrap: anywhere; }
.jp-OutputArea-output .jupyter-widgets { max-width: 100%; }
.jp-OutputArea-output :is(.widget-box, .jupyter-widget-box) { overflow: visible; }
.jp-OutputArea-output :is(.widget-hbox, .jupyter-widget-hbox) { flex-wrap: wrap; }
.jp-OutputArea-output .jupyter-button.mod-warning { background-color: #b54708; color: #fff; }
.jp-OutputArea-output .jupyter-widgets > .widget-html-content { min-width: 0; max-width: 100%; }
.jp-OutputArea-output .jupyter-widgets > .widget-html-content:has(table) { overflow-x: auto; }
.jp-OutputArea-output .jupyter-widgets :is(input, textarea, select):focus,
.jp-OutputArea-output :is(.jupyter-widgets, .widget-html-content) :focus-visible,
.jp-OutputArea-output .jupyter-widgets:focus-visible {
  outline: 3px solid #1d4ed8 !important; outline-offset: 2px !important;
}
body[data-jp-theme-light="true"] .jp-OutputArea-output {
  --jp-ui-font-color1: rgba(0, 0, 0, 0.87);
  --jp-ui-font-color2: #4b5563; --jp-ui-font-color3: #4b5563;
  --jp-content-font-color2: #4b5563; --jp-content-font-color3: #4b5563;
  --jp-border-color1: #6b7280; --jp-widgets-input-border-color: #6b7280;
  --jp-widgets-input-focus-border-color: #1d4ed8; --jp-widgets-input-color: #111827;
  --jp-widgets-label-color: #111827; --jp-widgets-readout-color: #111827;
}
.jp-OutputArea-output .widget-html-content a:is(:link, :visited) {
  color: #1d4ed8; text-decoration: underline;
}
"""


def style() -> widgets.HTML:
    """The look of infoview's notices, findings and tables (no files from the network)."""
    return widgets.HTML(f"<style>{CSS}</style>")


def html_text(text: str) -> str:
    """Student text made safe to show as HTML, line breaks kept.

    >>> html_text("<b>Ana</b> & co\\nline two")
    '&lt;b&gt;Ana&lt;/b&gt; &amp; co<br>line two'
    """
    return escape(text).replace("\n", "<br>")


def readable(html: str) -> str:
    """``html`` in a box where long text wraps onto more lines, so nothing is cut off.

    >>> readable("<p>Wei</p>")
    '<div class="infoview-readable"><p>Wei</p></div>'
    """
    return f'<div class="infoview-readable">{html}</div>'


def notice(kind: str, message: str) -> str:
    """A line of HTML that says what happened, in words and colour both.

    >>> shown = notice("error", "the name is <empty>")
    >>> "<b>Not saved.</b> the name is &lt;empty&gt;" in shown, 'role="alert"' in shown
    (True, True)
    """
    heading, css, role = _NOTICES[kind]
    return (
        f'<div class="infoview-notice infoview-{css}" role="{role}">'
        f"<b>{heading}</b> {html_text(message)}</div>"
    )


#: Each kind of notice: its heading, its style and how a screen reader announces it.
_NOTICES = {
    "saved": ("Saved.", "saved", "status"),
    "error": ("Not saved.", "error", "alert"),
    "info": ("Note.", "info", "status"),
    "unreadable": ("Could not read your workbook.", "error", "alert"),
}


def guarded_page(build: Callable[..., widgets.Widget]) -> Callable[..., widgets.Widget]:
    """A notebook's page builder that shows a plain message where the page cannot be built.

    A workbook that cannot be read (damaged, another kind of file, from a newer
    infoview, or a disk problem) is explained in the notebook, never as a traceback.
    """

    @functools.wraps(build)
    def page(*args: Any, **kwargs: Any) -> widgets.Widget:
        # A preheated kernel reads the coaching files ahead, and builds the page for the
        # student who opens it, from the workbook as it is then.
        wait_for_visit(meanwhile=_read_coaching_files)
        try:
            return build(*args, **kwargs)
        except (InfoviewError, OSError) as error:
            return widgets.VBox([style(), widgets.HTML(unreadable(error))])

    return page


def _read_coaching_files() -> None:
    """Read every coaching file ahead of a visit; a problem is said on the page built."""
    with contextlib.suppress(InfoviewError):
        read_all()


def unreadable(error: InfoviewError | OSError) -> str:
    """The notice for a workbook that could not be read, saying why in plain words."""
    if isinstance(error, InfoviewError):
        return notice("unreadable", str(error))
    where = f" ({error.filename})" if error.filename else ""
    return notice(
        "unreadable",
        f"{error.strerror or error}{where}. Check the disk and the file's permissions.",
    )


def findings_html(findings: Iterable[Finding]) -> str:
    """Findings as a list: the severity in words, the message, then what to do."""
    items = []
    for finding in findings:
        mark = _SEVERITY_MARK[finding.severity]
        suggestion = (
            f'<div class="infoview-suggestion">{html_text(finding.suggestion)}</div>'
            if finding.suggestion
            else ""
        )
        items.append(
            f'<li class="infoview-finding infoview-{finding.severity.value}">'
            f"<b>{mark} {escape(finding.severity.label)}:</b> {html_text(finding.message)}"
            f"{suggestion}</li>"
        )
    return f'<ul class="infoview-findings">{"".join(items)}</ul>' if items else ""


@dataclass
class Field:
    """One input with a visible label and its own line for an error."""

    name: str
    widget: widgets.ValueWidget
    error: widgets.HTML = field(default_factory=widgets.HTML)

    @property
    def box(self) -> widgets.VBox:
        """The input and its error line, to put in a form."""
        return widgets.VBox([self.widget, self.error])

    @property
    def label(self) -> str:
        """The words the student sees on the input (its description)."""
        return str(getattr(self.widget, "description", "") or "")

    def show_error(self, message: str | None) -> None:
        """Show ``message`` under the input, or clear it."""
        self.error.value = (
            f'<div class="infoview-field-error" role="alert"><b>Fix this:</b> '
            f"{html_text(message)}</div>"
            if message
            else ""
        )


def text_field(
    name: str, label: str, value: str = "", *, multiline: bool = False, placeholder: str = ""
) -> Field:
    """A labelled text input (a larger box when ``multiline``)."""
    kind = widgets.Textarea if multiline else widgets.Text
    widget = kind(
        value=value,
        description=label,
        placeholder=placeholder,
        style=LABEL_STYLE,
        layout=widgets.Layout(width=WIDTH, height="8em" if multiline else None),
    )
    return Field(name, widget)


def choice_field(name: str, label: str, options: Iterable[tuple[str, Any]], value: Any) -> Field:
    """A labelled drop-down of (label, value) options."""
    widget = widgets.Dropdown(
        options=list(options),
        value=value,
        description=label,
        style=LABEL_STYLE,
        layout=widgets.Layout(width=WIDTH),
    )
    return Field(name, widget)


def picked(value: Any) -> Any:
    """A drop-down's value, with its :data:`NOTHING` entry read as ``None``.

    >>> picked(NOTHING) is None, picked(7)
    (True, 7)
    """
    return None if value == NOTHING and not isinstance(value, bool) else value


def chosen_line(dropdown: widgets.Dropdown) -> widgets.HTML:
    """The drop-down's choice in full, to show under it: a drop-down cuts a long label off."""
    line = widgets.HTML()

    def show(_: object = None) -> None:
        chosen = dropdown.label if picked(dropdown.value) is not None else ""
        line.value = f"<div class='infoview-chosen'>{html_text(chosen)}</div>" if chosen else ""

    dropdown.observe(show, names="label")
    show()
    return line


class Form:
    """Fields, a save button, and a status line that says whether the save worked.

    ``save`` gets the fields' values and returns what to say on success; it
    raises :class:`~infoview_lib.model.InvalidRecord` (shown next to each field)
    or another :class:`~infoview_lib.errors.InfoviewError` (shown in the status
    line). A failed save never clears what the student typed.
    """

    def __init__(
        self,
        fields: Iterable[Field],
        save: Callable[[dict[str, Any]], str],
        *,
        save_label: str = "Save",
        quiet: Quiet | None = None,
    ) -> None:
        self.fields = {item.name: item for item in fields}
        #: Set while code, not the student, changes the fields.
        self.quiet = quiet if quiet is not None else Quiet()
        #: Keeps unsaved input in the workbook, once :meth:`keep_unsaved` is called.
        self.unsaved: UnsavedInput | None = None
        self._save = save
        self.button = widgets.Button(description=save_label, button_style="primary")
        self.button.on_click(lambda _: self.submit())
        #: The button Enter in a one-line box presses: the form's own, unless a page with
        #: several (add, save changes) says which is showing.
        self.enter_button: Callable[[], widgets.Button] = lambda: self.button
        self._enter = Debounced(self.press_enter, ENTER_DELAY)
        for item in self.fields.values():
            if isinstance(item.widget, widgets.Text):
                item.widget.on_msg(self._submitted)
        self.status = widgets.HTML()
        self.view = widgets.VBox(
            [*(item.box for item in self.fields.values()), self.button, self.status]
        )

    def _submitted(self, _: widgets.Widget, content: Mapping[str, Any], __: object) -> None:
        """The browser says Enter was pressed in a one-line box (ipywidgets' ``submit``
        message, which its deprecated ``on_submit`` also listens to)."""
        if content.get("event") == "submit":
            self._enter.schedule()

    def press_enter(self) -> None:
        """Press :attr:`enter_button`, as Enter in a one-line box does: only when it is
        shown and enabled, and never a button that deletes, cancels or discards.

        When it worked, the keyboard moves to the button, so the browser shows what it
        says under it; a problem is said under the box, where the keyboard stays."""
        button = self.enter_button()
        if (
            button.disabled
            or button.layout.display == "none"
            or button.button_style in _RISKY_STYLES
        ):
            return
        button.click()
        if "infoview-saved" in self.status.value:
            button.focus()

    def values(self) -> dict[str, Any]:
        """What is in each field now."""
        return {name: item.widget.value for name, item in self.fields.items()}

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Put values into the fields that have them (not counted as the student's typing)."""
        with self.quiet:
            for name, value in values.items():
                if name in self.fields:
                    self.fields[name].widget.value = value

    def keep_unsaved(self, path: Path, name: str) -> UnsavedInput:
        """Keep what the student types here in the workbook at ``path`` until it is saved.

        The form's owner then calls ``form.unsaved.show(record)`` each time it
        fills the form from the workbook, and puts ``form.unsaved.view`` (the
        note that input was brought back) near the status line.
        """
        keeper = UnsavedInput(
            path,
            name,
            read=self.values,
            write=self.set_values,
            widgets_by_name={field_name: item.widget for field_name, item in self.fields.items()},
        )

        def typed(_: Mapping[str, Any]) -> None:
            if not self.quiet:
                keeper.changed()

        for item in self.fields.values():
            item.widget.observe(typed, "value")
        children = self.view.children
        if children and children[-1] is self.status:
            self.view.children = (*children[:-1], keeper.view, self.status)
        self.unsaved = keeper
        return keeper

    def submit(self) -> bool:
        """Save the form; say what happened; keep the input if it failed."""
        return self.run(self._save)

    def run(self, action: Callable[[dict[str, Any]], str]) -> bool:
        """Run ``action`` on the fields' values as :meth:`submit` runs the save.

        For forms with more than one button (add, save changes, delete): each
        button's errors are shown the same way, and the input is kept.
        """
        for item in self.fields.values():
            item.show_error(None)
        try:
            message = action(self.values())
        except InvalidRecord as error:
            shown = [name for name in error.fields if name in self.fields]
            for name in shown:
                self.fields[name].show_error(error.message_for(name))
            others = [p.message for p in error.problems if p.field not in self.fields]
            named = ", ".join(
                dict.fromkeys(self.fields[name].label for name in shown if self.fields[name].label)
            )
            where = f"marked above ({named})" if named else "marked above"
            summary = f"Fix what is {where}; everything you typed is still here."
            self.status.value = notice("error", " ".join([summary, *others]))
            return False
        except InfoviewError as error:
            self.status.value = notice("error", f"{error} Everything you typed is still here.")
            return False
        except OSError as error:
            self.status.value = notice(
                "error",
                f"The workbook file could not be written ({error.strerror or error}). Check "
                "that the folder exists and is yours. Everything you typed is still here.",
            )
            return False
        except Exception as error:  # a bug: say so plainly, never a traceback in a form
            self.status.value = notice(
                "error",
                f"Something unexpected went wrong ({type(error).__name__}: {error}). Everything "
                "you typed is still here; please tell your facilitator.",
            )
            return False
        self.status.value = notice("saved", message)
        if self.unsaved is not None:
            self.unsaved.saved()
        return True


def step_row(
    description: str,
    tooltip: str,
    step: Callable[[dict[str, Any]], str],
    beside: widgets.Widget,
    status: widgets.HTML,
) -> widgets.VBox:
    """A button that runs one ``step`` (a form with no fields), ``beside`` what it is for,
    with the step's own status line under it. As the step usually draws its row again, a
    success is said in ``status`` too."""
    runner = Form([], step)
    button = widgets.Button(description=description, tooltip=tooltip)

    def run(_: widgets.Button) -> None:
        if runner.submit():
            status.value = runner.status.value

    button.on_click(run)
    return widgets.VBox([widgets.HBox([button, beside]), runner.status])


class Confirmation:
    """A warning that something not saved would be lost, with a button to go ahead anyway."""

    def __init__(self) -> None:
        self.message = widgets.HTML()
        self.go_ahead = widgets.Button(
            description="Discard my changes",
            button_style="danger",
            layout=widgets.Layout(width="auto"),
        )
        self.keep = widgets.Button(description="Keep editing", layout=widgets.Layout(width="auto"))
        self.go_ahead.on_click(lambda _: self.confirm())
        self.keep.on_click(lambda _: self.clear())
        self.view = widgets.VBox(
            [self.message, widgets.HBox([self.go_ahead, self.keep])],
            layout=widgets.Layout(display="none"),
        )
        self._action: Callable[[], None] | None = None

    @property
    def asking(self) -> bool:
        """Whether the warning is on screen."""
        return self._action is not None

    def ask(
        self,
        message: str,
        action: Callable[[], None],
        *,
        go_ahead: str = "Discard my changes",
        heading: str = "Not saved yet.",
    ) -> None:
        """Show ``message``; the go-ahead button then runs ``action``."""
        self._action = action
        self.go_ahead.description = go_ahead
        self.message.value = (
            '<div class="infoview-notice infoview-info" role="alert">'
            f"<b>{html_text(heading)}</b> {html_text(message)}</div>"
        )
        self.view.layout.display = None
        # The keyboard goes to the answer that changes nothing; the browser scrolls to it.
        self.keep.focus()

    def confirm(self) -> None:
        """Go ahead with the action the warning was about."""
        action = self._action
        self.clear()
        if action is not None:
            action()

    def clear(self) -> None:
        """Hide the warning and forget its action."""
        self._action = None
        self.message.value = ""
        self.view.layout.display = "none"

    def switch(
        self,
        widget: Any,
        change: Mapping[str, Any],
        show: Callable[[Any], None],
        *,
        quiet: Quiet,
        unsaved: bool,
        message: str,
    ) -> None:
        """Go to what the student picked in ``widget``; with unsaved changes, ask first.

        While asking, ``widget`` shows the old choice again; going ahead picks the new one.
        """
        if not unsaved:
            show(change["new"])
            return
        with quiet:
            widget.value = change["old"]

        def go() -> None:
            with quiet:
                widget.value = change["new"]
            show(change["new"])

        self.ask(message, go)


class Quiet:
    """Set while a form changes its own widgets, so its observers know the student did not.

    >>> quiet = Quiet()
    >>> with quiet:
    ...     bool(quiet)
    True
    >>> bool(quiet)
    False
    """

    def __init__(self) -> None:
        self._depth = 0

    def __bool__(self) -> bool:
        return self._depth > 0

    def __enter__(self) -> Quiet:
        self._depth += 1
        return self

    def __exit__(self, *_: object) -> None:
        self._depth -= 1
