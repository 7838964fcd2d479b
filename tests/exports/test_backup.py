"""The JSON backup and restore: complete, deterministic, byte-identical after a round trip,
and a refused backup (newer, damaged, hand-edited) named by its line, leaving nothing."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.exports.backup import FORMAT, VERSION, backup_bytes, write_backup
from infoview_lib.exports.restore import BackupRefused, restore
from infoview_lib.exports.targets import TargetExists
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.store import rows as store_rows
from infoview_lib.store.schema import newest_version
from infoview_lib.store.tables import RECORD_TABLES


def _backup(workbook: Path, target: Path) -> Path:
    with Workbook.read_only(workbook) as book:
        return write_backup(book, target)


def test_backup_restore_backup_is_byte_identical_for_every_sample_student(
    cohort: list[Path], tmp_path: Path
) -> None:
    assert len(cohort) >= 10
    for workbook in cohort:
        first = _backup(workbook, tmp_path / f"{workbook.stem}.json")
        restored = restore(first, tmp_path / "restored" / workbook.name)
        with Workbook.read_only(restored) as book:
            assert backup_bytes(book) == first.read_bytes(), workbook.name
            assert book.integrity_problems() == []
        with Workbook.read_only(workbook) as original, Workbook.read_only(restored) as copy:
            for table in RECORD_TABLES:
                kind: Any = table.record
                assert copy.all(kind) == original.all(kind)  # every record, its number kept
            assert copy.profile() == original.profile()
            assert copy.settings() == original.settings()


def test_the_backup_is_complete_versioned_and_sorted(cohort: list[Path], tmp_path: Path) -> None:
    path = _backup(cohort[3], tmp_path / "backup.json")
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    assert document["workbook_schema"] == newest_version()
    assert set(document["records"]) == {table.name for table in RECORD_TABLES}
    assert document["settings"] == {"built_from": "sample cohort"}
    with Workbook.read_only(cohort[3]) as book:
        for table in RECORD_TABLES:
            listed = document["records"][table.name]
            kind: Any = table.record
            assert len(listed) == book.count(kind)
            assert [record["id"] for record in listed] == sorted(r["id"] for r in listed)
    assert text == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_unsaved_form_input_is_left_out(book_path: Path, tmp_path: Path) -> None:
    with Workbook.create(book_path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei Ng"))
        book.save_setting("unsaved:contact:new", '{"name": "half typed"}')
        book.save_setting("theme", "dark")
        content = backup_bytes(book)
    document = json.loads(content)
    assert document["settings"] == {"theme": "dark"}
    assert b"half typed" not in content


def test_restore_never_overwrites(cohort: list[Path], tmp_path: Path) -> None:
    backup = _backup(cohort[0], tmp_path / "backup.json")
    taken = tmp_path / "taken.infoview"
    taken.write_bytes(b"someone's work")
    with pytest.raises(TargetExists, match="never replaces"):
        restore(backup, taken)
    assert taken.read_bytes() == b"someone's work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json", "taken.infoview"]


def _refused(backup: Path, tmp_path: Path) -> BackupRefused:
    before = sorted(tmp_path.iterdir())
    target = tmp_path / "new" / "restored.infoview"
    with pytest.raises(BackupRefused) as raised:
        restore(backup, target)
    assert not target.exists()
    assert sorted(tmp_path.iterdir()) == before  # no workbook, no scratch file left behind
    return raised.value


def _edited(cohort: list[Path], tmp_path: Path, edit: Any) -> Path:
    backup = _backup(cohort[3], tmp_path / "backup.json")
    document = json.loads(backup.read_text(encoding="utf-8"))
    edit(document)
    backup.write_text(json.dumps(document, indent=2, sort_keys=True), encoding="utf-8")
    (tmp_path / "new").mkdir()
    return backup


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def test_a_backup_from_a_newer_infoview_is_refused(cohort: list[Path], tmp_path: Path) -> None:
    backup = _edited(cohort, tmp_path, lambda d: d.update(version=VERSION + 1))
    refused = _refused(backup, tmp_path)
    assert "newer infoview" in str(refused)
    assert "Update infoview" in str(refused)
    assert refused.line == _line_of(backup, '"version"')
    schema = _edited(cohort, tmp_path / "new", lambda d: d.update(workbook_schema=99))
    assert "newer infoview" in str(_refused(schema, tmp_path / "new"))


def test_a_damaged_file_is_refused_with_its_line_and_column(
    cohort: list[Path], tmp_path: Path
) -> None:
    backup = _backup(cohort[3], tmp_path / "backup.json")
    lines = backup.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[40] = lines[40].replace('"', "", 1)  # a quote lost
    backup.write_text("".join(lines), encoding="utf-8")
    refused = _refused(backup, tmp_path)
    assert refused.line == 41
    assert "line 41" in str(refused)
    assert "not valid JSON at column" in str(refused)
    assert str(refused).endswith("Nothing was restored.")
    truncated = tmp_path / "cut.json"
    truncated.write_bytes(backup.read_bytes()[:500])
    assert "damaged" in str(_refused(truncated, tmp_path))
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    assert "not UTF-8" in str(_refused(binary, tmp_path))
    other = tmp_path / "other.json"
    other.write_text('{"name": "not a backup"}', encoding="utf-8")
    assert "not an infoview backup" in str(_refused(other, tmp_path))


def test_a_record_failing_its_checks_is_refused_naming_record_field_and_line(
    cohort: list[Path], tmp_path: Path
) -> None:
    def bad_email(document: dict[str, Any]) -> None:
        document["records"]["contacts"][1]["email"] = "wei.example.org"

    backup = _edited(cohort, tmp_path, bad_email)
    refused = _refused(backup, tmp_path)
    assert refused.line == _line_of(backup, '"wei.example.org"')
    assert "contact number 2, field Email" in refused.reason
    assert "has no @ sign" in refused.reason


def test_a_dangling_link_is_refused(cohort: list[Path], tmp_path: Path) -> None:
    def dangling(document: dict[str, Any]) -> None:
        document["records"]["meetings"][0]["contact_id"] = 999

    backup = _edited(cohort, tmp_path, dangling)
    refused = _refused(backup, tmp_path)
    assert refused.line == _line_of(backup, '"contact_id": 999')
    assert "there is no contact number 999 in the backup" in refused.reason
    assert "meeting number 1" in refused.reason


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (lambda d: d["records"]["contacts"][0].update(shoe_size=42), "'shoe_size'"),
        (lambda d: d["records"]["contacts"][0].pop("name"), "has no Full name"),
        (lambda d: d["records"]["contacts"][1].update(id=1), "two contacts number 1"),
        (lambda d: d["records"].pop("questions"), "should list its questions"),
        (lambda d: d["settings"].update({"unsaved:x": "{}"}), "unsaved form input"),
        (lambda d: d["profile"].update(name=""), "Name"),
        (lambda d: d.update(extra=1), "'extra' is not part of a backup"),
    ],
)
def test_hand_edited_backups_are_refused(
    cohort: list[Path], tmp_path: Path, edit: Any, said: str
) -> None:
    refused = _refused(_edited(cohort, tmp_path, edit), tmp_path)
    assert said in refused.reason
    assert refused.line is not None


def test_a_key_given_twice_is_refused(cohort: list[Path], tmp_path: Path) -> None:
    backup = _backup(cohort[3], tmp_path / "backup.json")
    text = backup.read_text(encoding="utf-8").replace(
        '"format": "infoview-backup",', '"format": "infoview-backup",\n  "format": "x",', 1
    )
    backup.write_text(text, encoding="utf-8")
    refused = _refused(backup, tmp_path)
    assert "given twice" in refused.reason
    assert refused.line == 3


def test_a_referral_to_a_later_contact_is_restored(tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "a.infoview", StudentProfile(name="Ana Lima")) as book:
        first = book.add(Contact(name="Wei Ng"))
        later = book.add(Contact(name="Zoë O'Brien"))
        assert first.id is not None
        assert later.id is not None
        book.edit(Contact, first.id, referred_by=later.id)
        write_backup(book, tmp_path / "a.json")
    restored = restore(tmp_path / "a.json", tmp_path / "b.infoview")
    with Workbook.read_only(restored) as book:
        assert book.get(Contact, 1).referred_by == 2


def test_a_restore_failing_half_way_leaves_nothing(
    cohort: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _backup(cohort[3], tmp_path / "backup.json")
    written: list[object] = []

    def insert_then_fail(*args: Any, **kwargs: Any) -> int:
        written.append(args)
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        return real_insert(*args, **kwargs)

    real_insert = store_rows.insert
    monkeypatch.setattr(store_rows, "insert", insert_then_fail)
    with pytest.raises(OSError, match="No space"):
        restore(backup, tmp_path / "restored.infoview")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json"]
