"""Reading a region folder's workbooks on a thread of their own, each line sent to the window as it is read.

The thread reads files only (laadesk.store.region_read, read-only, no lock taken) and sends plain
dataclasses; the window's models are touched on the GUI thread alone. Given what was read before
(each file's signature), it reads again only the files that changed, came or went.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from laadesk.core.region import AreaOverview, Skipped
from laadesk.store.folder_reading import shown, workbook_files
from laadesk.store.locks import lock_path
from laadesk.store.region_read import read_overview

# What says a workbook may have changed: the file's own stamp and size, and its lock's (who has it open).
Signature = tuple[int, int, int, int]


def signature(path: Path) -> Signature:
    try:
        status = path.stat()
        stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
    except OSError:
        stamp = (-1, -1, -1)
    try:
        lock = os.stat(lock_path(path)).st_mtime_ns
    except OSError:
        lock = 0
    return (*stamp, lock)


@dataclass(frozen=True)
class WorkbookRead:
    """One file of the folder as read: an area's line, or the sentence saying why it was not read."""

    path: Path
    signature: Signature
    result: AreaOverview | Skipped


def read_safely(path: Path, folder: Path) -> AreaOverview | Skipped:
    """read_overview never raises for a bad file; a fault of laadesk's own still names the file, not a traceback."""
    try:
        return read_overview(path, folder)
    except Exception as fault:
        name = shown(path, folder)
        return Skipped(name, f"{name} could not be read because of a fault in laadesk ({type(fault).__name__}).")


def sub_folders(folder: Path) -> list[Path]:
    """The folder and every sub-folder workbook_files looks in (hidden ones are not), for the watcher."""
    found: list[Path] = []
    for root, folders, _files in os.walk(folder, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.append(Path(root))
    return found


class FolderReading(QThread):
    """Lists the folder's workbooks and reads those not already known as they are; `listed` gives every
    workbook and folder found (for the watcher), `found` says how many will be read, `gone` names those
    no longer there, `read` sends each as it is read."""

    listed = Signal(object, object)  # list[Path] workbooks, list[Path] folders
    found = Signal(int)
    gone = Signal(object)  # list[Path]
    read = Signal(object)  # WorkbookRead

    def __init__(self, folder: Path, known: dict[Path, Signature] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.known = dict(known or {})

    def run(self) -> None:
        try:
            paths = workbook_files(self.folder)
            folders = sub_folders(self.folder)
        except OSError:
            paths, folders = [], []
        self.listed.emit(paths, folders)
        present = set(paths)
        self.gone.emit([p for p in self.known if p not in present])
        wanted = [(p, s) for p in paths if self.known.get(p) != (s := signature(p))]
        self.found.emit(len(wanted))
        for path, stamp in wanted:
            if self.isInterruptionRequested():
                return
            self.read.emit(WorkbookRead(path, stamp, read_safely(path, self.folder)))
