"""Copies of a workbook written while it stays open, its undo history untouched."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from laadesk.core.errors import WorkbookUnavailable
from laadesk.store.workbook import Workbook


def save_copy(workbook: Workbook, target: Path) -> None:
    """Write a complete copy of the workbook to target; a reader never sees half of it.

    The workbook is first copied into memory, so a failure writing the copy (a full or
    write-protected drive) is told as the copy's, never as the workbook's own.
    """
    if target.exists() and target.resolve() == workbook.path.resolve():
        raise WorkbookUnavailable(f"{target} is the open workbook itself; choose another name for the copy.")
    memory = sqlite3.connect(":memory:")
    partial = target.with_name(f".{target.name}.{os.getpid()}.copying")
    try:
        workbook.backup_to(memory)
        copy = sqlite3.connect(partial)
        try:
            memory.backup(copy)
        finally:
            copy.close()
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise WorkbookUnavailable(f"Cannot write the copy {target}: {error}.") from None
    except OSError as error:
        raise WorkbookUnavailable(f"Cannot write the copy {target}: {error.strerror or error}.") from None
    finally:
        memory.close()
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
