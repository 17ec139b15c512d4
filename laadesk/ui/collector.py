"""Python's cycle collector runs on the GUI thread only.

A collection frees whatever garbage it finds, Qt objects included (a closed dialog held in a
reference cycle). Run on a worker thread, it deletes those widgets off the GUI thread and the
process dies: CI saw a segmentation fault "Garbage-collecting" on the export thread while
reportlab parsed a paragraph. So while background work runs Python, automatic collection is
off; when the last such work ends, the GUI thread turns it back on and collects there.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, Slot


class _Collector(QObject):
    """Lives on the GUI thread, so a finished thread's signal reaches `resume` there."""

    def __init__(self) -> None:
        super().__init__()
        self.background = 0
        self.was_enabled = True

    def pause(self) -> None:
        if self.background == 0:
            self.was_enabled = gc.isenabled()
            gc.disable()
        self.background += 1

    @Slot()
    def resume(self) -> None:
        self.background -= 1
        if self.background == 0 and self.was_enabled:
            gc.enable()
            gc.collect()


_collector: _Collector | None = None


def collect_on_gui_thread_while(thread: QThread) -> None:
    """Call on the GUI thread before `thread` starts: no automatic collection until it finishes."""
    global _collector
    app = QCoreApplication.instance()
    assert app is not None and QThread.currentThread() is app.thread(), "call this on the GUI thread"
    if _collector is None:
        _collector = _Collector()
    _collector.pause()
    thread.finished.connect(_collector.resume)


def background_threads() -> int:
    """How many threads are running Python in the background now (0 when the collector is free)."""
    return 0 if _collector is None else _collector.background
