"""What a student types before their workbook exists (the profile, before its first save),
kept in a private file beside where the workbook will be.

A workbook is made whole by the first save, never half-made by typing, so until then
the typing has a file of its own: ``.NAME.unsaved.json`` next to the workbook ``NAME``,
0600 in a 0700 folder, holding each form's input under the key it would have in the
workbook's settings. It is never an ``.infoview`` file, so nothing takes it for a
workbook. Once the workbook exists, new typing is kept in the workbook; what this file
still holds is read from it until that input is saved or discarded, and the file goes
when it holds nothing.

>>> import tempfile
>>> workbook = Path(tempfile.mkdtemp()) / "ana" / "ana.infoview"
>>> keep(workbook, "unsaved:profile:profile", '{"name": "Ana"}')
>>> kept_file(workbook).name, oct(kept_file(workbook).stat().st_mode & 0o777)
('.ana.infoview.unsaved.json', '0o600')
>>> read(workbook, "unsaved:profile:profile"), workbook.exists()
('{"name": "Ana"}', False)
>>> forget(workbook, "unsaved:profile:profile")
>>> kept_file(workbook).exists()
False
"""

from __future__ import annotations

import json
from pathlib import Path

from infoview_lib.private_files import make_private, make_private_folders, write_private


def kept_file(workbook: Path) -> Path:
    """Where input typed before ``workbook`` exists is kept."""
    return workbook.with_name(f".{workbook.name}.unsaved.json")


def _all(workbook: Path) -> dict[str, str]:
    """Everything kept for ``workbook``; nothing if the file is missing or unreadable."""
    try:
        stored = json.loads(kept_file(workbook).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict):
        return {}
    return {key: text for key, text in stored.items() if isinstance(text, str)}


def read(workbook: Path, key: str) -> str | None:
    """The input kept under ``key``, as JSON text, or ``None``."""
    return _all(workbook).get(key)


def keys(workbook: Path, prefix: str = "") -> list[str]:
    """The keys kept whose names start with ``prefix``."""
    return sorted(key for key in _all(workbook) if key.startswith(prefix))


def keep(workbook: Path, key: str, text: str) -> None:
    """Keep ``text`` (JSON) under ``key``; the folder is made private if it is new.

    Raises ``OSError`` if it cannot be written.
    """
    stored = {**_all(workbook), key: text}
    make_private_folders(workbook.parent)
    target = kept_file(workbook)
    write_private(target, json.dumps(stored, sort_keys=True).encode("utf-8"))
    make_private(target)


def forget(workbook: Path, key: str) -> None:
    """Forget what is kept under ``key``; the file goes once it holds nothing."""
    target = kept_file(workbook)
    if not target.exists():
        return
    stored = _all(workbook)
    stored.pop(key, None)
    try:
        if stored:
            write_private(target, json.dumps(stored, sort_keys=True).encode("utf-8"))
        else:
            target.unlink(missing_ok=True)
    except OSError:
        return  # keeping a spare copy must never get in the student's way
