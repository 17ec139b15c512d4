"""The Champion notes table: its columns, internal notes marked, and the filters over it."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from laadesk.core.catalogue import Catalogue
from laadesk.core.codes import is_national, parse_code, sort_key
from laadesk.core.dates import format_date
from laadesk.core.model import ActionStatus, ChampionNote, NoteKind, Visibility
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.looks import bold
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.views import RecordsProxy

INTERNAL_MARK = "internal"
INTERNAL_EXPLAINED = "Internal to government: this note never goes into a council pack."
SHAREABLE_EXPLAINED = "Shareable: this note may go into council packs."
INTERNAL_BACKGROUND = QColor("#fbe3b8")
INTERNAL_TEXT = QColor("#6b3d00")
ACTION_WORDS = {ActionStatus.NONE: "", ActionStatus.OPEN: "open", ActionStatus.DONE: "done"}

_SEPARATORS = re.compile(r"[,;]")


def first_line(text: str) -> str:
    """The first line that says something, for the table."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def parse_indicator_list(text: str, catalogue: Catalogue | None = None) -> tuple[str, ...]:
    """ "NI 1, 139; L2" -> ("NI 1", "NI 139", "L2"), in indicator order, each once.

    Raises ValueError with a sentence for a code that is not one, or a national code the
    catalogue does not hold.
    """
    codes: list[str] = []
    for part in _SEPARATORS.split(text):
        if not part.strip():
            continue
        code = parse_code(part)
        if catalogue is not None and is_national(code) and catalogue.get(code) is None:
            raise ValueError(f"{code} is not in the National Indicator Set ({catalogue.edition})")
        codes.append(code)
    return tuple(sorted(dict.fromkeys(codes), key=sort_key))


def _note_tooltip(note: ChampionNote) -> str:
    # Rich text so that Qt wraps a long note instead of one line across the screen.
    return f"<p>{html.escape(note.text)}</p>" if note.text else ""


NOTE_COLUMNS = (
    Column("date", "Date", lambda n, s: format_date(n.date), sort=lambda n, s: n.date),
    Column("author", "Author", lambda n, s: n.author),
    Column("role", "Role", lambda n, s: n.role),
    Column("kind", "Kind", lambda n, s: n.kind.value),
    Column(
        "visibility",
        "Visibility",
        lambda n, s: n.visibility.value,
        tooltip=lambda n, s: INTERNAL_EXPLAINED if n.visibility is Visibility.INTERNAL else SHAREABLE_EXPLAINED,
    ),
    Column("action_status", "Action", lambda n, s: ACTION_WORDS[n.action_status]),
    Column(
        "indicators",
        "Indicators",
        lambda n, s: ", ".join(n.indicators),
        sort=lambda n, s: [sort_key(c) for c in n.indicators],
    ),
    Column("text", "Note", lambda n, s: first_line(n.text), tooltip=lambda n, s: _note_tooltip(n)),
)


class NotesModel(RecordTableModel):
    """Every Champion note; internal ones are marked so nobody mistakes them for shareable."""

    def __init__(self, session: WorkbookSession) -> None:
        snapshot = session.snapshot()
        super().__init__(NOTE_COLUMNS, snapshot, session, snapshot.notes)

    def note(self, row: int) -> ChampionNote:
        note: ChampionNote = self.record(row)
        return note

    def look(self, record: Any, column: Column, role: int) -> Any:
        note: ChampionNote = record
        if column.key == "visibility" and note.visibility is Visibility.INTERNAL:
            if role == Qt.ItemDataRole.BackgroundRole:
                return INTERNAL_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole:
                return INTERNAL_TEXT
        if (
            column.key == "action_status"
            and note.action_status is ActionStatus.OPEN
            and role == Qt.ItemDataRole.FontRole
        ):
            return bold()
        return None


@dataclass(frozen=True)
class NoteFilter:
    """What the filter bar asks for; None (or False) lets every note through."""

    kind: NoteKind | None = None
    indicator: str | None = None
    visibility: Visibility | None = None
    open_actions_only: bool = False

    def matches(self, note: ChampionNote) -> bool:
        return (
            (self.kind is None or note.kind is self.kind)
            and (self.indicator is None or self.indicator in note.indicators)
            and (self.visibility is None or note.visibility is self.visibility)
            and (not self.open_actions_only or note.action_status is ActionStatus.OPEN)
        )


class NotesFilterModel(RecordsProxy):
    """The notes the filter bar lets through, sorted by the column a person clicked (date at first)."""

    def __init__(self, source: NotesModel) -> None:
        super().__init__(source)
        self._filter = NoteFilter()

    @property
    def note_filter(self) -> NoteFilter:
        return self._filter

    def set_note_filter(self, note_filter: NoteFilter) -> None:
        if note_filter != self._filter:
            self._filter = note_filter
            self.set_filter(note_filter.matches)
