"""A preheated kernel stopped before its visit ends quietly (``infoview_lib.preheated``).

Jupyter interrupts a kernel before it stops it. These run the kernel's side in a
process of its own, as Voila starts it (``VOILA_PREHEAT=True``), and interrupt it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from infoview_lib.preheated import PREHEAT_VARIABLE

#: Where the preheated code would ask for its visit: a port nobody listens on.
NO_SERVER = {"VOILA_APP_PORT": "9", "VOILA_KERNEL_ID": "k1"}


def _run(code: str, *, preheated: bool) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **NO_SERVER, PREHEAT_VARIABLE: str(preheated)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


INTERRUPTED_WHILE_READING_AHEAD = """
    import os, signal, time
    from infoview_lib.preheated import wait_for_visit

    def read_ahead():
        os.kill(os.getpid(), signal.SIGINT)  # the server stops the kernel meanwhile
        time.sleep(5)
        print("read")

    wait_for_visit(meanwhile=read_ahead)
    print("page built")
"""


def test_a_kernel_interrupted_while_it_reads_ahead_ends_quietly() -> None:
    ended = _run(INTERRUPTED_WHILE_READING_AHEAD, preheated=True)
    assert (ended.returncode, ended.stdout, ended.stderr) == (0, "", "")


def test_a_kernel_that_is_not_preheated_is_interrupted_as_usual() -> None:
    interrupted = _run(INTERRUPTED_WHILE_READING_AHEAD, preheated=False)
    assert interrupted.stdout == "page built\n"  # nothing read ahead, nothing waited for


INTERRUPTED_WHILE_IMPORTING = """
    import os, signal, time
    from infoview_lib.preheated import quiet_until_visited

    quiet_until_visited()  # as infoview_lib.ui does before it imports a page
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(5)
    print("imported")
"""


def test_a_kernel_interrupted_while_it_imports_a_page_ends_quietly() -> None:
    ended = _run(INTERRUPTED_WHILE_IMPORTING, preheated=True)
    assert (ended.returncode, ended.stdout, ended.stderr) == (0, "", "")
    interrupted = _run(INTERRUPTED_WHILE_IMPORTING, preheated=False)
    assert interrupted.returncode != 0
    assert "KeyboardInterrupt" in interrupted.stderr


def test_a_kernel_whose_server_is_gone_ends_quietly_without_building_the_page() -> None:
    ended = _run(
        """
        from infoview_lib.preheated import wait_for_visit
        wait_for_visit(meanwhile=lambda: print("read", flush=True))
        print("page built")
        """,
        preheated=True,
    )
    assert (ended.returncode, ended.stdout, ended.stderr) == (0, "read\n", "")
