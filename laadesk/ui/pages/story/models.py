"""Models for the Story of place page: the sections in order, a section's evidence, its linked indicators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from laadesk.core.dates import format_date, parse_date
from laadesk.core.edits import Edit, set_fields
from laadesk.core.model import Evidence, StorySection
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.story import evidence_of, ordered
from laadesk.core.text import one_spaced
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.looks import italic
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.roles import KEY_ROLE, Index

SECTION_MIME = "application/x-laadesk-story-section"


def _words(text: str) -> str:
    count = len(text.split())
    return f"{count} word{'s' if count != 1 else ''}"


class SectionsModel(QAbstractListModel):
    """The story's sections in reading order; a section is dragged by its id."""

    def __init__(self) -> None:
        super().__init__()
        self._sections: list[StorySection] = []
        self._evidence: dict[str, int] = {}

    def set_story(self, sections: Sequence[StorySection], evidence: Sequence[Evidence]) -> None:
        """Show the story now: a single move is a row move, anything else in place or by a reset."""
        new = ordered(sections)
        old_ids, new_ids = [s.id for s in self._sections], [s.id for s in new]
        self._evidence = {}
        for item in evidence:
            self._evidence[item.section_id] = self._evidence.get(item.section_id, 0) + 1
        if old_ids == new_ids:
            self._sections = new
        elif (move := _single_move(old_ids, new_ids)) is not None:
            source, to = move
            self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), to + 1 if to > source else to)
            self._sections = new
            self.endMoveRows()
        else:
            self.beginResetModel()
            self._sections = new
            self.endResetModel()
            return
        if new:  # titles, numbering and counts may all have changed
            self.dataChanged.emit(self.index(0), self.index(len(new) - 1))

    def section(self, row: int) -> StorySection:
        return self._sections[row]

    def sections(self) -> list[StorySection]:
        return list(self._sections)

    def row_of(self, section_id: str) -> int:
        return next((row for row, s in enumerate(self._sections) if s.id == section_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._sections)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        section = self._sections[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {section.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            evidence = self._evidence.get(section.id, 0)
            links = ", ".join(section.indicators) or "no indicators"
            return (
                f"{section.title}\n{_words(section.text)}, {evidence} evidence "
                f"reference{'s' if evidence != 1 else ''}; linked to {links}"
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return section.title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between sections, never on one
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [SECTION_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = [self._sections[i.row()].id for i in indexes if i.isValid()]
        data.setData(SECTION_MIME, QByteArray(" ".join(ids).encode("ascii")))
        return data


def dragged_ids(data: QMimeData) -> list[str]:
    """The section ids a drag carries (none if it comes from anywhere else)."""
    if not data.hasFormat(SECTION_MIME):
        return []
    return bytes(data.data(SECTION_MIME).data()).decode("ascii").split()


def _single_move(old: list[str], new: list[str]) -> tuple[int, int] | None:
    """(from, to) rows if `new` is `old` with one item moved, else None."""
    if len(old) != len(new) or set(old) != set(new):
        return None
    for source, moved in enumerate(old):
        rest = old[:source] + old[source + 1 :]
        to = new.index(moved)
        if [*rest[:to], moved, *rest[to:]] == new:
            return source, to
    return None


# -- evidence --------------------------------------------------------------------------------

TYPE_THE_SOURCE = "(type the source)"


def _source_edit(item: Evidence, text: str, snapshot: WorkbookSnapshot) -> Edit:
    source = one_spaced(text)
    if not source:
        raise ValueError("Evidence needs a source, such as 'Index of Multiple Deprivation 2007'; the old one is kept")
    return set_fields(item, "change evidence source", source=source)


EVIDENCE_COLUMNS = (
    Column(
        "source",
        "Source",
        lambda e, s: e.source or TYPE_THE_SOURCE,
        edit=_source_edit,
        edit_text=lambda e, s: e.source,
        tooltip=lambda e, s: e.source,
    ),
    Column(
        "figure",
        "Figure",
        lambda e, s: e.figure,
        edit=lambda e, t, s: set_fields(e, "change evidence figure", figure=t.strip()),
        tooltip=lambda e, s: e.figure,
    ),
    Column(
        "date",
        "Date",
        lambda e, s: format_date(e.date),
        edit=lambda e, t, s: set_fields(e, "change evidence date", date=parse_date(t)),
        tooltip=lambda e, s: format_date(e.date),
    ),
)


class EvidenceModel(RecordTableModel):
    """One section's evidence references; typing in a cell writes one edit."""

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(EVIDENCE_COLUMNS, session.snapshot(), session)
        self.section_id: str | None = None

    def set_evidence(self, section_id: str | None, snapshot: WorkbookSnapshot) -> None:
        """Show a section's evidence: in place for the same section, from scratch for another."""
        items = evidence_of(section_id, snapshot.evidence) if section_id else []
        if section_id == self.section_id:
            self.show(items, snapshot)
        else:
            self.section_id = section_id
            self.replace_all(items, snapshot)

    def item(self, row: int) -> Evidence:
        item: Evidence = self.record(row)
        return item

    def look(self, record: Any, column: Column, role: int) -> Any:
        if column.key != "source" or record.source:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole:
            return italic()
        return None


# -- linked indicators ------------------------------------------------------------------------


class LinksModel(QAbstractListModel):
    """The indicators a section is linked to, each with its title."""

    def __init__(self) -> None:
        super().__init__()
        self._codes: list[str] = []
        self._titles: dict[str, str] = {}

    def set_links(self, section: StorySection | None, snapshot: WorkbookSnapshot) -> None:
        codes = list(section.indicators) if section else []
        titles = {code: snapshot.title_of(code) for code in codes}
        if codes == self._codes:
            self._titles = titles
            if codes:
                self.dataChanged.emit(self.index(0), self.index(len(codes) - 1))
            return
        self.beginResetModel()
        self._codes, self._titles = codes, titles
        self.endResetModel()

    def code(self, row: int) -> str:
        return self._codes[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._codes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code = self._codes[index.row()]
        title = self._titles.get(code) or "(no title)"
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{code}  {title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{code}: {title}"
        if role == KEY_ROLE:
            return code
        return None
