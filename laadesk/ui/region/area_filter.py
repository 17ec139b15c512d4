"""The region desk's filter, above all three views: the words typed keep the areas whose overview
line holds every one of them, in the overview, the heat map and the ambition view alike."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget


class AreaFilter(QWidget):
    changed = Signal(str)  # the words typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit()
        self.box.setAccessibleName("Filter areas")
        self.box.setPlaceholderText("Filter areas: type any words from a row (area, region, stage, officer)...")
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self.changed)
        self.count = QLabel()
        self.count.setAccessibleName("Areas shown")
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.box, 1)
        line.addWidget(self.count)

    def say_count(self, shown: int, total: int) -> None:
        self.count.setText(f"{total} areas" if shown == total else f"{shown} of {total} areas shown")
