"""The checklist table: one row an item, met or open, with its evidence."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from laadesk.core.qa import QaState
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.model import RecordTableModel

MET_COLOUR = QColor("#216e2b")
OPEN_COLOUR = QColor("#8a1111")


def _item_tip(state: QaState, _snapshot: Any) -> str:
    guidance = f"<p><i>{html.escape(state.item.guidance)}</i></p>" if state.item.guidance else ""
    return f"<p>{html.escape(state.item.item)}</p>{guidance}<p>Source: {html.escape(state.item.source)}</p>"


def _evidence_tip(state: QaState, _snapshot: Any) -> str:
    if not state.findings:
        return state.evidence
    return "<ul>" + "".join(f"<li>{html.escape(f)}</li>" for f in state.findings) + "</ul>"


COLUMNS = (
    Column("state", "State", lambda s, _: "\u2713 met" if s.met else "\u2717 open", tooltip=lambda s, _: None),
    Column("kind", "Kind", lambda s, _: s.item.kind.value, tooltip=lambda s, _: None),
    Column("item", "Item", lambda s, _: s.item.item, tooltip=_item_tip),
    Column("evidence", "Evidence", lambda s, _: s.evidence, tooltip=_evidence_tip),
)


class QaModel(RecordTableModel):
    """qa_states() as rows, in the checklist's order, keyed by the item's id."""

    def __init__(self, states: list[QaState]) -> None:
        super().__init__(COLUMNS, None, records=states, key=lambda s: s.item.id)

    def state(self, row: int) -> QaState:
        found: QaState = self.record(row)
        return found

    def look(self, record: Any, column: Column, role: int) -> Any:
        state: QaState = record
        if role == Qt.ItemDataRole.ForegroundRole and column.key == "state":
            return MET_COLOUR if state.met else OPEN_COLOUR
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{state.item.item}: {state.state}. {state.evidence}"
        return None
