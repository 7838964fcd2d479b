"""Where infoview finds its editable data (coaching wording, question bank, sample cohort)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from infoview_lib.errors import InfoviewError

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


def read_yaml_mapping(
    path: Path,
    *,
    what: str,
    missing: str,
    not_a_mapping: str,
    error: type[InfoviewError],
    loader: type[yaml.SafeLoader] = yaml.SafeLoader,
) -> dict[str, Any]:
    """A data file's top-level mapping; ``error`` with a plain message if it is unusable.

    ``what`` names the file ("The coaching file"), ``missing`` says how to restore it,
    and ``not_a_mapping`` what it should hold. ``loader`` is YAML's safe loader, or one
    made from it (one that keeps each key's line, say).
    """
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe)
    except FileNotFoundError:
        raise error(f"{what} {path} is missing: {missing}") from None
    except (OSError, UnicodeDecodeError) as problem:
        raise error(f"{what} {path} cannot be read: {problem}.") from None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark is not None else ""
        raise error(
            f"{what} {path} is not valid YAML{where}: check the indentation and quotes there."
        ) from None
    if not isinstance(loaded, dict):
        raise error(f"{what} {path} {not_a_mapping}")
    return loaded
