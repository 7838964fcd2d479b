"""One student's report: papermill runs the report notebook, then it is exported."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from jupyter_core.utils import run_sync

from infoview_lib.model import Contact, StudentProfile
from infoview_lib.reports.run import (
    ReportError,
    ReportKernel,
    check_paper,
    file_stem,
    report_notebook,
    run_report,
)
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.store import Workbook
from tests.conftest import AS_OF, damaged_workbook, digest
from tests.reports.conftest import DISK_FULL


def pdf_text(path: Path) -> str:
    """All the text of a PDF, page after page."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """José Álvarez's workbook: contacts met, follow-ups overdue."""
    cohort = load_cohort()
    spec = next(path for path in cohort.student_files if "jose" in path.name)
    return build_student(spec, tmp_path, cohort.as_of)


def test_the_report_notebook_is_shipped_with_its_parameters() -> None:
    notebook = json.loads(report_notebook().read_text(encoding="utf-8"))
    tagged = [c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    for name in ("workbook", "as_of", "advisor", "sections"):
        assert f"{name} = " in "".join(tagged[0]["source"])


def test_a_pdf_report_keeps_its_executed_notebook(sample: Path, tmp_path: Path) -> None:
    before = digest(sample)
    result = run_report(sample, tmp_path / "out", as_of=load_cohort().as_of, advisor="Dr Kim")
    assert result.ok, result.error
    assert result.output == tmp_path / "out" / "jose-alvarez.pdf"
    assert result.executed == tmp_path / "out" / "jose-alvarez.ipynb"
    assert result.executed.is_file()
    text = pdf_text(result.output)
    assert "José Álvarez" in text
    assert "Dr Kim" in text
    assert "OVERDUE" in text
    assert "In [" not in text
    assert "open_report" not in text  # no code
    assert digest(sample) == before  # the report never changes the workbook


def test_the_same_input_gives_the_same_pdf_text(sample: Path, tmp_path: Path) -> None:
    first = run_report(sample, tmp_path / "one", as_of=load_cohort().as_of)
    second = run_report(sample, tmp_path / "two", as_of=load_cohort().as_of)
    assert first.output
    assert second.output
    assert pdf_text(first.output) == pdf_text(second.output)


def test_html_and_ipynb_formats_and_a_folder_with_braces(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "{student} reports"
    html = run_report(sample, out, as_of=AS_OF, fmt="html", paper="letter", sections="progress")
    assert html.ok, html.error
    assert html.output == out / "jose-alvarez.html"
    page = html.output.read_text(encoding="utf-8")
    assert "José Álvarez" in page
    assert "open_report" not in page
    notebook = run_report(sample, out, as_of=AS_OF, fmt="ipynb", name="custom-name")
    assert notebook.ok, notebook.error
    assert notebook.output == notebook.executed == out / "custom-name.ipynb"
    assert sorted(path.name for path in out.iterdir()) == [
        "custom-name.ipynb",
        "jose-alvarez.html",
        "jose-alvarez.ipynb",
    ]


def test_a_corrupt_workbook_fails_with_a_reason_and_keeps_the_notebook(tmp_path: Path) -> None:
    broken = damaged_workbook(tmp_path / "broken.infoview")
    stale = tmp_path / "out" / "broken.pdf"
    stale.parent.mkdir()
    stale.write_bytes(b"an earlier report")
    result = run_report(broken, tmp_path / "out", as_of=AS_OF)
    assert not result.ok
    assert result.output is None
    assert "is damaged and cannot be read" in (result.error or "")
    assert result.executed == tmp_path / "out" / "broken.ipynb"
    assert result.executed.is_file()
    assert not stale.exists()  # never left looking like this run's report


def test_a_file_that_is_plainly_no_workbook_fails_before_a_kernel_starts(
    tmp_path: Path,
) -> None:
    other = tmp_path / "notes.infoview"
    other.write_bytes(os.urandom(4096))
    kernel = ReportKernel()
    try:
        result = run_report(other, tmp_path / "out", as_of=AS_OF, kernel=kernel)
        assert not result.ok
        assert "not an infoview workbook" in (result.error or "")
        assert result.kept_notebook is None
        assert list((tmp_path / "out").iterdir()) == []
        assert kernel._manager is None  # never started
    finally:
        kernel.close()


def test_a_full_disk_is_said_plainly_and_leaves_no_empty_notebook(
    sample: Path, tmp_path: Path, full_disk: Callable[[Path], None]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    full_disk(out)
    result = run_report(sample, out, as_of=AS_OF)
    assert not result.ok
    assert result.error == DISK_FULL
    assert result.output is None
    assert list(out.iterdir()) == []  # no empty notebook, nothing half-written


def test_a_student_with_no_records_gets_a_report(tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "new.infoview", StudentProfile(name="Ana Lima")):
        pass
    result = run_report(tmp_path / "new.infoview", tmp_path / "out", as_of=AS_OF)
    assert result.ok, result.error
    assert result.output
    assert "Ana Lima" in pdf_text(result.output)


def test_the_file_name_comes_from_a_safe_slug(tmp_path: Path) -> None:
    path = tmp_path / "x.infoview"
    with Workbook.create(path, StudentProfile(name="../../Zoë <b>/ Ana")) as book:
        book.add(Contact(name="Someone"))
    assert file_stem(path) == "zoe-b-ana"
    (tmp_path / "junk.infoview").write_bytes(b"junk")
    assert file_stem(tmp_path / "junk.infoview") == "junk"


@pytest.mark.parametrize(
    "arguments",
    [{"fmt": "docx"}, {"paper": "A3"}, {"name": "../x"}, {"name": "Ana Lima"}],
)
def test_a_bad_request_is_refused_before_running(tmp_path: Path, arguments: dict[str, str]) -> None:
    with pytest.raises(ReportError):
        run_report(tmp_path / "x.infoview", tmp_path / "out", as_of=AS_OF, **arguments)  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


def test_paper_sizes_in_any_case() -> None:
    assert check_paper("a4") == "A4"
    assert check_paper(" LETTER ") == "Letter"


def _outputs(executed: Path) -> list[object]:
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    return [cell.get("outputs") for cell in notebook["cells"]]


def _kernel_says(kernel: ReportKernel, expression: str) -> str:
    """``expression``'s value in the kept kernel, once cleared, asked by a client of its own."""

    manager = kernel.ready()  # not inside ask(): the kernel's own client stays on this loop

    async def ask() -> str:
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=30)
            reply = await client.execute_interactive(
                "", user_expressions={"found": expression}, timeout=30
            )
        finally:
            client.stop_channels()
        return str(reply["content"]["user_expressions"]["found"]["data"]["text/plain"])

    return run_sync(ask)()


def _kernel_has(kernel: ReportKernel, name: str) -> bool:
    """Whether the kept kernel's namespace holds ``name`` now."""
    return _kernel_says(kernel, f"{name!r} in globals()") == "True"


def test_a_kept_kernel_starts_each_report_with_nothing_of_the_last(
    sample: Path, tmp_path: Path
) -> None:
    kernel = ReportKernel()
    try:
        first = run_report(sample, tmp_path / "a", as_of=AS_OF, fmt="ipynb", kernel=kernel)
        assert first.ok, first.error
        manager, client = kernel.ready(), kernel.client  # cleared for the next report
        assert not _kernel_has(kernel, "report")
        # What the modules hold is frozen out of the garbage collector: the clears are quick.
        assert int(_kernel_says(kernel, "__import__('gc').get_freeze_count()")) > 0
        # The parameters (the workbook's path) stay out of IPython's history file.
        history = "str(get_ipython().history_manager.hist_file)"
        assert _kernel_says(kernel, history) == repr(":memory:")
        second = run_report(sample, tmp_path / "b", as_of=AS_OF, fmt="ipynb", kernel=kernel)
        assert second.ok, second.error
        assert kernel.ready() is manager  # the same kernel served both
        assert kernel.client is client  # through one connection, whatever others it had
        assert _outputs(first.executed) == _outputs(second.executed)

        corrupt = damaged_workbook(tmp_path / "corrupt.infoview")
        failed = run_report(corrupt, tmp_path / "c", as_of=AS_OF, kernel=kernel)
        assert not failed.ok
        assert kernel.ready() is not manager  # after a failure, a new kernel
    finally:
        kernel.close()


def test_a_kept_kernel_that_died_is_replaced_and_cleaned_up() -> None:
    kernel = ReportKernel()
    try:
        manager = kernel.ready()
        process = manager.provisioner.process  # type: ignore[union-attr]
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert kernel.ready() is not manager
        assert not Path(manager.connection_file).exists()  # nor its client left connected
    finally:
        kernel.close()


LAST_WORDS = "the last words\n"


def _cell(source: str, *tags: str) -> dict[str, object]:
    """A code cell not run yet, as an .ipynb file holds it."""
    return {
        "cell_type": "code",
        "id": f"c{abs(hash(source))}",
        "metadata": {"tags": list(tags)} if tags else {},
        "source": source,
        "execution_count": None,
        "outputs": [],
    }


def test_a_report_whose_kept_kernel_dies_keeps_its_notebook_as_far_as_it_ran(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dying = tmp_path / "dying.ipynb"
    parameters = 'workbook = ""\nas_of = ""\nadvisor = ""\nsections = "all"'
    cells = [_cell(parameters, "parameters"), _cell(f"print({LAST_WORDS.strip()!r})")]
    cells += [_cell("import os\nos._exit(1)"), _cell('print("never")')]
    kernelspec = {"name": "python3", "language": "python", "display_name": "Python 3"}
    notebook = {"cells": cells, "metadata": {"kernelspec": kernelspec}}
    dying.write_text(json.dumps(notebook | {"nbformat": 4, "nbformat_minor": 5}))
    monkeypatch.setattr("infoview_lib.reports.run.report_notebook", lambda: dying)
    kernel = ReportKernel()
    try:
        result = run_report(sample, tmp_path / "out", as_of=AS_OF, kernel=kernel)
        assert not result.ok
        assert "DeadKernelError" in (result.error or "")
        assert result.kept_notebook is not None  # saved where it broke off
        kept = _outputs(result.executed)
        assert kept[2] == [{"name": "stdout", "output_type": "stream", "text": [LAST_WORDS]}]
        assert kept[4] == []  # never run
    finally:
        kernel.close()


def test_a_pdf_of_500_contacts_with_hostile_text_stays_short_and_shows_it_as_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "many.infoview"
    hostile = "<script>alert('x')</script> <b>bold?</b> مرحبا 🎉"
    with Workbook.create(path, StudentProfile(name="Ana <i>Lima</i>")) as book, book.transaction():
        for number in range(500):
            book.add(Contact(name=f"Person {number:03d}", organisation=hostile, notes="x" * 5000))
    result = run_report(path, tmp_path / "out", as_of=AS_OF)
    assert result.ok, result.error
    assert result.output is not None
    pages = pypdf.PdfReader(result.output).pages
    assert len(pages) <= 12  # long tables are summed up, not printed whole
    text = pdf_text(result.output)
    assert "Ana <i>Lima</i>" in text  # the name as typed, not as markup
    assert "<script>alert('x')" in text  # shown as text (wrapped in its cell), never run
    assert "<b>bold?</b>" in text
    assert "450 more contacts not shown" in text
    assert "All 500 by status" in text
    assert all("Confidential" in page.extract_text() for page in pages)


def test_a_full_disk_inside_the_report_notebook_is_said_plainly() -> None:
    """The notebook's own writes (its chart, say) fail with the kernel's OSError, as text."""
    from papermill.exceptions import PapermillExecutionError

    from infoview_lib.reports.run import _reason

    inside = PapermillExecutionError(
        cell_index=4,
        exec_count=4,
        source="chart()",
        ename="OSError",
        evalue="[Errno 28] No space left on device: 'funnel.png'",
        traceback=[],
    )
    assert _reason(inside) == DISK_FULL
