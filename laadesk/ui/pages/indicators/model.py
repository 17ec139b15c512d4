"""The indicators table: the NIS catalogue joined with the area's choices, and its search filter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from laadesk.core.catalogue import Indicator
from laadesk.core.choosing import IndicatorRow, indicator_rows, matches, role_name
from laadesk.core.codes import sort_key
from laadesk.core.model import Role
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.looks import bold, italic, struck
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.views import RecordsProxy

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


def title_basis(indicator: Indicator) -> str:
    """How sure the catalogue is of a title, in a word or two: sourced, unverified, 2009 wording..."""
    if indicator.title_unverified:
        return "unverified"
    basis = indicator.title_basis.replace(" the ", " ")  # "named in source": the words fit the column
    return basis.removeprefix("sourced (").removesuffix(")") or "not recorded"


def _basis_tip(row: IndicatorRow) -> str | None:
    i = row.indicator
    if i is None:
        return None
    if i.title_unverified:
        lines = [f"{i.code}: recalled, not yet verified against a published source - check the wording."]
    else:
        lines = [f"{i.code}: {i.title_basis or 'how the title is known is not recorded'}."]
    if i.source:
        lines.append(f"Source: {i.source}")
    return "\n".join(lines)


def _department_tip(row: IndicatorRow) -> str | None:
    if row.indicator is None:
        return None
    if row.indicator.department:
        return f"{row.code}: led by {row.indicator.department}"
    return f"{row.code}: the catalogue names no lead department (none is guessed)"


def _polarity(row: IndicatorRow) -> str:
    return row.polarity.value if row.polarity is not None else ""


def _role_tip(row: IndicatorRow) -> str:
    why = f"\nWhy: {row.target.rationale}" if row.target is not None and row.target.rationale else ""
    return f"{role_name(row.role)}{why}"


HEADER_TIPS = {
    "title": "Italic amber titles with a question mark are recalled, not verified against a source: hover for details",
    "department": "The Whitehall department that leads the indicator, where a source names it; blank where none does",
    "basis": "How sure the catalogue is of the title: sourced (hover for where), or recalled and unverified",
    "statutory": "One of the statutory early-years and education targets, outside the 35",
    "polarity": "Is a higher or a lower figure better?",
    "role": "The indicator's role in this agreement; blank: not considered",
}


def _column(key: str, title: str, text: Callable[[IndicatorRow], str], **more: Any) -> Column:
    """A read-only column of indicator rows (the workbook's snapshot is already in each row)."""
    sort, tooltip = more.pop("sort", None), more.pop("tooltip", None)
    return Column(
        key,
        title,
        lambda r, s: text(r),
        sort=(lambda r, s: sort(r)) if sort else None,
        tooltip=(lambda r, s: tooltip(r)) if tooltip else None,
        tip=HEADER_TIPS.get(key, ""),
        **more,
    )


COLUMNS = (
    _column("code", "NI", lambda r: r.code, sort=lambda r: sort_key(r.code)),
    _column("title", "Indicator", _title, tooltip=_title_tip),
    _column("theme", "Theme", lambda r: r.indicator.theme if r.indicator else ""),
    _column("basis", "Title is", lambda r: title_basis(r.indicator) if r.indicator else "", tooltip=_basis_tip),
    _column("department", "Dept", lambda r: r.indicator.department if r.indicator else "", tooltip=_department_tip),
    _column("survey", "Survey", lambda r: r.indicator.survey if r.indicator else ""),
    _column("statutory", "Statutory", lambda r: "yes" if r.indicator and r.indicator.statutory else ""),
    _column(
        "polarity",
        "Better if",
        _polarity,
        tooltip=lambda r: f"{r.polarity.value} is better" if r.polarity is not None else None,
    ),
    _column(
        "role",
        "Role",
        lambda r: r.role.value if r.role else "",
        sort=lambda r: (r.role is None, role_name(r.role)),
        tooltip=_role_tip,
    ),
)
COLUMN = {c.key: n for n, c in enumerate(COLUMNS)}


class IndicatorsModel(RecordTableModel):
    """One row per indicator a person can choose; read-only (roles change through the page's actions)."""

    def __init__(self, snapshot: WorkbookSnapshot) -> None:
        super().__init__(COLUMNS, snapshot, records=indicator_rows(snapshot), key=lambda r: r.code)
        self._question: QIcon | None = None

    def row_at(self, row: int) -> IndicatorRow:
        found: IndicatorRow = self.record(row)
        return found

    def update(self, snapshot: WorkbookSnapshot) -> None:
        """Show the workbook now."""
        self.show(indicator_rows(snapshot), snapshot)

    def look(self, record: Any, column: Column, role: int) -> Any:
        row: IndicatorRow = record
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
            return italic()
        if key == "role" and row.chosen:
            return bold()
        if key == "title" and row.withdrawn:
            return struck()
        return None

    def _colour(self, row: IndicatorRow, key: str) -> QBrush | None:
        if row.withdrawn:
            return QBrush(GREY)
        if key in ("title", "basis") and row.indicator is not None and row.indicator.title_unverified:
            return QBrush(UNVERIFIED)
        if key == "role":
            return QBrush(ROLE_COLOURS[row.role]) if row.role else QBrush(GREY)
        return None


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


class IndicatorsProxy(RecordsProxy):
    """Sorts by real values (NI 9 before NI 10) and filters on every keystroke."""

    def __init__(self, source: IndicatorsModel) -> None:
        super().__init__(source)
        self.filter = IndicatorFilter()
        self.set_filter(self.filter.accepts)

    def change_filter(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self.filter, name, value)
        self.set_filter(self.filter.accepts)
