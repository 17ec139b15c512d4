"""The targets table model, driven by a list of column specs rather than column numbers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from laadesk.core.catalogue import Polarity
from laadesk.core.codes import sort_key
from laadesk.core.cross_checks import check_workbook
from laadesk.core.dates import format_date
from laadesk.core.exchange import exchange_targets
from laadesk.core.model import YEAR_FIELDS, YEARS, DeferralReason, Role, Status, Target
from laadesk.core.numbers import format_level
from laadesk.core.paste import NUMBER_FIELDS, Choices, PasteColumn, PasteTable, read_cell, target_edit
from laadesk.core.rules import Problem, Severity, polarity_of
from laadesk.core.snapshot import WorkbookSnapshot

if TYPE_CHECKING:
    from laadesk.ui.session import WorkbookSession

Index = QModelIndex | QPersistentModelIndex
Text = Callable[[Target, WorkbookSnapshot], str]

CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1  # [(label, text)] an editor offers
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a Python value that sorts as a person expects
CODE_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's indicator code

DEFERRED_TEXT = "deferred"
WHOLE_AREA = "whole area"
DEFERRED_COLOUR = QColor("#8a8a8a")
UNVERIFIED_COLOUR = QColor("#8a5a00")
PROBLEM_BACKGROUND = {Severity.ERROR: QColor("#f8d7d7"), Severity.WARNING: QColor("#fcefc9")}


class Editor(Enum):
    """How a cell is edited (the page picks a delegate for each)."""

    NONE = "read-only"
    TEXT = "text"
    NUMBER = "number"
    CHOICE = "choice"
    MANY = "many"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    key: str  # the Target field the column shows and, when editable, sets
    title: str
    text: Text  # what the cell shows
    editor: Editor = Editor.NONE
    value: Text | None = None  # the text an editor starts from and copy gives (default: text)
    numeric: bool = False
    tip: str = ""

    def edit_text(self, target: Target, snapshot: WorkbookSnapshot) -> str:
        return (self.value or self.text)(target, snapshot)


def _level(key: str) -> Text:
    def text(t: Target, s: WorkbookSnapshot) -> str:
        value = getattr(t, key)
        return DEFERRED_TEXT if value is None and t.deferred else format_level(value)

    return text


def _polarity(t: Target, s: WorkbookSnapshot) -> str:
    if t.polarity is not None:
        return t.polarity.value
    shown = polarity_of(t, s.catalogue)
    return f"{shown.value} (catalogue)" if shown else "not known"


LEVEL_TIP = "A number (12.5%, 1,234 and £2,000 are read as numbers). Blank when deferred."
COLUMNS = (
    Column("code", "NI", lambda t, s: t.code, tip="The indicator; errors and warnings show here"),
    Column("title", "Indicator", lambda t, s: s.title_of(t.code)),
    Column("role", "Kind", lambda t, s: t.role.value, Editor.CHOICE, tip="Designated, statutory or local"),
    Column("status", "Status", lambda t, s: t.status.value, Editor.CHOICE),
    Column("baseline", "Baseline", _level("baseline"), Editor.NUMBER, lambda t, s: format_level(t.baseline), True),
    Column("baseline_period", "Period", lambda t, s: t.baseline_period, Editor.TEXT, tip="The baseline's period"),
    *(
        Column(f, y, _level(f), Editor.NUMBER, lambda t, s, f=f: format_level(getattr(t, f)), True, LEVEL_TIP)
        for f, y in zip(YEAR_FIELDS, YEARS)
    ),
    Column("units", "Units", lambda t, s: t.units, Editor.TEXT),
    Column(
        "polarity",
        "Better",
        _polarity,
        Editor.CHOICE,
        lambda t, s: t.polarity.value if t.polarity else "",
        tip="Which direction is better; '(catalogue)' is the National Indicator Set's",
    ),
    Column("lead_partner", "Lead partner", lambda t, s: t.lead_partner, Editor.CHOICE),
    Column("partners", "Partners", lambda t, s: "; ".join(t.partners), Editor.MANY, tip="Partners signed up"),
    Column("districts", "Spatial level", lambda t, s: t.spatial_level, Editor.MANY, tip="Whole area or districts"),
    Column(
        "deferral_reason",
        "Deferred because",
        lambda t, s: t.deferral_reason.value if t.deferral_reason else "",
        Editor.CHOICE,
        tip="Choosing a reason defers the target",
    ),
    Column("revisit_date", "Revisit", lambda t, s: format_date(t.revisit_date), Editor.DATE),
)
KEYS = [c.key for c in COLUMNS]


def column_of(key: str) -> int:
    return KEYS.index(key)


def _choices(column: Column, target: Target, snapshot: WorkbookSnapshot) -> list[tuple[str, str]]:
    """What a choice or tick-list editor offers: (label, the text the model reads)."""
    key = column.key
    if key == "role":
        return [(r.value, r.value) for r in (Role.DESIGNATED, Role.STATUTORY, Role.LOCAL)]
    if key == "status":
        return [(s.value, s.value) for s in Status]
    if key == "polarity":
        indicator = snapshot.catalogue.get(target.code)
        default = indicator.polarity.value if indicator and indicator.polarity else "not known"
        return [(f"catalogue default ({default})", ""), *((f"{p.value} is better", p.value) for p in Polarity)]
    if key == "deferral_reason":
        return [("(not deferred)", ""), *((r.value, r.value) for r in DeferralReason)]
    if key == "districts":
        return [(d.name, d.name) for d in snapshot.districts]
    names = [p.name for p in snapshot.partners]
    if key == "lead_partner":
        current = [target.lead_partner] if target.lead_partner and target.lead_partner not in names else []
        return [("(none)", ""), *((n, n) for n in [*names, *current])]
    return [(n, n) for n in names]


def _sort_value(column: Column, target: Target, snapshot: WorkbookSnapshot) -> Any:
    if column.key == "code":
        return sort_key(target.code)
    if column.numeric:
        value = getattr(target, column.key)
        return (value is None, value or 0.0)
    return column.text(target, snapshot).casefold()


class TargetsModel(QAbstractTableModel):
    """The chosen targets, one row each, in the order packs list them. Edits go through the session."""

    refused = Signal(str)  # a sentence: what was typed could not be taken, and nothing was written

    def __init__(self, snapshot: WorkbookSnapshot, session: WorkbookSession | None = None) -> None:
        super().__init__()
        self.session = session
        self._snapshot = snapshot
        self._targets = exchange_targets(snapshot.targets)
        self._problems = self._problems_by_code(session.problems() if session else check_workbook(snapshot))

    # -- reading -------------------------------------------------------------------------------

    @property
    def snapshot(self) -> WorkbookSnapshot:
        return self._snapshot

    def target(self, row: int) -> Target:
        return self._targets[row]

    def row_of(self, code: str) -> int | None:
        return next((row for row, t in enumerate(self._targets) if t.code == code), None)

    def problems_of(self, code: str) -> list[Problem]:
        return self._problems.get(code, [])

    def choices(self) -> Choices:
        return Choices(tuple(p.name for p in self._snapshot.partners), tuple(d.name for d in self._snapshot.districts))

    def paste_table(self, targets: list[Target]) -> PasteTable:
        columns = [PasteColumn(c.title, c.key if c.editor is not Editor.NONE else None) for c in COLUMNS]
        return PasteTable(targets, columns, self.choices(), lambda t, c: COLUMNS[c].edit_text(t, self._snapshot))

    @staticmethod
    def _problems_by_code(problems: list[Problem]) -> dict[str, list[Problem]]:
        found: dict[str, list[Problem]] = {}
        for problem in problems:
            if problem.code is not None:
                found.setdefault(problem.code, []).append(problem)
        return found

    # -- Qt's table -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._targets)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.session is not None and COLUMNS[index.column()].editor is not Editor.NONE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column, target = COLUMNS[index.column()], self._targets[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(target, self._snapshot)
        if role == Qt.ItemDataRole.EditRole:
            return column.edit_text(target, self._snapshot)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, target)
        if role == Qt.ItemDataRole.DecorationRole and column.key == "code":
            return self._icon(target)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(column, target)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(column, target)
        if role == Qt.ItemDataRole.FontRole and column.key == "title" and "(title unverified)" in self._title(target):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CHOICES_ROLE and column.editor in (Editor.CHOICE, Editor.MANY):
            return _choices(column, target, self._snapshot)
        if role == SORT_ROLE:
            return _sort_value(column, target, self._snapshot)
        if role == CODE_ROLE:
            return target.code
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:  # the row's name, kept in sight when the NI column scrolls away
            if not 0 <= section < len(self._targets) or role not in (
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.DecorationRole,
                Qt.ItemDataRole.ToolTipRole,
            ):
                return None
            return self.data(self.index(section, 0), role)
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Read the text an editor gives and apply it as one undoable edit; refuse with a sentence."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.session is None:
            return False
        column, target = COLUMNS[index.column()], self._targets[index.row()]
        if column.editor is Editor.NONE:
            return False
        try:
            new = read_cell(column.key, str(value), self.choices())
        except ValueError as error:
            self.refused.emit(f"{target.code} {column.title}: {error}; nothing was changed.")
            return False
        self.session.apply(target_edit(target, {column.key: new}))
        return True

    # -- cell looks --------------------------------------------------------------------------------

    def _title(self, target: Target) -> str:
        return self._snapshot.title_of(target.code)

    def _severity(self, target: Target, key: str | None = None) -> Severity | None:
        found = [p.severity for p in self.problems_of(target.code) if key is None or p.field == key]
        if not found:
            return None
        return Severity.ERROR if Severity.ERROR in found else Severity.WARNING

    def _icon(self, target: Target) -> Any:
        severity = self._severity(target)
        if severity is None:
            return None
        style = QApplication.style()
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if severity is Severity.ERROR
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        return style.standardIcon(pixmap)

    def _tooltip(self, column: Column, target: Target) -> str | None:
        messages = [p.message for p in self.problems_of(target.code) if column.key == "code" or p.field == column.key]
        if column.key == "title" and "(title unverified)" in self._title(target):
            messages.insert(0, "The catalogue's title for this indicator is recalled, not checked against a source.")
        if column.key in NUMBER_FIELDS and getattr(target, column.key) is None and target.deferred:
            reason = target.deferral_reason.value if target.deferral_reason else "no reason given"
            messages.insert(0, f"Deliberately blank: the target is deferred ({reason}).")
        text = column.text(target, self._snapshot)
        if not messages:
            return text or None
        return "\n".join([text, *messages] if len(text) > 12 and column.key not in ("code",) else messages)

    def _background(self, column: Column, target: Target) -> Any:
        if column.key == "code":
            return None
        severity = self._severity(target, column.key)
        return PROBLEM_BACKGROUND[severity] if severity else None

    def _foreground(self, column: Column, target: Target) -> Any:
        if column.key in NUMBER_FIELDS and getattr(target, column.key) is None and target.deferred:
            return DEFERRED_COLOUR
        if column.key == "title" and "(title unverified)" in self._title(target):
            return UNVERIFIED_COLOUR
        return None

    # -- a new snapshot ----------------------------------------------------------------------------------

    def set_snapshot(self, snapshot: WorkbookSnapshot, problems: list[Problem]) -> None:
        """Show the workbook as it is now: changed rows only when the same targets are listed."""
        targets = exchange_targets(snapshot.targets)
        by_code = self._problems_by_code(problems)
        codes, old_codes = [t.code for t in targets], [t.code for t in self._targets]
        if sorted(codes) == sorted(old_codes) and codes != old_codes:
            self._reorder(snapshot, targets, by_code)
            return
        if codes != old_codes:
            self.beginResetModel()
            self._snapshot, self._targets, self._problems = snapshot, targets, by_code
            self.endResetModel()
            return
        same_lists = (snapshot.catalogue, snapshot.partners, snapshot.districts) == (
            self._snapshot.catalogue,
            self._snapshot.partners,
            self._snapshot.districts,
        )
        changed = [
            row
            for row, (old, new) in enumerate(zip(self._targets, targets))
            if not same_lists or old != new or self._problems.get(old.code) != by_code.get(new.code)
        ]
        self._snapshot, self._targets, self._problems = snapshot, targets, by_code
        last = len(COLUMNS) - 1
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _reorder(self, snapshot: WorkbookSnapshot, targets: list[Target], problems: dict[str, list[Problem]]) -> None:
        """The same targets in a new order (a new kind moves a row): a layout change keeps open editors."""
        self.layoutAboutToBeChanged.emit()
        new_row = {t.code: row for row, t in enumerate(targets)}
        old = self.persistentIndexList()
        moved = [self.index(new_row[self._targets[i.row()].code], i.column()) for i in old]
        self._snapshot, self._targets, self._problems = snapshot, targets, problems
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()
