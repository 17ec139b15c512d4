"""The history as a table: entries read newest first a batch at a time, never all at once.

A workbook can hold 100,000 entries, so the model reads the first batch, and Qt asks for more
(canFetchMore/fetchMore) as the officer scrolls to the bottom. No read stays open between
batches: an open read would hold the file's shared lock, and a colleague's laadesk with the
workbook open for writing could not save. New entries (an edit, a freeze) are put at the top
without reading the rest again.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice, takewhile
from typing import Any

from PySide6.QtCore import QModelIndex

from laadesk.core.dates import format_moment
from laadesk.core.errors import WorkbookProblem
from laadesk.core.history import ADDED, REMOVED, HistoryEntry, HistoryFilter, shown
from laadesk.store.history import read_entries
from laadesk.store.workbook import Workbook
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.roles import Index

BATCH = 400  # the first read; each later one reads as many as are shown (doubling), so reaching
# the 100,000th entry takes eight reads, not 250
CATCH_UP = 5000  # more new entries than this at once (an import) and the list is read afresh
LONGEST_TIP = 600


def when(entry: HistoryEntry) -> str:
    """The moment in the officer's own time: "7 Dec 2008 14:05"."""
    return format_moment(entry.at)


def _one_line(value: Any) -> str:
    return " ".join(shown(value).split())


def was(entry: HistoryEntry) -> str:
    return "" if entry.op in (ADDED, REMOVED) else _one_line(entry.before)


def became(entry: HistoryEntry) -> str:
    if entry.op == ADDED:
        return "added"
    if entry.op == REMOVED:
        return "removed"
    return _one_line(entry.after)


def how(entry: HistoryEntry) -> str:
    return entry.how + (f" from {entry.source}" if entry.source else "")


def _tip(value: Any) -> str | None:
    text = shown(value)
    return text if len(text) <= LONGEST_TIP else text[:LONGEST_TIP] + "..."


COLUMNS = (
    Column("when", "When", lambda e, _: when(e), tooltip=lambda e, _: f"{e.at} (UTC)", width=17),
    Column("who", "Who", lambda e, _: e.who, width=16),
    Column("what", "What", lambda e, _: e.what, width=34),
    Column("from", "From", lambda e, _: was(e), tooltip=lambda e, _: _tip(e.before), width=16),
    Column("to", "To", lambda e, _: became(e), tooltip=lambda e, _: _tip(e.after), width=16),
    Column("how", "How", lambda e, _: how(e), width=10, tip="Typed, pasted, imported (and from which file), undone..."),
    Column("action", "Change", lambda e, _: e.action, width=30, tip="The change as the Edit menu's Undo named it"),
)


def change(entry: HistoryEntry) -> str:
    """The whole change on one line, for a narrow table: "NI 16 2010/11 target: 11.9 -> 12.5"."""
    if entry.op in (ADDED, REMOVED):
        return f"{entry.what} {entry.op}"
    return f"{entry.what}: {was(entry)} -> {became(entry)}"


def _change_tip(entry: HistoryEntry, _: Any) -> str:
    return f"{change(entry)}\n{how(entry)}; {entry.action}"


def _when_who_tip(entry: HistoryEntry, _: Any) -> str:
    return f"{entry.at} (UTC) by {entry.who}"


# The history panel beside the pages is narrow: the change in one column that takes the spare width
# (its rows wrap), then when and who on two short lines.
PANEL_COLUMNS = (
    Column("change", "Change", lambda e, _: change(e), tooltip=_change_tip, width=30),
    Column("when", "When, who", lambda e, _: f"{when(e)}\n{e.who}", tooltip=_when_who_tip, width=17),
)


class HistoryModel(RecordTableModel):
    """The entries a HistoryFilter asks for, newest first, read a batch at a time."""

    def __init__(
        self, workbook: Workbook, wanted: HistoryFilter | None = None, columns: Sequence[Column] = COLUMNS
    ) -> None:
        super().__init__(columns, None, key=lambda entry: entry.id)
        self.file = workbook
        self.wanted = wanted or HistoryFilter()
        self.problem = ""  # the sentence when the history could not be read (a damaged file)
        self._more = True
        self.read_afresh()

    def entry(self, row: int) -> HistoryEntry:
        entry: HistoryEntry = self.record(row)
        return entry

    def _read(self, start: int, count: int) -> list[HistoryEntry]:
        """The entries from `start`; none, with the sentence in `problem`, when the history is damaged."""
        try:
            entries = read_entries(self.file, self.wanted, newest_first=True)
            try:
                return list(islice(entries, start, start + count))
            finally:
                entries.close()  # the read ends now, not when the generator is collected
        except WorkbookProblem as problem:
            self.problem = str(problem)
            return []

    def read_afresh(self, wanted: HistoryFilter | None = None) -> None:
        """Show the newest entries the filter asks for (a new filter, or another target's)."""
        self.beginResetModel()
        if wanted is not None:
            self.wanted = wanted
        first = self._read(0, BATCH + 1)
        self._more = len(first) > BATCH
        self._records = first[:BATCH]
        self.endResetModel()

    def catch_up(self) -> None:
        """Put entries written since the list was read at the top (after an edit or a freeze)."""
        newest = self._records[0].id if self._records else None
        if newest is None:
            if not self._more:
                self.read_afresh()
            return
        try:
            entries = read_entries(self.file, self.wanted, newest_first=True)
            try:
                new = list(islice(takewhile(lambda e: e.id > newest, entries), CATCH_UP + 1))
            finally:
                entries.close()
        except WorkbookProblem as problem:
            self.problem = str(problem)
            return
        if len(new) > CATCH_UP:
            self.read_afresh()
        elif new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self._records[0:0] = new
            self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        start = len(self._records)
        count = max(BATCH, start)
        batch = self._read(start, count + 1)
        self._more = len(batch) > count
        batch = batch[:count]
        if batch:
            self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
            self._records.extend(batch)
            self.endInsertRows()
