"""File-level steps of the workbook store: placing a new file, clearing leftovers, knowing a file again."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from laadesk.core.errors import WorkbookUnavailable


def remove_quietly(partial: Path) -> None:
    """Clear away a half-made file and its journal; on a read-only drive there is nothing to clear."""
    for leftover in (partial, Path(f"{partial}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode (None for a workbook held only in memory, or gone)."""
    try:
        stat = os.stat(path)
    except OSError:
        return (-1, -1) if path.name else None
    return (stat.st_dev, stat.st_ino)


def os_reason(error: OSError) -> str:
    """Why the system refused, in lower case for the middle of a sentence ("permission denied")."""
    return (error.strerror or str(error)).lower()


def words(name: str) -> str:
    """ "ChampionNote" -> "champion note", for messages."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def link_into_place(partial: Path, path: Path) -> None:
    """Give a finished file its name; FileExistsError rather than replace anything already there.
    Where hard links work the partial file keeps its own name too (the caller tidies it away)."""
    try:
        os.link(partial, path)
    except FileExistsError:
        raise
    except OSError:
        # Filesystems without hard links (FAT on USB sticks): check, then rename.
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(partial, path)


def place_new_file(partial: Path, path: Path) -> None:
    """Give a finished new workbook its name, never replacing a file that appeared meanwhile."""
    try:
        link_into_place(partial, path)
    except FileExistsError:
        raise WorkbookUnavailable(f"{path} already exists; laadesk will not overwrite it.") from None
    partial.unlink(missing_ok=True)
