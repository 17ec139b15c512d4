"""The adoptions and milestones tables: who has adopted the agreement, and the timetable with overdue steps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from laadesk.core.dates import format_date, parse_date
from laadesk.core.edits import Edit, set_fields
from laadesk.core.model import Adoption, Milestone
from laadesk.core.timetable import is_overdue, milestone_state
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.record_model import RecordColumn, RecordTableModel

NOT_YET_ADOPTED = "not yet adopted"
PENDING_TEXT = QColor("#6f6f6f")
OVERDUE_BACKGROUND = QColor("#f9d6d5")
OVERDUE_TEXT = QColor("#8a1111")
DONE_TEXT = QColor("#216e2b")


def _iso(value: date | None) -> str:
    """Sorts dates in order, with no date last."""
    return value.isoformat() if value else "9999"


def _named(field: str, noun: str) -> Callable[[Any, str], Edit]:
    """An edit of a name that may not be left blank."""

    def edit(record: Any, text: str) -> Edit:
        if not text.strip():
            raise ValueError(f"A {noun} needs a name; the name was left as it was")
        return set_fields(record, f"rename {noun} to {text.strip()}", **{field: text.strip()})

    return edit


def _dated(field: str, label: Callable[[Any, date | None], str]) -> Callable[[Any, str], Edit]:
    """An edit of a date field from typed text (blank clears it)."""

    def edit(record: Any, text: str) -> Edit:
        value = parse_date(text)
        return set_fields(record, label(record, value), **{field: value})

    return edit


def _adoption_date_label(adoption: Adoption, value: date | None) -> str:
    if value is None:
        return f"clear the adoption date of {adoption.body}"
    return f"record adoption by {adoption.body} on {format_date(value)}"


ADOPTION_COLUMNS = (
    RecordColumn("body", "Responsible authority", lambda a: a.body, edit=_named("body", "responsible authority")),
    RecordColumn(
        "date",
        "Adopted on",
        lambda a: format_date(a.date) or NOT_YET_ADOPTED,
        edit=_dated("date", _adoption_date_label),
        sort=lambda a: _iso(a.date),
        edit_text=lambda a: format_date(a.date),
    ),
    RecordColumn(
        "decision_maker",
        "Decision maker",
        lambda a: a.decision_maker,
        edit=lambda a, text: set_fields(a, f"change the decision maker for {a.body}", decision_maker=text.strip()),
    ),
    RecordColumn(
        "minute_reference",
        "Minute reference",
        lambda a: a.minute_reference,
        edit=lambda a, text: set_fields(a, f"change the minute reference for {a.body}", minute_reference=text.strip()),
    ),
)


class AdoptionsModel(RecordTableModel):
    """One row per responsible authority; those yet to adopt say so in grey."""

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session, ADOPTION_COLUMNS, session.snapshot().adoptions)

    def style(self, record: Any, column: RecordColumn, role: int) -> Any:
        adoption: Adoption = record
        if column.key == "date" and adoption.date is None and role == Qt.ItemDataRole.ForegroundRole:
            return PENDING_TEXT
        return None


def _milestone_date_label(verb: str) -> Callable[[Any, date | None], str]:
    def label(milestone: Milestone, value: date | None) -> str:
        if value is None:
            return f"clear the {verb} date of milestone {milestone.name}"
        return f"set milestone {milestone.name} {verb} {format_date(value)}"

    return label


class MilestonesModel(RecordTableModel):
    """The timetable; a milestone past its due date and not done stands out in red and says "overdue"."""

    def __init__(self, session: WorkbookSession, today: Callable[[], date]) -> None:
        self.today = today
        columns = (
            RecordColumn("name", "Milestone", lambda m: m.name, edit=_named("name", "milestone")),
            RecordColumn(
                "due",
                "Due",
                lambda m: format_date(m.due),
                edit=_dated("due", _milestone_date_label("due")),
                sort=lambda m: _iso(m.due),
            ),
            RecordColumn(
                "done",
                "Done",
                lambda m: format_date(m.done),
                edit=_dated("done", _milestone_date_label("done")),
                sort=lambda m: _iso(m.done),
            ),
            RecordColumn("state", "Where it stands", lambda m: milestone_state(m, self.today())),
        )
        super().__init__(session, columns, session.snapshot().milestones)

    def milestone(self, row: int) -> Milestone:
        milestone: Milestone = self.record(row)
        return milestone

    def style(self, record: Any, column: RecordColumn, role: int) -> Any:
        milestone: Milestone = record
        if is_overdue(milestone, self.today()):
            if role == Qt.ItemDataRole.BackgroundRole:
                return OVERDUE_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole:
                return OVERDUE_TEXT
            if role == Qt.ItemDataRole.FontRole and column.key == "state":
                font = QFont()
                font.setBold(True)
                return font
        elif milestone.done is not None and column.key == "state" and role == Qt.ItemDataRole.ForegroundRole:
            return DONE_TEXT
        return None
