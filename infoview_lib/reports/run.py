"""One student's report: the report notebook executed by papermill, then exported.

The executed notebook is kept beside the output (``<slug>.ipynb``): when something
goes wrong, it shows which cell failed and why. Like the output, it holds the
student's data, so every save of it is private (0600) and whole, in a folder made
private (0700) if infoview made it. Nothing here reads the clock: the as-of date is
given by the caller.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from infoview_lib.errors import InfoviewError
from infoview_lib.private_files import (
    DISK_FULL,
    is_disk_full,
    make_private_folders,
    says_disk_full,
    write_private,
)
from infoview_lib.reports.slugs import slug
from infoview_lib.store import Workbook, WorkbookError

if TYPE_CHECKING:
    from jupyter_client.asynchronous.client import AsyncKernelClient
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
#: How long a new kernel may take to answer.
START_TIMEOUT_S = 60
#: What clears a kept kernel between reports: the variables go, and what is left (the
#: modules imported, their caches) is frozen out of the garbage collector, so that its
#: collections (two in the reset) look only at what the next report makes, not at every
#: module: the reset takes a few milliseconds instead of a tenth of a second.
_CLEAR = "%reset -f\n__import__('gc').freeze()"
#: A kept kernel keeps its input history in memory, as the kernels papermill starts do:
#: in IPython's history file (on disk, readable by others) every report's parameters
#: (the workbook's path, the advisor) stayed, and each cell was a write to it.
_NO_HISTORY_FILE = "--HistoryManager.hist_file=:memory:"
#: The name papermill knows :func:`_kept_kernel_engine` by.
_KEPT_ENGINE = "infoview-kept-kernel"
#: A file name made by :func:`~infoview_lib.reports.slugs.slug`.
_SAFE_STEM = re.compile(r"[a-z0-9][a-z0-9-]*")
#: papermill saves a notebook whose path starts with this with :class:`_PrivateNotebooks`.
_PRIVATE = "infoview-private://"


class ReportError(InfoviewError):
    """A report was asked for in a way that cannot work (an unknown format, say)."""


@dataclass(frozen=True)
class ReportResult:
    """What became of one student's report.

    ``output`` is the PDF, HTML or executed notebook, or None if the report
    failed; ``executed`` is where the executed notebook is kept for debugging (it
    is missing if the kernel never started or the disk was full: see
    :attr:`kept_notebook`); ``error`` says why it failed.
    """

    workbook: Path
    output: Path | None
    executed: Path
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the report was made."""
        return self.error is None

    @property
    def kept_notebook(self) -> Path | None:
        """The executed notebook, if one was kept (never a missing or empty file)."""
        try:
            return self.executed if self.executed.stat().st_size > 0 else None
        except OSError:
            return None


def report_notebook() -> Path:
    """The report notebook: the one shipped with infoview, else a source checkout's."""
    packaged = Path(__file__).resolve().parent.parent / "_notebooks"  # inside an installed wheel
    folder = packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "notebooks"
    return folder / "report" / "student_report.ipynb"


def student_name(workbook: Path) -> str | None:
    """The student's name from the workbook's profile, or None if it cannot be opened."""
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
    never raised: a batch carries on with the next student. Every file is written
    0600, and ``out_dir`` and the folders above it that infoview makes are 0700.
    A full disk leaves neither the output nor the executed notebook.
    """
    if fmt not in FORMATS:
        raise ReportError(f"Unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    paper_size = check_paper(paper)
    stem = name if name is not None else file_stem(workbook)
    if not _SAFE_STEM.fullmatch(stem):
        raise ReportError(f"{stem!r} is not a safe file name for a report: use slug().")
    make_private_folders(out_dir)
    executed = out_dir / f"{stem}.ipynb"
    output = out_dir / f"{stem}.{fmt}"
    output.unlink(missing_ok=True)  # never leave an earlier run's report looking current
    if fmt != "ipynb":
        executed.unlink(missing_ok=True)
    try:  # before a kernel starts: a file that is plainly no workbook fails at once
        Workbook.check_file(workbook)
    except WorkbookError as error:
        return ReportResult(workbook, None, executed, _reason(error))
    try:
        notebook = _execute(
            workbook.resolve(), executed.resolve(), as_of, advisor, sections, kernel
        )
        if fmt != "ipynb":
            write_private(output, _export(notebook, fmt, paper_size))
    except Exception as error:  # one student's failure must not stop a batch
        if kernel is not None:
            kernel.close()  # whatever state it was left in, the next student gets a new one
        output.unlink(missing_ok=True)
        if is_disk_full(error):  # the reason is known, and a part-saved notebook takes space
            executed.unlink(missing_ok=True)
        return ReportResult(workbook, None, executed, _reason(error))
    return ReportResult(workbook, output, executed)


class ReportKernel:
    """One kernel kept for several reports in a row, as a cohort worker makes them.

    Starting a kernel and importing infoview in it is most of a small report's
    time: a kept kernel makes each report after the first about three times
    faster. One client stays connected to it, so a report opens no connection of
    its own (each new one waits a fifth of a second for its messages to settle).
    Before each report its variables are cleared (``%reset -f``), so nothing of
    one student is left for the next; after a failed report, or if it died, the
    kernel is replaced by a new one. Use it from one thread, always from code with
    no event loop running, or always from code with one.
    """

    def __init__(self) -> None:
        self._manager: AsyncKernelManager | None = None
        self._client: AsyncKernelClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def ready(self) -> AsyncKernelManager:
        """The kernel, started if need be, with no variables left from the last report."""
        from jupyter_core.utils import run_sync

        manager, client = self._manager, self._client
        if manager is not None and client is not None:
            try:
                if not run_sync(manager.is_alive)():
                    raise RuntimeError("the kernel died")
                run_sync(_clear)(client, self._loop)
            except Exception:  # a kernel that died or does not answer: start afresh
                self.close()
            else:
                _freeze_this_process()
                return manager
        manager = self._manager = _quiet_kernel_manager()(kernel_name=KERNEL)
        try:
            run_sync(manager.start_kernel)(extra_arguments=[_NO_HISTORY_FILE])
            self._client, self._loop = run_sync(_connect)(manager)
        except BaseException:
            self.close()
            raise
        return manager

    @property
    def client(self) -> AsyncKernelClient:
        """The client connected to the kernel that :meth:`ready` gave."""
        if self._client is None:
            raise RuntimeError("the kernel is not started: call ready() first")
        return self._client

    def close(self) -> None:
        """Stop the kernel, if one is running."""
        from jupyter_core.utils import run_sync

        manager, client = self._manager, self._client
        self._manager, self._client, self._loop = None, None, None
        if client is not None:
            client.stop_channels()
        if manager is not None:
            run_sync(manager.shutdown_kernel)(now=True)


@cache
def _freeze_this_process() -> None:
    """Freeze what this process holds out of its garbage collector, once, when its kept
    kernel has made a report (papermill, nbconvert and WeasyPrint imported, their caches
    filled), as the kernel's clear does there: the collections while it makes the next
    reports look only at what those make (they took a tenth of its time per report)."""
    import gc

    gc.collect()  # nothing that is garbage already is frozen
    gc.freeze()


async def _connect(
    manager: AsyncKernelManager,
) -> tuple[AsyncKernelClient, asyncio.AbstractEventLoop]:
    """A client of ``manager``'s kernel, once the kernel answers on it, and its event loop.

    It has a session of its own: the kernel tells its clients apart by their
    session's id, and answers only the last to connect of those sharing one (every
    other client of ``manager`` shares the manager's). It has no stdin channel: a
    report never asks for input (an ``input()`` fails at once).
    """
    from jupyter_client.session import new_id

    session = manager.session.clone()  # the same key, to sign messages
    session.session = new_id()
    client = manager.client(session=session)
    client.start_channels(stdin=False)
    try:
        await client.wait_for_ready(timeout=START_TIMEOUT_S)
    except BaseException:
        client.stop_channels()
        raise
    return client, asyncio.get_running_loop()


async def _clear(client: AsyncKernelClient, loop: asyncio.AbstractEventLoop | None) -> None:
    """Clear the kernel's variables (:data:`_CLEAR`); raises if it cannot.

    It cannot on another event loop than the client's (``loop``): its sockets wait on
    their own loop, and would hear nothing until the timeout (jupyter's ``run_sync``
    runs a coroutine on a loop of its own, in a thread, when one is running already).
    """
    if asyncio.get_running_loop() is not loop:
        raise RuntimeError("the kernel's client waits on another event loop")
    reply = await client.execute_interactive(
        _CLEAR, store_history=False, timeout=30, output_hook=lambda _: None
    )
    if reply["content"]["status"] != "ok":
        raise RuntimeError("the kernel could not clear its variables")


def _execute(
    workbook: Path,
    executed: Path,
    as_of: date,
    advisor: str,
    sections: str,
    kernel: ReportKernel | None = None,
) -> NotebookNode:
    """Run the report notebook with papermill; the executed notebook is written to ``executed``.

    papermill saves it as it goes (after each cell, and on an error); in a kept
    kernel, where a report takes a second, only at its end or where it broke off
    (see :func:`_kept_kernel_engine`). Each save is written privately and whole by
    :class:`_PrivateNotebooks`.
    """
    import papermill

    _save_notebooks_privately()
    parameters = {
        "workbook": str(workbook),
        "as_of": as_of.isoformat(),
        "advisor": advisor,
        "sections": sections,
    }
    # papermill formats paths with the parameters: braces in a folder's name must stay braces.
    saved_at = _PRIVATE + _literal(executed)
    kept: dict[str, Any] = {}
    if kernel is not None:
        kept = {
            "engine_name": _kept_kernel_engine(),
            "km": kernel.ready(),
            "kc": kernel.client,
            "request_save_on_cell_execute": False,
            "saved_if_broken_off": saved_at,
        }
    # No cwd=: papermill would change the whole process's working directory.
    notebook: NotebookNode = papermill.execute_notebook(
        _literal(report_notebook()),
        saved_at,
        parameters=parameters,
        kernel_name=KERNEL,
        progress_bar=False,
        log_output=False,
        start_timeout=START_TIMEOUT_S,
        execution_timeout=CELL_TIMEOUT_S,
        kernel_manager_class=_quiet_kernel_manager(),
        **kept,
    )
    return notebook


class _PrivateNotebooks:
    """papermill's handler of paths starting with :data:`_PRIVATE`: local files, saved
    0600 and whole (never a half-written notebook, nor one others can read)."""

    @staticmethod
    def _local(path: str) -> Path:
        return Path(path.removeprefix(_PRIVATE))

    def read(self, path: str) -> str:
        return self._local(path).read_text(encoding="utf-8")

    def write(self, buf: str, path: str) -> None:
        # papermill records the path it was given in the notebook: record the file's own.
        buf = buf.replace(f'"output_path": "{_PRIVATE}', '"output_path": "')
        write_private(self._local(path), buf.encode("utf-8"))

    def listdir(self, path: str) -> list[str]:
        return [_PRIVATE + str(child) for child in self._local(path).iterdir()]

    def pretty_path(self, path: str) -> str:
        return str(self._local(path))


@cache
def _save_notebooks_privately() -> None:
    """Have papermill save the notebooks named with :data:`_PRIVATE` privately (once)."""
    from papermill.iorw import papermill_io

    papermill_io.register(_PRIVATE, _PrivateNotebooks())


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

    return QuietKernelManager


@cache
def _kept_kernel_engine() -> str:
    """The name of papermill's engine for a :class:`ReportKernel`, registered once.

    It is papermill's own (nbclient's), but it runs the cells through the kept
    kernel's client (the ``kc`` it is given) instead of connecting anew. Asked not
    to save the notebook after each cell (two saves per cell, each validating and
    copying the whole notebook, were a tenth of the worker's time per report), it
    saves it where it broke off (a cell timed out, the kernel died) to
    ``saved_if_broken_off``; papermill saves it at the end, or with the error of a
    cell that failed.
    """
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    class KeptClientEngine(NBClientEngine):  # type: ignore[misc]
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str,
            *,
            kc: AsyncKernelClient,
            saved_if_broken_off: str,
            log_output: bool = False,
            start_timeout: int = START_TIMEOUT_S,
            execution_timeout: int | None = None,
            **kwargs: Any,
        ) -> NotebookNode:
            kwargs.pop("input_path", None)
            client = PapermillNotebookClient(
                nb_man,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                **kwargs,
            )
            client.kc = kc  # nbclient connects only if it has no client
            try:
                notebook: NotebookNode = client.execute()
            except Exception:
                nb_man.output_path = saved_if_broken_off  # for papermill's last save, next
                raise
            return notebook

    papermill_engines.register(_KEPT_ENGINE, KeptClientEngine)
    return _KEPT_ENGINE


def _export(notebook: NotebookNode, fmt: Format, paper: Paper) -> bytes:
    """The executed notebook as PDF or HTML, with infoview's template (no code, no prompts)."""
    from infoview_lib.reports.pdf import notebook_html, notebook_pdf

    if fmt == "pdf":
        return notebook_pdf(notebook, paper)
    return notebook_html(notebook, paper).encode("utf-8")


def _literal(path: Path) -> str:
    return str(path).replace("{", "{{").replace("}", "}}")


def _reason(error: Exception) -> str:
    """Why a report failed, in one line."""
    if is_disk_full(error):
        return DISK_FULL
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename is not None and says_disk_full(str(evalue or "")):  # inside the notebook
        return DISK_FULL
    if ename is not None:  # papermill: an error inside the notebook
        detail = f"{ename}: {evalue}" if evalue else str(ename)
        cell = getattr(error, "exec_count", None)
        where = f" (cell {cell})" if cell else ""
        return f"the report notebook failed{where}: {detail}".replace("\n", " ")
    if isinstance(error, InfoviewError):
        return str(error).replace("\n", " ")
    return f"{type(error).__name__}: {error}".replace("\n", " ")
