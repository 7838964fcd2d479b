"""Reading the coaching data files: the one place in :mod:`infoview_lib.coach` that touches disk.

The wording, word lists, thresholds and templates live in ``data/coaching/``
(or in ``$INFOVIEW_DATA_DIR/coaching/``) as YAML and CSV, where an advisor can
edit them. Each file is read once per process and cached; the checks
themselves are pure functions over what was read.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from infoview_lib.coach.findings import CoachingDataError, check_template
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir, read_yaml_mapping

T = TypeVar("T")

#: The folder, inside the data folder, that holds the coaching files.
COACHING = "coaching"


def coaching_file(name: str) -> Path:
    """Where a coaching file is, in the data folder in use."""
    return data_dir() / COACHING / name


def read_yaml(name: str) -> dict[str, Any]:
    """A coaching YAML file's top-level mapping, with a plain error if it is unusable."""
    return read_yaml_mapping(
        coaching_file(name),
        what="The coaching file",
        missing="restore it from the infoview data folder.",
        not_a_mapping="must hold named sections.",
        error=CoachingDataError,
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


#: An escape or a named group's name (kept as written), or other pattern text (lower-cased).
_ESCAPE_OR_TEXT = re.compile(r"(\\.|\(\?P<\w+>|\(\?P=\w+\))|([^\\(]+|\()", re.DOTALL)


def lower_pattern(pattern: str) -> str:
    r"""A pattern in lower case; its escapes (like ``\S`` or ``\B``) and group names kept.

    >>> lower_pattern(r"\bHiring\S+(?P<Rest>X)")
    '\\bhiring\\S+(?P<Rest>x)'
    """
    return _ESCAPE_OR_TEXT.sub(lambda m: m.group(1) or m.group(2).lower(), pattern)


def _has_top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside any group or character set.

    >>> _has_top_level_bar(r"\bfoo|bar"), _has_top_level_bar(r"\b(foo|bar)[|]")
    (True, False)
    """
    depth, in_set, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def patterns(data: dict[str, Any], key: str, where: str) -> re.Pattern[str]:
    """A list of regular expressions under ``key``, joined into one pattern.

    The checks match these against folded text (lower case, no accents), so each
    pattern is put in lower case too; matching is then exact, which is faster.
    Named groups and back-references are refused: joined patterns would clash.
    """
    compiled = []
    for entry in text_list(data, key, where):
        try:
            pattern = re.compile(lower_pattern(entry))
        except re.error as error:
            raise CoachingDataError(
                f"{where}: the pattern {entry!r} under '{key}' is not a valid regular "
                f"expression ({error})."
            ) from None
        if pattern.groupindex or re.search(r"\\[1-9]|\(\?[aiLmsux]", entry):
            raise CoachingDataError(
                f"{where}: the pattern {entry!r} under '{key}' uses a named group, a "
                "back-reference or a flag, which these lists do not allow."
            )
        compiled.append(pattern.pattern)
    # Entries that start at a word boundary share one \b: the engine then skips the
    # whole list at once inside words, which makes the checks several times faster.
    shared = [p for p in compiled if p.startswith(r"\b") and not _has_top_level_bar(p)]
    bounded = [p[2:] for p in shared]
    others = [p for p in compiled if p not in shared]
    branches = [rf"\b(?:{'|'.join(f'(?:{b})' for b in bounded)})"] if bounded else []
    branches += [f"(?:{other})" for other in others]
    return re.compile("|".join(branches))


def only_known(found: Mapping[Any, object], names: Iterable[str], where: str) -> None:
    """Refuse a name in ``found`` that is none of ``names`` (a misspelt key, say)."""
    names = tuple(names)
    unknown = [str(name) for name in found if name not in names]
    if unknown:
        raise CoachingDataError(
            f"{where}: {unknown[0]!r} is not a name the workbook uses; check its spelling. "
            f"The names are: {', '.join(names)}."
        )


def wordings(
    data: dict[str, Any], key: str, file_name: str, blanks: Mapping[str, tuple[str, ...]]
) -> dict[str, str]:
    """The texts under ``key``, one per name in ``blanks``, each using only its own blanks.

    A missing or empty text, an unknown name, or a ``{blank}`` the workbook cannot
    fill there is refused with the file, the key and what would be right.
    """
    found = section(data, key, file_name, dict)
    only_known(found, blanks, f"{file_name}, {key}")
    texts: dict[str, str] = {}
    for name, allowed in blanks.items():
        where = f"{file_name}, {key} {name!r}"
        text = found.get(name)
        if not isinstance(text, str) or not text.strip():
            raise CoachingDataError(
                f"{where}: the wording is missing or empty; write it, or copy it back from "
                "the data folder that comes with infoview."
            )
        stray = [blank for blank in check_template(text, where) if blank not in allowed]
        if stray:
            usable = ", ".join("{" + blank + "}" for blank in allowed) or "none"
            raise CoachingDataError(
                f"{where}: {{{stray[0]}}} is not a blank the workbook can fill in here. "
                f"Blanks it can fill: {usable}."
            )
        texts[name] = text.strip()
    return texts
