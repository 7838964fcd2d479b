"""docs/backup-format.md names every kind of record and every field a backup holds."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from infoview_lib.exports.backup import FORMAT, VERSION
from infoview_lib.store.schema import newest_version
from infoview_lib.store.tables import RECORD_TABLES

DOC = Path(__file__).resolve().parents[2] / "docs" / "backup-format.md"


def _documented_fields() -> dict[str, list[str]]:
    """Each ``records`` key of the document's table, and the fields listed for it."""
    found = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and "`id`" in cells[2]:
            found[cells[0].strip("`")] = re.findall(r"`([a-z_]+)`", cells[2])
    return found


def test_every_record_and_field_is_documented() -> None:
    documented = _documented_fields()
    for table in RECORD_TABLES:
        fields = [item.name for item in dataclasses.fields(table.record)]
        assert documented.get(table.name) == fields, table.name
    assert set(documented) == {table.name for table in RECORD_TABLES}


def test_the_versions_are_the_ones_written() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"# The infoview backup format, version {VERSION}" in text
    assert f'`"{FORMAT}"`' in text
    assert f'"workbook_schema": {newest_version()}' in text
