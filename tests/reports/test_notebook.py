"""The report notebook, executed by papermill as the report commands run it."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import nbformat
import papermill
import pytest

from infoview_lib.sample_cohort import build_cohort, load_cohort

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "report" / "student_report.ipynb"


def _execute(out: Path, **parameters: str) -> Any:
    return papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        log_output=False,
    )


def _outputs(notebook: Any, mime: str) -> list[str]:
    return [
        "".join(output["data"][mime])
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if mime in output.get("data", {})
    ]


def test_the_notebook_reports_on_a_sample_student(tmp_path: Path) -> None:
    cohort = load_cohort()
    workbook = build_cohort(tmp_path / "cohort")[2]
    out = tmp_path / "report.ipynb"
    _execute(
        out,
        workbook=str(workbook),
        as_of=cohort.as_of.isoformat(),
        advisor="Sam Advisor",
        sections="all",
    )
    executed = nbformat.read(out, as_version=4)  # type: ignore[no-untyped-call]
    kinds = {o["output_type"] for c in executed.cells for o in c.get("outputs", [])}
    assert "error" not in kinds
    assert "stream" not in kinds
    html = "".join(_outputs(executed, "text/html"))
    assert f'<h1 class="infoview-student">{escape("José Álvarez")}</h1>' in html
    assert "Advisor: Sam Advisor · Confidential" in html
    assert '<section class="infoview-advisor-notes">' in html
    assert len(_outputs(executed, "image/png")) == 1


def test_a_workbook_that_cannot_be_opened_fails_the_run_plainly(tmp_path: Path) -> None:
    out = tmp_path / "report.ipynb"
    with pytest.raises(papermill.PapermillExecutionError, match="There is no workbook at"):
        _execute(out, workbook=str(tmp_path / "nobody.infoview"), as_of="2026-03-16")
    assert out.exists()  # kept for debugging
