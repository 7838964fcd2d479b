"""Write a guided notebook from a short text spec, without outputs.

    python -m infoview_lib.notebook_builder SPEC.md OUT.ipynb   (or: make notebooks)

The spec alternates markdown and code: a line ``%%code`` starts a code cell and
``%%md`` a markdown cell; ``%%code parameters`` starts a code cell tagged
``parameters``, where papermill puts the values it is given. Keeping notebooks
generated from plain text makes them easy to review and guarantees they are
committed without outputs. A line of markdown that links to the same page twice
("Back: 00 Start here · Home: 00 Start here") is refused: say each link once.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import nbformat

#: The lines that start a new cell (``%%end`` closes the last one).
_MARKERS = frozenset({"%%code", "%%code parameters", "%%md", "%%end"})
#: Where a markdown link points: ``[words](target)``.
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def repeated_links(line: str) -> list[str]:
    """The link targets ``line`` names more than once, in the order they repeat.

    >>> repeated_links("Back: [00](00.ipynb) · Home: [00](00.ipynb) · Next: [02](02.ipynb)")
    ['00.ipynb']
    >>> repeated_links("Back: [01](01.ipynb) · Home: [00](00.ipynb)")
    []
    """
    seen: set[str] = set()
    repeated = []
    for target in _LINK.findall(line):
        if target in seen and target not in repeated:
            repeated.append(target)
        seen.add(target)
    return repeated


def build(spec: str) -> Any:
    """The notebook described by ``spec``."""
    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    for number, line in enumerate(spec.splitlines(), start=1):
        repeated = repeated_links(line)
        if repeated:
            raise ValueError(
                f"line {number} links to {', '.join(repeated)} more than once: "
                "name each page once on a line."
            )
    kind, lines = "md", list[str]()
    for line in [*spec.splitlines(), "%%end"]:
        marker = " ".join(line.split())
        if marker in _MARKERS:
            text = "\n".join(lines).strip()
            if text:
                new_cell = (
                    nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
                )
                cell = new_cell(text)  # type: ignore[no-untyped-call]
                if kind == "code parameters":
                    cell.metadata["tags"] = ["parameters"]
                notebook.cells.append(cell)
            kind, lines = marker[2:], []
        else:
            lines.append(line)
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number:02d}"
    return notebook


def main() -> None:
    spec, out = (Path(arg) for arg in sys.argv[1:3])
    nbformat.write(build(spec.read_text(encoding="utf-8")), out)  # type: ignore[no-untyped-call]


if __name__ == "__main__":
    main()
