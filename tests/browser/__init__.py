"""What the browser tests and the app's benchmark share: Debian's Chromium, and counting kernels.

Playwright's own browser download does not work here, so Debian's Chromium is driven,
with the flags that keep it from reaching for the network.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import Locator, Page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
TODAY = date(2026, 3, 16)
#: Long enough for a kernel to start and run the notebook on a busy 2-core machine.
TIMEOUT_MS = 60_000
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def kernels_for(marker: str) -> list[int]:
    """The kernel processes whose environment holds ``marker`` (a workbook's path, which
    every kernel of a server inherits from it)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if (
                b"ipykernel" in (entry / "cmdline").read_bytes()
                and marker.encode() in (entry / "environ").read_bytes()
            ):
                found.append(int(entry.name))
        except OSError:
            continue  # gone meanwhile
    return found


def text_input(page: Page, label: str) -> Locator:
    """The input of the Text widget labelled ``label`` (by the widget's classes, never by
    text that could also be in markdown or code)."""
    widget = page.locator(".widget-text", has=page.locator("label.widget-label", has_text=label))
    return widget.locator("input")
