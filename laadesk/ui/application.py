"""Starting Qt: the QApplication, settings, the main window and the first workbook."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from laadesk.resources import resource_path
from laadesk.ui import settings
from laadesk.ui.main_window import MainWindow

ICON = ("icon", "laadesk.svg")


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


def run_application(path: Path | None, *, demo: bool = False) -> int:
    app = application()
    settings.upgrade()
    window = MainWindow()
    opener = FileOpenRequests(app)
    opener.requested.connect(window.files.open_path)
    app.installEventFilter(opener)
    window.show()
    if path is not None:
        window.files.open_path(path)
    elif demo:
        window.files.open_demo()
    return int(app.exec())
