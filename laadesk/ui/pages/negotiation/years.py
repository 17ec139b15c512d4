"""One target's three years in negotiation: proposal, position, gap, agreed level and the private floor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from laadesk.core.catalogue import Polarity
from laadesk.core.edits import Edit
from laadesk.core.model import YEARS, Position, PositionField, Target
from laadesk.core.negotiation import describe_gap, gap, position_edit, position_for
from laadesk.core.numbers import format_level, parse_level
from laadesk.core.rules import polarity_of
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.session import WorkbookSession

Index = QModelIndex | QPersistentModelIndex

INTERNAL = QColor("#f6e3f3")  # the floor's own colour: internal to government, never exported
INTERNAL_TEXT = QColor("#6a1b5a")
AREA_AHEAD = QColor("#1b5e20")
GOVERNMENT_AHEAD = QColor("#8a4b00")
FLOOR_TIP = (
    "Government's private floor: the least ambitious level government would accept.\n"
    "Internal - never leaves government: it is left out of every council pack and export."
)

_lock: QIcon | None = None


def lock_icon() -> QIcon:
    """A small padlock, drawn once (no icon theme or emoji font can be relied on)."""
    global _lock
    if _lock is None:
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(INTERNAL_TEXT, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(5, 1.5, 6, 7), 0, 180 * 16)  # the shackle
        painter.drawLine(QPointF(5, 5), QPointF(5, 8))
        painter.drawLine(QPointF(11, 5), QPointF(11, 8))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(INTERNAL_TEXT)
        painter.drawRoundedRect(QRectF(3, 7.5, 10, 7.5), 1.5, 1.5)  # the body
        painter.setBrush(QColor("white"))
        painter.drawEllipse(QPointF(8, 10.5), 1.3, 1.3)  # the keyhole
        painter.drawRect(QRectF(7.5, 10.5, 1, 2.5))
        painter.end()
        _lock = QIcon(pixmap)
    return _lock


@dataclass(frozen=True)
class YearRow:
    """What one year of one target holds."""

    year: str
    level: float | None
    position: Position | None
    polarity: Polarity | None
    units: str

    def figure(self, field: PositionField) -> float | None:
        return getattr(self.position, field.value) if self.position else None


def _gap(row: YearRow) -> str:
    return describe_gap(
        row.figure(PositionField.AREA_PROPOSAL), row.figure(PositionField.GOVERNMENT_POSITION), row.polarity, row.units
    )


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[YearRow], str]
    field: PositionField | None = None  # editable columns write this figure of the position


def _figure(field: PositionField) -> Callable[[YearRow], str]:
    return lambda row: format_level(row.figure(field))


COLUMNS = (
    Column("year", "Year", lambda r: r.year),
    Column("level", "Target\nlevel", lambda r: format_level(r.level)),
    Column("area", "Area's\nproposal", _figure(PositionField.AREA_PROPOSAL), PositionField.AREA_PROPOSAL),
    Column(
        "government",
        "Government's\nposition",
        _figure(PositionField.GOVERNMENT_POSITION),
        PositionField.GOVERNMENT_POSITION,
    ),
    Column("gap", "Gap\n(area vs government)", _gap),
    Column("agreed", "Agreed\nlevel", _figure(PositionField.AGREED_LEVEL), PositionField.AGREED_LEVEL),
    Column("floor", "Floor\n(internal)", _figure(PositionField.FLOOR), PositionField.FLOOR),
)
COLUMN = {c.key: n for n, c in enumerate(COLUMNS)}
HEADER_TIPS = {
    "level": "The level the target records (Targets page); agreeing a level sets it for that year",
    "gap": "Area's proposal against government's position, in the indicator's units:\n"
    "'area more ambitious' when the area asks for a better level than government",
    "agreed": "The level both sides agreed; it becomes the target's level for the year",
    "floor": FLOOR_TIP,
}


def year_rows(snapshot: WorkbookSnapshot, code: str | None) -> tuple[YearRow, ...]:
    if code is None:
        return ()
    target = snapshot.target(code)
    polarity: Polarity | None
    if target is not None:
        polarity = polarity_of(target, snapshot.catalogue)
    else:
        indicator = snapshot.catalogue.get(code)
        polarity = indicator.polarity if indicator else None
    levels = target.levels if target else (None, None, None)
    units = target.units if target else ""
    return tuple(
        YearRow(year, level, position_for(snapshot.positions, code, year), polarity, units)
        for year, level in zip(YEARS, levels)
    )


class YearsModel(QAbstractTableModel):
    """Three rows (2008/09 to 2010/11); the four figures are edited here, each change one undo step."""

    refused = Signal(str)  # a sentence: what was typed could not be used
    agreed = Signal(str)  # a sentence: an agreed level also set the target's level

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__()
        self.session = session
        self.code: str | None = None
        self._rows: tuple[YearRow, ...] = ()

    def show(self, code: str | None) -> None:
        """Show another target (resets), or the same one as it is now (precise signals)."""
        rows = year_rows(self.session.snapshot(), code)
        if code == self.code and len(rows) == len(self._rows):
            changed = [n for n, (old, new) in enumerate(zip(self._rows, rows)) if old != new]
            self._rows = rows
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self.code, self._rows = code, rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()].field is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.key not in ("year", "gap"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column.key == "floor":
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(INTERNAL)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(INTERNAL_TEXT)
            if role == Qt.ItemDataRole.ToolTipRole:
                return FLOOR_TIP
        if role == Qt.ItemDataRole.ToolTipRole and column.field is not None:
            return f"{column.title.replace(chr(10), ' ')}: type a figure, or Delete to clear it"
        if column.key == "gap":
            return self._gap_data(row, role)
        if column.key == "level" and role == Qt.ItemDataRole.ToolTipRole:
            return self._level_tip(row)
        if column.key == "level" and role == Qt.ItemDataRole.ForegroundRole and self._level_differs(row):
            return QBrush(QColor("#b00020"))
        return None

    def _gap_data(self, row: YearRow, role: int) -> Any:
        signed = gap(
            row.figure(PositionField.AREA_PROPOSAL), row.figure(PositionField.GOVERNMENT_POSITION), row.polarity
        )
        if role == Qt.ItemDataRole.ForegroundRole and signed and row.polarity is not None:
            return QBrush(AREA_AHEAD if signed > 0 else GOVERNMENT_AHEAD)
        if role == Qt.ItemDataRole.ToolTipRole and signed is not None:
            better = f"{row.polarity.value} is better" if row.polarity else "polarity unknown"
            return f"Area's proposal against government's position ({better}): {signed:+g} {row.units}".rstrip()
        return None

    def _level_differs(self, row: YearRow) -> bool:
        agreed = row.figure(PositionField.AGREED_LEVEL)
        return agreed is not None and agreed != row.level

    def _level_tip(self, row: YearRow) -> str:
        if self._level_differs(row):
            return "The target records a different level from the one agreed: agree the level again to set it."
        return HEADER_TIPS["level"]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key = COLUMNS[section].key
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(key)
        if role == Qt.ItemDataRole.DecorationRole and key == "floor":
            return lock_icon()
        if role == Qt.ItemDataRole.ForegroundRole and key == "floor":
            return QBrush(INTERNAL_TEXT)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Typing a figure writes it through the undo stack; a bad figure is refused with a sentence."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.session.is_open:
            return False  # a cell letting go after the file closed: its figure was written when the session settled
        edit = self.edit_for(index, value)
        if edit is None or edit.empty:
            return False
        self.session.apply(edit)
        if len(edit.changes) > 1:
            year, figure = self._rows[index.row()].year, parse_level(str(value))  # already read once
            self.agreed.emit(f"The {year} target for {self.code} is now {format_level(figure)}, as agreed.")
        return True

    def edit_for(self, index: Index, value: Any) -> Edit | None:
        """The edit that typing `value` into a cell makes; None (and a sentence) if it cannot be used."""
        field = COLUMNS[index.column()].field
        if field is None or self.code is None:
            return None
        try:
            figure = parse_level(str(value))
        except ValueError as problem:
            name = COLUMNS[index.column()].title.replace("\n", " ").lower()
            self.refused.emit(f"{problem}; the {name} was not changed.")
            return None
        snapshot = self.session.snapshot()
        target: Target | None = snapshot.target(self.code)
        return position_edit(snapshot.positions, target, self.code, self._rows[index.row()].year, field, figure)
