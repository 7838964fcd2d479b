"""What deleting a record takes with it: the records deleted along with it, and those kept
without their link, counted and said in words before the student confirms."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from infoview_lib.store.tables import Table, children_of, table_named


@dataclass(frozen=True)
class Deletion:
    """What deleting a record takes with it.

    ``removed`` counts the records deleted along with it, per kind;
    ``unlinked`` counts records kept but no longer linked to it.
    """

    record: str
    removed: tuple[tuple[str, int], ...]
    unlinked: tuple[tuple[str, int], ...]

    def describe(self) -> str:
        """The consequences in one or two sentences a student can read."""
        parts = []
        if self.removed:
            parts.append(f"Deleting this {self.record} also deletes {_listing(self.removed)}.")
        else:
            parts.append(f"Nothing else is stored with this {self.record}.")
        if self.unlinked:
            parts.append(
                f"{_listing(self.unlinked).capitalize()} linked to it will be kept, "
                "without the link."
            )
        return " ".join(parts)


def impact(connection: sqlite3.Connection, table: Table, record_id: int) -> Deletion:
    """What deleting the record ``record_id`` of ``table`` would take with it."""
    removed: dict[str, int] = {}
    unlinked: dict[str, int] = {}
    _count_dependents(connection, table.record, [record_id], removed, unlinked)
    return Deletion(record=table.noun[0], removed=_in_words(removed), unlinked=_in_words(unlinked))


def _count_dependents(
    connection: sqlite3.Connection,
    parent: type[object],
    ids: list[int],
    removed: dict[str, int],
    unlinked: dict[str, int],
) -> None:
    for child, link in children_of(parent):
        rows = connection.execute(
            f"SELECT id FROM {child.name} WHERE {link.column} IN (SELECT value FROM json_each(?))",
            (_json_ids(ids),),
        ).fetchall()
        child_ids = [int(row[0]) for row in rows]
        if not child_ids:
            continue
        tally = removed if link.on_delete == "cascade" else unlinked
        tally[child.name] = tally.get(child.name, 0) + len(child_ids)
        if link.on_delete == "cascade":
            _count_dependents(connection, child.record, child_ids, removed, unlinked)


def _listing(counts: tuple[tuple[str, int], ...]) -> str:
    words = [words for words, _ in counts]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _in_words(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple((table_named(name).count_words(count), count) for name, count in counts.items())


def _json_ids(ids: list[int]) -> str:
    return "[" + ",".join(str(int(number)) for number in ids) + "]"
