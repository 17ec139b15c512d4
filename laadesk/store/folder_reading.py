"""Reading every workbook in a shared folder without changing anything in it.

The region desk and the roll-up read colleagues' workbooks on the office network. Each is read
read-only inside one read transaction (a colleague editing it meanwhile is neither blocked for
longer than the read nor seen half way), no lock is taken, no journal is rolled back and no file is
made beside it. A file that cannot be read is named with one sentence and the rest are read.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from laadesk.core.errors import WorkbookCorrupt, WorkbookProblem, WorkbookUnavailable
from laadesk.core.region import Skipped
from laadesk.store import opening
from laadesk.store.workbook import WORKBOOK_SUFFIX

T = TypeVar("T")

# Larger than any workbook laadesk makes (even with its 250 MB of attachments): not read at all.
HUGE_BYTES = 1 << 30
# How long a reader waits for a colleague's save to finish before naming the workbook as busy.
BUSY_WAIT_SECONDS = 2.0


def workbook_files(folder: Path) -> list[Path]:
    """Every `.laa` file in folder and its sub-folders, in path order; hidden files and folders (locks,
    files being made, backups kept beside) are not workbooks of the region. A sub-folder that cannot be
    listed is in the list itself, in its place, so that it is named (size_problem) instead of its
    workbooks going missing without a word."""
    found: list[Path] = []

    def unlisted(error: OSError) -> None:
        if error.filename is not None and Path(error.filename) != folder:
            found.append(Path(error.filename))

    for root, folders, files in os.walk(folder, onerror=unlisted, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.extend(
            Path(root) / name
            for name in sorted(files)
            if not name.startswith(".") and name.lower().endswith(WORKBOOK_SUFFIX)
        )
    return found


def shown(path: Path, folder: Path) -> str:
    """A path as the region's lists show it: relative to the folder."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


def size_problem(path: Path) -> str:
    """Why a file is not even opened ('' when it may be): a pipe or device, unreadable, or huge."""
    try:
        status = path.stat()
    except OSError as error:
        if path.is_symlink() and isinstance(error, FileNotFoundError):
            return "is a link to a file that no longer exists."
        return f"cannot be read ({error.strerror or error})."
    if stat.S_ISDIR(status.st_mode):
        try:
            os.listdir(path)
        except OSError as error:
            return f"is a folder that cannot be read ({error.strerror or error}); no workbook in it was read."
        return "is a folder, not a workbook file."
    if not stat.S_ISREG(status.st_mode):
        return "is a pipe or a device, not a workbook file."
    if status.st_size > HUGE_BYTES:
        return f"is {status.st_size // (1 << 20):,} MB, far larger than any workbook; it was not read."
    if not os.access(path, os.R_OK):
        return "cannot be read: permission denied."
    return ""


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection inside one read transaction; WorkbookProblem with a sentence if the file
    is not a workbook this laadesk can read."""
    opening.inspect_header(path, recover=False)
    conn = opening.connect(path, read_only=True)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_WAIT_SECONDS * 1000)}")
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # takes the read lock now
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        raise unread(error, path) from None
    finally:
        conn.close()


def unread(error: sqlite3.Error | UnicodeDecodeError, path: Path) -> WorkbookProblem:
    """Why a workbook could not be read, in a sentence: opening.translate's, but for a save cut short,
    which a reader leaves alone (rolling it back is writing) whatever the folder's permissions."""
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_READONLY_ROLLBACK":
        return _half_saved(path)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) and "unable to open" in str(error):
        # A schema page SQLite cannot read fails ATTACH with "unable to open database: <its URI>", which
        # opening.translate would take for a folder that cannot be written.
        return WorkbookCorrupt(f"{path} is damaged (database disk image is malformed). Restore it from a backup.")
    return reworded(opening.translate(error, path), path)


def reworded(problem: WorkbookProblem, path: Path) -> WorkbookProblem:
    """The problem as a reader of the folder says it: opening.translate's sentence for a save cut short
    speaks of a folder that cannot be written, but a reader leaves the file alone even when it can."""
    return _half_saved(path) if HALF_SAVED in str(problem) else problem


HALF_SAVED = "was left half-saved when a program stopped"  # as opening.translate says it


def _half_saved(path: Path) -> WorkbookUnavailable:
    return WorkbookUnavailable(
        f"{path} {HALF_SAVED} ({path.name}-journal beside it is the record that puts it right); it was not "
        "read, and opening it in laadesk for editing puts it right."
    )


def read_or_skip(path: Path, folder: Path, read: Callable[[Path, sqlite3.Connection], T]) -> T | Skipped:
    """read(path, conn) on the workbook, or the one sentence that says why it was skipped."""
    name = shown(path, folder)
    problem = size_problem(path)
    if problem:
        return Skipped(name, f"{name} {problem}")
    try:
        with reading(path) as conn:
            return read(path, conn)
    except WorkbookProblem as refused:
        said = str(reworded(refused, path))
        return Skipped(name, said.replace(str(path.resolve()), name).replace(str(path), name))
    except (sqlite3.Error, UnicodeDecodeError, ValueError) as error:
        # A value of a kind laadesk never stores, read from a file that passed the schema check.
        return Skipped(name, f"{name} is damaged ({type(error).__name__}: {error}); it was not read.")


def region_folder(folder: Path) -> Path:
    """The folder to read, or a sentence (WorkbookUnavailable) when it is not one."""
    if not folder.exists():
        raise WorkbookUnavailable(f"{folder} does not exist.")
    if not folder.is_dir():
        raise WorkbookUnavailable(f"{folder} is not a folder; give the folder that holds the workbooks.")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise WorkbookUnavailable(f"{folder} cannot be read: permission denied.")
    return folder
