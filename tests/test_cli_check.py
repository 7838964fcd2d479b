"""``infoview check outreach`` and ``infoview check questions``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from infoview_lib.cli import main

WEAK = """Subject: Hello

Dear Sir or Madam,

I am a student at Westbrook. Are you hiring? I have attached my resume.

Thanks,
Ana
"""
READY = """Subject: Your nursing experience at St Mary's

Dear Ms. Lopez,

My name is Ana Lima, a biology student at Westbrook. Professor Kim suggested I contact you.
I would love to hear your story. Would you have 20 minutes for a call next week?

Thank you,
Ana Lima
"""


def run(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, in a new process, as a student or a script would run it."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run(
        [sys.executable, "-m", "infoview_lib.cli", *args],
        input=data,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def test_outreach_json_from_a_file(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(WEAK, encoding="utf-8")
    result = run("check", "outreach", str(draft), "--json")
    assert result.returncode == 0, result.stderr
    shape = json.loads(result.stdout)
    assert shape["verdict"] == "revise"
    rules = {item["rule"] for item in shape["findings"] if item["severity"] == "problem"}
    assert {"assessor_trap", "attachment", "generic_greeting"} <= rules  # "Dear Sir or Madam"
    assert all(
        set(item) == {"rule", "severity", "message", "suggestion"} for item in shape["findings"]
    )


def test_outreach_from_standard_input_as_text() -> None:
    result = run("check", "outreach", "-", stdin=READY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Verdict: ready (0 to fix;")
    assert "Well done" in result.stdout


def test_linkedin_channel_counts_characters(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Hi Maria, " + "I'd love to hear your story. " * 12, encoding="utf-8")
    result = run("check", "outreach", str(note), "--channel", "linkedin", "--json")
    rules = {(item["rule"], item["severity"]) for item in json.loads(result.stdout)["findings"]}
    # over LinkedIn's cap for a connection note: a suggestion since issue 12 (a message to a
    # connection may be longer)
    assert ("linkedin_length", "suggestion") in rules
    assert not any(rule.startswith("subject") for rule, _ in rules)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "does not exist"),
        ("folder", "is a folder"),
        ("binary", "not plain UTF-8 text"),
        ("huge", "over 1 MB"),
    ],
)
def test_unreadable_input_exits_2(tmp_path: Path, setup: str, message: str) -> None:
    path = tmp_path / "draft.txt"
    if setup == "folder":
        path.mkdir()
    elif setup == "binary":
        path.write_bytes(b"\xff\xfe\x00\x81 not text")
    elif setup == "huge":
        path.write_bytes(b"word " * 250_000)
    for command in ("outreach", "questions"):
        result = run("check", command, str(path))
        assert result.returncode == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr


def test_unreadable_standard_input_exits_2() -> None:
    result = run("check", "questions", "-", stdin=b"\x81\x82")
    assert result.returncode == 2
    assert "standard input" in result.stderr


def test_questions_json(tmp_path: Path) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text(
        "1. Do you like your job?\n\n2) What trends are changing your field?\n- Salary?\n",
        encoding="utf-8",
    )
    result = run("check", "questions", str(questions), "--minutes", "20", "--json")
    assert result.returncode == 0, result.stderr
    shape = json.loads(result.stdout)
    assert [item["text"] for item in shape["questions"]] == [
        "Do you like your job?",
        "What trends are changing your field?",
        "Salary?",
    ]
    # a closed form is a suggestion with an open rewrite, not a mistake (issue 12)
    assert [item["verdict"] for item in shape["questions"]] == ["keep", "keep", "revise"]
    assert (
        "What do you enjoy most about your work?"
        in shape["questions"][0]["findings"][0]["suggestion"]
    )
    set_rules = {(item["rule"], item["severity"]) for item in shape["set_findings"]}
    assert ("closing_question", "problem") in set_rules
    assert ("set_size", "suggestion") in set_rules


def test_questions_as_text_from_standard_input() -> None:
    result = run("check", "questions", "-", stdin="How did you enter the field?\n")
    assert result.returncode == 0
    assert "1. How did you enter the field?  [keep]" in result.stdout
    assert "The set (1 question, 30 minutes):" in result.stdout


@pytest.mark.parametrize("minutes", ["4", "181", "half"])
def test_meeting_length_is_checked(minutes: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "questions", "-", "--minutes", minutes]) == 2
    assert "--minutes" in capsys.readouterr().err


def test_channel_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "outreach", "-", "--channel", "fax"]) == 2
    assert "fax" in capsys.readouterr().err
