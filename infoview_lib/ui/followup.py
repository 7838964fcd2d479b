"""The fifth notebook's forms: log the interview, turn referrals into contacts, draft the
thank-you, and work through the follow-ups that are due.

The guide: "Be sure to ask if they are willing to keep in touch, and if so, how to reach
them", and "after your interview, be sure to send a thank you, either card or email".
Drafts come from :mod:`infoview_lib.coach.letters`, the list of what to do from
:func:`infoview_lib.coach.agenda.next_actions`, and each one-click step from
:mod:`infoview_lib.workflow`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.agenda import Action, next_actions
from infoview_lib.coach.calendar import day_words
from infoview_lib.coach.letters import thank_you_note
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpChannel,
    FollowUpKind,
    FollowUpStatus,
    InterviewLog,
    Meeting,
)
from infoview_lib.store import Workbook
from infoview_lib.ui.components import (
    LABEL_STYLE,
    NOTHING,
    WIDTH,
    Confirmation,
    Form,
    choice_field,
    html_text,
    notice,
    picked,
    style,
    text_field,
    unreadable,
)
from infoview_lib.ui.fields import meeting_label
from infoview_lib.ui.followup_parts import (
    action_html,
    done_html,
    draft_html,
    keep_in_touch_answer,
    keep_in_touch_choice,
    logged_meetings,
    meetings_to_come,
    referral_added,
    split_names,
)
from infoview_lib.ui.page import Page
from infoview_lib.ui.unsaved import UnsavedInput
from infoview_lib.workflow import add_referral, complete_action
from infoview_lib.workflow.interviews import planned_ahead, save_interview_log, still_to_come

#: The answers to "willing to keep in touch?", as the form offers them. Yes and no are
#: words, not ``True`` and ``False``: a drop-down would take ``False`` for its ``NOTHING``
#: entry, since ``False == 0``.
KEEP_IN_TOUCH_CHOICES = (("Not asked yet", NOTHING), ("Yes", "yes"), ("No", "no"))
_LOG_DEFAULTS = {
    "notes": "",
    "key_advice": "",
    "referrals": "",
    "willing_to_keep_in_touch": NOTHING,
    "how_to_reach": "",
}
#: The name the log form's unsaved input is kept under, per meeting ("meeting:<id>").
UNSAVED_NAME = "interview-log"


# -- the form ----------------------------------------------------------------------------------


class AfterTheMeeting(Page):
    """Log a meeting, add the people suggested, draft the thank-you, and do what is due."""

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        super().__init__(path, today)
        self.meeting: Meeting | None = None
        self._names: dict[int, str] = {}
        #: Set while code, not the student, changes the picker or the log's fields.
        self.picker = widgets.Dropdown(
            description="Meeting",
            options=[("No meeting yet", NOTHING)],
            value=NOTHING,
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.picker.observe(self._picked, names="value")
        self.log = Form(
            [
                text_field("notes", "Notes", multiline=True, placeholder="what they told you"),
                text_field(
                    "key_advice",
                    "Key advice",
                    multiline=True,
                    placeholder="the advice you most want to act on",
                ),
                text_field(
                    "referrals",
                    "People they suggested",
                    multiline=True,
                    placeholder="one name per line",
                ),
                choice_field(
                    "willing_to_keep_in_touch",
                    "Willing to keep in touch",
                    KEEP_IN_TOUCH_CHOICES,
                    NOTHING,
                ),
                text_field(
                    "how_to_reach",
                    "How to reach them",
                    placeholder="e.g. email, every month or so",
                ),
            ],
            self.save_log,
            save_label="Save what I learned",
            quiet=self._quiet,
        )
        self.log.keep_unsaved(self.path, UNSAVED_NAME)
        #: Says so when the meeting picked is still to come.
        self.ahead = widgets.HTML()
        #: Asks before logging a meeting whose day has not come.
        self.early = Confirmation()
        self.referrals = widgets.VBox()
        self.referrals_status = widgets.HTML()
        self.channel = widgets.Dropdown(
            description="Send it as",
            options=[("Email", FollowUpChannel.EMAIL), ("Card", FollowUpChannel.CARD)],
            value=FollowUpChannel.EMAIL,
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.channel.observe(lambda _: self._show_draft(), names="value")
        self.draft = widgets.HTML()
        self.actions = widgets.VBox()
        self.actions_status = widgets.HTML()
        self.done = widgets.HTML()
        self.intro = widgets.HTML()
        self.view = widgets.VBox(
            [
                style(),
                self.intro,
                self.picker,
                widgets.HTML("<h3>What you learned</h3>"),
                self.ahead,
                self.log.view,
                self.early.view,
                widgets.HTML("<h3>People they suggested</h3>"),
                self.referrals,
                self.referrals_status,
                widgets.HTML("<h3>Your thank-you</h3>"),
                self.channel,
                self.draft,
                widgets.HTML("<h3>Follow-ups due</h3>"),
                self.actions_status,
                self.actions,
                widgets.HTML("<h3>Follow-ups done</h3>"),
                self.done,
            ]
        )
        self.refresh()

    # -- loading ---------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        """Read the workbook again and show meeting ``select`` (default: the latest one
        still to log, else the latest one)."""
        if not self.path.exists():
            self.intro.value = notice(
                "info",
                "There is no workbook yet: open notebook 00 (Start here) and save your "
                "profile first.",
            )
            self._show(None)
            return
        read = self.read(
            self.intro,
            lambda book: (
                {c.id: c.name for c in book.all(Contact) if c.id is not None},
                book.all(Meeting),
                {log.meeting_id for log in book.all(InterviewLog)},
            ),
        )
        if read is None:
            return
        names, everything, logged = read
        self._names = names
        come = logged_meetings(everything, self.today)
        ahead = meetings_to_come(everything, self.today)
        meetings = come + ahead
        if all(m.id != select for m in meetings):
            candidates = [m for m in come if m.id not in logged] or come
            select = candidates[0].id if candidates else None
        self.intro.value = "" if come else notice("info", self._nothing_to_log(ahead))
        options = [
            *((meeting_label(m, names), m.id) for m in come),
            *((f"{meeting_label(m, names)}, still to come", m.id) for m in ahead),
        ]
        if not come:
            options.insert(0, ("No meeting to log yet" if ahead else "No meeting yet", NOTHING))
        with self._quiet:
            self.picker.options = options
            self.picker.value = NOTHING if select is None else select
        self._show(next((m for m in meetings if m.id == select), None))
        self.refresh_actions()

    def _nothing_to_log(self, ahead: list[Meeting]) -> str:
        """What the intro says when no meeting's day has come yet."""
        if not ahead:
            return (
                "No meeting to log yet: once a meeting's day has come, it appears here. "
                "Plan meetings in notebook 04 (Meeting)."
            )
        first = ahead[0]
        name = self._names.get(first.contact_id, "someone")
        return (
            f"No meeting to log yet: your next one, with {name}, is planned for "
            f"{day_words(first.starts_at.date())}. Come back after it to write down what you "
            "learned. If a meeting happened earlier than planned, pick it in the list "
            "'Meeting' below to log it now."
        )

    def _picked(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        self.log.status.value = self.referrals_status.value = ""
        for item in self.log.fields.values():
            item.show_error(None)
        self.refresh(select=picked(change["new"]))

    def _saved_log(self, book: Workbook) -> InterviewLog | None:
        if self.meeting is None or self.meeting.id is None:
            return None
        found = book.all(InterviewLog, meeting_id=self.meeting.id)
        return found[0] if found else None

    def _kept(self) -> UnsavedInput:
        """What keeps the log's unsaved input in the workbook."""
        assert self.log.unsaved is not None  # set up in __init__
        return self.log.unsaved

    def _show(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self.early.clear()
        self.log.button.disabled = meeting is None
        for item in self.log.fields.values():
            item.widget.disabled = meeting is None
        if meeting is None or meeting.id is None:
            self.ahead.value = ""
            self.log.set_values(_LOG_DEFAULTS)
            self._leave_record()
        else:
            with Workbook.open(self.path) as book:
                log = self._saved_log(book)
            self.log.set_values(
                _LOG_DEFAULTS
                if log is None
                else {
                    "notes": log.notes,
                    "key_advice": log.key_advice,
                    "referrals": "\n".join(log.referrals),
                    "willing_to_keep_in_touch": keep_in_touch_choice(log.willing_to_keep_in_touch),
                    "how_to_reach": log.how_to_reach,
                }
            )
            self._kept().show(f"meeting:{meeting.id}")
            self.ahead.value = (
                notice(
                    "info",
                    f"{planned_ahead(meeting)} If it happened earlier than planned, you can "
                    "log it now: you will be asked to confirm, and it is then marked done "
                    "today.",
                )
                if still_to_come(meeting, self.today)
                else ""
            )
        self._show_referrals()
        self._show_draft()

    def _leave_record(self) -> None:
        """No meeting is on screen: keep what is waiting, and keep nothing more."""
        self._kept().leave()

    def _show_referrals(self) -> None:
        meeting = self.meeting
        if meeting is None:
            self.referrals.children = []
            return
        with Workbook.open(self.path) as book:
            log = self._saved_log(book)
            names = log.referrals if log is not None else ()
            added = {name: referral_added(book, meeting, name) for name in names}
        if not names:
            self.referrals.children = [
                widgets.HTML(
                    "<p>No one yet. The guide's last question is \"Is there anyone else that "
                    'you think I should talk to?": write the names they gave you above, one '
                    "per line, and save.</p>"
                )
            ]
            return
        rows: list[widgets.Widget] = []
        for name in names:
            shown = f"<b>{html_text(name)}</b>"
            if added[name] is not None:
                rows.append(widgets.HTML(f"<p>{shown}: already in your contacts.</p>"))
                continue
            runner = Form([], self._referral_step(name))
            button = widgets.Button(
                description="Add as a contact", tooltip="Add this person to your contacts"
            )
            button.on_click(lambda _, runner=runner: self._run(runner, self.referrals_status))
            rows.append(widgets.VBox([widgets.HBox([button, widgets.HTML(shown)]), runner.status]))
        self.referrals.children = rows

    def _show_draft(self) -> None:
        meeting = self.meeting
        if meeting is None:
            self.draft.value = "<p>Pick a meeting above to see a thank-you draft.</p>"
            return
        with Workbook.open(self.path) as book, book.snapshot():
            contact = book.get(Contact, meeting.contact_id)
            profile = book.profile()
            log = self._saved_log(book)
        note = thank_you_note(profile, contact, log, channel=self.channel.value)
        self.draft.value = (
            "<p>Send it by the day after the meeting. It quotes the advice you saved above; "
            "fill in anything in [square brackets], make it yours, then select it and copy "
            "it.</p>" + draft_html(note)
        )

    def refresh_actions(self) -> None:
        """Show what is due, each with its button, and what is done."""
        try:
            with Workbook.open(self.path) as book, book.snapshot():
                actions = next_actions(book, self.today)
                follow_ups = book.all(FollowUp)
                names = {c.id: c.name for c in book.all(Contact) if c.id is not None}
        except (InfoviewError, OSError) as error:
            self.actions.children = [widgets.HTML(unreadable(error))]
            return
        self.done.value = done_html(follow_ups, names)
        if not actions:
            self.actions.children = [
                widgets.HTML("<p>Nothing to do right now: no follow-ups are due.</p>")
            ]
            return
        overdue = sum(action.overdue for action in actions)
        rows: list[widgets.Widget] = [
            widgets.HTML(f"<p>{len(actions)} to do, {overdue} of them overdue.</p>")
        ]
        for action in actions:
            text = widgets.HTML(action_html(action, self.today))
            if action.kind is FollowUpKind.LOG_MEETING and action.follow_up_id is None:
                button = widgets.Button(description="Log it", tooltip="Pick this meeting above")
                button.on_click(lambda _, action=action: self._log_it(action))
                rows.append(widgets.HBox([button, text]))
                continue
            adds = action.follow_up_id is None and bool(action.referral_name)
            runner = Form([], self._done_step(action))
            button = widgets.Button(
                description="Add as a contact" if adds else "Done",
                tooltip=f"Mark done: {action.kind.label}",
            )
            button.on_click(lambda _, runner=runner: self._run(runner, self.actions_status))
            rows.append(widgets.VBox([widgets.HBox([button, text]), runner.status]))
        self.actions.children = rows

    # -- saving ----------------------------------------------------------------------------
    def save_log(self, values: dict[str, Any]) -> str:
        """Save the log of the meeting picked; for one still to come, ask first."""
        meeting = self._picked_meeting()
        if not still_to_come(meeting, self.today):
            return self._save_log(meeting, values, early=False)
        day = day_words(meeting.starts_at.date())
        name = self._names.get(meeting.contact_id, "them")
        self.early.ask(
            f"Your meeting with {name} is planned for {day}. If it already happened, earlier "
            "than planned, save what you learned now: the meeting is then marked done, on "
            f"today, {day_words(self.today)}, instead of {day}.",
            lambda: self._confirmed_early(meeting),
            go_ahead="Yes, it happened: save it",
            heading="Still to come?",
        )
        raise InfoviewError(
            f"{planned_ahead(meeting)} If it happened earlier than planned, click 'Yes, it "
            "happened: save it' just below."
        )

    def _confirmed_early(self, meeting: Meeting) -> None:
        """The student says the meeting still to come has happened: save its log."""
        if self.meeting is None or self.meeting.id != meeting.id:
            return  # another meeting was picked in the meantime
        self.log.run(lambda values: self._save_log(meeting, values, early=True))

    def _picked_meeting(self) -> Meeting:
        meeting = self.meeting
        if meeting is None or meeting.id is None:
            raise InfoviewError("Pick a meeting above first.")
        return meeting

    def _save_log(self, meeting: Meeting, values: dict[str, Any], *, early: bool) -> str:
        """Save the log of ``meeting``; ``early`` if it happened before its planned day."""
        assert meeting.id is not None  # _picked_meeting checked it
        log = InterviewLog(
            meeting_id=meeting.id,
            notes=values["notes"],
            key_advice=values["key_advice"],
            referrals=split_names(values["referrals"]),
            willing_to_keep_in_touch=keep_in_touch_answer(values["willing_to_keep_in_touch"]),
            how_to_reach=values["how_to_reach"],
        )
        with Workbook.open(self.path) as book:
            saved = save_interview_log(book, log, today=self.today, early=early)
        self._kept().saved()  # before the form is filled again from the workbook
        self.refresh(select=meeting.id)
        name = self._names.get(meeting.contact_id, "them")
        parts = [f"What you learned from {name} is saved."]
        if early:
            parts.append(
                f"The meeting was planned for {day_words(meeting.starts_at.date())}; as it "
                f"happened earlier, it is now marked done on today, {day_words(self.today)}, "
                "so your thank-you is due tomorrow."
            )
        if saved.referrals:
            parts.append("Add the people they suggested below, one click each.")
        parts.append("Now send your thank-you: a draft is below.")
        return " ".join(parts)

    def _referral_step(self, name: str) -> Callable[[dict[str, Any]], str]:
        def step(_: dict[str, Any]) -> str:
            meeting = self.meeting
            if meeting is None or meeting.id is None:
                raise InfoviewError("Pick a meeting above first.")
            with Workbook.open(self.path) as book:
                contact, reach_out = add_referral(book, meeting.id, name, today=self.today)
            referrer = self._names.get(meeting.contact_id, "them")
            self._show_referrals()
            self.refresh_actions()
            return (
                f"{contact.name} is now in your contacts, suggested by {referrer}. Reach out "
                f"to them by {day_words(reach_out.due_on)}, and say who suggested you write."
            )

        return step

    def _done_step(self, action: Action) -> Callable[[dict[str, Any]], str]:
        def step(_: dict[str, Any]) -> str:
            channel = (
                self.channel.value
                if action.kind is FollowUpKind.THANK_YOU
                else FollowUpChannel.EMAIL
            )
            with Workbook.open(self.path) as book:
                done = complete_action(book, action, today=self.today, channel=channel)
            self.refresh_actions()
            self._show_referrals()
            if done.kind is FollowUpKind.REFERRAL and done.status is FollowUpStatus.PENDING:
                return (
                    f"{action.referral_name} is now in your contacts. Reach out to them by "
                    f"{day_words(done.due_on)}."
                )
            return f"{action.kind.label} for {action.contact_name}: marked done today."

        return step

    def _run(self, runner: Form, status: widgets.HTML) -> None:
        """Run a one-click step; on success say so in ``status`` (its row is redrawn)."""
        if runner.submit():
            status.value = runner.status.value

    def _log_it(self, action: Action) -> None:
        if action.meeting_id in [value for _, value in self.picker.options]:
            self.picker.value = action.meeting_id
        self.actions_status.value = notice(
            "info",
            f"Write down what you learned from {action.contact_name} under 'What you "
            "learned' above, then click 'Save what I learned'. If the meeting did not happen, "
            "mark it cancelled or moved in notebook 04 (Meeting).",
        )


def follow_up(path: Path | str | None = None, today: date | None = None) -> widgets.VBox:
    """The fifth notebook's forms: log the meeting, referrals, thank-you, follow-ups."""
    return AfterTheMeeting(Path(path) if path else None, today).view


__all__ = [
    "AfterTheMeeting",
    "follow_up",
]
