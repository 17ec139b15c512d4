"""Starting Qt: the QApplication, the main window, and a message for files that will not open."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from laadesk.store.workbook import Workbook
from laadesk.ui.main_window import MainWindow


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("laadesk")
    app.setOrganizationName("laadesk")
    return app


def run_application(workbook: Workbook) -> int:
    app = _application()
    window = MainWindow(workbook)
    window.show()
    status = app.exec()
    workbook.close()
    return int(status)


def show_problem(message: str) -> int:
    _application()
    QMessageBox.critical(None, "laadesk", message)
    return 2
