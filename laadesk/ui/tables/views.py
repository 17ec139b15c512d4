"""Views over record tables: a proxy that sorts by meaning and filters by record, and the table
view every page's list of records uses, with its edit triggers and looks set once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.roles import SORT_ROLE, Index

# Typing over a cell, F2 or a double-click start an edit (as in a spreadsheet).
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


class RecordsProxy(QSortFilterProxyModel):
    """Sorts by each cell's SORT_ROLE value (NI 9 before NI 10, dates as dates) and shows the
    records a filter accepts (all of them until one is set)."""

    def __init__(self, source: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = source
        self.setSourceModel(source)
        self._accepts: Callable[[Any], bool] | None = None

    def set_filter(self, accepts: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self._accepts = accepts
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return self._accepts is None or self._accepts(self.records.record(source_row))

    def lessThan(self, left: Index, right: Index) -> bool:
        mine, theirs = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if mine == theirs:  # ties keep the model's own order (a stable sort)
            return left.row() < right.row()
        return bool(mine < theirs)

    def record_at(self, row: int) -> Any:
        """The record shown in a row of this proxy."""
        return self.records.record(self.mapToSource(self.index(row, 0)).row())


def _columns(model: Any) -> tuple[Column, ...]:
    """The column specs behind a view's model (a RecordTableModel, or a proxy over one)."""
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    return source.columns if isinstance(source, RecordTableModel) else ()


def record_view(
    name: str,
    model: Any,
    *,
    editable: bool = True,
    rows: bool = False,
    sort_column: int | None = None,
    stretch: int | None = None,
    fit: bool = True,
    view: QTableView | None = None,
) -> QTableView:
    """A table of records as laadesk shows them: compact rows, no row numbers, no wrapping.

    `rows` selects whole rows; `sort_column` turns on sorting by that column; `stretch` gives one
    column the spare width, else the last column stretches; with `stretch`, the other columns fit
    their contents, or (fit=False, for a table on the first page the window shows) take the widths
    their columns ask for: fitting asks every cell its size, which a starting window cannot afford.
    """
    view = view or QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(
        QAbstractItemView.SelectionBehavior.SelectRows if rows else QAbstractItemView.SelectionBehavior.SelectItems
    )
    view.setEditTriggers(EDIT_TRIGGERS if editable else QAbstractItemView.EditTrigger.NoEditTriggers)
    header = view.horizontalHeader()
    if stretch is None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
    elif fit:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        digit = view.fontMetrics().horizontalAdvance("0")
        for number, column in enumerate(_columns(model)):
            if number != stretch:
                header.resizeSection(number, digit * max(column.width, len(column.title) + 3))
    if sort_column is not None:
        view.setSortingEnabled(True)
        view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    return view
