"""Voila's preheated kernels: the page is built for the student who opens it, not before.

``infoview app`` keeps one kernel per notebook started and its notebook run ahead of
the click (Voila's ``preheat_kernel``), so a page opens without waiting for a kernel
to start and for infoview to be imported. A page read ahead would show the workbook
and the day as they were when the kernel started, so every page builder calls
:func:`wait_for_visit` first: on a preheated kernel it waits there, imports done,
until a student opens the page, and the page is then built from the workbook as it
is now. Anywhere else (JupyterLab, a hub, a test, a plain Voila kernel) it returns
at once.

The wait is Voila's own protocol (``voila.utils.wait_for_request``): the kernel asks
the server's ``voila/query/<kernel id>`` websocket, which answers with the request
once a page takes the kernel. It is done here rather than with that helper so that a
server stopping before any visit ends the waiting kernel quietly, instead of
building a page nobody asked for and logging tracebacks as the kernel is stopped.

Jupyter interrupts every kernel it stops (``jupyter_client``'s ``shutdown_kernel``
sends SIGINT before its shutdown request). A preheated kernel still importing infoview
or reading ahead when the server stops would end that cell with a ``KeyboardInterrupt``,
and its reply, sent once the kernel's sockets are closed, logged a traceback in the
server's terminal. Until its visit, a preheated kernel therefore ends quietly on an
interrupt (:func:`quiet_until_visited`); ipykernel puts its own handler back when the
cell ends.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import NoReturn

#: Set by Voila in the environment of the kernels it preheats.
PREHEAT_VARIABLE = "VOILA_PREHEAT"
#: How long a preheated kernel may take to reach its server (it runs on the same computer).
CONNECT_TIMEOUT_S = 10.0


def is_preheated() -> bool:
    """Whether this kernel was started ahead of a visit and waits for one.

    >>> os.environ.pop(PREHEAT_VARIABLE, None) and None
    >>> is_preheated()
    False
    """
    return os.environ.get(PREHEAT_VARIABLE) == "True"


def quiet_until_visited() -> None:
    """On a preheated kernel, let an interrupt end it quietly for the rest of this cell.

    Before its visit a preheated kernel holds nothing of the student's: stopped, it has
    nothing to save. Anywhere else (or off the main thread) this does nothing.

    >>> os.environ.pop(PREHEAT_VARIABLE, None) and None
    >>> quiet_until_visited()
    >>> signal.getsignal(signal.SIGINT) is _end_quietly
    False
    """
    if is_preheated() and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _end_quietly)


def wait_for_visit(meanwhile: Callable[[], object] | None = None) -> None:
    """On a preheated Voila kernel, run ``meanwhile`` and wait until a student opens its
    page (once); a kernel stopped before the visit ends quietly.

    ``meanwhile`` is work done ahead of the click (reading the coaching files), so
    the page is built sooner after it; it is not run on a kernel that is not preheated.

    >>> os.environ.pop(PREHEAT_VARIABLE, None) and None
    >>> wait_for_visit(meanwhile=lambda: print("read ahead"))  # not preheated: at once
    """
    if not is_preheated():
        return
    quiet_until_visited()
    try:
        if meanwhile is not None:
            meanwhile()
        request = _wait_in_thread(query_url(os.environ))
    except BaseException:  # interrupted: the kernel is being stopped before any visit
        request = None
    if request is None:  # stopped, or the server went away, before anyone opened the page
        _end_quietly()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as ipykernel has it
    os.environ.update({str(key): str(value) for key, value in json.loads(request).items()})
    os.environ[PREHEAT_VARIABLE] = "False"  # a page built again in this kernel never waits


def _end_quietly(_signal: int | None = None, _frame: FrameType | None = None) -> NoReturn:
    """End the kernel at once: nothing to save, no page to build, no traceback."""
    os._exit(0)


def query_url(environment: dict[str, str] | os._Environ[str]) -> str:
    """Where a preheated kernel learns of its page's request (as Voila's helper builds it).

    >>> query_url({"VOILA_APP_PORT": "8866", "VOILA_KERNEL_ID": "k1"})
    'ws://127.0.0.1:8866/voila/query/k1'
    """
    host = environment.get("VOILA_APP_IP", "127.0.0.1")
    if ":" in host:
        host = f"[{host}]"
    port = environment.get("VOILA_APP_PORT", "8866")
    base = environment.get("VOILA_WS_BASE_URL", environment.get("VOILA_SERVER_URL", "/"))
    protocol = environment.get("VOILA_WS_PROTOCOL", "ws")
    kernel = environment.get("VOILA_KERNEL_ID", "")
    return f"{protocol}://{host}:{port}{base}voila/query/{kernel}"


def _wait_in_thread(url: str) -> str | None:
    """The request sent to ``url``, or ``None`` if the server went away first.

    A thread of its own: the kernel's event loop is busy running this very cell.
    """
    answer: list[str | None] = [None]

    def wait() -> None:
        answer[0] = asyncio.run(_receive(url))

    thread = threading.Thread(target=wait, name="infoview-wait-for-visit", daemon=True)
    thread.start()
    thread.join()
    return answer[0]


async def _receive(url: str) -> str | None:
    import websockets  # Voila's dependency; only a preheated kernel needs it

    try:
        async with websockets.connect(url, open_timeout=CONNECT_TIMEOUT_S) as socket:
            message = await socket.recv()
    except (OSError, TimeoutError, websockets.WebSocketException):
        return None
    return message if isinstance(message, str) else message.decode()


__all__ = ["PREHEAT_VARIABLE", "query_url", "quiet_until_visited", "wait_for_visit"]
