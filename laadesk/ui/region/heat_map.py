"""The region desk's heat map: indicators down, areas across, each cell the area's choice by colour and letter.

The colours are Okabe and Ito's palette for colour-blind readers, and every cell carries its letter
as well (D, S, L, F, ·), so the map reads in black and white and on a projector too.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.codes import sort_key
from laadesk.core.region import MARKS, NOT_CHOSEN, AreaOverview, totals_words
from laadesk.core.region_views import MARK_ORDER, RegionMarks, cell_words, chosen_count, totals_short
from laadesk.ui.tables.looks import bold
from laadesk.ui.tables.roles import SORT_ROLE, Index

# (fill, letter) for each mark: Okabe-Ito blue, orange, bluish green and reddish purple; the letter
# black or white, whichever is the stronger contrast on its fill (each at least 5:1).
MARK_COLOURS: dict[str, tuple[str, str]] = {
    "designated": ("#0072B2", "#FFFFFF"),
    "statutory": ("#E69F00", "#000000"),
    "local": ("#009E73", "#000000"),
    "deferred": ("#CC79A7", "#000000"),
    NOT_CHOSEN: ("#F4F4F4", "#505050"),
}
MARK_ROLE = Qt.ItemDataRole.UserRole + 10  # a cell's mark ("designated", ...; "" for the totals column)
PATH_ROLE = Qt.ItemDataRole.UserRole + 11  # the workbook's path within the folder
CODE_ROLE = Qt.ItemDataRole.UserRole + 12
TOTALS = "Totals"
CELL_WIDTH = 30


def legend_html() -> str:
    """The legend: each mark's swatch with its letter, then its word."""
    parts = []
    for mark in MARK_ORDER:
        fill, ink = MARK_COLOURS[mark]
        swatch = (
            f'<span style="background-color:{fill}; color:{ink}; font-weight:bold">&nbsp;{MARKS[mark]}&nbsp;</span>'
        )
        parts.append(f"{swatch}&nbsp;{html.escape(mark)}")
    return "Key: " + "&nbsp;&nbsp;&nbsp;&nbsp;".join(parts)


class HeatMapModel(QAbstractTableModel):
    """Rows are indicators any area chose; column 0 the totals, then one column per area."""

    def __init__(self) -> None:
        super().__init__()
        self.areas: list[AreaOverview] = []
        self.codes: list[str] = []
        self._titles: dict[str, str] = {}
        self._marks: list[dict[str, str]] = []  # each area's marks by code: a cell is painted without a search
        self._totals: dict[str, tuple[str, str, int]] = {}  # code -> (short, words, how many chose it)
        self._region = RegionMarks()

    def set_areas(self, areas: list[AreaOverview]) -> None:
        self.beginResetModel()
        self.areas = sorted(areas, key=lambda a: (a.region.casefold(), a.area.casefold(), a.path))
        self._region.update(self.areas)
        self.codes = self._region.codes
        self._titles = self._region.titles
        self._marks = self._region.marks
        n, counts = len(self.areas), self._region.counts
        self._totals = {
            c: (totals_short(counts[c], n), totals_words(c, counts[c], n), chosen_count(counts[c])) for c in self.codes
        }
        self.endResetModel()

    def mark_at(self, row: int, column: int) -> str:
        """The mark in an area's cell (column 1 on), without going through Qt's data()."""
        return self._marks[column - 1].get(self.codes[row], NOT_CHOSEN)

    def totals(self, code: str) -> tuple[str, str, int]:
        """The indicator's totals: in short ("D 11  F 2 of 14"), in words, and how many areas chose it."""
        return self._totals[code]

    def area_at(self, column: int) -> AreaOverview | None:
        return self.areas[column - 1] if 1 <= column <= len(self.areas) else None

    def index_of(self, path: str, code: str) -> QModelIndex:
        columns = [c for c, a in enumerate(self.areas, start=1) if a.path == path]
        if not columns or code not in self.codes:
            return QModelIndex()
        return self.index(self.codes.index(code), columns[0])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.codes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.areas)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code = self.codes[index.row()]
        area = self.area_at(index.column())
        if area is None:  # the totals column
            if role == Qt.ItemDataRole.DisplayRole:
                return self._totals[code][0]
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self._totals[code][1]
            if role == SORT_ROLE:
                return self._totals[code][2]
            if role == CODE_ROLE:
                return code
            if role == MARK_ROLE:
                return ""
            return None
        mark = self._marks[index.column() - 1].get(code, NOT_CHOSEN)
        if role == Qt.ItemDataRole.DisplayRole:
            return MARKS[mark]
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_words(area, code)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{area.area}, {code}: {mark}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(MARK_COLOURS[mark][0])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(MARK_COLOURS[mark][1])
        if role == MARK_ROLE:
            return mark
        if role == PATH_ROLE:
            return area.path
        if role == CODE_ROLE:
            return code
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self.codes):
                return None
            code = self.codes[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return code
            if role == Qt.ItemDataRole.ToolTipRole:
                title = self._titles.get(code, "")
                words = self._totals[code][1]
                return f"{code} - {title}\n{words}" if title else words
            return None
        area = self.area_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return TOTALS if section == 0 else area.area if area else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if area is None:
                return "How many areas chose each indicator, by letter (D designated, S statutory, L local, F deferred)"
            return f"{area.area} ({area.region}): {area.path}"
        return None


class RotatedHeader(QHeaderView):
    """Area names written upwards, so 150 areas fit across in narrow columns and each name is whole."""

    LONGEST = 260  # pixels: a longer name is cut short with an ellipsis (its tooltip has it whole)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self._height = self.fontMetrics().horizontalAdvance(TOTALS) + 16

    def fit(self, names: list[str]) -> None:
        """As tall as the longest name needs (up to LONGEST)."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(n) for n in [TOTALS, *names]), default=0)
        self._height = min(widest, self.LONGEST) + 16
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical
        option.text = ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
        text = str(self.model().headerData(logical, self.orientation()) or "")
        metrics = self.fontMetrics()
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.height() - 12)
        painter.save()
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.translate(rect.left() + (rect.width() + metrics.ascent() - metrics.descent()) / 2, rect.bottom() - 6)
        painter.rotate(-90)
        painter.drawText(0, 0, text)
        painter.restore()


class HeatMapView(QTableView):
    """A click or Enter on an area's cell asks for that target in the editor."""

    target_chosen = Signal(str, str)  # the workbook's path within the folder, the indicator's code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clicked.connect(self._choose)
        self._colours = {mark: (QColor(fill), QColor(ink)) for mark, (fill, ink) in MARK_COLOURS.items()}

    def paintEvent(self, event: QPaintEvent) -> None:
        """Every cell in sight in one go: its mark's colour and letter, the totals' words, a thick frame
        round the current cell. (An item delegate is called once a cell, each call waiting its turn at
        Python's interpreter while the folder is being read: the window stalled a fifth of a second.)"""
        model = self.model()
        if not isinstance(model, HeatMapModel) or not model.codes:
            super().paintEvent(event)
            return
        shown = event.rect()
        last_row, last_column = model.rowCount() - 1, model.columnCount() - 1
        top, bottom = self.rowAt(shown.top()), self.rowAt(shown.bottom())
        left, right = self.columnAt(shown.left()), self.columnAt(shown.right())
        rows = range(max(top, 0), (bottom if bottom >= 0 else last_row) + 1)
        columns = range(max(left, 0), (right if right >= 0 else last_column) + 1)
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(shown, palette.color(QPalette.ColorRole.Base))
        plain, strong = self.font(), bold()
        for row in rows:
            y, height = self.rowViewportPosition(row), self.rowHeight(row)
            for column in columns:
                x, width = self.columnViewportPosition(column), self.columnWidth(column)
                cell = QRect(x + 1, y + 1, width - 2, height - 2)
                if column == 0:
                    painter.setFont(plain)
                    painter.setPen(palette.color(QPalette.ColorRole.Text))
                    words = model.totals(model.codes[row])[0]
                    painter.drawText(cell.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, words)
                    continue
                mark = model.mark_at(row, column)
                fill, ink = self._colours[mark]
                painter.fillRect(cell, fill)
                painter.setFont(strong)
                painter.setPen(ink)
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, MARKS[mark])
        current = self.currentIndex()
        if current.isValid():
            cell = self.visualRect(current).adjusted(1, 1, -1, -1)
            painter.setPen(QPen(QColor("#000000"), 3))
            painter.drawRect(cell.adjusted(1, 1, -1, -1))
            painter.setPen(QPen(QColor("#FFFFFF"), 1))
            painter.drawRect(cell.adjusted(3, 3, -3, -3))
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _choose(self, index: Index) -> None:
        path, code = index.data(PATH_ROLE), index.data(CODE_ROLE)
        if index.isValid() and path and code:
            self.target_chosen.emit(str(path), str(code))


class HeatMapPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HeatMapModel()
        self.view = HeatMapView()
        self.view.setAccessibleName("Heat map")
        self.view.setAccessibleDescription(
            "Indicators down, areas across; each cell's letter is the area's choice: D designated, S statutory, "
            "L local, F deferred, a dot not chosen. Enter or a click opens that target in the editor."
        )
        self.header = RotatedHeader(self.view)
        self.view.setHorizontalHeader(self.header)
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        columns = self.view.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(CELL_WIDTH)
        self.legend = QLabel(legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName("Heat map key")
        self.legend.setAccessibleDescription(
            "D designated (blue), S statutory (orange), L local (green), F deferred (purple), dot not chosen (grey)"
        )
        hint = QLabel("Hover over a cell for its levels; click it or press Enter to open that target in the editor.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)

    def show_areas(self, areas: list[AreaOverview]) -> None:
        current = self.view.currentIndex()
        keep = (current.data(PATH_ROLE), current.data(CODE_ROLE)) if current.isValid() else None
        self.model.set_areas(areas)
        totals_width = max(
            [self.view.fontMetrics().horizontalAdvance(self.model.totals(c)[0]) for c in self.model.codes] or [60]
        )
        self.header.resizeSection(0, totals_width + 16)
        self.header.fit([area.area for area in self.model.areas])
        self.view.updateGeometries()
        if keep and keep[0] and keep[1]:
            self.select(str(keep[0]), str(keep[1]))

    def select(self, path: str, code: str) -> bool:
        index = self.model.index_of(path, code)
        if index.isValid():
            self.view.setCurrentIndex(index)
        return index.isValid()

    def codes(self) -> list[str]:
        return sorted(self.model.codes, key=sort_key)
