"""Python's cycle collector never runs on a background thread: there it would delete Qt objects
off the GUI thread (CI died "Garbage-collecting" on the export thread)."""

from __future__ import annotations

import gc
import threading
from datetime import date
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from laadesk.core.pack import Audience, build_pack
from laadesk.export.packs import PackFormat
from laadesk.ui.application import load_pack_writers_in_background
from laadesk.ui.collector import background_threads
from laadesk.ui.window.export_worker import ExportWorker, start_export
from laadesk.ui.window.main_window import MainWindow


class CycledWidget(QWidget):
    """A widget only a reference cycle keeps: garbage that only the collector frees."""

    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        super().__init__()
        self.myself = self

    def __del__(self) -> None:
        CycledWidget.freed_on.append(threading.current_thread().name)


def test_no_collection_on_the_export_thread_and_the_garbage_is_freed_on_the_gui_thread(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert window.session is not None and gc.isenabled()
    CycledWidget.freed_on.clear()
    CycledWidget()  # garbage from here on
    pack = build_pack(window.session.snapshot(), Audience.COUNCIL, date.today())
    worker = ExportWorker(pack, ((PackFormat.XLSX, tmp_path / "pack.xlsx"), (PackFormat.PDF, tmp_path / "pack.pdf")))
    seen: list[tuple[str, bool]] = []
    worker.progressed.connect(
        lambda done, total: seen.append((threading.current_thread().name, gc.isenabled())),
        Qt.ConnectionType.DirectConnection,
    )
    thread = start_export(worker, window)
    assert background_threads() == 1 and not gc.isenabled()
    qtbot.waitUntil(lambda: background_threads() == 0, timeout=60000)
    assert seen and all(name != threading.main_thread().name and not enabled for name, enabled in seen)
    assert gc.isenabled() and (tmp_path / "pack.pdf").is_file()
    assert CycledWidget.freed_on == [threading.main_thread().name]  # collected when the thread ended, here
    del thread


def test_the_pack_writers_load_in_the_background_with_the_collector_paused(qtbot: QtBot) -> None:
    loader = load_pack_writers_in_background()
    assert isinstance(loader, QThread) and background_threads() == 1 and not gc.isenabled()
    qtbot.waitUntil(lambda: background_threads() == 0, timeout=60000)
    assert gc.isenabled()


def test_two_threads_at_once_keep_it_paused_until_both_end(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    assert window.session is not None
    pack = build_pack(window.session.snapshot(), Audience.COUNCIL, date.today())
    worker = ExportWorker(pack, ((PackFormat.XLSX, tmp_path / "pack.xlsx"),))
    loader = load_pack_writers_in_background()
    thread = start_export(worker, window)
    assert background_threads() == 2
    loader.wait()
    qtbot.waitUntil(lambda: background_threads() <= 1, timeout=60000)
    assert not gc.isenabled() or background_threads() == 0
    qtbot.waitUntil(lambda: background_threads() == 0, timeout=60000)
    assert gc.isenabled()
    del thread
