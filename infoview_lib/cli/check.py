"""``infoview check``: the coaching checks on a draft or a list of questions in a file.

The verdict never changes the exit status (0), so a script can always read the
findings; input that cannot be read exits with 2.
"""

from __future__ import annotations

import json
import re
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from infoview_lib.model.meetings import MEETING_MINUTES
from infoview_lib.store.files import read_regular_file, special_file_kind

if TYPE_CHECKING:
    from infoview_lib.coach.findings import Finding

#: Larger input is refused: no draft or question list comes near it.
MAX_INPUT_BYTES = 1_000_000
_LIST_MARKER = re.compile(r"^\s*(?:[-*\u2022]|\d{1,3}[.)])\s+")


class UnreadableInput(click.ClickException):
    """The draft or question file cannot be read; exits with status 2."""

    exit_code = 2


def read_input(source: str) -> str:
    """The text of ``source``, a file path or ``-`` for standard input."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            data = _read_file(Path(source))
    except FileNotFoundError:
        raise UnreadableInput(f"{source} does not exist: check the file name.") from None
    except PermissionError:
        raise UnreadableInput(f"{source} cannot be read: you do not have permission.") from None
    except OSError as error:
        raise UnreadableInput(f"{source} cannot be read: {error.strerror or error}.") from None
    where = "standard input" if source == "-" else source
    if len(data) > MAX_INPUT_BYTES:
        raise UnreadableInput(f"{where} is over 1 MB: that is not a draft or a question list.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput(
            f"{where} is not plain UTF-8 text: save it as plain text (.txt) and try again."
        ) from None


def _read_file(path: Path) -> bytes:
    """Up to just over :data:`MAX_INPUT_BYTES` of a regular file.

    A folder, a named pipe, a socket or a device (or a symbolic link to one) is
    refused before it is opened: reading a pipe would wait for ever.
    """
    mode = path.stat().st_mode  # follows symbolic links: a link to a draft is fine
    if stat.S_ISDIR(mode):
        raise UnreadableInput(f"{path} is a folder: give the file that holds the text.")
    if kind := special_file_kind(path, mode):
        raise UnreadableInput(
            f"{path} is {kind}, not a text file: save the text in a file and give its "
            "path, or send it to standard input with '-'."
        )
    content = read_regular_file(path, MAX_INPUT_BYTES + 1)
    if content is None:  # swapped since it was looked at
        raise UnreadableInput(f"{path} is not a regular file: give the file that holds the text.")
    return content


def format_findings(findings: Iterable[Finding], indent: str = "  ") -> list[str]:
    """Findings as lines of text: the severity, the message, then what to do."""
    from infoview_lib.coach.findings import Severity

    width = max(len(severity.label) for severity in Severity)
    lines = []
    for finding in findings:
        lines.append(f"{indent}{finding.severity.label:<{width}}  {finding.message}")
        if finding.suggestion:
            lines.append(f"{indent}{'':<{width}}  -> {finding.suggestion}")
    return lines


@click.group()
def check() -> None:
    """Check a draft message or a list of questions against the guide's advice."""


@check.command()
@click.argument("source", metavar="FILE")
@click.option(
    "--channel",
    type=click.Choice(["email", "linkedin", "script"]),
    default="email",
    show_default=True,
    help="How the message will be sent (a script is said on the phone or in person).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def outreach(source: str, channel: str, as_json: bool) -> None:
    """Check a first message in FILE ('-' reads standard input).

    For an email, a first line 'Subject: ...' gives the subject line.
    """
    from infoview_lib.coach.outreach import check_outreach, split_subject

    subject, body = split_subject(read_input(source))
    report = check_outreach(body, channel=channel, subject=subject)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    problems = sum(finding.severity == "problem" for finding in report.findings)
    size = f"{report.characters} characters" if channel == "linkedin" else f"{report.words} words"
    click.echo(f"Verdict: {report.verdict} ({problems} to fix; {size})")
    for line in format_findings(report.findings):
        click.echo(line)


@check.command()
@click.argument("source", metavar="FILE")
@click.option(
    "--minutes",
    type=click.IntRange(*MEETING_MINUTES),
    default=30,
    show_default=True,
    help="How long the meeting you asked for is.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def questions(source: str, minutes: int, as_json: bool) -> None:
    """Check interview questions in FILE, one per line ('-' reads standard input)."""
    from infoview_lib.coach.questions import check_question_set

    texts = question_lines(read_input(source))
    report = check_question_set(texts, minutes=minutes)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    for number, question in enumerate(report.questions, start=1):
        click.echo(f"{number}. {question.text}  [{question.verdict}]")
        for line in format_findings(question.findings, indent="   "):
            click.echo(line)
    count = len(report.questions)
    click.echo(f"The set ({count} question{'' if count == 1 else 's'}, {minutes} minutes):")
    for line in format_findings(report.set_findings):
        click.echo(line)


def question_lines(text: str) -> list[str]:
    """The questions in a file: one per non-blank line, without list numbers or bullets.

    >>> question_lines("1. How did you start?\\n\\n- What do you enjoy most?\\n")
    ['How did you start?', 'What do you enjoy most?']
    """
    lines = (_LIST_MARKER.sub("", line).strip() for line in text.splitlines())
    return [line for line in lines if line]
