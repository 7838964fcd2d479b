"""The cohort batch on Dask: the same reports and summary as the local batch, a corrupt
workbook failing alone, a worker killed mid-run losing nothing, and plain refusals."""

from __future__ import annotations

import csv
import json
import os
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pypdf
import pytest
from papermill.translators import PythonTranslator

from infoview_lib.model import StudentProfile
from infoview_lib.reports import dask_engine
from infoview_lib.reports.cohort import LOCAL_CLUSTER, CohortResult, run_cohort
from infoview_lib.reports.dask_engine import DaskError, check_address, dask_executor
from infoview_lib.reports.shipped import ShippedJob, ShippingError, renamed, report_shipped
from infoview_lib.sample_cohort import build_cohort, load_cohort
from infoview_lib.store import Workbook
from tests.conftest import damaged_workbook, run_cli

AS_OF = load_cohort().as_of
CORRUPT = "00-corrupt.infoview"


def pdf_text(path: Path) -> str:
    """All the text of a PDF, page after page."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def summary_lines(result: CohortResult) -> list[dict[str, str]]:
    assert result.csv is not None
    with result.csv.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


@dataclass(frozen=True)
class Runs:
    folder: Path
    local: CohortResult
    dask: CohortResult


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """The sample cohort and a corrupt workbook, made by the local batch and on Dask."""
    folder = tmp_path_factory.mktemp("cohort")
    build_cohort(folder, load_cohort())
    damaged_workbook(folder / CORRUPT)
    local = run_cohort(
        folder, tmp_path_factory.mktemp("local"), as_of=AS_OF, jobs=2, progress=False
    )
    on_dask = run_cohort(
        folder,
        tmp_path_factory.mktemp("dask"),
        as_of=AS_OF,
        jobs=2,
        progress=False,
        dask=LOCAL_CLUSTER,
    )
    return Runs(folder, local, on_dask)


def test_dask_makes_the_same_reports_and_summary_as_the_local_batch(runs: Runs) -> None:
    assert runs.dask.rows == runs.local.rows  # every figure of every student, and failures
    assert len(runs.dask.rows) == 11
    for row in runs.dask.rows:
        if row.ok:
            made = runs.dask.out_dir / row.report
            assert pdf_text(made) == pdf_text(runs.local.out_dir / row.report), row.slug
            assert (runs.dask.out_dir / row.executed).stat().st_size > 0
    assert summary_lines(runs.dask) == summary_lines(runs.local)
    assert runs.dask.pdf is not None
    assert runs.local.pdf is not None
    assert pdf_text(runs.dask.pdf) == pdf_text(runs.local.pdf)


def test_on_dask_the_corrupt_workbook_fails_alone_with_its_reason_and_notebook(
    runs: Runs,
) -> None:
    (failed,) = runs.dask.failed
    assert failed.file == CORRUPT
    assert "is damaged and cannot be read" in (failed.error or "")
    kept = (runs.dask.out_dir / failed.executed).read_text(encoding="utf-8")  # for debugging
    assert str((runs.folder / CORRUPT).resolve()) in kept  # the advisor's, not the worker's
    assert "infoview-report-" not in kept
    assert not (runs.dask.out_dir / "00-corrupt.pdf").exists()


def test_what_comes_back_from_dask_is_written_for_its_owner_only(runs: Runs) -> None:
    written = sorted(runs.dask.out_dir.iterdir())
    assert len(written) == 2 * 11 - 1 + 2  # a PDF and a notebook each, but the corrupt's PDF
    for path in written:
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert runs.dask.out_dir.stat().st_mode & 0o777 == 0o700


def _parents() -> dict[int, int]:
    """Each running process's parent, read from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # it ended meanwhile
            continue
        if fields[0] != "Z":  # a zombie has ended already
            parents[int(stat.parent.name)] = int(fields[1])
    return parents


def _kernels_of_this_run() -> dict[int, int]:
    """The report kernels started by this test's Dask workers, each with its worker."""
    parents = _parents()
    ours = {os.getpid()}
    while grown := {pid for pid, parent in parents.items() if parent in ours} - ours:
        ours |= grown
    kernels = {}
    for pid in ours:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"ipykernel_launcher" in command:
            kernels[pid] = parents[pid]
    return kernels


def _scratch_copies() -> set[Path]:
    """Workbook copies left in the system's temporary folder by a report's worker."""
    return set(Path(tempfile.gettempdir()).glob("infoview-report-*/*.infoview"))


def test_a_worker_killed_mid_run_loses_no_report(
    runs: Runs, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    before = _scratch_copies()
    finished: list[CohortResult] = []
    batch = threading.Thread(
        target=lambda: finished.append(
            run_cohort(runs.folder, out, as_of=AS_OF, jobs=2, progress=False, dask=LOCAL_CLUSTER)
        )
    )
    batch.start()
    deadline = time.monotonic() + 240
    while not (list(out.glob("*.pdf")) and _kernels_of_this_run()):  # reports under way
        assert batch.is_alive(), "the batch ended before a worker could be killed"
        assert time.monotonic() < deadline, "no report was started"
        time.sleep(0.1)
    kernel, worker = next(iter(_kernels_of_this_run().items()))
    os.kill(worker, signal.SIGKILL)  # the Dask worker running a report right now
    batch.join(600)
    (result,) = finished
    assert [row.file for row in result.failed] == [CORRUPT]  # every other report was made
    assert result.rows == runs.local.rows
    assert sorted(path.name for path in out.glob("*.pdf")) == sorted(
        [row.report for row in result.rows if row.ok] + ["cohort-summary.pdf"]
    )
    assert [line["file"] for line in summary_lines(result)] == [
        row.file for row in runs.local.rows
    ]  # each student once: none lost, none made twice
    time.sleep(3)  # the killed worker's kernel notices its parent is gone, and ends
    assert kernel not in _parents()
    assert _kernels_of_this_run() == {}  # the cluster's own kernels stopped with it
    assert _scratch_copies() == before  # the killed worker's copy went with its folder
    assert "Traceback" not in capfd.readouterr().err


def test_a_worker_with_another_infoview_stops_the_run_before_any_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The workers are processes of their own: only this side "has" another version.
    monkeypatch.setattr(dask_engine, "infoview_version", lambda: "0.0.1")
    refused = pytest.raises(DaskError, match=r"has infoview \S+, not 0\.0\.1 as here")
    with refused, dask_executor(LOCAL_CLUSTER, workers=1, run="r1"):
        pass


@pytest.mark.parametrize(
    "address", ["scheduler", "http://scheduler:8786", "tcp://scheduler:99999", "cohort/"]
)
def test_an_address_that_is_not_a_scheduler_s_is_refused_plainly(address: str) -> None:
    with pytest.raises(DaskError, match="is not a Dask scheduler's address: write it as"):
        check_address(address)


def test_a_scheduler_that_does_not_answer_is_said_plainly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT_S", 2)
    with Workbook.create(tmp_path / "a.infoview", StudentProfile(name="Ana Lima")):
        pass
    code, out, err = run_cli(
        capsys, "cohort", tmp_path, "--out", tmp_path / "out", "--dask", "tcp://127.0.0.1:1"
    )
    assert code == 2, out + err
    assert "Could not reach the Dask scheduler at tcp://127.0.0.1:1 within 2 s" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "a.pdf").exists()


def test_jobs_and_a_cluster_s_address_are_refused_together(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(
        capsys, "cohort", tmp_path, "--out", tmp_path / "out",
        "--dask", "tcp://127.0.0.1:8786", "--jobs", "2",
    )  # fmt: skip
    assert code == 2
    assert "--jobs is for this computer's workers" in err


def test_a_shipped_job_never_names_a_path_on_the_worker() -> None:
    job = ShippedJob(
        "../escape.infoview", b"", AS_OF, "A4", "escape", "Escape", "/cohort/a.infoview", "/out"
    )
    with pytest.raises(ShippingError, match="not a plain file name"):
        report_shipped(job)


def test_the_command_makes_the_reports_on_dask_workers_here(
    capsys: pytest.CaptureFixture[str], runs: Runs, tmp_path: Path
) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "05-zoe-muller.infoview").write_bytes(
        (runs.folder / "05-zoe-muller.infoview").read_bytes()
    )
    out = tmp_path / "reports"
    code, said, err = run_cli(
        capsys, "cohort", folder, "--dask", "--out", out, "--jobs", "1", "--as-of", AS_OF
    )
    assert code == 0, said + err
    assert f"Made 1 of 1 reports in {out}/, dated {AS_OF.isoformat()}." in said
    assert pdf_text(out / "zoe-muller.pdf") == pdf_text(runs.local.out_dir / "zoe-muller.pdf")
    assert "Traceback" not in err


def test_on_a_cluster_that_outlives_the_run_nothing_of_the_run_is_left(
    runs: Runs, tmp_path: Path
) -> None:
    """A cluster of its own (not started by infoview), reached by its address."""
    import logging

    from distributed import Client, LocalCluster

    folder = tmp_path / "cohort"
    folder.mkdir()
    for name in ("01-wang-fang.infoview", "05-zoe-muller.infoview"):
        (folder / name).write_bytes((runs.folder / name).read_bytes())
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=1,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        result = run_cohort(
            folder, tmp_path / "out", as_of=AS_OF, progress=False, dask=cluster.scheduler_address
        )
        assert [row.ok for row in result.rows] == [True, True]
        assert _kernels_of_this_run() == {}  # stopped, though the workers still run
        (plugins,) = client.run(lambda dask_worker: list(dask_worker.plugins)).values()
        assert not [name for name in plugins if name.startswith("infoview")]
    made = pdf_text(tmp_path / "out" / "zoe-muller.pdf")
    assert made == pdf_text(runs.local.out_dir / "zoe-muller.pdf")


def test_a_tls_address_without_dask_s_tls_settings_is_refused_plainly(tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "a.infoview", StudentProfile(name="Ana Lima")):
        pass
    with pytest.raises(DaskError, match="Dask's TLS settings are not set on this computer"):
        run_cohort(
            tmp_path, tmp_path / "out", as_of=AS_OF, progress=False, dask="tls://127.0.0.1:1"
        )


def test_the_kept_notebook_names_the_advisor_s_files_whatever_their_names() -> None:
    worker = '/scratch/infoview-report-x/05-zoë "q".infoview'
    mine = '/home/advisor/cohort/05-zoë "q".infoview'
    escaped = PythonTranslator.translate_escaped_str
    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.cells = [
        nbformat.v4.new_code_cell(f"workbook = {escaped(worker)}"),  # type: ignore[no-untyped-call]
        nbformat.v4.new_markdown_cell(f"Could not read {worker}."),  # type: ignore[no-untyped-call]
    ]
    text = nbformat.writes(notebook)  # type: ignore[no-untyped-call]
    kept = json.loads(renamed(text.encode("utf-8"), {worker: mine}))
    assert ["".join(cell["source"]) for cell in kept["cells"]] == [
        f"workbook = {escaped(mine)}",
        f"Could not read {mine}.",
    ]
