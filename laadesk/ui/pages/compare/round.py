"""The Compare page while a refresh round is open: every change since the version the round started
from, with an editable Reason (one undo step each, core/refresh.reason_edit), and what the round
must settle - the statutory levels now due and the deferrals past their date."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from laadesk.core.dates import format_date
from laadesk.core.edits import Edit
from laadesk.core.refresh import ChangeLine, ChangesSince, changes_since, reason_edit, statutory_asks
from laadesk.core.refresh_rules import check_refresh
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.pages.compare.model import polarity_lookup
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.views import record_view

WARNING_STYLE = "color: #8a5a00;"


def _reason(line: ChangeLine, text: str, snapshot: Any) -> Edit:
    assert isinstance(snapshot, WorkbookSnapshot)
    return reason_edit(snapshot.change_reasons, line.ni, line.field, text)


def _sentence(line: ChangeLine, _: Any) -> str:
    return line.sentence


REASON_TIP = "Why this changed since the agreed version (F2 or double-click to type); the refresh pack prints it"

COLUMNS = (
    Column("ni", "Indicator", lambda c, _: c.ni, tooltip=_sentence, width=9),
    Column("what", "What", lambda c, _: c.what[:1].upper() + c.what[1:], tooltip=_sentence, width=24),
    Column("agreed", "Agreed", lambda c, _: c.agreed, tooltip=_sentence, width=12),
    Column("now", "Now", lambda c, _: c.proposed, tooltip=_sentence, width=12),
    Column("ambition", "Ambition", lambda c, _: c.ambition, tooltip=_sentence, width=14),
    Column(
        "reason",
        "Reason",
        lambda c, _: c.reason,
        edit=_reason,
        tooltip=lambda c, _: c.reason or "No reason given yet: type one",
        tip=REASON_TIP,
        width=40,
    ),
)
REASON = len(COLUMNS) - 1


class RoundModel(RecordTableModel):
    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(COLUMNS, None, session, key=lambda c: (c.ni, c.field))

    def line(self, row: int) -> ChangeLine:
        found: ChangeLine = self.record(row)
        return found

    def look(self, record: Any, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and column.key == "reason" and not record.reason.strip():
            from PySide6.QtGui import QColor

            return QColor("#fff4d6")  # a reason still to give
        return None


def round_changes(snapshot: WorkbookSnapshot) -> ChangesSince | None:
    """Every change since the version the open round started from; None when no round is open."""
    round_ = snapshot.refresh_round
    if not round_.open:
        return None
    base = round_.base()
    if base is None:
        return None
    return changes_since(round_.from_version, "", "", base, snapshot, polarity_lookup(snapshot))


def to_settle(snapshot: WorkbookSnapshot) -> list[str]:
    """The statutory levels now due and the deferrals past their date."""
    deferrals = [p.message for p in check_refresh(snapshot) if p.rule == "refresh-deferral"]
    return [*statutory_asks(snapshot), *deferrals]


class RoundPanel(QWidget):
    def __init__(self, session: WorkbookSession) -> None:
        super().__init__()
        self.session = session
        self.heading = QLabel()
        self.heading.setAccessibleName("The refresh round")
        self.heading.setWordWrap(True)
        self.model = RoundModel(session)
        self.view = record_view("Changes in the refresh round", self.model, stretch=REASON, fit=False)
        self.view.setAlternatingRowColors(True)
        self.settle = QLabel()
        self.settle.setAccessibleName("To settle in this round")
        self.settle.setWordWrap(True)
        self.settle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.settle)

    def show_round(self, snapshot: WorkbookSnapshot) -> None:
        round_ = snapshot.refresh_round
        since = round_changes(snapshot)
        lines = since.lines if since is not None else ()
        self.model.show(list(lines), snapshot)
        count = len(lines)
        unexplained = len(since.unexplained) if since is not None else 0
        started = f" (started {format_date(round_.started)})" if round_.started else ""
        changes = f"{count} change{'s' if count != 1 else ''}" if count else "No changes yet"
        waiting = ", each with its reason" if count else ""
        if unexplained:
            waiting = f", <b>{unexplained} without a reason yet</b>"
        self.heading.setText(
            f"<b>Refresh round \u201c{html.escape(round_.label)}\u201d</b>{started}: {changes} since the agreed "
            f"version \u201c{html.escape(round_.from_version)}\u201d{waiting}. Type the reason for each change "
            "in the Reason column. Freezing the agreement again (Sign-off &gt; Freeze as Agreed...) ends the round."
        )
        asks = to_settle(snapshot)
        if asks:
            items = "".join(f"<li>{html.escape(a)}</li>" for a in asks)
            self.settle.setText(f"<b>To settle in this round</b> ({len(asks)}):<ul style='margin:0'>{items}</ul>")
            self.settle.setStyleSheet(WARNING_STYLE)
        else:
            self.settle.setText("Nothing else to settle: no statutory level is due and no deferral is past its date.")
            self.settle.setStyleSheet("")
