"""The guided notebooks: where they are, what a server leaves out of their folder, and a
student's own copy of them for JupyterLab."""

from __future__ import annotations

from pathlib import Path

from infoview_lib.private_files import (
    PRIVATE_FOLDER,
    make_private,
    make_private_folders,
    write_private,
)
from infoview_lib.ui import session

#: Kept out of Voila's list of notebooks: the sources the notebooks are generated from.
HIDDEN = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", ".ipynb_checkpoints", "specs"]


def notebooks_dir() -> Path:
    """The guided notebooks: the ones shipped with infoview, else a source checkout's."""
    packaged = Path(__file__).parent / "_notebooks"  # inside an installed wheel
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "notebooks"  # a source checkout


def own_copy(workbook: Path | None) -> Path:
    """The student's own copy of the notebooks, beside their workbook, made when missing.

    JupyterLab saves outputs into the notebooks it opens: it gets a copy, so the
    notebooks shipped with infoview stay clean. Notebooks already copied are kept
    as the student left them; only missing ones are added. The copies are readable by
    their owner only (0600), in folders made 0700, as JupyterLab's saves of them are.
    """
    folder = (workbook or session.workbook_path()).expanduser().parent / "notebooks"
    make_private_folders(folder)
    for notebook in sorted(notebooks_dir().glob("*.ipynb")):
        copy = folder / notebook.name
        if not copy.exists():
            write_private(copy, notebook.read_bytes())  # saved with outputs, it shows contacts
    # What an older infoview made here was readable by others, and JupyterLab keeps a
    # file's mode when it saves it: narrow them now.
    checkpoints = folder / ".ipynb_checkpoints"
    for made in (folder, checkpoints):
        make_private(made, PRIVATE_FOLDER)
    for kept in (*folder.glob("*.ipynb"), *checkpoints.glob("*.ipynb")):
        make_private(kept)
    return folder


__all__ = ["HIDDEN", "notebooks_dir", "own_copy"]
