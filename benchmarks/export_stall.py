"""The longest stall of the GUI thread while the editor exports the PDF pack on its worker thread.

Usage: python benchmarks/export_stall.py WORKBOOK OUTFOLDER  - prints the longest gap in seconds.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from laadesk.core.pack import Audience
from laadesk.export.packs import PackFormat
from laadesk.ui.application import load_pack_writers_in_background
from laadesk.ui.dialogs.export_dialog import ExportDialog, ExportRequest
from laadesk.ui.window.main_window import MainWindow


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.show()
    window.files.open_path(Path(sys.argv[1]))
    out = Path(sys.argv[2])
    request = ExportRequest(Audience.COUNCIL, ((PackFormat.PDF, out / "pack.pdf"),))
    ExportDialog.ask = classmethod(lambda cls, parent, folder, stem: request)  # type: ignore[method-assign,assignment]
    # The demo has an error left, so the window asks whether to export a draft: the officer says yes.
    QMessageBox.question = staticmethod(lambda *args: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
    # As the editor does a few seconds after its window is up (laadesk.ui.application).
    load_pack_writers_in_background().wait()

    last = [time.perf_counter()]
    longest = [0.0]
    started = [False]

    def tick() -> None:
        now = time.perf_counter()
        longest[0] = max(longest[0], now - last[0])
        last[0] = now
        if started[0] and not window.pack_export.running:
            app.quit()

    def export() -> None:
        started[0] = True
        window.pack_export.action.trigger()  # the pack is built here; the files on the worker thread

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(1)
    QTimer.singleShot(100, export)  # the ticks run before, during and after the export starts
    app.exec()
    window.set_workbook(None)
    print(f"{longest[0]:.4f}")


if __name__ == "__main__":
    main()
