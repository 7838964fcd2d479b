"""A Voila or JupyterLab server on this computer: planned, started, watched and stopped.

:func:`plan_server` checks the choices (the notebooks folder, the workbook, the port)
and settles the rest: a free port and a token made afresh. :func:`serving` starts the
server with its token in a private configuration file (never on the command line,
which other users of the computer can read), waits until it answers and stops it,
kernels included. The ``infoview app`` and ``lab`` commands, the browser test and the
benchmarks start their servers this way.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from infoview_lib.app_pages import CONTENT_SECURITY_POLICY, FIRST_NOTEBOOK
from infoview_lib.errors import InfoviewError
from infoview_lib.guided_notebooks import HIDDEN, notebooks_dir
from infoview_lib.ui import session

#: Where the servers listen unless told otherwise: this computer only.
LOOPBACK = "127.0.0.1"
#: How long a server may take to start answering before we give up.
READY_TIMEOUT_S = 60.0
#: How long a server may take to stop, its kernels with it, before it is killed.
STOP_TIMEOUT_S = 15.0
#: Files the servers and their kernels create are readable by their owner only.
PRIVATE_UMASK = 0o077
#: Kernels ``infoview app`` keeps started per notebook, the notebook run up to the page
#: (Voila's preheated kernels; see :mod:`infoview_lib.preheated`): a page opens in well
#: under a second instead of two to four. One each: a student opens one page at a time.
PREHEATED_PER_NOTEBOOK = 1

#: Where Jupyter servers and kernels keep their connection files and sockets.
RUNTIME_VARIABLE = "JUPYTER_RUNTIME_DIR"
#: The longest path a Unix socket can have (``sockaddr_un.sun_path`` less its final 0).
SOCKET_PATH_MAX = 107
_PREFIX = "infoview-server-"

Kind = Literal["app", "lab"]


class ServerError(InfoviewError):
    """The server could not be started, or stopped on its own."""


@dataclass(frozen=True)
class ServerPlan:
    """Everything needed to start one Voila or JupyterLab server."""

    kind: Kind
    notebooks: Path
    host: str
    port: int
    token: str
    workbook: Path | None = None
    #: Kernels kept started per notebook (the app only; 0: each page starts its own).
    preheated: int = PREHEATED_PER_NOTEBOOK

    @property
    def name(self) -> str:
        """The server's name, as a person knows it."""
        return "Voila" if self.kind == "app" else "JupyterLab"

    @property
    def connect_host(self) -> str:
        """Where to reach the server from this computer."""
        if self.host in ("", "0.0.0.0"):  # noqa: S104 (this is a check, not a choice)
            return LOOPBACK
        if self.host == "::":
            return "::1"
        return self.host

    @property
    def loopback_only(self) -> bool:
        """Whether only this computer can connect."""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:  # a host name, or every address
            return False

    def url(self, path: str = "") -> str:
        """The address of ``path`` on the server, with the token that lets the browser in."""
        if not path:
            path = f"voila/render/{FIRST_NOTEBOOK}" if self.kind == "app" else "lab"
        host = f"[{self.connect_host}]" if ":" in self.connect_host else self.connect_host
        return f"http://{host}:{self.port}/{path.lstrip('/')}?token={self.token}"

    def config_file(self, folder: Path) -> Path:
        """Where the server's private configuration (its token included) is written."""
        return folder / ("voila.json" if self.kind == "app" else "jupyter_lab_config.json")

    def config(self) -> dict[str, Any]:
        """The server's configuration file, token included (never on the command line)."""
        if self.kind == "app":
            return {
                "Voila": {
                    "token": self.token,
                    "tornado_settings": {
                        "headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}
                    },
                },
                "ContentsManager": {"hide_globs": HIDDEN},
                "VoilaConfiguration": {
                    "preheat_kernel": self.preheated > 0,
                    "default_pool_size": self.preheated,
                },
                # Never preheated: notebooks in subfolders (the advisor's report), never
                # pages. Voila matches the patterns against the notebooks' absolute paths.
                "VoilaKernelManager": {
                    "preheat_denylist": [f"{re.escape(str(self.notebooks))}/[^/]+/"]
                },
            }
        return {"IdentityProvider": {"token": self.token}}

    def command(self, config_folder: Path) -> list[str]:
        """The server's command line; its configuration file is in ``config_folder``."""
        if self.kind == "app":
            return [
                sys.executable,
                "-m",
                "infoview_lib.app_server",  # Voila, opening on the first notebook
                str(self.notebooks),
                "--no-browser",
                f"--Voila.ip={self.host}",
                f"--Voila.port={self.port}",
                "--Voila.port_retries=0",  # a busy port is an error, never silently another
                f"--Voila.config_file_paths={config_folder}",
                # ERROR, not WARN: every page load would otherwise warn that the notebook
                # "is not trusted", which only matters for outputs, and ours have none.
                "--Voila.log_level=ERROR",
                # Kernels talk to the server over Unix sockets in the private runtime
                # folder rather than TCP ports on this computer.
                "--KernelManager.transport=ipc",
                # A closed or reloaded tab stops its kernel; one whose page vanished without
                # a word (a crashed browser, a sleeping laptop) is stopped after 10 minutes.
                "--MappingKernelManager.cull_idle_timeout=600",
                "--MappingKernelManager.cull_interval=60",
                "--MappingKernelManager.cull_connected=False",
            ]
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--ServerApp.ip={self.host}",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.notebooks}",
            f"--config={self.config_file(config_folder)}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            "--ServerApp.log_level=WARN",
            "--LabApp.log_level=WARN",
            "--KernelManager.transport=ipc",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")  # JupyterLab refuses root without it
        return command

    def environment(self, base: Mapping[str, str]) -> dict[str, str]:
        """The server's environment, which its kernels inherit: ``base`` plus the workbook."""
        environment = dict(base)
        if self.kind == "app":  # where a preheated kernel asks for its page's request
            environment["VOILA_APP_IP"] = self.connect_host
        if self.workbook is not None:
            environment[session.WORKBOOK_VARIABLE] = str(self.workbook)
        return environment


def plan_server(
    kind: Kind,
    *,
    notebooks: Path | None = None,
    workbook: Path | None = None,
    host: str = LOOPBACK,
    port: int = 0,
    preheated: int = PREHEATED_PER_NOTEBOOK,
) -> ServerPlan:
    """Check the choices and settle the rest: a free port when ``port`` is 0, a new token.

    Raises :class:`ServerError` with a plain message when the notebooks folder is
    missing, the workbook is a folder, or the port cannot be listened on; and the
    workbook's own error when it exists but cannot be opened (see :func:`check_workbook`).
    """
    folder = notebooks if notebooks is not None else notebooks_dir()
    if not folder.is_dir():
        raise ServerError(f"there is no notebooks folder at {folder}: give one with --notebooks.")
    if kind == "app" and not (folder / FIRST_NOTEBOOK).is_file():
        raise ServerError(
            f"{folder} has no {FIRST_NOTEBOOK}: the app opens on it, so a folder given "
            "with --notebooks needs one."
        )
    if workbook is not None:
        workbook = workbook.expanduser().resolve()  # the kernels run in the notebooks folder
        if workbook.is_dir():
            raise ServerError(
                f"{workbook} is a folder: give the workbook's file, "
                f"e.g. {workbook / 'me.infoview'}."
            )
    check_workbook(workbook if workbook is not None else session.workbook_path())
    return ServerPlan(
        kind=kind,
        notebooks=folder.resolve(),
        host=host,
        port=check_port(host, port),
        token=secrets.token_hex(24),
        workbook=workbook,
        preheated=preheated,
    )


def check_workbook(path: Path) -> None:
    """Refuse, before the server starts, a workbook that no notebook could open.

    A missing workbook is fine: the first notebook creates it. Anything else is read
    without being changed; a damaged file, another kind of file, or one from a newer
    infoview raises its :class:`~infoview_lib.store.WorkbookError`, in plain words.
    """
    from infoview_lib.store import Workbook  # only needed when a server starts

    if path.exists() or path.is_symlink():
        with Workbook.read_only(path):
            pass


def check_port(host: str, port: int) -> int:
    """``port`` if it can be listened on at ``host`` (any free one when 0), else a plain error."""
    try:
        addresses = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror:
        raise ServerError(f"cannot listen on {host!r}: no such address on this computer.") from None
    for family, kind, protocol, _, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            if os.name == "posix":  # as the servers do, so a port in TIME_WAIT counts as free
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                raise ServerError(_bind_problem(host, port, error)) from None
            if port == 0:
                return int(probe.getsockname()[1])
    return port


def _bind_problem(host: str, port: int, error: OSError) -> str:
    where = f"port {port} on {host or 'every address'}"
    if error.errno == errno.EADDRINUSE:
        return (
            f"{where} is already in use (is infoview already running?): "
            "choose another with --port, or leave --port out to use a free one."
        )
    if error.errno == errno.EACCES:
        return f"not allowed to listen on {where}: choose a port above 1023 with --port."
    if error.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {host}: it is not an address of this computer."
    return f"cannot listen on {where} ({error.strerror or error})."


@contextmanager
def serving(
    plan: ServerPlan,
    *,
    base_environment: Mapping[str, str] | None = None,
    output: IO[Any] | int | None = None,
    ready_timeout: float = READY_TIMEOUT_S,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start the server, wait until it answers, and stop it (kernels included) on leaving.

    ``output`` is where the server's messages go (default: this process's own). Unless
    ``base_environment`` names one, the kernels' sockets go in a private runtime folder of
    the server's own with a short path: a Unix socket's path must stay under 108
    characters, which Jupyter's default folder under a long home folder passes, and no
    kernel then starts.
    """
    environment = plan.environment(os.environ if base_environment is None else base_environment)
    with ExitStack() as folders:
        # private folders (0700): the configuration, and the kernels' sockets
        config_folder = Path(folders.enter_context(tempfile.TemporaryDirectory(prefix=_PREFIX)))
        if RUNTIME_VARIABLE not in environment:
            environment[RUNTIME_VARIABLE] = folders.enter_context(
                tempfile.TemporaryDirectory(prefix=_PREFIX, dir=_short_temporary_folder())
            )
        config = plan.config_file(config_folder)
        config.touch(mode=0o600)
        config.write_text(json.dumps(plan.config(), indent=2), encoding="utf-8")
        process = subprocess.Popen(  # noqa: S603 (our own command line, no shell)
            plan.command(config_folder),
            env=environment,
            cwd=plan.notebooks,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
            start_new_session=True,  # Ctrl-C reaches infoview, which stops the server in order
            # What the server and its kernels write (saved notebooks, their checkpoints)
            # holds the student's work: readable by its owner only.
            umask=PRIVATE_UMASK if os.name == "posix" else -1,  # -1: leave it as it is
        )
        try:
            wait_until_listening(process, plan, ready_timeout)
            yield process
        finally:
            stop(process)


def _short_temporary_folder() -> str | None:
    """The temporary folder, or ``/tmp`` where that one's path is too long for sockets."""
    longest = SOCKET_PATH_MAX - len("/kernel-00000000-0000-0000-0000-000000000000-ipc-0")
    for parent in (tempfile.gettempdir(), "/tmp"):  # noqa: S108 (a private folder in it)
        if len(parent) + len(f"/{_PREFIX}12345678") <= longest and Path(parent).is_dir():
            return parent
    return None


def wait_until_listening(
    process: subprocess.Popen[bytes], plan: ServerPlan, timeout: float
) -> None:
    """Return once the server accepts connections; a plain error if it stops or takes too long.

    A TCP connection, not an HTTP request: every Voila page load starts a kernel.
    """
    deadline = time.monotonic() + timeout
    while True:
        code = process.poll()
        if code is not None:
            raise ServerError(
                f"{plan.name} stopped before it was ready (exit status {code}); "
                "its messages are above."
            )
        try:
            with socket.create_connection((plan.connect_host, plan.port), timeout=0.5):
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise ServerError(f"{plan.name} did not answer within {timeout:.0f} s.")
        time.sleep(0.05)


def stop(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> None:
    """Stop the server: SIGTERM lets it shut its kernels down; kill it if it hangs."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait()


__all__ = [
    "LOOPBACK",
    "ServerError",
    "ServerPlan",
    "check_port",
    "check_workbook",
    "plan_server",
    "serving",
    "stop",
    "wait_until_listening",
]
