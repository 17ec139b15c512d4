"""The region desk's overview: one row per area's workbook, the columns `laadesk region` prints, sorted and filtered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractItemView, QVBoxLayout, QWidget

from laadesk.core.region import AreaOverview, overview_columns
from laadesk.core.region_views import filter_text, overview_text
from laadesk.ui.region.items import ItemsModel, ItemsProxy
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.roles import Index
from laadesk.ui.tables.views import record_view

# Columns that count something sort as numbers; "Designated" and "Statutory" ("27/35") by their count.
COUNTED = {"Designated", "Statutory", "Local", "Deferred", "Errors", "Overdue"}
TIPS = {
    "Sign-off stage": "Where the agreement stands: Not adopted, Adopted, GO recommended, Signed off",
    "Designated": "Designated targets chosen, of the 35 allowed",
    "Statutory": "Statutory (DCSF early years and attainment) targets recorded, of those due",
    "Deferred": "Chosen targets whose levels are deferred",
    "Errors": "Problems of error severity, counted as the editor's Problems page counts them",
    "Overdue": "Milestones overdue by the workbook's own as-at date",
    "Last changed": "The latest change in the workbook's history",
    "By": "Who made the latest change",
    "Open now by": "Who has the workbook open for editing now (from its lock)",
}


def _count(text: str) -> float:
    try:
        return float(text.split("/")[0])
    except ValueError:
        return -1.0


def _column(title: str, value: Callable[[AreaOverview], object]) -> Column:
    def text(area: AreaOverview, _snapshot: Any) -> str:
        return overview_text(value(area))

    sort: Callable[[Any, Any], Any] | None = None
    if title in COUNTED:
        sort = lambda area, _snapshot: _count(text(area, None))  # noqa: E731
    elif title == "Last changed":
        sort = lambda area, _snapshot: area.last_changed  # noqa: E731 - ISO moments sort as moments
    return Column(
        key=title.casefold().replace(" ", "_"),
        title=title,
        text=text,
        sort=sort,
        numeric=title in COUNTED,
        tip=TIPS.get(title, ""),
        tooltip=lambda area, _snapshot: f"{area.area}: {area.path}",
    )


OVERVIEW_COLUMNS = tuple(_column(title, value) for title, value in overview_columns())


def area_key(area: AreaOverview) -> str:
    return area.path


class OverviewModel(ItemsModel):
    """Every area's line, keyed by its workbook's path within the folder."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(OVERVIEW_COLUMNS, area_key, filter_text, parent)


class OverviewPanel(QWidget):
    """The table of areas, sorted as the officer clicks and filtered by the desk's words (region/area_filter.py);
    a double-click or Enter on a row asks for that workbook in the editor."""

    open_requested = Signal(str)  # the workbook's path within the folder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OverviewModel()
        self.proxy = ItemsProxy(self.model, self)
        self.view = record_view("Region overview", self.proxy, editable=False, rows=True, sort_column=1)
        self.view.setAccessibleDescription("One row per area's workbook; Enter or double-click opens it in the editor")
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(self._open)  # a double-click, or Enter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.view, 1)

    def show_areas(self, areas: list[AreaOverview]) -> None:
        self.model.show(areas)

    def filter_by(self, words: str) -> None:
        self.proxy.set_words(words)

    def shown_areas(self) -> list[AreaOverview]:
        """The areas the filter keeps, in the table's order."""
        return [self.proxy.record_at(row) for row in range(self.proxy.rowCount())]

    def fit_columns(self) -> None:
        """Every column as wide as its widest cell (the officer may widen or narrow them after).

        Measured here from the text: Qt's resizeColumnsToContents asks every cell of every role through
        Python, a tenth of a second for 150 areas while the reading thread competes for the interpreter."""
        text = self.view.fontMetrics()
        bold = self.view.horizontalHeader().fontMetrics()
        records = self.model.records()
        header = self.view.horizontalHeader()
        for number, column in enumerate(self.model.columns[:-1]):  # the last stretches
            widest = max((text.horizontalAdvance(column.shown(r, None)) for r in records), default=0)
            header.resizeSection(number, max(widest + 16, bold.horizontalAdvance(column.title) + 28))

    def _open(self, index: Index) -> None:
        if index.isValid():
            self.open_requested.emit(self.proxy.record_at(index.row()).path)

    def current_path(self) -> str | None:
        index = self.view.currentIndex()
        return self.proxy.record_at(index.row()).path if index.isValid() else None

    def row_texts(self) -> list[list[str]]:
        """What the table shows, row by row in its order (for tests and the screenshot check)."""
        return [
            [str(self.proxy.index(r, c).data()) for c in range(self.proxy.columnCount())]
            for r in range(self.proxy.rowCount())
        ]
