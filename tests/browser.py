"""What the browser tests and the app's benchmark share: Debian's Chromium, and counting kernels.

Playwright's own browser download does not work here, so Debian's Chromium is driven,
with the flags that keep it from reaching for the network.
"""

from __future__ import annotations

from pathlib import Path

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
