"""What the window shows with no workbook open: new, open, the demo, and recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from laadesk.ui import settings


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Start")
        column = QWidget()
        column.setMaximumWidth(560)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(column)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.addStretch(1)
        heading = QLabel(
            "<h1>laadesk</h1><p>Local Area Agreement workbooks, 2008-11.<br>"
            "Every change is saved in the workbook file as you make it.</p>"
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        for text, signal, name in (
            ("&New workbook for an area...", self.new_requested, "New workbook"),
            ("&Open a workbook...", self.open_requested, "Open workbook"),
            ("Open the &demo workbook (Kingsmere, a fictional county)", self.demo_requested, "Open demo workbook"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
        self.recent_box = QVBoxLayout()
        layout.addLayout(self.recent_box)
        layout.addStretch(2)
        self.refresh()

    def refresh(self) -> None:
        while self.recent_box.count():
            item = self.recent_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        recent = settings.recent_files()
        if recent:
            self.recent_box.addWidget(QLabel("<b>Recent workbooks</b>"))
        for path in recent:
            button = QPushButton(f"{path.name}  -  {path.parent}")
            button.setFlat(True)
            button.setAccessibleName(f"Open recent {path.name}")
            button.clicked.connect(lambda _=False, p=path: self.recent_requested.emit(p))
            self.recent_box.addWidget(button)
