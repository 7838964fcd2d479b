"""The guided notebooks: generated from their specs, committed clean, each runs through."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from infoview_lib.notebook_builder import build
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.ui import session

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SPECS = ROOT / "notebooks" / "specs"


def test_there_is_a_notebook_per_spec() -> None:
    assert [path.stem for path in NOTEBOOKS] == sorted(path.stem for path in SPECS.glob("*.md"))
    assert NOTEBOOKS, "no notebooks found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_committed_without_outputs_and_as_generated(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None
    expected = build((SPECS / f"{path.stem}.md").read_text(encoding="utf-8"))
    committed = nbformat.reads(path.read_text(encoding="utf-8"), 4)  # type: ignore[no-untyped-call]
    assert committed == expected, f"{path.name} differs from its spec: run 'make notebooks'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_each_code_cell_is_a_call_or_two(path: Path) -> None:
    notebook = nbformat.read(path, 4)  # type: ignore[no-untyped-call]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            lines = [line for line in cell.source.splitlines() if line.strip()]
            assert len(lines) <= 2, cell.source


GUIDED = [path for path in NOTEBOOKS if path.stem[:2].isdigit()]


def _links(path: Path) -> list[str]:
    notebook = nbformat.read(path, 4)  # type: ignore[no-untyped-call]
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    return re.findall(r"\]\(([^)]+)\)", text)


@pytest.mark.parametrize("path", GUIDED, ids=lambda path: path.stem)
def test_each_notebook_links_home_and_to_the_next_step(path: Path) -> None:
    links = _links(path)
    assert links, f"{path.name} links to no other notebook"
    for link in links:
        assert (path.parent / link).is_file(), f"{path.name} links to {link}, which is missing"
    following = GUIDED[GUIDED.index(path) + 1 :]
    if following:
        assert following[0].name in links
    if path.stem != "00_start_here":
        assert "00_start_here.ipynb" in links
    assert nbformat.read(path, 4).cells[0].source.startswith(f"# {path.stem[:2]} ")  # type: ignore[no-untyped-call]


@pytest.fixture(scope="module")
def sample_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of a sample student's workbook, in the middle of a semester."""
    cohort = load_cohort()
    spec = cohort.student_files[3]
    return build_student(spec, tmp_path_factory.mktemp("workbook"), cohort.as_of)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_runs_top_to_bottom_on_a_real_workbook(path: Path, sample_workbook: Path) -> None:
    env = {
        **os.environ,
        session.WORKBOOK_VARIABLE: str(sample_workbook),
        session.TODAY_VARIABLE: load_cohort().as_of.isoformat(),
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
