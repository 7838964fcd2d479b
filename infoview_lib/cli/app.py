"""``infoview app`` and ``infoview lab``: the notebooks in a web browser, served from this computer.

``app`` serves them with Voila, so a student sees the text and the forms and never
any code; ``lab`` opens JupyterLab on them, code and all. Either way (see
:mod:`infoview_lib.local_server`):

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
import signal
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from infoview_lib.guided_notebooks import own_copy
from infoview_lib.local_server import (
    LOOPBACK,
    PREHEATED_PER_NOTEBOOK,
    ServerError,
    ServerPlan,
    plan_server,
    serving,
)
from infoview_lib.ui import session

F = TypeVar("F", bound=Callable[..., Any])


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
@click.option(
    "--preheat/--no-preheat",
    default=True,
    help=(
        "Keep a kernel started for each notebook, so a page opens in about a second "
        "(default; about 70 MiB of memory each). --no-preheat saves that memory: each page "
        "then takes 2 to 4 s to open."
    ),
)
def app(
    workbook: Path | None,
    port: int,
    ip: str,
    notebooks: Path | None,
    browser: bool,
    preheat: bool,
) -> None:
    """Serve the notebooks with Voila: the student sees text and forms, no code."""
    plan = plan_server(
        "app",
        notebooks=notebooks,
        workbook=workbook,
        host=ip,
        port=port,
        preheated=PREHEATED_PER_NOTEBOOK if preheat else 0,
    )
    run_server(plan, open_browser=browser)


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


__all__ = ["app", "lab", "run_server"]
