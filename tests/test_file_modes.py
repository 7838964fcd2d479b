"""Everything infoview writes that holds a student's data is 0600, in folders it creates 0700.

Under the usual umask (022, which would make files 0644 and folders 0755), each kind of
file is made by the command a user runs, into a new folder inside a folder of the user's
own (0755). Then every file under the user's folder must be 0600, every folder the command
made 0700, and the user's folder must still be 0755: infoview never changes a folder it did
not make.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from infoview_lib.cli import main
from infoview_lib.guided_notebooks import notebooks_dir, own_copy
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.store import Workbook
from infoview_lib.ui.start import StartHere
from tests.conftest import damaged_workbook, umask

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
#: What the umask 022 gives a folder the user makes: the user's folder, left as it is.
USERS_FOLDER = 0o755
AS_OF = "2026-03-16"


def mode(path: Path) -> int:
    """A file's or folder's permission bits (of a link itself, never of what it points to)."""
    return stat.S_IMODE(path.lstat().st_mode)


@dataclass(frozen=True)
class Written:
    """What one command wrote: everything under ``users``, a folder of the user's own.

    ``names`` are paths (relative to ``users``) that must be among the files, so the check
    is known to have seen each kind.
    """

    users: Path
    names: frozenset[str]


def check_private(written: Written) -> None:
    """Every file 0600, every folder made 0700, the user's own folder as it was."""
    files = sorted(path for path in written.users.rglob("*") if not path.is_dir())
    folders = sorted(path for path in written.users.rglob("*") if path.is_dir())
    seen = {str(path.relative_to(written.users)) for path in files}
    assert written.names <= seen, f"not written: {sorted(written.names - seen)}"
    loose = {
        str(path.relative_to(written.users)): oct(mode(path))
        for path in files
        if mode(path) != PRIVATE_FILE
    }
    loose |= {
        f"{path.relative_to(written.users)}/": oct(mode(path))
        for path in folders
        if mode(path) != PRIVATE_FOLDER
    }
    assert not loose, f"others may read these files and open these folders: {loose}"
    assert mode(written.users) == USERS_FOLDER, "the user's own folder was changed"


# -- the files, each made by the command that writes it -------------------------------------


@pytest.fixture(scope="module")
def usual_umask() -> Iterator[None]:
    """umask 022 for the whole module (the commands' worker processes inherit it)."""
    with umask(0o022):
        yield


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory, usual_umask: None) -> Path:
    """Where each kind's folder of the user's own is made."""
    return tmp_path_factory.mktemp("modes")


def users_folder(root: Path, kind: str) -> Path:
    """A folder the user made (0755 under umask 022): infoview writes below it."""
    folder = root / kind
    folder.mkdir()
    assert mode(folder) == USERS_FOLDER
    return folder


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, usual_umask: None) -> Path:
    """Workbooks to report on, outside every checked folder: a small one and a damaged one."""
    folder = tmp_path_factory.mktemp("inputs")
    with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei Ng", phone="+1 555 010 0142", notes="met at the fair"))
    damaged_workbook(folder / "broken.infoview")
    return folder


@pytest.fixture(scope="module")
def workbook(root: Path) -> Written:
    """``infoview init`` into new nested folders; the side files are checked while open."""
    users = users_folder(root, "workbook")
    path = users / "new" / "nested" / "ana.infoview"
    assert main(["init", str(path), "--name", "Ana Lima", "--email", "ana@example.edu"]) == 0
    return Written(users, frozenset({"new/nested/ana.infoview"}))


def _report(root: Path, kind: str, *arguments: str, status: int = 0) -> Path:
    """Run ``infoview report`` into ``<kind>/new/reports``; returns the user's folder."""
    users = users_folder(root, kind)
    out = users / "new" / "reports"
    assert main(["report", *arguments, "--as-of", AS_OF, "--out", str(out)]) == status
    return users


@pytest.fixture(scope="module")
def report_pdf(root: Path, inputs: Path) -> Written:
    """``infoview report``: the PDF and the executed notebook kept beside it."""
    users = _report(root, "report_pdf", str(inputs / "ana.infoview"))
    return Written(users, frozenset({"new/reports/ana-lima.pdf", "new/reports/ana-lima.ipynb"}))


@pytest.fixture(scope="module")
def report_html(root: Path, inputs: Path) -> Written:
    """``infoview report --format html``, and its executed notebook."""
    users = _report(root, "report_html", str(inputs / "ana.infoview"), "--format", "html")
    return Written(users, frozenset({"new/reports/ana-lima.html", "new/reports/ana-lima.ipynb"}))


@pytest.fixture(scope="module")
def report_ipynb(root: Path, inputs: Path) -> Written:
    """``infoview report --format ipynb``: the executed notebook is the report."""
    users = _report(root, "report_ipynb", str(inputs / "ana.infoview"), "--format", "ipynb")
    return Written(users, frozenset({"new/reports/ana-lima.ipynb"}))


@pytest.fixture(scope="module")
def failed_report(root: Path, inputs: Path) -> Written:
    """A report that fails (a damaged workbook): the notebook kept to show why."""
    users = _report(root, "failed_report", str(inputs / "broken.infoview"), status=1)
    return Written(users, frozenset({"new/reports/broken.ipynb"}))


@pytest.fixture(scope="module")
def cohort(root: Path, inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Written:
    """``infoview cohort`` on a sample student and a damaged workbook, in two workers."""
    folder = tmp_path_factory.mktemp("cohort")
    sample = load_cohort()
    spec = next(path for path in sample.student_files if "zoe" in path.name)
    build_student(spec, folder, sample.as_of)
    (folder / "broken.infoview").write_bytes((inputs / "broken.infoview").read_bytes())
    users = users_folder(root, "cohort")
    out = users / "new" / "reports"
    arguments = ["cohort", str(folder), "--out", str(out), "--jobs", "2", "--as-of", AS_OF]
    assert main(arguments) == 1  # the damaged workbook's report fails
    names = ["zoe-muller.pdf", "zoe-muller.ipynb", "broken.ipynb"]
    names += ["cohort-summary.csv", "cohort-summary.pdf"]
    return Written(users, frozenset(f"new/reports/{name}" for name in names))


@pytest.fixture(scope="module")
def demo(root: Path) -> Written:
    """``infoview demo --dir``: the sample cohort's workbooks, then their reports."""
    users = users_folder(root, "demo")
    built = users / "new" / "demo"
    assert main(["demo", "--dir", str(built)]) == 0
    names = {f"new/demo/{path.stem}.infoview" for path in load_cohort().student_files}
    names |= {f"new/demo/reports/{name}" for name in ("cohort-summary.csv", "cohort-summary.pdf")}
    names |= {"new/demo/reports/jose-alvarez.pdf", "new/demo/reports/jose-alvarez.ipynb"}
    return Written(users, frozenset(names))


@pytest.fixture(scope="module")
def lab_copies(root: Path) -> Written:
    """``infoview lab``'s own copy of the notebooks, beside a workbook in a new folder.

    What JupyterLab itself saves into the copy is checked against a running server in
    ``tests/test_cli_app.py``.
    """
    users = users_folder(root, "lab_copies")
    own_copy(users / "new" / "ana.infoview")
    names = {f"new/notebooks/{path.name}" for path in notebooks_dir().glob("*.ipynb")}
    return Written(users, frozenset(names))


@pytest.fixture(scope="module")
def first_notebook(root: Path) -> Written:
    """The first notebook's profile form, which creates the workbook and its folders."""
    users = users_folder(root, "first_notebook")
    start = StartHere(users / "new" / "nested" / "ana.infoview", date(2026, 3, 16))
    start.profile.form.fields["name"].widget.value = "Ana Lima"
    start.profile.form.button.click()
    assert "Saved." in start.profile.form.status.value
    return Written(users, frozenset({"new/nested/ana.infoview"}))


@pytest.fixture(scope="module")
def hand_in(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Written:
    """``infoview hand-in --out`` into new nested folders: the snapshot alone, no side files."""
    folder = tmp_path_factory.mktemp("hand_in_workbook")
    with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei Ng", phone="+1 555 010 0142"))
    users = users_folder(root, "hand_in")
    out = users / "new" / "hand-ins"
    arguments = ["hand-in", str(folder / "ana.infoview"), "--out", str(out), "--as-of", AS_OF]
    assert main(arguments) == 0
    return Written(users, frozenset({f"new/hand-ins/ana-lima-{AS_OF}.infoview"}))


#: Every kind of file infoview writes, by the fixture that writes it.
KINDS = [
    "workbook",
    "report_pdf",
    "report_html",
    "report_ipynb",
    "failed_report",
    "cohort",
    "demo",
    "lab_copies",
    "first_notebook",
    "hand_in",
]


@pytest.mark.parametrize("kind", KINDS)
def test_every_file_is_private_and_every_folder_made_too(
    kind: str, request: pytest.FixtureRequest
) -> None:
    written: Written = request.getfixturevalue(kind)
    check_private(written)


def test_a_workbooks_side_files_are_private_while_it_is_open(workbook: Written) -> None:
    path = workbook.users / "new" / "nested" / "ana.infoview"
    with Workbook.open(path) as book:
        book.add(Contact(name="Sam Okafor", email="sam@example.org"))
        sidecars = {f"new/nested/{path.name}-wal", f"new/nested/{path.name}-shm"}
        check_private(Written(workbook.users, workbook.names | sidecars))
