"""A table of records on a page: its model, a proxy that sorts it, the view, and buttons under it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.views import RecordsProxy, record_view
from laadesk.ui.widgets.controls import button


class RecordTable:
    """One kind of record in a sortable table, with the actions that add, change or remove them."""

    def __init__(self, model: RecordTableModel, name: str, sort_key: str, *, rows: bool = False) -> None:
        self.model = model
        self.proxy = RecordsProxy(model)
        self.view = record_view(name, self.proxy, rows=rows, sort_column=model.column_of(sort_key))
        self.buttons = QHBoxLayout()
        self._buttons: dict[str, QPushButton] = {}

    def current(self) -> Any | None:
        index = self.view.currentIndex()
        return self.model.record(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def index_of(self, key: object, column: str) -> QModelIndex:
        row = self.model.row_of(key)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, self.model.column_of(column)))

    def select(self, key: object, column: str) -> QModelIndex:
        index = self.index_of(key, column)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        return index

    def edit(self, key: object, column: str) -> None:
        """Select a record's cell and open it for typing (a new record's name, say)."""
        index = self.select(key, column)
        if index.isValid():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.view.edit(index)

    def action(self, text: str, tip: str, slot: Callable[[], None], shortcut: QKeySequence | None = None) -> QAction:
        """An action with a button under the table; a shortcut works while the table has focus."""
        action = QAction(text, self.view)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.view.addAction(action)
        pushed = button(text.replace("&", ""), tip, action.trigger)
        self.buttons.addWidget(pushed)
        self._buttons[pushed.text()] = pushed
        return action

    def button(self, text: str) -> QPushButton:
        return self._buttons[text]

    def group(self, title: str, *above: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        for widget in above:
            layout.addWidget(widget)
        layout.addWidget(self.view, 1)
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)
        return box

    def widths(self, widths: dict[str, int]) -> None:
        """Starting widths of some columns, by key."""
        for key, width in widths.items():
            self.view.horizontalHeader().resizeSection(self.model.column_of(key), width)
