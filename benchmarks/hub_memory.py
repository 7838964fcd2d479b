"""Benchmark: what one student costs a workshop's JupyterHub, and the server a room needs.

Starts a real hub with the shipped configuration (``tests/hub/real_hub.py``; root only,
as ``make test`` builds its environment), logs ``--students`` students in at once in
headless Chromium, and has each open the dashboard and the contacts page, as a student
does in the first minutes of a workshop. Then it sums, per student, the proportional set
size (Pss: shared library pages split fairly between the processes that map them) of
that user's processes: their server and their kernels. It also prints the hub's own
processes (hub, proxy, workshop service, culler), the drop in MemAvailable per student,
and the wall time of the parallel logins.

The server size for a room follows The Littlest JupyterHub's rule of thumb: the hub's
processes, plus each student's peak times the room, plus 30% headroom and 1 GiB for the
operating system.

    .venv/bin/python benchmarks/hub_memory.py [--students 3] [--room 40]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.hub.real_hub import HubUser, RealHub, environment_problem

MIB = 2**20


def pss_mib(pids: list[int]) -> float:
    """The summed Pss of ``pids`` in MiB (processes that have gone count 0)."""
    total_kib = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total_kib += int(line.split()[1])
    return total_kib * 1024 / MIB


def available_mib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024 / MIB
    raise RuntimeError("no MemAvailable in /proc/meminfo")


async def _visit(browser: Browser, hub: RealHub, user: HubUser) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(180_000)
    await page.goto(f"{hub.url}/hub/login")
    await page.fill("#username_input", user.name)
    await page.fill("#password_input", user.password)
    await page.click("#login_submit")
    await page.wait_for_url(f"**/user/{user.name}/infoview/00_start_here.ipynb")
    await page.locator("button.widget-button").first.wait_for()
    contacts = await context.new_page()
    contacts.set_default_timeout(180_000)
    await contacts.goto(f"{hub.url}/user/{user.name}/infoview/01_pick_contacts.ipynb")
    await contacts.locator("button.widget-button").first.wait_for()
    # Both pages stay open while the memory is read.


async def _log_in_all(hub: RealHub, before: float, room: int) -> float:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        started = time.monotonic()
        await asyncio.gather(*(_visit(browser, hub, user) for user in hub.users))
        seconds = time.monotonic() - started
        await asyncio.sleep(3)  # let the kernels settle after their first cells
        measure(hub, seconds, before, room)
        await browser.close()
        return seconds


def measure(hub: RealHub, seconds: float, before: float, room: int) -> None:
    """Print each student's memory, the hub's, and the server a room of ``room`` needs."""
    per_student = [pss_mib(hub.processes_of(user)) for user in hub.users]
    kernels = [pss_mib(hub.processes_of(user, b"ipykernel")) for user in hub.users]
    hub_pids = [pid for pid in _pids_of_uid(0) if _is_hub_process(pid)]
    hub_pids += hub.processes_of(HubUser(hub.service_user, ""))
    baseline = pss_mib(hub_pids)
    browser = pss_mib([pid for pid in _pids_of_uid(0) if _has(pid, b"chromium")])
    dropped = (before - available_mib() - browser) / len(hub.users)
    peak = max(per_student)
    size_gib = (baseline + room * peak * 1.3) / 1024 + 1
    print(f"students logged in at once: {len(hub.users)}, in {seconds:.1f} s (wall)")
    print(f"per student (server + 2 kernels), Pss MiB: {[round(x) for x in per_student]}")
    print(f"  of which kernels, Pss MiB: {[round(x) for x in kernels]}")
    print(f"  median {statistics.median(per_student):.0f} MiB, peak {peak:.0f} MiB")
    print(
        f"  MemAvailable dropped by {dropped:.0f} MiB per student, not counting the test's "
        f"browser ({browser:.0f} MiB; students' browsers run on their own laptops)"
    )
    print(f"hub, proxy, workshop service and culler, Pss: {baseline:.0f} MiB")
    print(
        f"a room of {room}: {baseline:.0f} + {room} x {peak:.0f} MiB x 1.3 + 1 GiB "
        f"= {size_gib:.1f} GiB of memory"
    )


def _pids_of_uid(uid: int) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if entry.stat().st_uid == uid:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _has(pid: int, marker: bytes) -> bool:
    try:
        return marker in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _is_hub_process(pid: int) -> bool:
    markers = (b"bin/jupyterhub\x00", b"configurable-http-proxy", b"idle_culler")
    return any(_has(pid, marker) for marker in markers)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--students", type=int, default=3, help="students logged in (default 3)")
    parser.add_argument("--room", type=int, default=40, help="the room to size for (default 40)")
    args = parser.parse_args()
    problem = environment_problem()
    if problem:
        raise SystemExit(f"The hub benchmark cannot run: {problem}.")
    hub = RealHub(students=args.students)
    try:
        hub.start()
        asyncio.run(_log_in_all(hub, available_mib(), args.room))
    finally:
        hub.stop()


if __name__ == "__main__":
    main()
