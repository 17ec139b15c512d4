"""Models for the Story of place page: the sections in order, a section's evidence, its linked indicators."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from laadesk.core.dates import format_date, parse_date
from laadesk.core.edits import Edit, set_fields
from laadesk.core.model import Evidence, StorySection
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.story import evidence_of, ordered
from laadesk.ui.pages.area.models import relayout
from laadesk.ui.session import WorkbookSession

Index = QModelIndex | QPersistentModelIndex
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


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[Evidence], str]
    edit: Callable[[Evidence, str], Edit]


def _source_edit(item: Evidence, text: str) -> Edit:
    source = " ".join(text.split())
    if not source:
        raise ValueError("Evidence needs a source, such as 'Index of Multiple Deprivation 2007'; the old one is kept")
    return set_fields(item, "change evidence source", source=source)


EVIDENCE_COLUMNS = (
    Column("source", "Source", lambda e: e.source, _source_edit),
    Column(
        "figure", "Figure", lambda e: e.figure, lambda e, t: set_fields(e, "change evidence figure", figure=t.strip())
    ),
    Column(
        "date",
        "Date",
        lambda e: format_date(e.date),
        lambda e, t: set_fields(e, "change evidence date", date=parse_date(t)),
    ),
)


class EvidenceModel(QAbstractTableModel):
    """One section's evidence references; typing in a cell writes one edit."""

    refused = Signal(str)

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__()
        self.session = session
        self._items: list[Evidence] = []

    def set_evidence(self, section_id: str | None, snapshot: WorkbookSnapshot) -> None:
        items = evidence_of(section_id, snapshot.evidence) if section_id else []
        old, new = [e.id for e in self._items], [e.id for e in items]
        if sorted(old) == sorted(new):  # the same references, perhaps re-sorted by a new date
            relayout(self, old, new, lambda: setattr(self, "_items", items))
            return
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def item(self, row: int) -> Evidence:
        return self._items[row]

    def row_of(self, evidence_id: str) -> int:
        return next((row for row, e in enumerate(self._items) if e.id == evidence_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(EVIDENCE_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column, item = EVIDENCE_COLUMNS[index.column()], self._items[index.row()]
        blank_source = column.key == "source" and not item.source
        if role == Qt.ItemDataRole.DisplayRole:
            return "(type the source)" if blank_source else column.text(item)
        if role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(item)
        if role == Qt.ItemDataRole.ForegroundRole and blank_source:
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and blank_source:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return EVIDENCE_COLUMNS[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Never changes the model itself: builds an edit and hands it to the session's undo stack."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column, item = EVIDENCE_COLUMNS[index.column()], self._items[index.row()]
        try:
            edit = column.edit(item, "" if value is None else str(value))
        except ValueError as error:
            self.refused.emit(f"{error}.")
            return False
        self.session.apply(edit)
        return True


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
        if role == Qt.ItemDataRole.UserRole:
            return code
        return None
