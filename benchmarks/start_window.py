"""One whole-process start, timed by the caller: laadesk on a workbook, or the bare floor window.

Usage: python benchmarks/start_window.py laadesk FILE | floor
laadesk starts as `laadesk-gui FILE` does: the window opens on the workbook's first page.
Prints the wall-clock moment of the first paint (seconds since the epoch, for the parent to set
against the moment it started this process), then the peak resident set size in kB, then exits.
"""

from __future__ import annotations

import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class FirstPaint(QObject):
    painted = 0.0  # time.time() of the first paint event

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if not FirstPaint.painted:
                FirstPaint.painted = time.time()
            QTimer.singleShot(0, QApplication.quit)
        return False


class Rows(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 200

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 12

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return f"{index.row()}.{index.column()}" if role == Qt.ItemDataRole.DisplayRole else None


def main() -> None:
    if sys.argv[1] == "laadesk":  # what `laadesk-gui FILE` does before its event loop (laadesk.app.open_gui)
        from pathlib import Path

        from laadesk.app import open_gui

        app, window = open_gui(Path(sys.argv[2]))
    else:
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        view = QTableView()
        view.setModel(Rows())
        window.setCentralWidget(view)
        window.resize(1280, 800)
        window.show()
    watcher = FirstPaint()
    target = window.centralWidget() or window
    target.installEventFilter(watcher)
    window.installEventFilter(watcher)
    app.exec()
    print(f"{FirstPaint.painted:.6f}")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    if sys.argv[1] == "laadesk":
        window.set_workbook(None)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
