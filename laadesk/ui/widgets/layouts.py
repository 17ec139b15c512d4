"""How pages set their parts out: side by side or one above the other in a splitter, each part
with its share of the room; and a line with one thing at each end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget


def split(orientation: Qt.Orientation, *parts: tuple[QWidget, int], collapsible: bool = True) -> QSplitter:
    """The parts in order, each (widget, stretch); `collapsible=False` keeps a part from being
    dragged shut."""
    splitter = QSplitter(orientation)
    for number, (part, stretch) in enumerate(parts):
        splitter.addWidget(part)
        splitter.setStretchFactor(number, stretch)
    splitter.setChildrenCollapsible(collapsible)
    return splitter


def ends(start: QWidget, end: QWidget) -> QHBoxLayout:
    """`start` at the start of a line and `end` at its end, the room between them left empty."""
    line = QHBoxLayout()
    line.addWidget(start)
    line.addStretch(1)
    line.addWidget(end)
    return line
