"""The problems table: the live result of the rules, errors first, each with where it lies."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from laadesk.core.labels import field_words
from laadesk.core.rules import Problem, Severity
from laadesk.core.snapshot import WorkbookSnapshot

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ProblemColumn:
    key: str
    title: str
    text: Callable[[Problem, WorkbookSnapshot], str]


COLUMNS = (
    ProblemColumn("severity", "Severity", lambda p, s: p.severity.value),
    ProblemColumn("code", "Indicator", lambda p, s: p.code or "-"),
    ProblemColumn("field", "Where", lambda p, s: field_words(p.field)),
    ProblemColumn("message", "Problem", lambda p, s: p.message),
)


def severity_icon(severity: Severity) -> QIcon:
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity is Severity.ERROR
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return QApplication.style().standardIcon(pixmap)


class ProblemsModel(QAbstractTableModel):
    """session.problems() as rows, in the order the rules give them (errors first)."""

    def __init__(self, snapshot: WorkbookSnapshot, problems: list[Problem]) -> None:
        super().__init__()
        self._snapshot = snapshot
        self._problems = list(problems)
        self._icons = {severity: severity_icon(severity) for severity in Severity}

    def problem(self, row: int) -> Problem:
        return self._problems[row]

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def set_problems(self, snapshot: WorkbookSnapshot, problems: list[Problem]) -> None:
        """Show the rules' latest result (the list is rebuilt: problems have no identity of their own)."""
        if problems == self._problems and snapshot is self._snapshot:
            return
        self.beginResetModel()
        self._snapshot = snapshot
        self._problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        problem = self._problems[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(problem, self._snapshot)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "code" and problem.code:
                return f"{problem.code} {self._snapshot.title_of(problem.code)}".strip()
            if column.key == "message":
                return f"<p>{html.escape(problem.message)}</p><p><i>Double-click or press Enter to go to it.</i></p>"
            return None
        if role == Qt.ItemDataRole.DecorationRole and column.key == "severity":
            return self._icons[problem.severity]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{problem.severity.value}: {problem.message}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].title
        return None
