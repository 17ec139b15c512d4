"""Taking backups of a workbook: where they go, copied from the open file, thinned as they age.

A backup is a complete workbook, `<folder>/<stem>/<stem> YYYY-MM-DD HHMMSS <reason>.laa`,
copied with SQLite's online backup API from the connection already open (so the workbook
stays open and the editor's undo history is untouched), and named only once complete - but for
its attached files' contents, each kept once beside the backups (store/backup_contents.py).
Reading one back and restoring it is store/restoring.py's job.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from laadesk.core.errors import WorkbookUnavailable
from laadesk.store.backup_contents import keep_contents_apart, remove_unnamed_contents
from laadesk.store.file_steps import link_into_place, os_reason, remove_quietly
from laadesk.store.paths import user_data_dir

BEFORE_MIGRATION = "before-migration"
BEFORE_IMPORT = "before-import"
BEFORE_MERGE = "before-merge"
PERIODIC = "periodic"

REASON_LABELS = {
    BEFORE_MIGRATION: "before upgrading the file to a newer laadesk",
    BEFORE_IMPORT: "before an import",
    BEFORE_MERGE: "before a merge",
    PERIODIC: "while editing",
}

# Kept however old: the workbook as the previous laadesk left it. Everything else is thinned.
NEVER_THINNED = frozenset({BEFORE_MIGRATION})

_NAME = re.compile(
    r"^(?P<stem>.+) (?P<date>\d{4}-\d{2}-\d{2}) (?P<time>\d{6}) (?P<reason>[a-z]+(?:-[a-z]+)*)(?: (?P<n>\d+))?\.laa$"
)


def default_folder() -> Path:
    """Where backups go unless the person chose a folder: `backups` in laadesk's data folder."""
    return user_data_dir() / "backups"


# The folder chosen in the editor, kept where the command line reads it too.
CHOSEN_FOLDER_FILE = "backup-folder.txt"


def chosen_folder() -> Path | None:
    """The folder the person chose for backups; None while none is chosen or it is missing
    (a USB stick not plugged in), so a backup is never skipped for want of a folder."""
    try:
        text = (user_data_dir() / CHOSEN_FOLDER_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text and Path(text).is_dir() else None


def choose_folder(folder: Path | None) -> None:
    """Send backups to folder from now on, from the editor and the command line alike
    (None: back to laadesk's own backups folder)."""
    record = user_data_dir() / CHOSEN_FOLDER_FILE
    if folder is None:
        record.unlink(missing_ok=True)
        return
    record.parent.mkdir(parents=True, exist_ok=True)
    partial = record.with_name(f".{record.name}.{os.getpid()}.partial")
    partial.write_text(str(folder.resolve()), encoding="utf-8")
    os.replace(partial, record)


def backup_folder() -> Path:
    """Where backups go now: the chosen folder, or laadesk's own."""
    return chosen_folder() or default_folder()


def backup_folders() -> list[Path]:
    """Every folder backups may be in: the chosen one and laadesk's own (where they went before)."""
    folders = [backup_folder(), default_folder()]
    return [f for n, f in enumerate(folders) if f not in folders[:n]]


@dataclass(frozen=True)
class Backup:
    """One backup file, described by its name."""

    path: Path
    stem: str  # the workbook's file name without .laa
    taken: datetime  # local time, to the second
    reason: str

    @property
    def why(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason.replace("-", " "))

    @classmethod
    def from_path(cls, path: Path) -> Backup | None:
        match = _NAME.match(path.name)
        if match is None:
            return None
        try:
            taken = datetime.strptime(f"{match['date']} {match['time']}", "%Y-%m-%d %H%M%S")
        except ValueError:
            return None
        return cls(path, match["stem"], taken, match["reason"])


class BackupFailed(WorkbookUnavailable):
    """A backup could not be written; `why` is the short reason, for the caller's own sentence."""

    def __init__(self, workbook: Path, folder: Path, why: str) -> None:
        self.workbook = workbook
        self.folder = folder
        self.why = why
        super().__init__(f"Could not back up {workbook} to {folder}: {why}.")


# -- taking a backup -----------------------------------------------------------------------


class OpenWorkbook(Protocol):
    """What a backup needs of an open workbook: its file, and a copy of its contents."""

    @property
    def path(self) -> Path: ...

    def backup_to(self, target: sqlite3.Connection) -> None: ...


def take_backup(
    workbook: OpenWorkbook, reason: str, root: Path | None = None, *, now: datetime | None = None
) -> Backup:
    """Copy the open workbook into the backup folder, then thin that workbook's older backups.

    The workbook is read into memory first (a few milliseconds, the only time its file is
    read-locked), so a failure writing the backup is told apart from a problem with the
    workbook, and a half-written backup never appears under a backup's name.
    """
    stem = _folder_name(workbook.path.stem)
    folder = (root or backup_folder()) / stem
    when = (now or datetime.now()).replace(microsecond=0)
    memory = sqlite3.connect(":memory:")
    try:
        workbook.backup_to(memory)
        try:
            apart = keep_contents_apart(memory, folder)  # attached files: once for all the backups
        except (OSError, sqlite3.Error) as error:
            why = os_reason(error) if isinstance(error, OSError) else str(error)
            raise BackupFailed(workbook.path, folder, why) from None
        path = _write(memory, workbook.path, folder, f"{stem} {when:%Y-%m-%d %H%M%S} {reason}", compact=apart)
    finally:
        memory.close()
    with contextlib.suppress(OSError):
        thin_folder(folder, now=when)
    return Backup(path, stem, when, reason)


def _write(memory: sqlite3.Connection, workbook: Path, folder: Path, base: str, *, compact: bool = False) -> Path:
    partial = folder / f".{base}.{os.getpid()}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # backups hold internal notes too
        if compact:  # the contents taken out leave free pages a page-by-page copy would keep
            memory.execute("VACUUM INTO ?", (str(partial),))
        else:
            target = sqlite3.connect(partial)
            try:
                memory.backup(target)
            finally:
                target.close()
        for number in range(1, 100):
            name = f"{base}.laa" if number == 1 else f"{base} {number}.laa"
            with contextlib.suppress(FileExistsError):
                link_into_place(partial, folder / name)
                return folder / name
        raise FileExistsError(f"too many backups named {base}")
    except sqlite3.Error as error:
        why = "the disk is full" if "full" in str(error) else str(error)
        raise BackupFailed(workbook, folder, why) from None
    except OSError as error:
        raise BackupFailed(workbook, folder, os_reason(error)) from None
    finally:
        remove_quietly(partial)


def _folder_name(stem: str) -> str:
    return stem if stem.strip(". ") else "workbook"


# -- listing and thinning --------------------------------------------------------------------


def list_backups(root: Path, stem: str | None = None) -> list[Backup]:
    """Backups under root, newest first: one workbook's (by its file stem) or every workbook's."""
    if stem is not None:
        folders = [root / _folder_name(stem)]
    else:
        try:
            folders = [f for f in root.iterdir() if f.is_dir()]
        except OSError:
            return []
    found: list[Backup] = []
    for folder in folders:
        try:
            files = list(folder.iterdir())
        except OSError:
            continue
        for file in files:
            backup = Backup.from_path(file)
            if backup is not None and backup.stem == folder.name and not file.name.startswith("."):
                found.append(backup)
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def backups_to_keep(taken: Iterable[datetime], now: datetime) -> set[datetime]:
    """The thinning policy: every backup from the last hour, then the newest one of each hour
    for a day, of each day for 30 days, and of each week (ISO week) after that."""
    kept: set[datetime] = set()
    newest: dict[tuple[object, ...], datetime] = {}
    for when in taken:
        age = now - when
        if age < timedelta(hours=1):
            kept.add(when)  # including any from the "future", after a clock change
            continue
        if age < timedelta(days=1):
            bucket: tuple[object, ...] = ("hour", when.date(), when.hour)
        elif age < timedelta(days=30):
            bucket = ("day", when.date())
        else:
            year, week, _ = when.isocalendar()
            bucket = ("week", year, week)
        if bucket not in newest or when > newest[bucket]:
            newest[bucket] = when
    return kept | set(newest.values())


def thin_folder(folder: Path, *, now: datetime) -> list[Path]:
    """Delete the backups in one workbook's folder the policy no longer keeps; returns them."""
    backups = [b for b in list_backups(folder.parent, folder.name) if b.reason not in NEVER_THINNED]
    keep = backups_to_keep((b.taken for b in backups), now)
    removed = []
    for backup in backups:
        if backup.taken not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    remove_unnamed_contents(folder, [b.path for b in list_backups(folder.parent, folder.name)])
    return removed
