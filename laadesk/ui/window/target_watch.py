"""Saying when the indicator in the officer's hand may have moved: another page shown, or another
row chosen in one of a page's tables (every page's current_code reads a table's current row)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QStackedWidget, QWidget


class TargetWatch(QObject):
    """`moved` once for each burst of changes (a click that changes page and row says it once)."""

    moved = Signal()

    def __init__(self, stack: QStackedWidget) -> None:
        super().__init__(stack)
        self._stack = stack
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.moved)
        stack.currentChanged.connect(lambda _: self.nudge())
        stack.widgetAdded.connect(self._watch)

    def nudge(self) -> None:
        self._timer.start()

    def _watch(self, index: int) -> None:
        page: QWidget | None = self._stack.widget(index)
        for view in page.findChildren(QAbstractItemView) if page is not None else ():
            selection = view.selectionModel()
            if selection is not None:
                selection.currentChanged.connect(lambda *_: self.nudge())
