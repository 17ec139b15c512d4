"""Running an export off the GUI thread, with progress, so the window never freezes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from laadesk.core.errors import WorkbookProblem
from laadesk.core.pack import Pack
from laadesk.export.packs import PackFormat, WrittenPack, write_packs
from laadesk.ui.collector import collect_on_gui_thread_while


class ExportWorker(QObject):
    """Writes a pack (already cut to its audience) into files; lives on its own thread."""

    progressed = Signal(int, int)
    finished = Signal(list)  # list[WrittenPack]
    failed = Signal(str)

    def __init__(self, pack: Pack, outputs: tuple[tuple[PackFormat, Path], ...]) -> None:
        super().__init__()
        self.pack = pack
        self.outputs = outputs

    @Slot()
    def run(self) -> None:
        try:
            written: list[WrittenPack] = write_packs(
                self.pack, self.outputs, lambda done, total: self.progressed.emit(done, total)
            )
        except WorkbookProblem as problem:
            self.failed.emit(str(problem))
            return
        except Exception as error:  # a bug: say so plainly, never a traceback on screen
            self.failed.emit(f"The export failed because of a fault in laadesk ({type(error).__name__}: {error}).")
            return
        self.finished.emit(written)


def start_export(worker: ExportWorker, parent: QObject) -> QThread:
    """Move the worker to a new thread and start it; the thread ends itself when the work is done."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(thread.deleteLater)
    collect_on_gui_thread_while(thread)
    thread.start()
    return thread
