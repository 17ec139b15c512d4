"""The list of story sections: reorder by dragging or by Alt+Up/Alt+Down, add with Insert, delete with Delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QGridLayout, QGroupBox, QLabel, QListView

from laadesk.ui.pages.story.models import SectionsModel, dragged_ids
from laadesk.ui.widgets.controls import button, quiet, view_action


class SectionsView(QListView):
    """A list whose drops become one reorder edit rather than rows the view moves itself."""

    dropped = Signal(str, int)  # section id, and the row it should go before (in the order shown)

    def __init__(self, model: SectionsModel) -> None:
        super().__init__()
        self.setAccessibleName("Story sections")
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.sections = model

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dragged_ids(event.mimeData()):
            super().dragMoveEvent(event)
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = [i for i in dragged_ids(event.mimeData()) if self.sections.row_of(i) >= 0]
        if not ids:
            event.ignore()
            return
        point = event.position().toPoint()
        index = self.indexAt(point)
        if index.isValid():
            row = index.row() + (1 if point.y() >= self.visualRect(index).center().y() else 0)
        else:
            row = self.sections.rowCount()
        event.acceptProposedAction()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        self.dropped.emit(ids[0], row)


class SectionsPanel(QGroupBox):
    """The sections list with its buttons; the page decides what each action writes."""

    def __init__(
        self,
        model: SectionsModel,
        add: Callable[[], None],
        delete: Callable[[], None],
        move: Callable[[int], None],
    ) -> None:
        super().__init__("Sections")
        self.view = SectionsView(model)
        self.add_action = view_action(self.view, "Add section", [QKeySequence(Qt.Key.Key_Insert)], add)
        self.delete_action = view_action(
            self.view, "Delete section", [QKeySequence(QKeySequence.StandardKey.Delete)], delete
        )
        self.up_action = view_action(
            self.view, "Move up", [QKeySequence("Alt+Up"), QKeySequence("Ctrl+Shift+Up")], lambda: move(-1)
        )
        self.down_action = view_action(
            self.view, "Move down", [QKeySequence("Alt+Down"), QKeySequence("Ctrl+Shift+Down")], lambda: move(1)
        )
        self.add_button = button(self.add_action.text(), "Add a section at the end (Insert)", self.add_action.trigger)
        self.delete_button = button(
            self.delete_action.text(), "Delete the section and its evidence (Delete)", self.delete_action.trigger
        )
        self.up_button = button(
            self.up_action.text(), "Move the section up (Alt+Up), or drag it", self.up_action.trigger
        )
        self.down_button = button(
            self.down_action.text(), "Move the section down (Alt+Down), or drag it", self.down_action.trigger
        )
        hint = QLabel("Drag a section, or press Alt+Up / Alt+Down, to change the order.")
        hint.setWordWrap(True)
        quiet(hint)
        layout = QGridLayout(self)
        layout.addWidget(self.view, 0, 0, 1, 2)
        layout.addWidget(hint, 1, 0, 1, 2)
        layout.addWidget(self.add_button, 2, 0)
        layout.addWidget(self.delete_button, 2, 1)
        layout.addWidget(self.up_button, 3, 0)
        layout.addWidget(self.down_button, 3, 1)
        layout.setRowStretch(0, 1)

    def set_enabled_for(self, row: int, count: int) -> None:
        """Grey out what cannot be done from this row."""
        self.delete_action.setEnabled(row >= 0)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < count - 1)
        for pushed, action in (
            (self.delete_button, self.delete_action),
            (self.up_button, self.up_action),
            (self.down_button, self.down_action),
        ):
            pushed.setEnabled(action.isEnabled())
