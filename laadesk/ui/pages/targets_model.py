"""The targets table model, driven by a list of column specs rather than column numbers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from laadesk.core.exchange import exchange_targets
from laadesk.core.model import Target
from laadesk.core.numbers import format_level
from laadesk.core.snapshot import WorkbookSnapshot

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[Target, WorkbookSnapshot], str]
    numeric: bool = False


COLUMNS = (
    Column("code", "NI", lambda t, s: t.code),
    Column("title", "Indicator", lambda t, s: s.title_of(t.code)),
    Column("role", "Kind", lambda t, s: t.role.value),
    Column("status", "Status", lambda t, s: t.status.value),
    Column("baseline", "Baseline", lambda t, s: format_level(t.baseline), numeric=True),
    Column("baseline_period", "Period", lambda t, s: t.baseline_period),
    Column("target_2008_09", "2008/09", lambda t, s: format_level(t.target_2008_09), numeric=True),
    Column("target_2009_10", "2009/10", lambda t, s: format_level(t.target_2009_10), numeric=True),
    Column("target_2010_11", "2010/11", lambda t, s: format_level(t.target_2010_11), numeric=True),
    Column("units", "Units", lambda t, s: t.units),
    Column("lead_partner", "Lead partner", lambda t, s: t.lead_partner),
    Column("deferral_reason", "Deferred because", lambda t, s: t.deferral_reason.value if t.deferral_reason else ""),
)


class TargetsModel(QAbstractTableModel):
    """Read-only view of the chosen targets (editing arrives with the editor issue)."""

    def __init__(self, snapshot: WorkbookSnapshot) -> None:
        super().__init__()
        self._snapshot = snapshot
        self._targets = exchange_targets(snapshot.targets)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._targets)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(self._targets[index.row()], self._snapshot)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].title
        return None
