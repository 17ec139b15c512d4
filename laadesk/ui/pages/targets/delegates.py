"""Cell editors of the targets table: a choice list, a tick list of partners or districts, a date."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QDate, QEvent, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from laadesk.ui.tables.choice_delegate import ComboDelegate
from laadesk.ui.tables.roles import CHOICES_ROLE, Index

TEXT_ROLE = Qt.ItemDataRole.UserRole  # the text the targets model reads for a choice (as ComboDelegate)
NO_DATE = QDate(2000, 1, 1)


def _column_title(index: Index) -> str:
    return str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))


class ChoiceListModel(QAbstractListModel):
    """(label, text) choices for a combo box or, ticked, for a tick list."""

    def __init__(self, choices: list[tuple[str, str]], checkable: bool = False) -> None:
        super().__init__()
        self.choices = choices
        self.checkable = checkable
        self.ticked: set[str] = set()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        label, text = self.choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == TEXT_ROLE:
            return text
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable:
            ticked = text in self.ticked or (text == "" and not self.ticked)
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self.checkable and index.isValid() else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (index.isValid() and self.checkable and role == Qt.ItemDataRole.CheckStateRole):
            return False
        text = self.choices[index.row()][1]
        if text == "":  # "whole area": no district ticked
            self.ticked.clear()
        elif Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(text)
        else:
            self.ticked.discard(text)
        self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))
        return True

    def ticked_in_order(self) -> list[str]:
        return [text for _, text in self.choices if text and text in self.ticked]


class _TickOnClick(QStyledItemDelegate):
    """A click anywhere on a row of the tick list ticks or unticks it (not only on the box)."""

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem, index: Index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            ticked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            new = Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked
            return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)
        if event.type() == QEvent.Type.MouseButtonDblClick:
            return True
        return super().editorEvent(event, model, option, index)


class TickList(QListView):
    """The editor of a many-valued cell: tick the partners (or districts); Enter keeps, Escape drops."""

    def __init__(self, parent: QWidget, choices: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.choice_model = ChoiceListModel(choices, checkable=True)
        self.setModel(self.choice_model)
        self.setItemDelegate(_TickOnClick(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setToolTip("Space or a click ticks; Enter keeps the ticks, Escape leaves the cell as it was")
        self.setCurrentIndex(self.choice_model.index(0))

    def set_ticked(self, text: str) -> None:
        self.choice_model.ticked = {n.strip() for n in text.split(";") if n.strip()} - {"whole area"}
        last = self.choice_model.rowCount() - 1
        self.choice_model.dataChanged.emit(self.choice_model.index(0), self.choice_model.index(last))

    def ticked(self) -> list[str]:
        return self.choice_model.ticked_in_order()

    def text(self) -> str:
        return "; ".join(self.ticked())


class ChoiceBox(QComboBox):
    """A combo box that knows whether a choice came from its list (a click) or from typing."""

    chosen_from_list = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._listed = False
        self.activated.connect(self._activated)

    def showPopup(self) -> None:
        self._listed = True
        super().showPopup()

    def hidePopup(self) -> None:
        super().hidePopup()
        QTimer.singleShot(0, self._forget_list)

    def _forget_list(self) -> None:
        self._listed = False

    def _activated(self, _row: int) -> None:
        # Typing "Marl" picks as it goes: only a choice from the open list is final at once.
        if self._listed:
            self._listed = False
            self.chosen_from_list.emit()


class ChoiceDelegate(ComboDelegate):
    """A combo box of the choices the model offers for a cell, typed into to pick as it goes; a pick
    from its list writes at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = ChoiceBox(parent)
        combo.setModel(ChoiceListModel(list(index.data(CHOICES_ROLE) or [])))
        combo.setAccessibleName(_column_title(index))
        combo.setMaxVisibleItems(20)
        combo.chosen_from_list.connect(lambda: self._commit(combo))
        return combo


class TickListDelegate(QStyledItemDelegate):
    """A tick list of the area's partners or districts, opened over the cell."""

    def __init__(self, parent: QWidget, whole_area: bool = False) -> None:
        super().__init__(parent)
        self.whole_area = whole_area  # districts: a first row "whole area" stands for none ticked

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        choices = list(index.data(CHOICES_ROLE) or [])
        if self.whole_area:
            choices.insert(0, ("whole area", ""))
        editor = TickList(parent, choices)
        editor.setAccessibleName(_column_title(index))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, TickList)
        editor.set_ticked(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, TickList)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """Wider and taller than the cell, kept inside the table."""
        assert isinstance(editor, TickList)
        rows = max(1, editor.choice_model.rowCount())
        height = min(rows * (editor.sizeHintForRow(0) or 22) + 2 * editor.frameWidth() + 4, 300)
        width = max(option.rect.width(), editor.sizeHintForColumn(0) + 40, 240)
        parent = editor.parentWidget()
        area = parent.rect() if parent is not None else option.rect
        rect = QRect(option.rect.left(), option.rect.top(), width, height)
        rect.moveRight(min(rect.right(), area.right()))
        rect.moveBottom(min(rect.bottom(), area.bottom()))
        rect.moveTop(max(rect.top(), area.top()))
        editor.setGeometry(rect)


class DateDelegate(QStyledItemDelegate):
    """A date with a calendar; its first day reads 'no date' and blanks the cell."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("dd/MM/yyyy")
        editor.setMinimumDate(NO_DATE)
        editor.setSpecialValueText("no date")
        editor.setAccessibleName(_column_title(index))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setDate(QDate.fromString(text, Qt.DateFormat.ISODate) if text else NO_DATE)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QDateEdit)
        date = editor.date()
        model.setData(index, "" if date == NO_DATE else date.toString(Qt.DateFormat.ISODate))


class NumberDelegate(QStyledItemDelegate):
    """A right-aligned line for a level; the model refuses text that is not a number."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setAccessibleName(_column_title(index))
        return editor


class TextDelegate(QStyledItemDelegate):
    """A line of text (period, units), named for screen readers."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName(_column_title(index))
        return editor
