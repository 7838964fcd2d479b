"""Reading the coaching data files: the one place in :mod:`infoview_lib.coach` that reads them.

The wording, word lists, thresholds and templates live in ``data/coaching/``
(or in ``$INFOVIEW_DATA_DIR/coaching/``) as YAML and CSV, where an advisor can
edit them. YAML is read keeping the line of each entry, for messages; each file is
read once per process and cached (:func:`loader`); the checks themselves are pure
functions over what was read. What a file must hold is its schema's business
(:mod:`infoview_lib.coach.schema`).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir, read_yaml_mapping

T = TypeVar("T")

#: The folder, inside the data folder, that holds the coaching files.
COACHING = "coaching"


def coaching_file(name: str) -> Path:
    """Where a coaching file is, in the data folder in use."""
    return data_dir() / COACHING / name


class _Lined(dict[Any, Any]):
    """A YAML mapping that remembers the line each key is on."""

    lines: dict[Any, int]


class _LinedList(list[Any]):
    """A YAML list that remembers the line each item starts on."""

    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """YAML's safe loader, keeping the line of each key and list item for messages."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = _Lined(super().construct_mapping(node, deep=True))
        mapping.lines = {
            self.construct_object(key, deep=True): key.start_mark.line + 1
            for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)
        }
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> list[Any]:
        items = _LinedList(super().construct_sequence(node, deep=True))
        items.lines = [item.start_mark.line + 1 for item in node.value]
        return items


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def line_of(data: object, key: object) -> int | None:
    """The line ``key`` (a mapping's key or a list's index) is on, where it is known."""
    if isinstance(data, _Lined):
        return data.lines.get(key)
    if isinstance(data, _LinedList) and isinstance(key, int) and 0 <= key < len(data.lines):
        return data.lines[key]
    return None


def read_yaml(name: str) -> dict[str, Any]:
    """A coaching YAML file's top-level mapping, with a plain error if it is unusable.

    Its mappings and lists remember the line of each entry (see :func:`line_of`).
    """
    return read_yaml_mapping(
        coaching_file(name),
        what="The coaching file",
        missing="restore it from the infoview data folder.",
        not_a_mapping="must hold named sections.",
        error=CoachingDataError,
        loader=_LineLoader,
    )


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
    reads the files again; otherwise each is read once per process (the check
    of the variable is cheap enough for every keystroke).
    """

    @cache
    def built(override: str | None) -> T:
        return build()

    def load() -> T:
        override = os.environ.get(DATA_DIR_VARIABLE)
        # abspath, not Path.resolve(): no disk access on every keystroke
        return built(os.path.abspath(override) if override else None)  # noqa: PTH100

    load.__doc__ = build.__doc__
    load.cache_clear = built.cache_clear  # type: ignore[attr-defined]
    _LOADERS.append(load)
    return load


#: Every loader made by :func:`loader`, for :func:`read_all`.
_LOADERS: list[Callable[[], object]] = []


def read_all() -> None:
    """Read every coaching file the loaders made so far know (a preheated page does this
    while it waits for its student, rather than after the click)."""
    for load in _LOADERS:
        load()
