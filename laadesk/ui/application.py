"""Starting Qt: the QApplication, settings, the main window and the first workbook."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from laadesk.ui import settings
from laadesk.ui.main_window import MainWindow


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("laadesk")
    app.setOrganizationName("laadesk")
    app.setApplicationDisplayName("laadesk")
    return app


def run_application(path: Path | None, *, demo: bool = False) -> int:
    app = application()
    settings.upgrade()
    window = MainWindow()
    window.show()
    if path is not None:
        window.files.open_path(path)
    elif demo:
        window.files.open_demo()
    return int(app.exec())
