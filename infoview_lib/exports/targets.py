"""Where an export goes: never over a file that is there, unless the caller says so."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.private_files import make_private_folders, write_private


class ExportError(InfoviewError):
    """An export or a restore that cannot be made; nothing was written."""


class TargetExists(ExportError):
    """An export would replace a file that is already there."""


def check_free(targets: Sequence[Path], *, replace: bool) -> None:
    """Refuse targets already taken (all of them when not ``replace``), or not files."""
    for target in targets:
        if target.is_dir():
            raise TargetExists(f"{target} is a folder: give the name of a file to write.")
        if not replace and (target.exists() or target.is_symlink()):
            raise TargetExists(
                f"{target} is already there and was left as it is: choose another name, "
                "or replace it (--force on the command line)."
            )


def write_export(target: Path, content: bytes, *, replace: bool) -> Path:
    """Write ``content`` at ``target`` (0600, its folders 0700); unless ``replace``, never
    over a file that is there."""
    check_free([target], replace=replace)
    make_private_folders(target.parent)
    write_private(target, content)
    return target
