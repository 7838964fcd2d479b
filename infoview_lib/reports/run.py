"""One student's report: the report notebook executed by papermill, then exported.

The executed notebook is always kept beside the output (``<slug>.ipynb``): when
something goes wrong, it shows which cell failed and why. Nothing here reads the
clock: the as-of date is given by the caller.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from infoview_lib.errors import InfoviewError
from infoview_lib.reports.slugs import slug

if TYPE_CHECKING:
    from jupyter_client.manager import AsyncKernelManager
    from nbformat import NotebookNode

Format = Literal["pdf", "html", "ipynb"]
Paper = Literal["A4", "Letter"]
FORMATS: tuple[str, ...] = get_args(Format)
PAPERS: tuple[str, ...] = get_args(Paper)
#: The kernel the report notebook runs in: the Python that runs infoview.
KERNEL = "python3"
#: How long one cell of the report may run before the report is given up.
CELL_TIMEOUT_S = 300
#: A file name made by :func:`~infoview_lib.reports.slugs.slug`.
_SAFE_STEM = re.compile(r"[a-z0-9][a-z0-9-]*")


class ReportError(InfoviewError):
    """A report was asked for in a way that cannot work (an unknown format, say)."""


@dataclass(frozen=True)
class ReportResult:
    """What became of one student's report.

    ``output`` is the PDF, HTML or executed notebook, or None if the report
    failed; ``executed`` is the executed notebook, kept for debugging (it may be
    missing if the kernel never started); ``error`` says why it failed.
    """

    workbook: Path
    output: Path | None
    executed: Path
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the report was made."""
        return self.error is None


def report_notebook() -> Path:
    """The report notebook: the one shipped with infoview, else a source checkout's."""
    packaged = Path(__file__).resolve().parent.parent / "_notebooks"  # inside an installed wheel
    folder = packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "notebooks"
    return folder / "report" / "student_report.ipynb"


def student_name(workbook: Path) -> str | None:
    """The student's name from the workbook's profile, or None if it cannot be opened."""
    from infoview_lib.store import Workbook  # the store is only needed here

    try:
        with Workbook.read_only(workbook) as book:
            return book.profile().name
    except (InfoviewError, OSError):
        return None


def file_stem(workbook: Path) -> str:
    """The report's file name (without suffix): the student's name, or the file's, as a slug."""
    return slug(student_name(workbook) or workbook.stem)


def check_paper(paper: str) -> Paper:
    """``A4`` or ``Letter``, whatever the case it was written in."""
    for known in PAPERS:
        if paper.strip().lower() == known.lower():
            return known  # type: ignore[return-value]
    raise ReportError(f"Unknown paper size {paper!r}: choose A4 or Letter.")


def run_report(
    workbook: Path,
    out_dir: Path,
    *,
    as_of: date,
    fmt: Format = "pdf",
    advisor: str = "",
    sections: str = "all",
    paper: str = "A4",
    name: str | None = None,
    kernel: ReportKernel | None = None,
) -> ReportResult:
    """Execute the report notebook for ``workbook`` and export it into ``out_dir``.

    ``name`` is the output's file name without suffix (a slug; default: the
    student's name, made safe). ``kernel`` keeps one kernel for several reports
    (default: a new kernel for this one). Failure is reported in the result,
    never raised: a batch carries on with the next student.
    """
    if fmt not in FORMATS:
        raise ReportError(f"Unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    paper_size = check_paper(paper)
    stem = name if name is not None else file_stem(workbook)
    if not _SAFE_STEM.fullmatch(stem):
        raise ReportError(f"{stem!r} is not a safe file name for a report: use slug().")
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / f"{stem}.ipynb"
    output = out_dir / f"{stem}.{fmt}"
    output.unlink(missing_ok=True)  # never leave an earlier run's report looking current
    if fmt != "ipynb":
        executed.unlink(missing_ok=True)
    try:
        notebook = _execute(
            workbook.resolve(), executed.resolve(), as_of, advisor, sections, kernel
        )
        if fmt != "ipynb":
            _write_atomically(output, _export(notebook, fmt, paper_size))
    except Exception as error:  # one student's failure must not stop a batch
        if kernel is not None:
            kernel.close()  # whatever state it was left in, the next student gets a new one
        output.unlink(missing_ok=True)
        return ReportResult(workbook, None, executed, _reason(error))
    return ReportResult(workbook, output, executed)


class ReportKernel:
    """One kernel kept for several reports in a row, as a cohort worker makes them.

    Starting a kernel and importing infoview in it is most of a small report's
    time: a kept kernel makes each report after the first about three times
    faster. Before each report its variables are cleared (``%reset -f``), so
    nothing of one student is left for the next; after a failed report, or if
    it died, the kernel is replaced by a new one.
    """

    def __init__(self) -> None:
        self._manager: AsyncKernelManager | None = None

    def ready(self) -> AsyncKernelManager:
        """The kernel, started if need be, with no variables left from the last report."""
        from jupyter_core.utils import run_sync

        manager = self._manager
        if manager is not None and run_sync(manager.is_alive)():
            try:
                run_sync(self._clear)(manager)
                return manager
            except Exception:  # a kernel that does not answer: start afresh
                self.close()
        manager = _quiet_kernel_manager()(kernel_name=KERNEL)
        run_sync(manager.start_kernel)()
        self._manager = manager
        return manager

    @staticmethod
    async def _clear(manager: AsyncKernelManager) -> None:
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=30)
            reply = await client.execute_interactive(
                "%reset -f", store_history=False, timeout=30, output_hook=lambda _: None
            )
            if reply["content"]["status"] != "ok":
                raise RuntimeError("the kernel could not clear its variables")
        finally:
            client.stop_channels()

    def release(self) -> None:
        """Close the connections a report opened to the kernel; the kernel runs on."""
        if self._manager is not None:
            self._manager.stop_clients()  # type: ignore[attr-defined]

    def close(self) -> None:
        """Stop the kernel, if one is running."""
        from jupyter_core.utils import run_sync

        self.release()
        manager, self._manager = self._manager, None
        if manager is not None:
            run_sync(manager.shutdown_kernel)(now=True)


def _execute(
    workbook: Path,
    executed: Path,
    as_of: date,
    advisor: str,
    sections: str,
    kernel: ReportKernel | None = None,
) -> NotebookNode:
    """Run the report notebook with papermill; the executed notebook is written to ``executed``."""
    import papermill

    parameters = {
        "workbook": str(workbook),
        "as_of": as_of.isoformat(),
        "advisor": advisor,
        "sections": sections,
    }
    # papermill formats paths with the parameters: braces in a folder's name must stay braces.
    # No cwd=: papermill would change the whole process's working directory.
    try:
        notebook: NotebookNode = papermill.execute_notebook(
            _literal(report_notebook()),
            _literal(executed),
            parameters=parameters,
            kernel_name=KERNEL,
            progress_bar=False,
            log_output=False,
            execution_timeout=CELL_TIMEOUT_S,
            kernel_manager_class=_quiet_kernel_manager(),
            **({"km": kernel.ready()} if kernel is not None else {}),
        )
    finally:
        if kernel is not None:
            kernel.release()
    return notebook


@cache
def _quiet_kernel_manager() -> type[AsyncKernelManager]:
    """A kernel manager whose kernels' own notices do not clutter the terminal.

    The kernel says it "is running over TCP without encryption" (on this computer
    only, 127.0.0.1) and logs its shutdown; what matters is in the executed notebook.
    """
    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_start_kernel(self, **kw: Any) -> None:
            kw.setdefault("stderr", subprocess.DEVNULL)
            await super()._async_start_kernel(**kw)

        start_kernel = _async_start_kernel

        def client(self, **kw: Any) -> Any:
            """A client, remembered so that :meth:`stop_clients` can close its channels
            (papermill leaves them open on a kernel it did not start)."""
            made = super().client(**kw)
            self.__dict__.setdefault("_clients", []).append(made)
            return made

        def stop_clients(self) -> None:
            """Close the channels of every client made so far."""
            for made in self.__dict__.pop("_clients", []):
                made.stop_channels()

    return QuietKernelManager


def _export(notebook: NotebookNode, fmt: Format, paper: Paper) -> bytes:
    """The executed notebook as PDF or HTML, with infoview's template (no code, no prompts)."""
    from infoview_lib.reports.pdf import InfoviewHTMLExporter, InfoviewPDFExporter

    if fmt == "pdf":
        pdf = InfoviewPDFExporter(paper=paper)
        body, _ = pdf.from_notebook_node(notebook)
        return bytes(body)
    page = InfoviewHTMLExporter(paper=paper)
    text, _ = page.from_notebook_node(notebook)
    return str(text).encode("utf-8")


def _literal(path: Path) -> str:
    return str(path).replace("{", "{{").replace("}", "}}")


def _write_atomically(target: Path, content: bytes) -> None:
    """Write ``target`` whole or not at all, so no half-written report is left behind."""
    descriptor, scratch = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        Path(scratch).replace(target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def _reason(error: Exception) -> str:
    """Why a report failed, in one line."""
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename is not None:  # papermill: an error inside the notebook
        detail = f"{ename}: {evalue}" if evalue else str(ename)
        cell = getattr(error, "exec_count", None)
        where = f" (cell {cell})" if cell else ""
        return f"the report notebook failed{where}: {detail}".replace("\n", " ")
    if isinstance(error, InfoviewError):
        return str(error).replace("\n", " ")
    return f"{type(error).__name__}: {error}".replace("\n", " ")
