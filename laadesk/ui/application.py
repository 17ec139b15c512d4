"""Starting Qt: the QApplication, settings, the main window and the first workbook."""

from __future__ import annotations

import contextlib
import gc
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QThread, QTimer, Signal
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from laadesk.resources import resource_path
from laadesk.ui import settings
from laadesk.ui.collector import collect_on_gui_thread_while
from laadesk.ui.crash_report import install_crash_reporter
from laadesk.ui.window.main_window import MainWindow

ICON = ("icon", "laadesk.svg")
# The export libraries load on a background thread this long after the window is up: loading
# them during the first export made the window stall for a third of a second, as the window's
# own work and the loading took turns at Python's interpreter lock.
WARM_UP_DELAY_MS = 2000


class FileOpenRequests(QObject):
    """A workbook double-clicked in the Finder while laadesk runs arrives as a QFileOpenEvent
    (macOS); at launch it is an argument like on every other system."""

    requested = Signal(Path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file():
            self.requested.emit(Path(event.file()))
            return True
        return False


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("laadesk")
    app.setOrganizationName("laadesk")
    app.setApplicationDisplayName("laadesk")
    app.setWindowIcon(QIcon(str(resource_path(*ICON))))
    return app


class PackWritersLoader(QThread):
    """Loads reportlab, openpyxl and the PDF fonts while the officer reads the first page."""

    def run(self) -> None:
        from laadesk.export.packs import load_pack_writers

        with contextlib.suppress(Exception):  # the first export loads them again and says what failed
            load_pack_writers()


def load_pack_writers_in_background() -> QThread:
    app = QApplication.instance()
    loader = PackWritersLoader(app)
    collect_on_gui_thread_while(loader)
    loader.finished.connect(loader.deleteLater)
    loader.start()
    return loader


def open_region_desk(folder: Path) -> tuple[QApplication, QWidget | None]:
    """`laadesk-gui --region FOLDER`: the region desk shown and reading (None, after a message, when
    the folder cannot be read). Double-clicking a workbook opens it in an editor window of its own."""
    from laadesk.ui.region.window import open_region_window

    app = application()
    install_crash_reporter()  # a bug is logged and shown, never lost
    settings.upgrade()
    desk = open_region_window(folder, MainWindow)
    gc.freeze()
    gc.enable()
    return app, desk


def open_window(path: Path | None, *, demo: bool = False) -> tuple[QApplication, MainWindow]:
    """Everything laadesk does before its event loop starts: the window shown, the workbook open.
    The benchmark's cold start times exactly this."""
    app = application()
    crash_reporter = install_crash_reporter()  # from here on a bug is logged and shown, never lost
    settings.upgrade()
    window = MainWindow()
    crash_reporter.window = window  # the log names the workbook open at the time
    if sys.platform == "darwin":
        # Only macOS sends QFileOpenEvent; an application-wide filter elsewhere would see every event
        # of every widget in Python for nothing (a fifth of the cold start went there).
        opener = FileOpenRequests(app)
        opener.requested.connect(window.files.open_path)
        app.installEventFilter(opener)
    window.show()
    QTimer.singleShot(WARM_UP_DELAY_MS, load_pack_writers_in_background)
    if path is not None:
        window.files.open_path(path)
    elif demo:
        window.files.open_demo()
    # What is made by now (modules, classes, the window) stays for the life of the process: moved
    # out of the collector's sight, it is not walked again at each full collection, nor at exit.
    gc.freeze()
    gc.enable()
    return app, window
