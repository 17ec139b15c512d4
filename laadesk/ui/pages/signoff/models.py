"""The adoptions and milestones tables: who has adopted the agreement, and the timetable with overdue steps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from laadesk.core.dates import format_date, parse_date
from laadesk.core.edits import Edit, set_fields
from laadesk.core.model import Adoption, Milestone
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.timetable import is_overdue, milestone_state
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.columns import Column, text_field
from laadesk.ui.tables.looks import bold
from laadesk.ui.tables.model import RecordTableModel

NOT_YET_ADOPTED = "not yet adopted"
PENDING_TEXT = QColor("#6f6f6f")
OVERDUE_BACKGROUND = QColor("#f9d6d5")
OVERDUE_TEXT = QColor("#8a1111")
DONE_TEXT = QColor("#216e2b")


def _undated_last(value: date | None) -> tuple[bool, date]:
    return (value is None, value or date.min)


def _named(field: str, noun: str) -> Callable[[Any, str, WorkbookSnapshot], Edit]:
    """An edit of a name that may not be left blank."""

    def edit(record: Any, text: str, snapshot: WorkbookSnapshot) -> Edit:
        if not text.strip():
            raise ValueError(f"A {noun} needs a name; the name was left as it was")
        return set_fields(record, f"rename {noun} to {text.strip()}", **{field: text.strip()})

    return edit


def _dated(field: str, label: Callable[[Any, date | None], str]) -> Callable[[Any, str, WorkbookSnapshot], Edit]:
    """An edit of a date field from typed text (blank clears it)."""

    def edit(record: Any, text: str, snapshot: WorkbookSnapshot) -> Edit:
        value = parse_date(text)
        return set_fields(record, label(record, value), **{field: value})

    return edit


def _date_column(key: str, title: str, label: Callable[[Any, date | None], str], blank: str = "") -> Column:
    return Column(
        key,
        title,
        lambda r, s: format_date(getattr(r, key)) or blank,
        edit=_dated(key, label),
        edit_text=lambda r, s: format_date(getattr(r, key)),
        sort=lambda r, s: _undated_last(getattr(r, key)),
    )


def _adoption_date_label(adoption: Adoption, value: date | None) -> str:
    if value is None:
        return f"clear the adoption date of {adoption.body}"
    return f"record adoption by {adoption.body} on {format_date(value)}"


ADOPTION_COLUMNS = (
    Column("body", "Responsible authority", lambda a, s: a.body, edit=_named("body", "responsible authority")),
    _date_column("date", "Adopted on", _adoption_date_label, NOT_YET_ADOPTED),
    text_field("decision_maker", "Decision body", lambda a: f"change the decision body for {a.body}"),
    text_field("minute_reference", "Minute reference", lambda a: f"change the minute reference for {a.body}"),
)


class AdoptionsModel(RecordTableModel):
    """One row per responsible authority; those yet to adopt say so in grey."""

    def __init__(self, session: WorkbookSession) -> None:
        snapshot = session.snapshot()
        super().__init__(ADOPTION_COLUMNS, snapshot, session, snapshot.adoptions)

    def look(self, record: Any, column: Column, role: int) -> Any:
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
            Column("name", "Milestone", lambda m, s: m.name, edit=_named("name", "milestone")),
            _date_column("due", "Due", _milestone_date_label("due")),
            _date_column("done", "Done", _milestone_date_label("done")),
            Column("state", "Where it stands", lambda m, s: milestone_state(m, self.today())),
        )
        snapshot = session.snapshot()
        super().__init__(columns, snapshot, session, snapshot.milestones)

    def look(self, record: Any, column: Column, role: int) -> Any:
        milestone: Milestone = record
        if is_overdue(milestone, self.today()):
            if role == Qt.ItemDataRole.BackgroundRole:
                return OVERDUE_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole:
                return OVERDUE_TEXT
            if role == Qt.ItemDataRole.FontRole and column.key == "state":
                return bold()
        elif milestone.done is not None and column.key == "state" and role == Qt.ItemDataRole.ForegroundRole:
            return DONE_TEXT
        return None
