"""The indicators table: the NIS catalogue joined with the area's choices, and its search filter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from laadesk.core.choosing import IndicatorRow, indicator_rows, matches, role_name
from laadesk.core.codes import sort_key
from laadesk.core.model import Role
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.tables.coded_rows import CodedRowsModel

Index = QModelIndex | QPersistentModelIndex

GREY = QColor("#6b6b6b")
UNVERIFIED = QColor("#7a4b00")  # dark amber: a title nobody has checked against a source
ROLE_COLOURS = {
    Role.DESIGNATED: QColor("#1b5e20"),
    Role.STATUTORY: QColor("#0d47a1"),
    Role.LOCAL: QColor("#4a148c"),
    Role.CANDIDATE: QColor("#000000"),
    Role.REJECTED: GREY,
}


def _title(row: IndicatorRow) -> str:
    if row.indicator is None:
        return f"{row.title} (local indicator)" if row.local else row.title
    text = row.indicator.shown_title
    return f"{text} (withdrawn)" if row.withdrawn else text


def _title_tip(row: IndicatorRow) -> str:
    if row.indicator is None:
        return f"{row.code} is the area's own indicator: {row.title}"
    i = row.indicator
    lines = [f"{i.code}: {i.title}"]
    if i.title_unverified:
        lines.append("This title is recalled, not verified against a published source: check the wording.")
    else:
        lines.append(f"Title: {i.title_basis or 'basis not recorded'}.")
    if i.source:
        lines.append(f"Source: {i.source}")
    if i.withdrawn:
        lines.append("Withdrawn from the National Indicator Set: it can only be rejected.")
    return "\n".join(lines)


def _polarity(row: IndicatorRow) -> str:
    return row.polarity.value if row.polarity is not None else ""


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[IndicatorRow], str]
    sort: Callable[[IndicatorRow], Any] | None = None  # default: the text, case-blind


COLUMNS = (
    Column("code", "NI", lambda r: r.code, lambda r: sort_key(r.code)),
    Column("title", "Indicator", _title),
    Column("theme", "Theme", lambda r: r.indicator.theme if r.indicator else ""),
    Column("department", "Dept", lambda r: r.indicator.department if r.indicator else ""),
    Column("survey", "Survey", lambda r: r.indicator.survey if r.indicator else ""),
    Column("statutory", "Statutory", lambda r: "yes" if r.indicator and r.indicator.statutory else ""),
    Column("polarity", "Better if", _polarity),
    Column("role", "Role", lambda r: r.role.value if r.role else "", lambda r: (r.role is None, role_name(r.role))),
)
COLUMN = {c.key: n for n, c in enumerate(COLUMNS)}
HEADER_TIPS = {
    "title": "Italic amber titles with a question mark are recalled, not verified against a source: hover for details",
    "department": "The Whitehall department that owns the indicator, where the catalogue records it",
    "statutory": "One of the statutory early-years and education targets, outside the 35",
    "polarity": "Is a higher or a lower figure better?",
    "role": "The indicator's role in this agreement; blank: not considered",
}


class IndicatorsModel(CodedRowsModel):
    """One row per indicator a person can choose; read-only (roles change through the page's actions)."""

    def __init__(self, snapshot: WorkbookSnapshot) -> None:
        super().__init__(indicator_rows(snapshot))
        self._question: QIcon | None = None

    def column_total(self) -> int:
        return len(COLUMNS)

    def row_at(self, row: int) -> IndicatorRow:
        return self._rows[row]

    def update(self, snapshot: WorkbookSnapshot) -> bool:
        """Show the workbook now; True when the rows themselves changed (the model was reset)."""
        return self.replace_rows(indicator_rows(snapshot))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "title":
                return _title_tip(row)
            if column.key == "role":
                why = f"\nWhy: {row.target.rationale}" if row.target is not None and row.target.rationale else ""
                return f"{role_name(row.role)}{why}"
            if column.key == "polarity" and row.polarity is not None:
                return f"{row.polarity.value} is better"
            return column.text(row) or None
        if role == Qt.ItemDataRole.DecorationRole and column.key == "title":
            return self._doubt_icon(row)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column.key)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column.key)
        return None

    def _doubt_icon(self, row: IndicatorRow) -> QIcon | None:
        """A question mark before a title nobody has verified: seen even when the title is cut short."""
        if row.indicator is None or not row.indicator.title_unverified:
            return None
        if self._question is None:
            self._question = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion)
        return self._question

    def _font(self, row: IndicatorRow, key: str) -> QFont | None:
        if key == "title" and row.indicator is not None and row.indicator.title_unverified:
            font = QFont()
            font.setItalic(True)
            return font
        if key == "role" and row.chosen:
            font = QFont()
            font.setBold(True)
            return font
        if key == "title" and row.withdrawn:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _colour(self, row: IndicatorRow, key: str) -> QBrush | None:
        if row.withdrawn:
            return QBrush(GREY)
        if key == "title" and row.indicator is not None and row.indicator.title_unverified:
            return QBrush(UNVERIFIED)
        if key == "role":
            return QBrush(ROLE_COLOURS[row.role]) if row.role else QBrush(GREY)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(COLUMNS[section].key)
        return None

    def sort_value(self, row: int, column: int) -> Any:
        spec = COLUMNS[column]
        item = self._rows[row]
        key = spec.sort(item) if spec.sort else spec.text(item).casefold()
        return (key, sort_key(item.code))


@dataclass
class IndicatorFilter:
    """What the search box and the filter controls ask for."""

    text: str = ""
    theme: str = ""
    department: str = ""
    place_survey: bool = False
    statutory: bool = False
    chosen: bool = False

    def accepts(self, row: IndicatorRow) -> bool:
        indicator = row.indicator
        if self.theme and (indicator is None or indicator.theme != self.theme):
            return False
        if self.department and (indicator is None or indicator.department != self.department):
            return False
        if self.place_survey and (indicator is None or not indicator.place_survey):
            return False
        statutory = (indicator is not None and indicator.statutory) or row.role is Role.STATUTORY
        if self.statutory and not statutory:
            return False
        if self.chosen and not row.chosen:
            return False
        return matches(row, self.text)


class IndicatorsProxy(QSortFilterProxyModel):
    """Sorts by real values (NI 9 before NI 10) and filters on every keystroke."""

    def __init__(self, source: IndicatorsModel) -> None:
        super().__init__()
        self._source = source
        self.setSourceModel(source)
        self.filter = IndicatorFilter()

    def set_filter(self, **values: Any) -> None:
        self.beginFilterChange()
        for name, value in values.items():
            setattr(self.filter, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return self.filter.accepts(self._source.row_at(source_row))

    def lessThan(self, left: Index, right: Index) -> bool:
        left_value = self._source.sort_value(left.row(), left.column())
        right_value = self._source.sort_value(right.row(), right.column())
        return bool(left_value < right_value)
