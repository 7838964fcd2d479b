"""What an advisor's report on one student says, worked out from the workbook.

:func:`build_report` reads a workbook once and runs the coach's checks over it
for a given as-of day. It never reads the clock and never writes to the
workbook, and it leaves out unsaved input (``unsaved:`` settings): the same
workbook and day always give the same :class:`StudentReport`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from infoview_lib.coach.agenda import Action, check_message, next_actions, suggested_steps
from infoview_lib.coach.contacts import score_contact
from infoview_lib.coach.findings import Finding, Severity
from infoview_lib.coach.outreach import OutreachReport
from infoview_lib.coach.questions import check_question_set
from infoview_lib.coach.report_rules import ReportRules, report_rules
from infoview_lib.coach.text import fold
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpStatus,
    InterviewLog,
    Meeting,
    MeetingStatus,
    Outreach,
    OutreachStatus,
    PipelineStatus,
    Question,
    StudentProfile,
)
from infoview_lib.model.meetings import MEETING_MINUTES
from infoview_lib.reports.student_report import (
    SECTIONS,
    ActionRow,
    ContactRow,
    FollowUpRow,
    MeetingRow,
    OutreachRow,
    QuestionRow,
    QuestionSet,
    StepRow,
    StudentReport,
    parse_sections,
)
from infoview_lib.store import Workbook

#: Findings quoted per draft or question set; the rest are counted.
TOP_FINDINGS = 3


def build_report(
    book: Workbook,
    as_of: date,
    *,
    advisor: str = "",
    sections: str | Sequence[str] = SECTIONS,
) -> StudentReport:
    """The report on ``book``'s student as of ``as_of``; reads the workbook, never writes."""
    chosen = parse_sections(sections)
    rules = report_rules()
    with book.snapshot():
        profile = book.profile()
        contacts = book.all(Contact)
        outreach = book.all(Outreach)
        meetings = book.all(Meeting)
        questions = book.all(Question)
        logs = book.all(InterviewLog)
        follow_ups = book.all(FollowUp)
        actions = next_actions(book, as_of)
    names = {contact.id: contact.name for contact in contacts}
    by_id = {contact.id: contact for contact in contacts}
    counts = dict.fromkeys(PipelineStatus, 0)
    for contact in contacts:
        counts[contact.status] += 1
    follow_up_rows = _follow_up_rows(follow_ups, actions, names)
    last = _last_activity(outreach, meetings, follow_ups, as_of)
    overdue = sum(row.overdue for row in follow_up_rows)
    checks = {
        m.id: check_message(m, by_id[m.contact_id], profile) for m in outreach if m.id is not None
    }
    steps = suggested_steps(
        contacts, outreach, profile, dated={a.contact_id for a in actions}, checks=checks
    )
    stuck_reason = _stuck_reason(len(contacts), last, overdue, as_of, rules)
    return StudentReport(
        student=profile.name,
        programme=profile.program,
        as_of=as_of,
        advisor=advisor.strip(),
        sections=chosen,
        stage_counts=tuple(counts.items()),
        contacts=_contact_rows(contacts, names, profile),
        outreach=tuple(
            _outreach_row(m, by_id[m.contact_id], checks.get(m.id) if m.id is not None else None)
            for m in outreach
        ),
        question_sets=_question_sets(meetings, questions, names),
        meetings=_meeting_rows(meetings, logs, names),
        follow_ups=follow_up_rows,
        next_actions=tuple(
            ActionRow(a.contact_name, a.kind.label, a.due_on, a.days_late, a.reason)
            for a in actions
        ),
        last_activity=last,
        stuck=bool(stuck_reason),
        stuck_reason=stuck_reason,
        suggested_steps=tuple(StepRow(s.contact_name, s.label, s.reason) for s in steps),
    )


def _contact_rows(
    contacts: Sequence[Contact], names: dict[int | None, str], profile: StudentProfile
) -> tuple[ContactRow, ...]:
    rows = []
    for contact in contacts:
        referrer = names.get(contact.referred_by, "") if contact.referred_by else ""
        score = score_contact(contact, profile, referrer=referrer)
        best = max(score.reasons, key=lambda reason: abs(reason.points), default=None)
        rows.append(
            ContactRow(
                name=contact.name,
                organisation=contact.organisation,
                category=contact.category.label,
                status=contact.status,
                priority=contact.priority.label,
                score=score.points,
                reason=best.text if best else "",
            )
        )
    return tuple(sorted(rows, key=lambda row: (-row.score, fold(row.name), row.organisation)))


def _messages(findings: Sequence[Finding]) -> tuple[str, ...]:
    shown = [f for f in findings if f.severity is not Severity.WELL_DONE][:TOP_FINDINGS]
    return tuple(f"{f.severity.label}: {f.message}" for f in shown)


def _outreach_row(
    message: Outreach, contact: Contact, checked: OutreachReport | None
) -> OutreachRow:
    assert checked is not None, "every stored message has an id and a check"
    return OutreachRow(
        contact=contact.name,
        channel=message.channel.label,
        status=message.status.label,
        subject=message.subject,
        sent_on=message.sent_on,
        replied_on=message.replied_on,
        verdict=checked.verdict,
        problems=sum(f.severity is Severity.PROBLEM for f in checked.findings),
        findings=_messages(checked.findings),
    )


def _question_sets(
    meetings: Sequence[Meeting], questions: Sequence[Question], names: dict[int | None, str]
) -> tuple[QuestionSet, ...]:
    sets = []
    low, high = MEETING_MINUTES
    for meeting in meetings:
        texts = [q.text for q in questions if q.meeting_id == meeting.id]
        if not texts:
            continue
        minutes = min(max(meeting.planned_minutes, low), high)
        checked = check_question_set(texts, minutes=minutes)
        sets.append(
            QuestionSet(
                contact=names.get(meeting.contact_id, ""),
                meeting_day=meeting.starts_at.date(),
                ready=checked.ready,
                questions=tuple(
                    QuestionRow(q.text, q.verdict, _messages(q.findings)) for q in checked.questions
                ),
                set_findings=_messages(checked.set_findings),
            )
        )
    return tuple(sets)


def _meeting_rows(
    meetings: Sequence[Meeting], logs: Sequence[InterviewLog], names: dict[int | None, str]
) -> tuple[MeetingRow, ...]:
    by_meeting: dict[int | None, InterviewLog] = {log.meeting_id: log for log in logs}
    rows = []
    for meeting in sorted(meetings, key=lambda m: (m.starts_at, m.id or 0)):
        log = by_meeting.get(meeting.id)
        rows.append(
            MeetingRow(
                contact=names.get(meeting.contact_id, ""),
                starts_at=meeting.starts_at.strftime("%Y-%m-%d %H:%M"),
                format=meeting.format.label,
                status=meeting.status.label,
                status_reason=meeting.status_reason,
                logged=log is not None,
                key_advice=log.key_advice if log else "",
                referrals=log.referrals if log else (),
                keep_in_touch=log.willing_to_keep_in_touch if log else None,
            )
        )
    return tuple(rows)


def _follow_up_rows(
    follow_ups: Sequence[FollowUp], actions: Sequence[Action], names: dict[int | None, str]
) -> tuple[FollowUpRow, ...]:
    """Done and skipped follow-ups, then every next action as due or overdue.

    A pending follow-up on the list that is not among the next actions is one a
    reply has made pointless: it is listed as "not_needed".
    """
    listed = {a.follow_up_id for a in actions if a.follow_up_id is not None}
    notes = {item.id: item.note for item in follow_ups}
    rows = [
        FollowUpRow(
            contact=a.contact_name,
            kind=a.kind.label,
            due_on=a.due_on,
            state="overdue" if a.overdue else "due",
            done_on=None,
            days_late=a.days_late,
            note=notes.get(a.follow_up_id, "") if a.follow_up_id is not None else _about(a),
            stored=a.follow_up_id is not None,
        )
        for a in actions
    ]
    for item in follow_ups:
        if item.status is FollowUpStatus.PENDING and item.id in listed:
            continue
        state = "not_needed" if item.status is FollowUpStatus.PENDING else item.status.value
        rows.append(
            FollowUpRow(
                contact=names.get(item.contact_id, ""),
                kind=item.kind.label,
                due_on=item.due_on,
                state=state,
                done_on=item.done_on,
                days_late=0,
                note=item.note,
            )
        )
    rank = {"overdue": 0, "due": 1, "done": 2, "skipped": 3, "not_needed": 4}
    return tuple(
        sorted(rows, key=lambda r: (rank[r.state], r.due_on, fold(r.contact), r.kind, r.note))
    )


def _about(action: Action) -> str:
    """The note on a worked-out follow-up: whom a referral step is about."""
    return f"Suggested person: {action.referral_name}" if action.referral_name else ""


def _last_activity(
    outreach: Sequence[Outreach],
    meetings: Sequence[Meeting],
    follow_ups: Sequence[FollowUp],
    as_of: date,
) -> date | None:
    """The latest day on or before ``as_of`` something happened: sent, replied, met, followed up."""
    days = [m.sent_on for m in outreach if m.status is OutreachStatus.SENT]
    days += [m.replied_on for m in outreach]
    days += [m.starts_at.date() for m in meetings if m.status is MeetingStatus.DONE]
    days += [f.done_on for f in follow_ups]
    past = [day for day in days if day is not None and day <= as_of]
    return max(past, default=None)


def _stuck_reason(
    contacts: int, last: date | None, overdue: int, as_of: date, rules: ReportRules
) -> str:
    """Why the student looks stuck, in words; empty if they do not."""
    reasons = []
    if contacts == 0:
        reasons.append("no contacts yet")
    elif last is None:
        reasons.append("no message sent yet")
    elif (as_of - last).days > rules.stuck.quiet_days:
        reasons.append(f"no activity for {(as_of - last).days} days")
    if overdue >= rules.stuck.overdue_follow_ups:
        reasons.append(f"{overdue} follow-ups overdue")
    text = "; ".join(reasons)
    return text[:1].upper() + text[1:]
