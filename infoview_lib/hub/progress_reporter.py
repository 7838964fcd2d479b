"""The kernel's background reporter (:class:`ProgressReporter`): while a student saves, it
sends their workbook's progress to the workshop service. One runs per process, started when a
page is built on a hub (:func:`start_progress_reporter`); its failures are logged at debug
level and dropped, never raised."""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from infoview_lib.hub.connection import configured
from infoview_lib.hub.progress import progress_of, send_progress
from infoview_lib.store import Workbook

log = logging.getLogger(__name__)

#: How long after a file's time it may still change without its time changing, in seconds.
SETTLING = 2.0


def _signature(path: Path) -> tuple[int, ...] | None:
    """What changes when the workbook is saved: the newest time (first) and the sizes of
    the file and its log."""
    try:
        main = path.stat()
    except OSError:
        return None
    times, parts = [main.st_mtime_ns], [main.st_size, main.st_ino]
    try:
        wal = path.with_name(path.name + "-wal").stat()
    except OSError:
        pass
    else:
        times.append(wal.st_mtime_ns)
        parts += [wal.st_mtime_ns, wal.st_size]
    return (max(times), *parts)


class ProgressReporter:
    """A daemon thread that sends the workbook's progress after it changes.

    Every ``interval`` seconds it looks at the workbook file's time and size (and its
    log's); when they changed, it opens the workbook read-only, builds
    :func:`progress_of` and sends it with a ``timeout``. The workbook is never kept open
    between looks. A failure is logged at debug level and tried again later (waiting
    longer each time, up to ``max_wait``); nothing is ever raised.
    """

    def __init__(
        self,
        path: Path | Callable[[], Path],
        *,
        interval: float = 5.0,
        timeout: float = 2.0,
        max_wait: float = 120.0,
    ) -> None:
        self._path = path
        self.interval = interval
        self.timeout = timeout
        self.max_wait = max_wait
        self.sent = 0  # how many reports the service took (for tests and debugging)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="infoview-progress", daemon=True)
        self._last: tuple[int, ...] | None = None
        self._sent: dict[str, object] | None = None

    @property
    def path(self) -> Path:
        """The workbook reported on: the path given, or what the function given returns now
        (the page's own, :func:`infoview_lib.ui.session.workbook_path`, say)."""
        return self._path if isinstance(self._path, Path) else self._path()

    def start(self) -> ProgressReporter:
        """Start the thread; returns the reporter."""
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        """Whether the thread is running."""
        return self._thread.is_alive()

    def stop(self, wait: float = 3.0) -> None:
        """Ask the thread to stop, and wait for it a little (a report may be on its way)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(wait)

    def check(self) -> bool:
        """Send the progress if the workbook changed since the last report; whether it sent.

        A file's time is only as fine as the system's clock tick, so a save just after a
        look may leave the time as it was: while the file's time is recent (within
        :data:`SETTLING` seconds), the workbook is read again at each look, and the
        progress is sent only if it differs from the last sent. Raises what reading or
        sending raises (the thread logs and drops it).
        """
        path = self.path
        now = _signature(path)
        if now is None:
            return False
        settled = time.time() - now[0] / 1e9 > SETTLING
        if now == self._last and settled:
            return False
        with Workbook.read_only(path) as book:
            payload = progress_of(book)
        if payload == self._sent:
            self._last = now
            return False
        send_progress(payload, timeout=self.timeout)
        self._last, self._sent = now, payload
        self.sent += 1
        return True

    def _run(self) -> None:
        wait = self.interval
        while not self._stop.wait(wait):
            try:
                self.check()
            except Exception as error:  # dropped: progress is a nicety, never in the way
                log.debug("progress not sent: %s", error)
                wait = min(max(wait, self.interval) * 2, self.max_wait)
            else:
                wait = self.interval


_reporter: ProgressReporter | None = None
_reporter_lock = threading.Lock()


def start_progress_reporter(
    path: Path | Callable[[], Path], *, interval: float = 5.0
) -> ProgressReporter | None:
    """Start this process's reporter for ``path``, once, when the hub is configured.

    ``path`` may be a function, asked at each look (so the reporter follows the workbook
    the pages use when that changes).

    Returns the reporter (the one already running, if any), or ``None`` without a hub.
    Never raises. It stops at interpreter exit.
    """
    global _reporter
    try:
        if not configured():
            return None
        with _reporter_lock:
            if _reporter is None or not _reporter.running:
                _reporter = ProgressReporter(path, interval=interval).start()
                atexit.register(_reporter.stop)
            return _reporter
    except Exception as error:  # a page is being built: never in its way
        log.debug("progress reporter not started: %s", error)
        return None


def stop_progress_reporter() -> None:
    """Stop this process's reporter, if one runs (for tests, and at exit)."""
    global _reporter
    with _reporter_lock:
        if _reporter is not None:
            _reporter.stop()
            atexit.unregister(_reporter.stop)
            _reporter = None
