"""infoview's Voila page: the "lab" template with what a student needs on top.

The folder holds ``index.html.j2`` (extends Voila's ``lab/index.html.j2``), with the
stylesheet ``infoview.css`` and the script ``infoview.js`` it includes inline (the
page's policy allows inline styles and scripts from this server's own template).
It gives each page a language, a title naming its step, a main landmark, a strong
visible focus, readable contrast, a layout that reflows to 320 CSS pixels, and
notices announced by a screen reader. ``infoview app`` and the JupyterHub extension
both put this folder first on Voila's template paths, so a hub serves the same page.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

#: The folder of infoview's page template and its assets.
FOLDER = Path(__file__).resolve().parent


def template_paths(voila_paths: Iterable[str]) -> list[str]:
    """Voila's template paths with infoview's page template first (so it is used).

    >>> template_paths(["/voila/lab"])[1:]
    ['/voila/lab']
    >>> template_paths([str(FOLDER), "/voila/lab"]).count(str(FOLDER))
    1
    """
    ours = str(FOLDER)
    return [ours, *(path for path in voila_paths if path != ours)]


__all__ = ["FOLDER", "template_paths"]
