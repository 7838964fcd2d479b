"""``infoview app`` and ``infoview lab``: the notebooks in a web browser, served from this computer.

``app`` serves them with Voila, so a student sees the text and the forms and never
any code; ``lab`` opens JupyterLab on them, code and all. Either way:

- the server listens on 127.0.0.1 only, unless ``--ip`` says otherwise;
- it asks for a token made afresh each time, written in a private configuration
  file rather than on the command line (which other users of the computer can read);
- the pages ask nothing from the network: Voila's pages are told not to load
  anything from elsewhere, and JupyterLab neither fetches news nor checks for updates;
- the address to open is printed once the server answers, and Ctrl-C stops it,
  kernels included.
"""

from __future__ import annotations

import dataclasses
import errno
import ipaddress
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import webbrowser
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Any, Literal, TypeVar

import click

from infoview_lib.app_pages import CONTENT_SECURITY_POLICY
from infoview_lib.app_pages import FIRST_NOTEBOOK as FIRST_NOTEBOOK
from infoview_lib.errors import InfoviewError
from infoview_lib.private_files import (
    PRIVATE_FOLDER,
    make_private,
    make_private_folders,
    write_private,
)
from infoview_lib.ui import session

#: Where the servers listen unless ``--ip`` says otherwise: this computer only.
LOOPBACK = "127.0.0.1"
#: How long a server may take to start answering before we give up.
READY_TIMEOUT_S = 60.0
#: How long a server may take to stop, its kernels with it, before it is killed.
STOP_TIMEOUT_S = 15.0
#: Files the servers and their kernels create are readable by their owner only.
PRIVATE_UMASK = 0o077
#: Kept out of Voila's list of notebooks: the sources the notebooks are generated from.
HIDDEN = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", ".ipynb_checkpoints", "specs"]

Kind = Literal["app", "lab"]
F = TypeVar("F", bound=Callable[..., Any])


class ServerError(InfoviewError):
    """The server could not be started, or stopped on its own."""


def notebooks_dir() -> Path:
    """The guided notebooks: the ones shipped with infoview, else a source checkout's."""
    packaged = Path(__file__).parent / "_notebooks"  # inside an installed wheel
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "notebooks"  # a source checkout


@dataclass(frozen=True)
class ServerPlan:
    """Everything needed to start one Voila or JupyterLab server."""

    kind: Kind
    notebooks: Path
    host: str
    port: int
    token: str
    workbook: Path | None = None

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

    ``output`` is where the server's messages go (default: this process's own).
    """
    with tempfile.TemporaryDirectory(prefix="infoview-server-") as folder:  # private: 0700
        config_folder = Path(folder)
        config = plan.config_file(config_folder)
        config.touch(mode=0o600)
        config.write_text(json.dumps(plan.config(), indent=2), encoding="utf-8")
        process = subprocess.Popen(  # noqa: S603 (our own command line, no shell)
            plan.command(config_folder),
            env=plan.environment(os.environ if base_environment is None else base_environment),
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


@contextmanager
def _interrupted_by_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into KeyboardInterrupt, so the server is stopped in order."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None or signal.getsignal(number) == signal.SIG_IGN:
            continue  # e.g. nohup: what the caller chose to ignore stays ignored
        try:
            previous[number] = signal.signal(number, interrupt)
        except ValueError:  # not the main thread: leave the handlers alone
            break
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_server(plan: ServerPlan, *, open_browser: bool = False) -> None:
    """Serve until Ctrl-C (or SIGTERM), printing where to go; errors raise :class:`ServerError`."""
    if not plan.loopback_only:
        click.echo(
            f"infoview: listening on {plan.host or 'every address'}: other computers on the "
            "network can reach this server (they still need the token).",
            err=True,
        )
    with _interrupted_by_signals():
        try:
            with serving(plan) as process:
                what = (
                    "with Voila: text and forms, no code"
                    if plan.kind == "app"
                    else "with JupyterLab: code and all"
                )
                click.echo(f"Serving the notebooks in {plan.notebooks} {what}.")
                click.echo(f"Workbook: {plan.workbook or session.workbook_path()}")
                click.echo("Open this address in your web browser (keep it to yourself):")
                click.echo(f"    {plan.url()}")
                click.echo("Press Ctrl-C to stop the server.")
                if open_browser:
                    webbrowser.open(plan.url())
                code = process.wait()
        except KeyboardInterrupt:
            click.echo("The server has stopped.")
            return
    if code != 0:
        raise ServerError(f"{plan.name} stopped with exit status {code}; its messages are above.")


def _server_options(command: F) -> F:
    """The options ``app`` and ``lab`` share."""
    options = [
        click.option(
            "--workbook",
            type=click.Path(path_type=Path),
            help=(
                f"The workbook the notebooks open (sets ${session.WORKBOOK_VARIABLE}; "
                "default: that variable, else ~/infoview/my-workbook.infoview)."
            ),
        ),
        click.option(
            "--port",
            type=click.IntRange(0, 65535),
            default=0,
            help="The port to listen on (default: a free one).",
        ),
        click.option(
            "--ip",
            default=LOOPBACK,
            show_default=True,
            help="The address to listen on; 0.0.0.0 lets other computers connect.",
        ),
        click.option(
            "--notebooks",
            type=click.Path(file_okay=False, path_type=Path),
            help="The folder of notebooks to serve (default: the guided notebooks).",
        ),
        click.option(
            "--browser/--no-browser",
            default=False,
            help="Open the address in a web browser (default: only print it).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command()
@_server_options
def app(workbook: Path | None, port: int, ip: str, notebooks: Path | None, browser: bool) -> None:
    """Serve the notebooks with Voila: the student sees text and forms, no code."""
    plan = plan_server("app", notebooks=notebooks, workbook=workbook, host=ip, port=port)
    run_server(plan, open_browser=browser)


def own_copy(workbook: Path | None) -> Path:
    """The student's own copy of the notebooks, beside their workbook, made when missing.

    JupyterLab saves outputs into the notebooks it opens: it gets a copy, so the
    notebooks shipped with infoview stay clean. Notebooks already copied are kept
    as the student left them; only missing ones are added. The copies are readable by
    their owner only (0600), in folders made 0700, as JupyterLab's saves of them are.
    """
    folder = (workbook or session.workbook_path()).expanduser().parent / "notebooks"
    make_private_folders(folder)
    for notebook in sorted(notebooks_dir().glob("*.ipynb")):
        copy = folder / notebook.name
        if not copy.exists():
            write_private(copy, notebook.read_bytes())  # saved with outputs, it shows contacts
    # What an older infoview made here was readable by others, and JupyterLab keeps a
    # file's mode when it saves it: narrow them now.
    checkpoints = folder / ".ipynb_checkpoints"
    for made in (folder, checkpoints):
        make_private(made, PRIVATE_FOLDER)
    for kept in (*folder.glob("*.ipynb"), *checkpoints.glob("*.ipynb")):
        make_private(kept)
    return folder


@click.command()
@_server_options
def lab(workbook: Path | None, port: int, ip: str, notebooks: Path | None, browser: bool) -> None:
    """Open JupyterLab on your own copy of the notebooks (code and all), with a token.

    Without --notebooks, the notebooks are copied beside the workbook (in a
    "notebooks" folder) the first time, and that copy is opened.
    """
    plan = plan_server("lab", notebooks=notebooks, workbook=workbook, host=ip, port=port)
    if notebooks is None:  # the choices are sound: now make (or reuse) the student's copy
        plan = dataclasses.replace(plan, notebooks=own_copy(workbook).resolve())
        click.echo(f"Your own copy of the notebooks is in {plan.notebooks}.")
    run_server(plan, open_browser=browser)


__all__ = [
    "ServerError",
    "ServerPlan",
    "app",
    "check_port",
    "lab",
    "notebooks_dir",
    "plan_server",
    "serving",
    "stop",
]
