"""The first notebook's forms: the student's profile (which creates the workbook) and
the dashboard of where things stand and what to do next."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.agenda import Action, SuggestedStep, next_actions, suggested_steps
from infoview_lib.hub.roster_workbook import ensure_workbook
from infoview_lib.model import Contact, Outreach, StudentProfile
from infoview_lib.model.labels import labels
from infoview_lib.store import Workbook, status_summary, when_due
from infoview_lib.ui import session
from infoview_lib.ui.backup_panel import BackupPanel
from infoview_lib.ui.components import Form, html_text, notice, style
from infoview_lib.ui.fields import label_field
from infoview_lib.ui.hand_in import HandIn
from infoview_lib.ui.page import Page


def split_list(text: str) -> tuple[str, ...]:
    """Comma- or line-separated entries, trimmed, empty ones dropped.

    >>> split_list("public health, genomics,\\n  ")
    ('public health', 'genomics')
    """
    return tuple(part.strip() for part in text.replace("\n", ",").split(",") if part.strip())


class ProfileForm:
    """Who the workbook belongs to; saving it the first time creates the workbook."""

    def __init__(self, path: Path, on_saved: Any = None) -> None:
        self.path = path
        self._on_saved = on_saved
        self.form = Form(
            [  # as the profile declares them, in its order
                label_field(name, label) for name, label in labels(StudentProfile).items()
            ],
            self.save,
            save_label="Save my profile",
        )
        self.form.keep_unsaved(path, "profile")
        if path.exists():
            with Workbook.open(path) as book:
                self.show(book.profile())
        elif self.form.unsaved is not None:  # typed before the first save comes back too
            self.form.unsaved.show("profile", new=True)

    def show(self, profile: StudentProfile) -> None:
        """Fill the form from a saved profile."""
        self.form.set_values(
            {
                "name": profile.name,
                "email": profile.email,
                "program": profile.program,
                "graduation_year": str(profile.graduation_year or ""),
                "target_fields": ", ".join(profile.target_fields),
            }
        )
        if self.form.unsaved is not None:
            self.form.unsaved.show("profile")

    def save(self, values: dict[str, Any]) -> str:
        """Save the profile, creating the workbook if there is none yet."""
        year = values["graduation_year"].strip()
        profile = StudentProfile(
            name=values["name"],
            email=values["email"],
            program=values["program"],
            graduation_year=year or None,  # text: the record checks and converts it
            target_fields=split_list(values["target_fields"]),
        )
        if self.path.exists():
            with Workbook.open(self.path) as book:
                book.save_profile(profile)
            message = f"Your profile is saved in {self.path}."
        else:
            with Workbook.create(self.path, profile):  # and its folders, private
                pass
            message = f"Your workbook is ready at {self.path}; only you can read it."
        if self._on_saved is not None:
            self._on_saved()
        return message


def dashboard_html(book: Workbook, today: date) -> str:
    """Contacts per stage, and the next actions with their due days; overdue ones marked."""
    summary = status_summary(book, today)
    actions = next_actions(book, today)
    steps = suggested_steps(
        book.all(Contact),
        book.all(Outreach),
        book.profile(),
        dated={action.contact_id for action in actions},
    )
    stages = "".join(
        f"<tr><th scope='row'>{escape(stage.label)}</th><td>{count}</td></tr>"
        for stage, count in summary.stages
    )
    parts = [
        f"<h4>{html_text(summary.student)}: {summary.contacts} contact"
        f"{'' if summary.contacts == 1 else 's'}, as of {today.isoformat()}</h4>",
        "<table class='infoview-stages'><caption>Contacts per stage</caption>"
        f"<tbody>{stages}</tbody></table>",
        _actions_html(actions, today, bool(steps)),
        _steps_html(steps),
    ]
    return "".join(parts)


def _steps_html(steps: list[SuggestedStep]) -> str:
    """The coaching steps with no set day: write, send or revise a message."""
    if not steps:
        return ""
    rows = "".join(
        f"<tr><td>{escape(step.label)}: {html_text(step.contact_name)}</td>"
        f"<td>{html_text(step.reason)}</td></tr>"
        for step in steps
    )
    return (
        "<h4>Also worth doing (no set day)</h4>"
        "<table class='infoview-actions'><thead><tr><th>What</th><th>Why</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _actions_html(actions: list[Action], today: date, more_to_do: bool = False) -> str:
    if not actions and more_to_do:
        return "<p>Nothing has a due day yet.</p>"
    if not actions:
        return (
            "<p>Nothing is due yet. Next: open <b>01 Pick contacts</b> and list the people you "
            "could talk to.</p>"
        )
    overdue = sum(action.overdue for action in actions)
    rows = []
    for action in actions:
        tag = "<b>OVERDUE</b>" if action.overdue else "due"
        css = "infoview-overdue" if action.overdue else "infoview-due"
        rows.append(
            f"<tr class='{css}'><td>{tag}</td>"
            f"<td>{escape(action.kind.label)}: {html_text(action.contact_name)}</td>"
            f"<td>{escape(when_due(action.due_on, today))}</td>"
            f"<td>{html_text(action.reason)}</td></tr>"
        )
    return (
        f"<h4>Next actions: {len(actions)} ({overdue} overdue)</h4>"
        "<table class='infoview-actions'><thead><tr><th>When</th><th>What</th><th>Due</th>"
        f"<th>Why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def code_link(prefix: str) -> str:
    """On a hub, where the same notebooks open with their code, in JupyterLab.

    >>> '<a href="/user/ana/infoview/lab">' in code_link("/user/ana/")
    True
    """
    return (
        "<h3>With code</h3><p>Curious how this works? "
        f'<a href="{escape(prefix)}infoview/lab">Open these notebooks in JupyterLab</a>: your '
        "own copies, code and all, working on the same workbook.</p>"
    )


class StartHere(Page):
    """The profile form and, once there is a workbook, the dashboard under it."""

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        super().__init__(path, today)
        self.dashboard = widgets.HTML()
        self.refresh_button = widgets.Button(
            description="Refresh the dashboard", layout=widgets.Layout(width="16em")
        )
        self.refresh_button.on_click(lambda _: self.refresh())
        self.profile = ProfileForm(self.path, on_saved=self.refresh)
        self.hand_in = HandIn(self.path, self.today)
        self.take_away = BackupPanel(self.path, self.today)
        parts = [
            style(),
            self.profile.form.view,
            widgets.HTML("<h3>Your dashboard</h3>"),
            self.refresh_button,
            self.dashboard,
            self.hand_in.view,
            self.take_away.view,
        ]
        prefix = session.hub_server_prefix()
        if prefix is not None:
            parts.append(widgets.HTML(code_link(prefix)))
        self.view = widgets.VBox(parts)
        self.refresh()

    def refresh(self) -> None:
        """Show the workbook's current state, or say how to start one."""
        if not self.path.exists():
            self.dashboard.value = notice(
                "info", "There is no workbook yet: fill in your profile above and save it."
            )
            return

        def show(book: Workbook) -> str:
            self.hand_in.show(book)
            return dashboard_html(book, self.today)

        shown = self.read(self.dashboard, show)
        if shown is not None:
            self.dashboard.value = shown


def start_here(path: Path | str | None = None, today: date | None = None) -> widgets.VBox:
    """The first notebook's forms: your profile, then your dashboard.

    On a hub, a student with no workbook yet gets one made from their roster profile
    first (:func:`~infoview_lib.hub.roster_workbook.ensure_workbook`; never raises).
    """
    chosen = Path(path) if path else session.workbook_path()
    ensure_workbook(chosen)
    return StartHere(chosen, today).view


__all__ = ["ProfileForm", "StartHere", "code_link", "dashboard_html", "start_here"]
