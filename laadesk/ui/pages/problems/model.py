"""The problems table: the live result of the rules, errors first, each with where it lies."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from laadesk.core.labels import field_words
from laadesk.core.rules import Problem, Severity
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.looks import severity_icon
from laadesk.ui.tables.model import RecordTableModel


def _code_tip(problem: Problem, snapshot: WorkbookSnapshot) -> str | None:
    return f"{problem.code} {snapshot.title_of(problem.code)}".strip() if problem.code else None


COLUMNS = (
    Column("severity", "Severity", lambda p, s: p.severity.value, tooltip=lambda p, s: None),
    Column("code", "Indicator", lambda p, s: p.code or "-", tooltip=_code_tip),
    Column("field", "Where", lambda p, s: field_words(p.field), tooltip=lambda p, s: None),
    Column(
        "message",
        "Problem",
        lambda p, s: p.message,
        tooltip=lambda p, s: f"<p>{html.escape(p.message)}</p><p><i>Double-click or press Enter to go to it.</i></p>",
    ),
)


class ProblemsModel(RecordTableModel):
    """session.problems() as rows, in the order the rules give them (errors first). A problem has no
    identity of its own, so a new list of problems is shown afresh."""

    def __init__(self, snapshot: WorkbookSnapshot, problems: list[Problem]) -> None:
        super().__init__(COLUMNS, snapshot, records=problems, key=id)
        self._icons: dict[Severity, QIcon] = {severity: severity_icon(severity) for severity in Severity}

    def problem(self, row: int) -> Problem:
        problem: Problem = self.record(row)
        return problem

    def problems(self) -> list[Problem]:
        return list(self.records())

    def set_problems(self, snapshot: WorkbookSnapshot, problems: list[Problem]) -> None:
        """Show the rules' latest result."""
        if problems != self.problems() or snapshot is not self.snapshot:
            self.replace_all(problems, snapshot)

    def look(self, record: Any, column: Column, role: int) -> Any:
        problem: Problem = record
        if role == Qt.ItemDataRole.DecorationRole and column.key == "severity":
            return self._icons[problem.severity]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{problem.severity.value}: {problem.message}"
        return None
