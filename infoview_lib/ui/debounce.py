"""Waiting for a pause in the student's typing before doing something with it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Debounced:
    """Run ``action`` once typing pauses: ``delay`` seconds after the last :meth:`schedule`.

    It waits on the running asyncio loop (a Jupyter kernel has one); without a
    loop, as in a plain script or a test, it runs at once.

    >>> runs = []
    >>> later = Debounced(lambda: runs.append("ran"), delay=0.5)
    >>> later.schedule()  # no loop is running here, so it runs at once
    >>> runs, later.pending
    (['ran'], False)
    """

    def __init__(self, action: Callable[[], None], delay: float) -> None:
        self._action = action
        self.delay = delay
        self._pending: asyncio.TimerHandle | None = None

    @property
    def pending(self) -> bool:
        """Whether a run is waiting for the pause."""
        return self._pending is not None

    def schedule(self) -> None:
        """Run ``delay`` seconds from now, replacing a run already waiting."""
        self.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._action()
            return
        self._pending = loop.call_later(self.delay, self.run_now)

    def run_now(self) -> None:
        """Run now, and drop the run that was waiting."""
        self.cancel()
        self._action()

    def cancel(self) -> None:
        """Drop the run that was waiting, if any."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
