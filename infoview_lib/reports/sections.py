"""The report's sections as HTML (the notebook shows them through
:mod:`~infoview_lib.reports.notebook_view`).

Every piece of student text goes through :func:`html.escape`; tables have a
``<thead>`` of column headers (so a printed table repeats its header on each page, and
a tagged PDF ties each cell to its header); overdue
rows say "OVERDUE" in words as well as by their class. A long table shows at
most ``max_rows`` rows, most important first, then says how many more there
are and sums all of them up. Styling is left to the print CSS: only classes here.
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from html import escape

from infoview_lib.coach.report_rules import report_rules
from infoview_lib.reports.chart import funnel_alt, funnel_png
from infoview_lib.reports.student_report import SECTIONS, StudentReport, parse_sections

#: Section headings, by section name.
HEADINGS = {
    "progress": "Progress at a glance",
    "contacts": "Contacts",
    "outreach": "Outreach drafts and the Ally check",
    "questions": "Prepared questions",
    "meetings": "Meetings and what was learned",
    "follow_ups": "Follow-ups",
    "next_actions": "Recommended next actions",
    "advisor_notes": "Advisor notes",
}

Row = tuple[Sequence[str], str]  # cells (already HTML) and the row's class


def _text(value: object) -> str:
    """Student or stored text as HTML: escaped, line breaks kept."""
    return escape(str(value)).replace("\n", "<br>")


def _day(value: date | None) -> str:
    return value.isoformat() if value else "-"


#: Column widths in percent, per table: a printed table keeps short columns readable
#: and gives the room to the long text (constants only, never student text).
#: Columns holding people's names are wide enough for a long name word (such as
#: "Κωνσταντίνου") on one line: only a word longer than its column is broken.
WIDTHS: dict[str, tuple[int, ...]] = {
    "stages": (70, 30),
    "contacts": (20, 17, 14, 12, 9, 7, 21),
    "outreach": (20, 10, 15, 18, 11, 26),
    "questions": (50, 10, 40),
    "meetings": (20, 13, 9, 13, 25, 20),
    "follow-ups": (20, 15, 13, 20, 32),
    "next-actions": (20, 15, 14, 51),
}


def _table(kind: str, headers: Sequence[str], rows: Iterable[Row]) -> str:
    widths = WIDTHS[kind]
    assert len(widths) == len(headers), kind
    columns = "".join(f'<col style="width: {width}%">' for width in widths)
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in headers)
    body = []
    for cells, row_class in rows:
        attribute = f' class="{row_class}"' if row_class else ""
        body.append(f"<tr{attribute}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return (
        f'<table class="infoview-table infoview-{kind}"><colgroup>{columns}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _list(items: Sequence[str]) -> str:
    if not items:
        return ""
    return (
        '<ul class="infoview-findings">' + "".join(f"<li>{_text(i)}</li>" for i in items) + "</ul>"
    )


def _more(shown: int, total: int, noun: str, summary: Counter[str]) -> str:
    """The line under a cut table: how many more, and all of them summed up."""
    if total <= shown:
        return ""
    parts = " · ".join(f"{escape(key)}: {count}" for key, count in summary.items())
    return (
        f'<p class="infoview-more">{total - shown} more {noun} not shown '
        f"(the first {shown} of {total} are listed). All {total} by status: {parts}.</p>"
    )


def _empty(message: str) -> str:
    return f'<p class="infoview-empty">{escape(message)}</p>'


def _section(name: str, body: str) -> str:
    return (
        f'<section class="infoview-section infoview-{name.replace("_", "-")}">'
        f"<h2>{escape(HEADINGS[name])}</h2>{body}</section>"
    )


def _table_section(
    name: str,
    headers: Sequence[str],
    rows: Sequence[Row],
    total: int,
    summary: Counter[str],
    noun: str = "",
) -> str:
    """Section ``name`` as one table of the rows shown, then how many of the ``total``
    ``noun`` (default: the section's name) are not shown, and what they all are."""
    more = _more(len(rows), total, noun or name, summary)
    return _section(name, _table(name, headers, rows) + more)


def _overdue(days_late: int) -> str:
    plural = "s" if days_late != 1 else ""
    return f'<strong class="infoview-overdue">OVERDUE</strong> {days_late} day{plural} late'


# -- the title and each section ----------------------------------------------------------------


def _message_state(status: str, sent_on: date | None, replied_on: date | None) -> str:
    """A message's status, the day it was sent, and the reply if there was one."""
    text = escape(status) + (f" {_day(sent_on)}" if sent_on else "")
    if replied_on:
        text += f'<br><span class="infoview-reply">Replied {_day(replied_on)}</span>'
    return text


def title_html(report: StudentReport) -> str:
    """The title block: the student's name (the page header comes from it) and the date."""
    advisor = escape(report.advisor) if report.advisor else "not named"
    programme = (
        f'<p class="infoview-programme">{_text(report.programme)}</p>' if report.programme else ""
    )
    return (
        f'<h1 class="infoview-student">{escape(report.student)}</h1>'
        f'<p class="infoview-meta">As of {report.as_of.isoformat()} · Advisor: {advisor} · '
        f"Confidential</p>{programme}"
    )


def progress_html(report: StudentReport, max_rows: int | None = None) -> str:
    """Counts per stage, with the headline figures; the chart is shown after it."""
    last = report.last_activity
    facts = [
        f"Contacts: {report.contact_count}",
        f"Overdue follow-ups: {report.overdue_count}",
        f"Overdue next actions: {report.overdue_actions}",
        f"Last activity: {_day(last)}",
    ]
    stuck = (
        f'<p class="infoview-stuck"><strong>Stuck:</strong> {escape(report.stuck_reason)}</p>'
        if report.stuck
        else ""
    )
    rows = [((escape(stage.label), str(count)), "") for stage, count in report.stage_counts]
    listing = "".join(f"<li>{escape(fact)}</li>" for fact in facts)
    body = f'<ul class="infoview-facts">{listing}</ul>{stuck}' + _table(
        "stages", ("Stage", "Contacts"), rows
    )
    return _section("progress", body)


def contacts_html(report: StudentReport, max_rows: int | None = None) -> str:
    """Contacts, best to approach first, with category, status, priority and score."""
    limit = _limit(max_rows)
    if not report.contacts:
        return _section("contacts", _empty("No contacts yet."))
    shown = report.contacts[:limit]
    rows = [
        (
            (
                _text(c.name),
                _text(c.organisation),
                escape(c.category),
                escape(c.status.label),
                escape(c.priority),
                str(c.score),
                _text(c.reason),
            ),
            "",
        )
        for c in shown
    ]
    headers = ("Name", "Organisation", "Category", "Status", "Priority", "Score", "Main reason")
    summary = Counter(stage.label for stage, n in report.stage_counts for _ in range(n))
    return _table_section("contacts", headers, rows, len(report.contacts), summary)


def outreach_html(report: StudentReport, max_rows: int | None = None) -> str:
    """Every message with its Ally verdict; drafts needing work first."""
    if not report.outreach:
        return _section("outreach", _empty("No outreach messages yet."))
    ordered = sorted(report.outreach, key=lambda m: (m.status != "Draft", m.verdict != "revise"))
    shown = ordered[: _limit(max_rows)]
    rows = [
        (
            (
                _text(m.contact),
                escape(m.channel),
                _message_state(m.status, m.sent_on, m.replied_on),
                _text(m.subject),
                escape(m.verdict.capitalize()) + f" ({m.problems} to fix)",
                _list(m.findings),
            ),
            f"infoview-verdict-{m.verdict}",
        )
        for m in shown
    ]
    headers = ("Contact", "Channel", "Status", "Subject", "Ally check", "Top findings")
    summary = Counter(f"{m.status}, {m.verdict}" for m in report.outreach)
    return _table_section("outreach", headers, rows, len(report.outreach), summary, "messages")


def questions_html(report: StudentReport, max_rows: int | None = None) -> str:
    """The questions prepared for each meeting, with each verdict and the set's findings."""
    if not report.question_sets:
        return _section("questions", _empty("No questions prepared yet."))
    limit = _limit(max_rows)
    parts = []
    for index, question_set in enumerate(report.question_sets):
        if index >= limit:
            rest = report.question_sets[limit:]
            summary = Counter("ready" if s.ready else "needs work" for s in rest)
            counts = " · ".join(f"{key}: {n}" for key, n in summary.items())
            parts.append(
                f'<p class="infoview-more">{len(rest)} more question sets not shown ({counts}).</p>'
            )
            break
        state = "ready" if question_set.ready else "needs work"
        heading = (
            f"<h3>For {_text(question_set.contact)}, "
            f"{question_set.meeting_day.isoformat()}: {state}</h3>"
        )
        questions = question_set.questions[:limit]
        rows = [
            ((_text(q.text), escape(q.verdict.capitalize()), _list(q.findings)), "")
            for q in questions
        ]
        table = _table("questions", ("Question", "Verdict", "Findings"), rows)
        verdicts = Counter(q.verdict for q in question_set.questions)
        more = _more(len(questions), len(question_set.questions), "questions", verdicts)
        on_set = _list(question_set.set_findings)
        parts.append(
            heading + table + more + (f"<p>On the whole set:</p>{on_set}" if on_set else "")
        )
    return _section("questions", "".join(parts))


def meetings_html(report: StudentReport, max_rows: int | None = None) -> str:
    """Meetings in time order, with the advice received and the people suggested."""
    if not report.meetings:
        return _section("meetings", _empty("No meetings yet."))
    shown = report.meetings[: _limit(max_rows)]
    rows = []
    for m in shown:
        # The status note (why it was cancelled or moved) goes in the wide column.
        note = (
            f'<p class="infoview-status-note"><strong>{escape(m.status)}:</strong> '
            f"{_text(m.status_reason)}</p>"
            if m.status_reason
            else ""
        )
        keep = {True: "Yes", False: "No", None: "-"}[m.keep_in_touch]
        advice = _text(m.key_advice) if m.logged else "Not logged yet"
        referrals = "<br>".join(_text(name) for name in m.referrals) or "-"
        rows.append(
            (
                (
                    _text(m.contact),
                    escape(m.starts_at),
                    escape(m.format),
                    escape(m.status),
                    note + advice,
                    f'{referrals}<p class="infoview-keep">Keep in touch: {keep}</p>',
                ),
                "",
            )
        )
    headers = ("Contact", "When", "Format", "Status", "Notes and advice", "Referrals")
    summary = Counter(m.status for m in report.meetings)
    return _table_section("meetings", headers, rows, len(report.meetings), summary)


def follow_ups_html(report: StudentReport, max_rows: int | None = None) -> str:
    """The student's follow-ups: overdue first (marked OVERDUE), then due, then done."""
    if not report.follow_ups:
        return _section("follow_ups", _empty("No follow-ups on the list."))
    counts = Counter(row.state for row in report.follow_ups)
    headline = (
        f'<p class="infoview-counts">Overdue: {counts["overdue"]} · Due: {counts["due"]} · '
        f"Done: {counts['done']} · Skipped: {counts['skipped']}"
        + (f" · No longer needed: {counts['not_needed']}" if counts["not_needed"] else "")
        + "</p>"
    )
    shown = report.follow_ups[: _limit(max_rows)]
    rows = []
    for f in shown:
        if f.overdue:
            state, row_class = _overdue(f.days_late), "infoview-overdue"
        elif f.state == "due":
            state, row_class = "Due" + (" today" if f.days_late == 0 else ""), ""
        else:
            state, row_class = _closed_state(f.state, f.done_on), ""
        if not f.stored:
            state += '<br><span class="infoview-planned">Worked out from the records</span>'
        rows.append(
            (
                (_text(f.contact), escape(f.kind), f.due_on.isoformat(), state, _text(f.note)),
                row_class,
            )
        )
    table = _table("follow-ups", ("Contact", "Kind", "Due", "State", "Note"), rows)
    body = headline + table + _more(len(shown), len(report.follow_ups), "follow-ups", counts)
    return _section("follow_ups", body)


def _closed_state(state: str, done_on: date | None) -> str:
    """A follow-up no longer to do, in plain words."""
    if state == "done":
        return f"Done on {_day(done_on)}" if done_on else "Done"
    if state == "skipped":
        return f"Skipped on {_day(done_on)}" if done_on else "Skipped"
    return "No longer needed: they answered or things moved on"


def next_actions_html(report: StudentReport, max_rows: int | None = None) -> str:
    """What the workbook recommends doing next: dated actions overdue first, then coaching steps."""
    if not report.next_actions and not report.suggested_steps:
        return _section("next_actions", _empty("Nothing to do right now."))
    limit = _limit(max_rows)
    shown = report.next_actions[:limit]
    rows = []
    for a in shown:
        if a.overdue:
            when, row_class = _overdue(a.days_late), "infoview-overdue"
        else:
            when, row_class = f"Due {a.due_on.isoformat()}", ""
        rows.append(((_text(a.contact), escape(a.kind), when, _text(a.reason)), row_class))
    steps = report.suggested_steps[: max(limit - len(shown), 0)]
    for step in steps:
        rows.append(
            (
                (_text(step.contact), escape(step.action), "No set day", _text(step.reason)),
                "infoview-step",
            )
        )
    table = _table("next-actions", ("Contact", "Action", "When", "Why"), rows)
    summary = Counter("overdue" if a.overdue else "due" for a in report.next_actions)
    summary.update("no set day" for _ in report.suggested_steps)
    total = len(report.next_actions) + len(report.suggested_steps)
    return _section(
        "next_actions", table + _more(len(shown) + len(steps), total, "actions", summary)
    )


def advisor_notes_html(report: StudentReport, max_rows: int | None = None) -> str:
    """An empty, ruled area for the advisor to write on the printed copy."""
    return (
        '<section class="infoview-advisor-notes"><h2>Advisor notes</h2>'
        '<div class="infoview-notes-lines"></div></section>'
    )


RENDERERS: dict[str, Callable[[StudentReport, int | None], str]] = {
    "progress": progress_html,
    "contacts": contacts_html,
    "outreach": outreach_html,
    "questions": questions_html,
    "meetings": meetings_html,
    "follow_ups": follow_ups_html,
    "next_actions": next_actions_html,
    "advisor_notes": advisor_notes_html,
}


def _limit(max_rows: int | None) -> int:
    return max_rows if max_rows is not None else report_rules().tables.max_rows


def section_html(report: StudentReport, name: str, max_rows: int | None = None) -> str:
    """One section's HTML, or ``""`` if the report leaves it out."""
    (name,) = parse_sections([name])
    return RENDERERS[name](report, max_rows) if report.includes(name) else ""


def report_html(report: StudentReport, max_rows: int | None = None) -> str:
    """The whole report as one HTML fragment, the chart embedded as a data: URL."""
    parts = [title_html(report)]
    for name in report.sections:
        parts.append(section_html(report, name, max_rows))
        if name == "progress":
            png = base64.b64encode(funnel_png(report.stage_counts)).decode("ascii")
            alt = escape(funnel_alt(report.stage_counts))
            parts.append(
                f'<img class="infoview-chart" alt="{alt}" src="data:image/png;base64,{png}">'
            )
    return "".join(parts)


__all__ = ["SECTIONS", "report_html", "section_html", "title_html"]
