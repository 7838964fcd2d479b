"""Under the usual umask (022), every file an export or a restore writes is 0600, in
folders it makes 0700, and the user's own folder is left as it was."""

from __future__ import annotations

import stat
from pathlib import Path

from infoview_lib.cli import main
from tests.conftest import umask


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_exports_and_restores_are_private_under_the_usual_umask(
    cohort: list[Path], tmp_path: Path
) -> None:
    users = tmp_path / "users"
    with umask(0o022):
        users.mkdir()
        student = str(cohort[2])
        for fmt, out in [("csv", "new/csv"), ("xlsx", "new/x/work.xlsx"), ("json", "b/a.json")]:
            assert main(["export", student, "--format", fmt, "--out", str(users / out)]) == 0
        out = str(users / "r" / "s" / "restored.infoview")
        assert main(["restore", str(users / "b" / "a.json"), "--out", out]) == 0
    files = [path for path in users.rglob("*") if not path.is_dir()]
    folders = [path for path in users.rglob("*") if path.is_dir()]
    assert len(files) == 7 + 1 + 1 + 1
    assert {str(path.relative_to(users)): oct(_mode(path)) for path in files} == {
        str(path.relative_to(users)): oct(0o600) for path in files
    }
    assert {str(path): oct(_mode(path)) for path in folders} == {
        str(path): oct(0o700) for path in folders
    }
    assert _mode(users) == 0o755
