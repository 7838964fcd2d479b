"""The README's main-job command works in a fresh copy of the project, exactly as written.

The copy holds the files git tracks (as they are in the working tree), so a file
that was never added to git fails here as it would in a clone.

(`make test`, the other README command, is what CI runs on a fresh clone.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def test_make_demo_in_a_fresh_copy(tmp_path: Path) -> None:
    copy = tmp_path / "infoview"
    for name in _project_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    assert not (copy / ".venv").exists()
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    shared = ROOT.parent / "shared"
    if shared.exists():
        (tmp_path / "shared").symlink_to(shared)
    result = subprocess.run(
        ["make", "demo"],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (copy / ".venv" / "bin" / "infoview").exists()
    built = sorted((copy / "demo").glob("*.infoview"))
    assert len(built) >= 8
    assert f"Built {len(built)} sample workbooks in demo/" in result.stdout
    assert "Traceback" not in result.stderr
