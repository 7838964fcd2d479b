"""Every record of a kind, in the order of their numbers: the order every export keeps."""

from __future__ import annotations

from typing import cast

from infoview_lib.model import Record
from infoview_lib.store import Workbook
from infoview_lib.store.tables import Table


def records_of(book: Workbook, table: Table) -> list[Record]:
    """Every record of ``table`` in ``book``, in the order of their numbers."""
    kind = cast("type[Record]", table.record)
    return sorted(book.all(kind), key=lambda record: record.id or 0)
