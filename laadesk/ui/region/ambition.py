"""The region desk's ambition view: one indicator, each area's baseline and 2010/11 level, the improvement it means."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.numbers import format_figure
from laadesk.core.region import Ambition, AreaOverview, ambition, tally_words
from laadesk.core.region_views import RegionMarks, better_text, fullest_indicator, percent_text
from laadesk.ui.region.ambition_chart import AmbitionChart
from laadesk.ui.region.items import ItemsModel, ItemsProxy
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.views import record_view
from laadesk.ui.widgets.layouts import split


def _figure(value: float | None) -> float:
    return -1e300 if value is None else value  # a number for Qt to compare: no figure sorts first


def _figure_column(
    key: str, title: str, value: Callable[[Ambition], float | None], words: Callable[[float | None], str], tip: str = ""
) -> Column:
    """A figure of each line, shown in `words` and sorted as a number (no figure first)."""
    return Column(key, title, lambda a, _: words(value(a)), sort=lambda a, _: _figure(value(a)), numeric=True, tip=tip)


AMBITION_COLUMNS = (
    Column("area", "Area", lambda a, _: a.area),
    Column("mark", "Role", lambda a, _: a.mark),
    _figure_column("baseline", "Baseline", lambda a: a.baseline, format_figure),
    _figure_column("level", "2010/11", lambda a: a.target_2010_11, format_figure),
    _figure_column(
        "better_by",
        "Better by",
        lambda a: a.better_by,
        better_text,
        "How far the 2010/11 level is better than the baseline, by the indicator's polarity (negative: worse)",
    ),
    _figure_column(
        "better_percent",
        "Better by %",
        lambda a: a.better_by_percent,
        percent_text,
        "The improvement as a share of the baseline",
    ),
    Column("period", "Baseline period", lambda a, _: a.baseline_period),
    Column("units", "Units", lambda a, _: a.units),  # last: units can be long ("per 10,000 population aged 16+")
)


class AmbitionModel(ItemsModel):
    def __init__(self) -> None:
        super().__init__(AMBITION_COLUMNS, key=lambda line: line.area)

    def lines(self) -> list[Ambition]:
        return list(self.records())


class AmbitionPanel(QWidget):
    """Enter or a double-click on an area's line asks for that target in the editor."""

    target_chosen = Signal(str, str)  # the area's name, the indicator's code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.areas: list[AreaOverview] = []
        self._region = RegionMarks()
        self.indicator = QComboBox()
        self.indicator.setAccessibleName("Indicator for ambition")
        self.indicator.setMinimumContentsLength(40)
        self.indicator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.indicator.currentIndexChanged.connect(lambda _: self._show())
        choose = QLabel("&Indicator:")
        choose.setBuddy(self.indicator)
        self.tally = QLabel()
        self.tally.setAccessibleName("Indicator totals")
        self.model = AmbitionModel()
        self.proxy = ItemsProxy(self.model, self)
        self.table = record_view("Ambition table", self.proxy, editable=False, rows=True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)  # the model's order: most ambitious first
        self.table.setAccessibleDescription("Enter or a double-click opens the area's target in the editor")
        self.table.activated.connect(self._choose)
        self.chart = AmbitionChart()
        scroll = QScrollArea()
        scroll.setWidget(self.chart)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Ambition chart area")
        key = QLabel("○ baseline   ● 2010/11   blue: better   vermillion: worse, by the indicator's polarity")
        key.setAccessibleName("Ambition chart key")
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(key)
        chart_layout.addWidget(scroll, 1)
        splitter = split(Qt.Orientation.Horizontal, (self.table, 0), (chart_box, 1), collapsible=False)
        digit = self.table.fontMetrics().horizontalAdvance("0")
        splitter.setSizes([digit * 95, digit * 100])  # the table whole, its eight columns; the chart the rest
        self.splitter = splitter
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.indicator, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tally)
        layout.addWidget(splitter, 1)

    def show_areas(self, areas: list[AreaOverview]) -> None:
        self.areas = list(areas)
        wanted = self.current_code()
        self._region.update(self.areas)
        titles, codes = self._region.titles, self._region.codes
        if codes != [self.indicator.itemData(i) for i in range(self.indicator.count())]:
            self.indicator.blockSignals(True)
            self.indicator.clear()
            for code in codes:
                title = titles.get(code, "")
                self.indicator.addItem(f"{code} - {title}" if title else code, code)
            wanted = wanted if wanted in codes else fullest_indicator(areas)
            self.indicator.setCurrentIndex(codes.index(wanted) if wanted in codes else 0)
            self.indicator.blockSignals(False)
        self._show()

    def current_code(self) -> str | None:
        code: Any = self.indicator.currentData()
        return str(code) if code else None

    def choose(self, code: str) -> bool:
        row = self.indicator.findData(code)
        if row >= 0:
            self.indicator.setCurrentIndex(row)
        return row >= 0

    def _choose(self, index: QModelIndex) -> None:
        code = self.current_code()
        if index.isValid() and code:
            self.target_chosen.emit(self.proxy.record_at(index.row()).area, code)

    def _show(self) -> None:
        code = self.current_code()
        lines = ambition(self.areas, code) if code else []
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # back to the model's order
        self.model.replace_all(lines)
        self.chart.show_lines(lines)
        self.tally.setText(self._heading(code, lines))

    def _heading(self, code: str | None, lines: list[Ambition]) -> str:
        """The indicator's totals, the better way and its units ("... Lower is better. Units: ...")."""
        if not code:
            return "No area has chosen an indicator yet."
        cells = [cell for area in self.areas if (cell := area.cell(code)) is not None]
        polarity = next((c.polarity for c in cells if c.polarity is not None), None)
        better = (
            f" {polarity.value.capitalize()} is better." if polarity is not None else " The better way is not known."
        )
        units = next((line.units for line in lines if line.units), "")
        return f"{tally_words(self.areas, code)}.{better}" + (f" Units: {units}." if units else "")
