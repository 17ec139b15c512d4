"""The list of story sections: reorder by dragging or by Alt+Up/Alt+Down, add with Insert, delete with Delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QGridLayout, QGroupBox, QLabel, QListView, QPushButton

from laadesk.ui.pages.area.lists import quiet
from laadesk.ui.pages.story.models import SectionsModel, dragged_ids


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
        self.add_action = self._action("Add section", [QKeySequence(Qt.Key.Key_Insert)], add)
        self.delete_action = self._action("Delete section", [QKeySequence(QKeySequence.StandardKey.Delete)], delete)
        self.up_action = self._action(
            "Move up", [QKeySequence("Alt+Up"), QKeySequence("Ctrl+Shift+Up")], lambda: move(-1)
        )
        self.down_action = self._action(
            "Move down", [QKeySequence("Alt+Down"), QKeySequence("Ctrl+Shift+Down")], lambda: move(1)
        )
        self.add_button = self._button(self.add_action, "Add a section at the end (Insert)")
        self.delete_button = self._button(self.delete_action, "Delete the section and its evidence (Delete)")
        self.up_button = self._button(self.up_action, "Move the section up (Alt+Up), or drag it")
        self.down_button = self._button(self.down_action, "Move the section down (Alt+Down), or drag it")
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

    def _action(self, text: str, keys: list[QKeySequence], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.view)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the keys act on the list only
        action.triggered.connect(lambda _=False: slot())
        self.view.addAction(action)
        return action

    def _button(self, action: QAction, tip: str) -> QPushButton:
        button = QPushButton(action.text())
        button.setAccessibleName(action.text())
        button.setToolTip(tip)
        button.clicked.connect(lambda _=False: action.trigger())
        return button

    def set_enabled_for(self, row: int, count: int) -> None:
        """Grey out what cannot be done from this row."""
        self.delete_action.setEnabled(row >= 0)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < count - 1)
        for button, action in (
            (self.delete_button, self.delete_action),
            (self.up_button, self.up_action),
            (self.down_button, self.down_action),
        ):
            button.setEnabled(action.isEnabled())
