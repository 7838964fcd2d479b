"""``infoview import linkedin``: adds every new connection, prints the counts; --dry-run
prints the preview and writes nothing; a refused file leaves the workbook as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview_lib.model import Contact, ContactCategory, StudentProfile
from infoview_lib.store import Workbook
from tests.conftest import run_cli

from .conftest import digest

DATA = Path(__file__).parent / "data" / "linkedin"
CONNECTIONS = str(DATA / "connections_2024.csv")


run = run_cli


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A workbook that already has Wei Ng of Riverside Clinic."""
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei Ng", organisation="Riverside Clinic"))
    return path


def _names(path: Path) -> list[str]:
    with Workbook.open(path) as book:
        return [contact.name for contact in book.all(Contact)]


def test_adds_every_new_connection_and_prints_the_counts(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    code, out, err = run(
        capsys, "import", "linkedin", str(workbook), CONNECTIONS, "--as-of", "2026-03-16"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Added: 4",
        "Already in the workbook: 1",
        "Skipped: 1",
        "  1 a member who hides their details (LinkedIn gives only the date)",
    ]
    assert _names(workbook) == [
        "Wei Ng", "Zoë Müller", "Priya Raman", "Tomás Ortega", "Amara Okafor"
    ]  # fmt: skip
    with Workbook.open(workbook) as book:
        zoe = book.all(Contact)[1]
    assert zoe.notes == "Imported from your LinkedIn connections on 16 March 2026."
    assert zoe.category is ContactCategory.OTHER


def test_the_same_file_twice_adds_nothing_the_second_time(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    run(capsys, "import", "linkedin", str(workbook), CONNECTIONS)
    code, out, _ = run(capsys, "import", "linkedin", str(workbook), CONNECTIONS)
    assert code == 0
    assert out.splitlines()[:2] == ["Added: 0", "Already in the workbook: 5"]
    assert len(_names(workbook)) == 5


def test_dry_run_prints_the_preview_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    before = digest(workbook)
    code, out, err = run(capsys, "import", "linkedin", str(workbook), CONNECTIONS, "--dry-run")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "New (4):"
    assert "  Zoë Müller (Research Analyst, Helix Bio): Connected on LinkedIn on 30 May 2024" in (
        lines
    )
    assert (
        "    left out: the email column's 'urn:li:member:48151623' is not an email address" in lines
    )
    assert "Already in the workbook (1):" in lines
    assert "  Wei Ng: looks like Wei Ng (the same name and organisation)" in lines
    assert "  line 8: a member who hides their details (LinkedIn gives only the date)" in lines
    assert lines[-5:] == [
        "Would add: 4",
        "Already in the workbook: 1",
        "Skipped: 1",
        "  1 a member who hides their details (LinkedIn gives only the date)",
        "Dry run: nothing was written.",
    ]
    assert digest(workbook) == before
    assert _names(workbook) == ["Wei Ng"]


def test_category_option(capsys: pytest.CaptureFixture[str], workbook: Path) -> None:
    run(capsys, "import", "linkedin", str(workbook), CONNECTIONS, "--category", "alumni")
    with Workbook.open(workbook) as book:
        categories = {contact.name: contact.category for contact in book.all(Contact)}
    assert categories["Priya Raman"] is ContactCategory.ALUMNI
    assert categories["Wei Ng"] is ContactCategory.OTHER


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("no_name_columns.csv", "has no name columns"),
        ("not_connections.csv", "is not a LinkedIn list of connections"),
    ],
)
def test_a_refused_file_is_one_plain_line_and_the_workbook_is_unchanged(
    capsys: pytest.CaptureFixture[str], workbook: Path, name: str, said: str
) -> None:
    before = digest(workbook)
    code, out, err = run(capsys, "import", "linkedin", str(workbook), str(DATA / name))
    assert code == 1
    assert out == ""
    assert err.startswith(f"infoview: {name} {said}")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert digest(workbook) == before


def test_a_missing_file_is_one_plain_line(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "import", "linkedin", str(workbook), str(tmp_path / "nope.csv"))
    assert code == 1
    assert err.startswith("infoview: No such file or directory")


@pytest.mark.parametrize("command", [["import"], ["import", "linkedin"]])
def test_help(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert out.startswith(f"Usage: infoview {' '.join(command)}")
    assert "LinkedIn" in out


def test_dry_run_on_a_missing_workbook_is_one_plain_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, "import", "linkedin", str(tmp_path / "none.infoview"), CONNECTIONS, "--dry-run"
    )
    assert (code, out) == (1, "")
    assert err.startswith("infoview: ")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "none.infoview").exists()
