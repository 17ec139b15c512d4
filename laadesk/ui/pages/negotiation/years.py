"""One target's three years in negotiation: proposal, position, gap, agreed level and the private floor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from laadesk.core.catalogue import Polarity
from laadesk.core.edits import Edit
from laadesk.core.labels import POSITION_LABELS
from laadesk.core.model import YEARS, Position, PositionField
from laadesk.core.negotiation import describe_gap, gap, position_edit, position_for
from laadesk.core.numbers import format_level, parse_level
from laadesk.core.rules import polarity_of
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.columns import Column, Editor
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.roles import Index

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

    code: str
    year: str
    level: float | None
    position: Position | None
    polarity: Polarity | None
    units: str

    def figure(self, field: PositionField) -> float | None:
        return getattr(self.position, field.value) if self.position else None


def _gap(row: YearRow, snapshot: WorkbookSnapshot) -> str:
    return describe_gap(
        row.figure(PositionField.AREA_PROPOSAL), row.figure(PositionField.GOVERNMENT_POSITION), row.polarity, row.units
    )


def _signed_gap(row: YearRow) -> float | None:
    return gap(row.figure(PositionField.AREA_PROPOSAL), row.figure(PositionField.GOVERNMENT_POSITION), row.polarity)


def _gap_tip(row: YearRow, snapshot: WorkbookSnapshot) -> str | None:
    signed = _signed_gap(row)
    if signed is None:
        return None
    better = f"{row.polarity.value} is better" if row.polarity else "polarity unknown"
    return f"Area's proposal against government's position ({better}): {signed:+g} {row.units}".rstrip()


def _level_differs(row: YearRow) -> bool:
    agreed = row.figure(PositionField.AGREED_LEVEL)
    return agreed is not None and agreed != row.level


def _level_tip(row: YearRow, snapshot: WorkbookSnapshot) -> str:
    if _level_differs(row):
        return "The target records a different level from the one agreed: agree the level again to set it."
    return HEADER_TIPS["level"]


def _figure_edit(field: PositionField) -> Callable[[YearRow, str, WorkbookSnapshot], Edit]:
    def edit(row: YearRow, text: str, snapshot: WorkbookSnapshot) -> Edit:
        figure = parse_level(text)
        return position_edit(snapshot.positions, snapshot.target(row.code), row.code, row.year, field, figure)

    return edit


def _figure(key: str, field: PositionField) -> Column:
    label = POSITION_LABELS[field]
    title = label.heading.replace(" ", "\n", 1)
    tip = (
        FLOOR_TIP
        if field is PositionField.FLOOR
        else f"{title.replace(chr(10), ' ')}: type a figure, or Delete to clear it"
    )
    return Column(
        key,
        title,
        lambda r, s: format_level(r.figure(field)),
        edit=_figure_edit(field),
        tooltip=lambda r, s: tip,
        tip=HEADER_TIPS.get(key, ""),
        numeric=True,
        editor=Editor.NUMBER,
    )


HEADER_TIPS = {
    "level": "The level the target records (Targets page); agreeing a level sets it for that year",
    "gap": "Area's proposal against government's position, in the indicator's units:\n"
    "'area more ambitious' when the area asks for a better level than government",
    "agreed": "The level both sides agreed; it becomes the target's level for the year",
    "floor": FLOOR_TIP,
}
COLUMNS = (
    Column("year", "Year", lambda r, s: r.year),
    Column(
        "level",
        "Target\nlevel",
        lambda r, s: format_level(r.level),
        tooltip=_level_tip,
        tip=HEADER_TIPS["level"],
        numeric=True,
    ),
    _figure("area", PositionField.AREA_PROPOSAL),
    _figure("government", PositionField.GOVERNMENT_POSITION),
    Column("gap", "Gap\n(area vs government)", _gap, tooltip=_gap_tip, tip=HEADER_TIPS["gap"]),
    _figure("agreed", PositionField.AGREED_LEVEL),
    _figure("floor", PositionField.FLOOR),
)
COLUMN = {c.key: n for n, c in enumerate(COLUMNS)}


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
        YearRow(code, year, level, position_for(snapshot.positions, code, year), polarity, units)
        for year, level in zip(YEARS, levels)
    )


class YearsModel(RecordTableModel):
    """Three rows (2008/09 to 2010/11); the four figures are edited here, each change one undo step."""

    agreed = Signal(str)  # a sentence: an agreed level also set the target's level

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(COLUMNS, session.snapshot(), session, key=lambda r: r.year)
        self.code: str | None = None
        self._written: Edit | None = None

    def show_target(self, code: str | None) -> None:
        """Show another target (afresh), or the same one as it is now (in place)."""
        snapshot = self.session.snapshot() if self.session else self.workbook
        rows = year_rows(snapshot, code)
        if code == self.code:
            self.show(rows, snapshot)
        else:
            self.code = code
            self.replace_all(rows, snapshot)

    def look(self, record: Any, column: Column, role: int) -> Any:
        row: YearRow = record
        if column.key == "floor":
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(INTERNAL)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(INTERNAL_TEXT)
        if column.key == "gap" and role == Qt.ItemDataRole.ForegroundRole:
            signed = _signed_gap(row)
            if signed and row.polarity is not None:
                return QBrush(AREA_AHEAD if signed > 0 else GOVERNMENT_AHEAD)
        if column.key == "level" and role == Qt.ItemDataRole.ForegroundRole and _level_differs(row):
            return QBrush(QColor("#b00020"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = COLUMNS[section].key if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS) else ""
        if key == "floor" and role == Qt.ItemDataRole.DecorationRole:
            return lock_icon()
        if key == "floor" and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(INTERNAL_TEXT)
        return super().headerData(section, orientation, role)

    def refusal(self, record: Any, column: Column, reason: str) -> str:
        name = column.title.replace("\n", " ").lower()
        return f"{reason}; the {name} was not changed."

    def about_to_apply(self, edit: Any) -> None:
        self._written = edit

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Typing a figure writes it through the undo stack; a bad figure is refused with a sentence.
        Agreeing a level says that it also became the target's level for the year."""
        self._written = None
        if not super().setData(index, value, role) or self._written is None:
            return False
        if len(self._written.changes) > 1:
            year, figure = self.record(index.row()).year, parse_level(str(value))  # already read once
            self.agreed.emit(f"The {year} target for {self.code} is now {format_level(figure)}, as agreed.")
        return not self._written.empty
