"""A dialog's list of changes to decide on, one row a change: read-only cells, whole rows selected,
the headings given (a returned table's review, a merge's held conflicts)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def change_list(headings: Sequence[str], name: str, stretch: int, rows: int = 0) -> QTableWidget:
    """The table, its `stretch` column taking the width the others' contents leave."""
    table = QTableWidget(rows, len(headings))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(headings))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def read_only_cell(text: str, tip: str = "") -> QTableWidgetItem:
    """A cell that can be selected, not edited; its tooltip the text itself unless told otherwise."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(tip or text)
    return item
