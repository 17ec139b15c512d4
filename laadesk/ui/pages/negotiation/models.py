"""The targets in negotiation (to choose one) and the history of changes to its positions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from laadesk.core.codes import sort_key
from laadesk.core.dates import format_moment
from laadesk.core.labels import position_words
from laadesk.core.model import YEARS, PositionChange, PositionField, Role
from laadesk.core.negotiation import agreed_years, history
from laadesk.core.numbers import format_level
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.pages.negotiation.years import FLOOR_TIP, INTERNAL, INTERNAL_TEXT
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.model import RecordTableModel


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


def _tip(row: Negotiated, snapshot: WorkbookSnapshot) -> str:
    return f"{row.code} {row.title}: {row.state}"


NEGOTIATED_COLUMNS = (
    Column("code", "NI", lambda r, s: r.code, tooltip=_tip, sort=lambda r, s: sort_key(r.code)),
    Column("title", "Indicator", lambda r, s: r.title, tooltip=_tip),
    Column("state", "State", lambda r, s: r.state, tooltip=_tip),
)


class NegotiatedModel(RecordTableModel):
    """The list of targets to negotiate; those with positions come with their state."""

    def __init__(self, snapshot: WorkbookSnapshot) -> None:
        super().__init__(NEGOTIATED_COLUMNS, snapshot, records=negotiated(snapshot), key=lambda r: r.code)

    def code_at(self, row: int) -> str:
        return str(self.record(row).code)

    def update(self, snapshot: WorkbookSnapshot) -> None:
        self.show(negotiated(snapshot), snapshot)

    def look(self, record: Any, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "state" and not record.has_positions:
            return QBrush(Qt.GlobalColor.gray)
        return None


def _history_tip(change: PositionChange, snapshot: WorkbookSnapshot) -> str:
    return FLOOR_TIP if change.field is PositionField.FLOOR else f"{change.when} (UTC) by {change.who}"


def _history_column(key: str, title: str, text: Callable[[PositionChange], str], **more: Any) -> Column:
    return Column(key, title, lambda c, s: text(c), tooltip=_history_tip, **more)


HISTORY_COLUMNS = (
    _history_column("when", "When", lambda c: format_moment(c.when)),
    _history_column("who", "Who", lambda c: c.who),
    _history_column("year", "Year", lambda c: c.year),
    _history_column("field", "What changed", lambda c: position_words(c.field, marked=True)),
    _history_column(
        "value", "Set to", lambda c: format_level(c.value) if c.value is not None else "cleared", numeric=True
    ),
)


class HistoryModel(RecordTableModel):
    """Every recorded change to one target's positions, newest first (read-only: the record)."""

    def __init__(self, snapshot: WorkbookSnapshot) -> None:
        super().__init__(HISTORY_COLUMNS, snapshot, key=id)

    def show_history(self, snapshot: WorkbookSnapshot, code: str | None) -> None:
        changes = history(snapshot.position_history, code) if code else ()
        if changes != self.records():
            self.replace_all(changes, snapshot)

    def change_at(self, row: int) -> PositionChange:
        change: PositionChange = self.record(row)
        return change

    def look(self, record: Any, column: Column, role: int) -> Any:
        if record.field is not PositionField.FLOOR:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(INTERNAL)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(INTERNAL_TEXT)
        return None
