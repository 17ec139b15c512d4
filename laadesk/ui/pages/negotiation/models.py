"""The targets in negotiation (to choose one) and the history of changes to its positions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from laadesk.core.codes import sort_key
from laadesk.core.labels import position_words
from laadesk.core.model import YEARS, PositionChange, PositionField, Role
from laadesk.core.negotiation import agreed_years, history
from laadesk.core.numbers import format_level
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.pages.negotiation.years import FLOOR_TIP, INTERNAL, INTERNAL_TEXT
from laadesk.ui.tables.coded_rows import CodedRowsModel

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Negotiated:
    """A target in negotiation: designated, or with positions recorded."""

    code: str
    title: str
    agreed: int  # years with an agreed level
    has_positions: bool

    @property
    def state(self) -> str:
        if not self.has_positions:
            return "no positions"
        if self.agreed == len(YEARS):
            return "agreed"
        return f"{self.agreed} of {len(YEARS)} agreed" if self.agreed else "open"


def negotiated(snapshot: WorkbookSnapshot) -> tuple[Negotiated, ...]:
    with_positions = {p.code for p in snapshot.positions}
    codes = with_positions | {t.code for t in snapshot.targets if t.role is Role.DESIGNATED}
    return tuple(
        Negotiated(code, snapshot.title_of(code), agreed_years(snapshot.positions, code), code in with_positions)
        for code in sorted(codes, key=sort_key)
    )


class NegotiatedModel(CodedRowsModel):
    """The list of targets to negotiate; those with positions come with their state."""

    HEADERS = ("NI", "Indicator", "State")

    def __init__(self, snapshot: WorkbookSnapshot) -> None:
        super().__init__(negotiated(snapshot))

    def column_total(self) -> int:
        return len(self.HEADERS)

    def code_at(self, row: int) -> str:
        return str(self._rows[row].code)

    def update(self, snapshot: WorkbookSnapshot) -> bool:
        """True when the list itself changed (the model was reset)."""
        return self.replace_rows(negotiated(snapshot))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        text = (row.code, row.title, row.state)[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.code} {row.title}: {row.state}"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and not row.has_positions:
            return QBrush(Qt.GlobalColor.gray)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None


def _when(text: str) -> str:
    """An ISO timestamp in the officer's local time, as people write it."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return moment.astimezone().strftime("%d %b %Y %H:%M")


@dataclass(frozen=True)
class HistoryColumn:
    title: str
    text: Callable[[PositionChange], str]


HISTORY_COLUMNS = (
    HistoryColumn("When", lambda c: _when(c.when)),
    HistoryColumn("Who", lambda c: c.who),
    HistoryColumn("Year", lambda c: c.year),
    HistoryColumn("What changed", lambda c: position_words(c.field, marked=True)),
    HistoryColumn("Set to", lambda c: format_level(c.value) if c.value is not None else "cleared"),
)


class HistoryModel(QAbstractTableModel):
    """Every recorded change to one target's positions, newest first (read-only: the record)."""

    def __init__(self) -> None:
        super().__init__()
        self._changes: tuple[PositionChange, ...] = ()

    def show(self, snapshot: WorkbookSnapshot, code: str | None) -> None:
        changes = history(snapshot.position_history, code) if code else ()
        if changes == self._changes:
            return
        self.beginResetModel()
        self._changes = changes
        self.endResetModel()

    def change_at(self, row: int) -> PositionChange:
        return self._changes[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HISTORY_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        change = self._changes[index.row()]
        internal = change.field is PositionField.FLOOR
        if role == Qt.ItemDataRole.DisplayRole:
            return HISTORY_COLUMNS[index.column()].text(change)
        if role == Qt.ItemDataRole.ToolTipRole:
            return FLOOR_TIP if internal else f"{change.when} (UTC) by {change.who}"
        if internal and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(INTERNAL)
        if internal and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(INTERNAL_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == len(HISTORY_COLUMNS) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HISTORY_COLUMNS[section].title if 0 <= section < len(HISTORY_COLUMNS) else None
        return None
