"""Where infoview finds its editable data (coaching wording, question bank, sample cohort)."""

from __future__ import annotations

import os
from pathlib import Path

#: Set this to a copy of ``data/`` to use a programme's own wording and questions.
DATA_DIR_VARIABLE = "INFOVIEW_DATA_DIR"


def data_dir() -> Path:
    """The data folder: ``$INFOVIEW_DATA_DIR``, else the one shipped with infoview."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    packaged = Path(__file__).parent / "_data"  # inside an installed wheel
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"  # a source checkout
