"""A cohort's reports on Dask (``dask.distributed``): a university's cluster, or this computer.

``infoview cohort FOLDER --out DIR --dask tcp://host:8786`` hands the reports to the
Dask cluster whose scheduler is there; ``--dask`` alone starts a ``LocalCluster`` of
worker processes on this computer for the run. Either way:

- the workers need infoview (the same version) and its PDF libraries, not the
  advisor's folders: the workbooks' bytes go to them and the reports' bytes come back
  (:mod:`~infoview_lib.reports.shipped`). :func:`check_workers` asks every worker
  before the first report, and stops with a plain message if one cannot make them;
- each worker keeps one kernel per thread for its reports (as the local batch does),
  replaced after a failed report, and stopped when the worker closes
  (:class:`KeptKernels`, a worker plugin);
- a worker lost mid-run (its machine gone, say) costs nothing: Dask's scheduler runs its
  reports again on the others, and each report's files are written once, here, from the
  result that came back.

The local cluster listens on this computer only and speaks TLS with a certificate made
for the run (``Security.temporary``): another user of a shared server can neither
connect to it nor read what passes. A remote cluster is reached as Dask's own
configuration says (``distributed.comm.tls`` for TLS: see the README).
"""

from __future__ import annotations

import contextlib
import logging
import re
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from infoview_lib.reports.cohort import LOCAL_CLUSTER, CohortError
from infoview_lib.reports.student_job import stop_kept_kernels

if TYPE_CHECKING:
    from distributed import Client, Worker

#: How long to try to reach a remote scheduler, and to wait for its first worker.
CONNECT_TIMEOUT_S = 30
#: A scheduler's address: ``tcp://`` or ``tls://``, a host name or address, a port.
_ADDRESS = re.compile(
    r"(?:(?P<scheme>tcp|tls)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[\w.-]+):(?P<port>\d{1,5})"
)
_PACKAGE = "infoview"
#: The local cluster's web servers answer health checks only: nothing about the run.
_QUIET = {
    "distributed.scheduler.http.routes": ["distributed.http.health"],
    "distributed.worker.http.routes": ["distributed.http.health"],
}


class DaskError(CohortError):
    """A Dask cluster that cannot make the reports: unreachable, no workers, no infoview."""


def check_address(address: str) -> str:
    """A scheduler's address as Dask takes it, or a plain error saying how to write it.

    >>> check_address("scheduler.example.edu:8786")
    'tcp://scheduler.example.edu:8786'
    >>> check_address("tls://10.0.0.5:8786")
    'tls://10.0.0.5:8786'
    """
    found = _ADDRESS.fullmatch(address.strip())
    if found is None or not 0 < int(found["port"]) < 65536:
        raise DaskError(
            f"{address!r} is not a Dask scheduler's address: write it as tcp://HOST:PORT "
            "(tcp://scheduler.example.edu:8786, say), or give --dask alone for workers "
            "on this computer."
        )
    return f"{found['scheme'] or 'tcp'}://{found['host']}:{int(found['port'])}"


def crosses_network_unencrypted(address: str) -> bool:
    """Whether the workbooks would go to ``address`` over a network without TLS.

    >>> crosses_network_unencrypted("tcp://scheduler.example.edu:8786")
    True
    >>> crosses_network_unencrypted("tls://scheduler.example.edu:8786")
    False
    >>> crosses_network_unencrypted("127.0.0.1:8786")
    False
    """
    checked = check_address(address)
    host = checked.partition("://")[2].rpartition(":")[0]
    return checked.startswith("tcp://") and host not in ("127.0.0.1", "localhost", "[::1]")


@contextmanager
def dask_executor(
    where: str, *, workers: int, run: str
) -> Iterator[tuple[Executor, Callable[[], int]]]:
    """An executor on the Dask cluster at ``where`` (or :data:`LOCAL_CLUSTER` of
    ``workers`` processes) for the reports of ``run``, and how many reports the cluster
    makes at once now; afterwards the run's kernels are stopped and it is closed."""
    import dask
    from distributed import Client, LocalCluster

    with ExitStack() as stack:
        stack.enter_context(dask.config.set(_QUIET))
        if where == LOCAL_CLUSTER:
            scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="infoview-dask-"))
            stack.enter_context(dask.config.set(_local_settings(scratch)))
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,  # one report, and one kernel, per worker
                    processes=True,
                    host="127.0.0.1",
                    scheduler_port=0,
                    dashboard_address=None,  # no dashboard; the scheduler's own
                    # web server (health checks only, see _QUIET) on a free port here
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                    security=True,  # TLS with a certificate made for this run only
                    local_directory=scratch,  # private (0700), removed afterwards
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
            described = "this computer's Dask workers"
        else:
            address = check_address(where)
            client = stack.enter_context(_connect(address))
            described = f"the Dask workers of {address}"
        check_workers(client, described)
        plugin = KeptKernels(run)
        client.register_plugin(plugin)
        stack.callback(_forget_run, client, plugin)
        yield client.get_executor(pure=False), lambda: sum(client.nthreads().values())


def _local_settings(scratch: str) -> dict[str, object]:
    """Dask's settings for a cluster of this computer's, made for one run."""
    return {
        "temporary-directory": scratch,  # nothing of the run's outside its private folder
        # One report handed to a worker at a time: a report that kills its worker
        # never counts against a student's report queued beside it.
        "distributed.scheduler.worker-saturation": 1.0,
        # Nobody watches a run's dashboard (there is none): no statistical profile of
        # every worker 100 times a second, and the event loops' and the machine's
        # health looked at less often, leaving the processor to the reports.
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "1s",
        "distributed.admin.system-monitor.interval": "2s",
    }


def _forget_run(client: Client, plugin: KeptKernels) -> None:
    """Stop the run's kernels on every worker and take its plugin off the cluster: on a
    cluster that outlives the run, nothing of it is left (the last student's variables
    in a kernel, say)."""
    with contextlib.suppress(Exception):  # a worker gone, or the scheduler: nothing to stop
        client.run(stop_kept_kernels, plugin.run)
    with contextlib.suppress(Exception):
        client.unregister_worker_plugin(plugin.name)


@contextmanager
def _connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or a plain error if it cannot be reached."""
    from distributed import Client
    from distributed.security import Security

    if address.startswith("tls://") and not Security().get_connection_args("client").get(
        "ssl_context"
    ):
        raise DaskError(
            f"{address} asks for TLS, but Dask's TLS settings are not set on this computer: "
            "set distributed.comm.tls.ca-file, distributed.comm.tls.client.cert and "
            "distributed.comm.tls.client.key in Dask's configuration (see the README)."
        )
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as error:
        raise DaskError(
            f"Could not reach the Dask scheduler at {address} within {CONNECT_TIMEOUT_S} s "
            f"({error}): check the address, and that the scheduler is running and lets "
            "this computer in."
        ) from None
    with client:
        yield client


def check_workers(client: Client, described: str) -> None:
    """Check every worker of the cluster before the first report.

    Each worker is asked which infoview it has and whether it can make a report:
    a cluster without workers, or a worker without infoview (or another version of
    it), or without the PDF libraries, stops the run before any report.
    """
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except TimeoutError:
        raise DaskError(
            f"The Dask scheduler has no workers after {CONNECT_TIMEOUT_S} s: start some "
            "(dask worker SCHEDULER_ADDRESS), then try again."
        ) from None
    ours = infoview_version()
    try:
        answers: dict[str, Any] = client.run(worker_readiness)
    except Exception as error:  # the worker could not even load infoview's function
        raise DaskError(
            f"{described} cannot run infoview ({type(error).__name__}: {error}): install "
            f"infoview {ours} in the workers' environment."
        ) from None
    for worker, (theirs, problem) in sorted(answers.items()):
        if theirs != ours:
            raise DaskError(
                f"The Dask worker {worker} has infoview {theirs}, not {ours} as here: "
                "install the same version on every worker."
            )
        if problem:
            raise DaskError(f"The Dask worker {worker} cannot make reports: {problem}")


def infoview_version() -> str:
    """The version of infoview installed here (on a worker, the worker's)."""
    try:
        return version(_PACKAGE)
    except PackageNotFoundError:
        return "(not installed)"


def worker_readiness() -> tuple[str, str | None]:
    """Run on a worker: its infoview version, and what would stop it making a report."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    from infoview_lib.reports.run import KERNEL, report_notebook

    try:
        import weasyprint  # noqa: F401  (its system libraries are loaded on import)
    except (ImportError, OSError) as error:
        return infoview_version(), f"WeasyPrint cannot load ({error})."
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        return infoview_version(), f"no {KERNEL!r} Jupyter kernel is installed."
    if not report_notebook().is_file():
        return infoview_version(), f"the report notebook is missing ({report_notebook()})."
    return infoview_version(), None


class KeptKernels(WorkerPlugin):
    """Stops the kernels a worker kept for one run's reports when the worker closes, or
    when the run takes the plugin off (named after the run, so two runs sharing a cluster
    never stop each other's kernels)."""

    def __init__(self, run: str) -> None:
        self.run = run
        self.name = f"infoview-kept-kernels-{run}"

    def teardown(self, worker: Worker) -> None:
        """Stop this worker's kernels of the run (they would also stop with its process)."""
        stop_kept_kernels(self.run)


__all__ = [
    "LOCAL_CLUSTER",
    "DaskError",
    "KeptKernels",
    "check_address",
    "check_workers",
    "crosses_network_unencrypted",
    "dask_executor",
    "worker_readiness",
]
