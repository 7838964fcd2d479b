"""Reading the coaching data files: the one place in :mod:`infoview_lib.coach` that touches disk.

The wording, word lists, thresholds and templates live in ``data/coaching/``
(or in ``$INFOVIEW_DATA_DIR/coaching/``) as YAML and CSV, where an advisor can
edit them. Each file is read once per process and cached; the checks
themselves are pure functions over what was read.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.paths import data_dir

T = TypeVar("T")

#: The folder, inside the data folder, that holds the coaching files.
COACHING = "coaching"


def coaching_file(name: str) -> Path:
    """Where a coaching file is, in the data folder in use."""
    return data_dir() / COACHING / name


def read_yaml(name: str) -> dict[str, Any]:
    """A coaching YAML file's top-level mapping, with a plain error if it is unusable."""
    path = coaching_file(name)
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CoachingDataError(
            f"The coaching file {path} is missing: restore it from the infoview data folder."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CoachingDataError(f"The coaching file {path} cannot be read: {error}.") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark is not None else ""
        raise CoachingDataError(
            f"The coaching file {path} is not valid YAML{where}: check the indentation "
            "and quotes there."
        ) from None
    if not isinstance(loaded, dict):
        raise CoachingDataError(f"The coaching file {path} must hold named sections.")
    return loaded


def read_csv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """A coaching CSV file's rows; the header must name at least ``columns``."""
    path = coaching_file(name)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in columns if column not in (reader.fieldnames or ())]
            if missing:
                raise CoachingDataError(
                    f"The coaching file {path} lacks the column(s) {', '.join(missing)}: "
                    f"its first line must name {', '.join(columns)}."
                )
            return [
                {key: (value or "").strip() for key, value in row.items() if key is not None}
                for row in reader
            ]
    except FileNotFoundError:
        raise CoachingDataError(
            f"The coaching file {path} is missing: restore it from the infoview data folder."
        ) from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CoachingDataError(f"The coaching file {path} cannot be read: {error}.") from None


def loader(build: Callable[[], T]) -> Callable[[], T]:
    """Cache what ``build`` makes from the data folder, per data folder in use.

    Changing ``$INFOVIEW_DATA_DIR`` (as a programme with its own wording does)
    reads the files again; otherwise each is read once per process.
    """

    @cache
    def built(folder: Path) -> T:
        return build()

    def load() -> T:
        return built(data_dir())

    load.__doc__ = build.__doc__
    load.cache_clear = built.cache_clear  # type: ignore[attr-defined]
    return load


def section(data: dict[str, Any], key: str, where: str, kind: type[T]) -> T:
    """``data[key]``, which must be a ``kind``; an error naming the file if not."""
    value = data.get(key)
    if not isinstance(value, kind):
        raise CoachingDataError(f"{where}: '{key}' is missing or is not a {kind.__name__}.")
    return value


def text_list(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A list of non-empty strings under ``key``."""
    values = section(data, key, where, list)
    if not all(isinstance(value, str) and value.strip() for value in values):
        raise CoachingDataError(f"{where}: every entry of '{key}' must be non-empty text.")
    return tuple(value.strip() for value in values)


def patterns(data: dict[str, Any], key: str, where: str) -> re.Pattern[str]:
    """A list of regular expressions under ``key``, joined into one case-blind pattern."""
    compiled = []
    for entry in text_list(data, key, where):
        try:
            compiled.append(re.compile(entry, re.IGNORECASE))
        except re.error as error:
            raise CoachingDataError(
                f"{where}: the pattern {entry!r} under '{key}' is not a valid regular "
                f"expression ({error})."
            ) from None
    return re.compile("|".join(f"(?:{p.pattern})" for p in compiled), re.IGNORECASE)
