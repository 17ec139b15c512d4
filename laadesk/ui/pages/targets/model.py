"""The targets table model: the chosen targets in pack order, one column spec per field they show."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from laadesk.core.catalogue import Polarity
from laadesk.core.codes import sort_key
from laadesk.core.cross_checks import check_workbook
from laadesk.core.dates import format_date
from laadesk.core.deferral import written
from laadesk.core.edits import Edit
from laadesk.core.exchange import exchange_targets
from laadesk.core.floors import FLOOR_RULE
from laadesk.core.labels import TARGET_LABELS
from laadesk.core.model import YEAR_FIELDS, Role, Status, Target
from laadesk.core.numbers import format_level
from laadesk.core.paste import NUMBER_FIELDS, Choices, PasteColumn, PasteTable, read_cell, target_edit
from laadesk.core.rules import Problem, Severity, polarity_of
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.statutory_years import SET_ANNUALLY, not_yet_set, why_set_annually
from laadesk.store.reference import deferral_reasons
from laadesk.ui.tables.columns import Column, Editor, Shown, column_index
from laadesk.ui.tables.looks import italic, severity_icon
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.roles import CHOICES_ROLE, KEY_ROLE, Index

if TYPE_CHECKING:
    from laadesk.ui.session import WorkbookSession

CODE_ROLE = KEY_ROLE  # the row's indicator code

DEFERRED_TEXT = "deferred"
AS_WRITTEN_MARK = "as written:"  # a level a council's table gave in words, kept until a figure is typed
UNVERIFIED_MARK = "(title unverified)"
DEFERRED_COLOUR = QColor("#8a8a8a")
UNVERIFIED_COLOUR = QColor("#8a5a00")
PROBLEM_BACKGROUND = {Severity.ERROR: QColor("#f8d7d7"), Severity.WARNING: QColor("#fcefc9")}
LEVEL_TIP = "A number (12.5%, 1,234 and £2,000 are read as numbers). Blank when deferred."


def _edit(key: str) -> Any:
    """The edit typing into a target's cell makes: the text read as the field's value."""

    def edit(target: Target, text: str, snapshot: WorkbookSnapshot) -> Edit:
        return target_edit(target, {key: read_cell(key, text, choices_of(snapshot))})

    return edit


def _field(
    key: str, text: Shown, editor: Editor = Editor.NONE, value: Shown | None = None, title: str = "", **more: Any
) -> Column:
    """A column showing one Target field under its heading, edited (unless Editor.NONE) as typed text."""
    return Column(
        key,
        title or TARGET_LABELS[key].heading,
        text,
        edit=None if editor is Editor.NONE else _edit(key),
        edit_text=value,
        editor=editor,
        **more,
    )


def _set_annually(t: Target, key: str, s: WorkbookSnapshot) -> bool:
    """A statutory target's blank level for an academic year not yet set as at the workbook's date."""
    return not_yet_set(t, key, s.area.today(date.today()))


def _level(key: str) -> Column:
    def text(t: Target, s: WorkbookSnapshot) -> str:
        value = getattr(t, key)
        if value is None and t.as_written(key):
            return f"{AS_WRITTEN_MARK} {' '.join(t.as_written(key).split())}"
        if _set_annually(t, key, s):
            return SET_ANNUALLY
        return DEFERRED_TEXT if value is None and t.deferred else format_level(value)

    def sort(t: Target, s: WorkbookSnapshot) -> tuple[bool, float]:
        value = getattr(t, key)
        return (value is None, value or 0.0)

    return _field(
        key,
        text,
        Editor.NUMBER,
        lambda t, s: format_level(getattr(t, key)),
        sort=sort,
        numeric=True,
        tip=LEVEL_TIP if key in YEAR_FIELDS else "",
    )


def _polarity(t: Target, s: WorkbookSnapshot) -> str:
    shown = polarity_of(t, s.catalogue)
    return f"{shown.value} is better" if shown else "not known"


def polarity_source(t: Target, s: WorkbookSnapshot) -> str:
    """Where a target's better direction comes from: set for this target, or the catalogue's."""
    indicator = s.catalogue.get(t.code)
    listed = indicator.polarity if indicator else None
    if t.polarity is not None:
        said = (
            "the catalogue says the same"
            if listed is t.polarity
            else f"the catalogue says {listed.value} is better"
            if listed
            else "the catalogue does not say"
        )
        return f"Set for this target: {t.polarity.value} is better ({said})."
    if listed is not None:
        basis = f" ({indicator.polarity_basis})" if indicator and indicator.polarity_basis else ""
        return f"From the catalogue: {listed.value} is better{basis}. Choose a direction to set it for this target."
    return "Not known: neither the catalogue nor this target says which way is better. Choose one."


# The order of a cabinet's targets table (NI, indicator, lead partner, baseline, the three years),
# so that what a person reads first fits a laptop screen; kind, status and the rest follow.
COLUMNS = (
    _field(
        "code",
        lambda t, s: t.code,
        sort=lambda t, s: sort_key(t.code),
        tip="The indicator; errors and warnings show here",
    ),
    _field("title", lambda t, s: s.title_of(t.code)),
    _field("lead_partner", lambda t, s: t.lead_partner, Editor.CHOICE),
    _level("baseline"),
    _field(
        "baseline_period",
        lambda t, s: t.baseline_period,
        Editor.TEXT,
        title=TARGET_LABELS["baseline_period"].narrow,
        tip="The baseline's period",
    ),
    *(_level(f) for f in YEAR_FIELDS),
    _field("units", lambda t, s: t.units, Editor.TEXT),
    _field(
        "polarity",
        _polarity,
        Editor.CHOICE,
        lambda t, s: t.polarity.value if t.polarity else "",
        title="Better",
        tooltip=polarity_source,
        tip="Which way is better; hover a cell to see whether the catalogue says so or it was set for this target",
    ),
    _field("status", lambda t, s: t.status.value, Editor.CHOICE),
    _field("role", lambda t, s: t.role.value, Editor.CHOICE, tip="Designated, statutory or local"),
    _field("partners", lambda t, s: "; ".join(t.partners), Editor.MANY),
    _field("districts", lambda t, s: t.spatial_level, Editor.MANY, tip="Whole area or districts"),
    _field(
        "deferral_reason",
        lambda t, s: written(t.deferral_reason, t.deferral_note),
        Editor.CHOICE,
        tip="Choosing a reason defers the target",
    ),
    _field("revisit_date", lambda t, s: format_date(t.revisit_date), Editor.DATE),
)
KEYS = [c.key for c in COLUMNS]


def column_of(key: str) -> int:
    return column_index(COLUMNS, key)


def choices_of(snapshot: WorkbookSnapshot) -> Choices:
    partners, districts = tuple(p.name for p in snapshot.partners), tuple(d.name for d in snapshot.districts)
    return Choices(partners, districts, deferral_reasons())


def _choices(column: Column, target: Target, snapshot: WorkbookSnapshot) -> list[tuple[str, str]]:
    """What a choice or tick-list editor offers: (label, the text the model reads)."""
    key = column.key
    if key == "role":
        return [(r.value, r.value) for r in (Role.DESIGNATED, Role.STATUTORY, Role.LOCAL)]
    if key == "status":
        return [(s.value, s.value) for s in Status]
    if key == "polarity":
        indicator = snapshot.catalogue.get(target.code)
        default = f"{indicator.polarity.value} is better" if indicator and indicator.polarity else "not known"
        return [(f"catalogue default: {default}", ""), *((f"{p.value} is better", p.value) for p in Polarity)]
    if key == "deferral_reason":
        return [("(not deferred)", ""), *((r, r) for r in deferral_reasons().wordings())]
    if key == "districts":
        return [(d.name, d.name) for d in snapshot.districts]
    names = [p.name for p in snapshot.partners]
    if key == "lead_partner":
        current = [target.lead_partner] if target.lead_partner and target.lead_partner not in names else []
        return [("(none)", ""), *((n, n) for n in [*names, *current])]
    return [(n, n) for n in names]


def _by_code(problems: list[Problem]) -> dict[str, list[Problem]]:
    """The problems each target's row shows - never a floor: the Targets page may be on a projector
    with the council in the room (the Problems page lists floors)."""
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.code is not None and problem.rule != FLOOR_RULE:
            found.setdefault(problem.code, []).append(problem)
    return found


class TargetsModel(RecordTableModel):
    """The chosen targets, one row each, in the order packs list them. Edits go through the session."""

    def __init__(self, snapshot: WorkbookSnapshot, session: WorkbookSession | None = None) -> None:
        super().__init__(COLUMNS, snapshot, session, exchange_targets(snapshot.targets))
        self._problems = _by_code(session.problems() if session else check_workbook(snapshot))
        self._old_problems = self._problems

    # -- reading -------------------------------------------------------------------------------

    def target(self, row: int) -> Target:
        target: Target = self.record(row)
        return target

    def problems_of(self, code: str) -> list[Problem]:
        return self._problems.get(code, [])

    def choices(self) -> Choices:
        return choices_of(self.workbook)

    def paste_table(self, targets: list[Target]) -> PasteTable:
        columns = [PasteColumn(c.title, c.key if c.editable else None) for c in COLUMNS]
        return PasteTable(targets, columns, self.choices(), lambda t, c: COLUMNS[c].for_editor(t, self.snapshot))

    # -- a new snapshot ----------------------------------------------------------------------------

    def set_snapshot(self, snapshot: WorkbookSnapshot, problems: list[Problem]) -> None:
        """Show the workbook as it is now: changed rows only, and a new order as a layout change."""
        self._old_problems, self._problems = self._problems, _by_code(problems)
        self.show(exchange_targets(snapshot.targets), snapshot)

    def changed(self, old: Any, new: Any) -> bool:
        return bool(old != new) or self._old_problems.get(old.code) != self._problems.get(new.code)

    def context_changed(self, old: WorkbookSnapshot, new: WorkbookSnapshot) -> bool:
        """Titles, catalogue polarities, the partner and district choices and (for statutory levels not yet
        set) the workbook's "as at" date show in every row."""
        return (old.catalogue, old.partners, old.districts, old.area.as_at) != (
            new.catalogue,
            new.partners,
            new.districts,
            new.area.as_at,
        )

    # -- cell looks --------------------------------------------------------------------------------

    def refusal(self, record: Any, column: Column, reason: str) -> str:
        return f"{record.code} {column.title}: {reason}; nothing was changed."

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(COLUMNS[index.column()], self.target(index.row()))
        if index.isValid() and role == CHOICES_ROLE:
            column = COLUMNS[index.column()]
            if column.editor in (Editor.CHOICE, Editor.MANY):
                return _choices(column, self.target(index.row()), self.workbook)
            return None
        return super().data(index, role)

    def look(self, record: Any, column: Column, role: int) -> Any:
        target: Target = record
        if role == Qt.ItemDataRole.DecorationRole and column.key == "code":
            severity = self._severity(target)
            return severity_icon(severity) if severity else None
        if role == Qt.ItemDataRole.BackgroundRole and column.key != "code":
            severity = self._severity(target, column.key)
            return PROBLEM_BACKGROUND[severity] if severity else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.key in NUMBER_FIELDS and getattr(target, column.key) is None and target.deferred:
                return DEFERRED_COLOUR
            if _set_annually(target, column.key, self.workbook):
                return DEFERRED_COLOUR
            if column.key == "title" and self._unverified(target):
                return UNVERIFIED_COLOUR
        if role == Qt.ItemDataRole.FontRole and _set_annually(target, column.key, self.workbook):
            return italic()  # blank on purpose, as a deferred level is: grey italics
        if role == Qt.ItemDataRole.FontRole and (
            (column.key == "title" and self._unverified(target))
            or (column.key in NUMBER_FIELDS and getattr(target, column.key) is None and target.as_written(column.key))
        ):
            return italic()
        return None

    def _unverified(self, target: Target) -> bool:
        return UNVERIFIED_MARK in self.workbook.title_of(target.code)

    def _severity(self, target: Target, key: str | None = None) -> Severity | None:
        found = [p.severity for p in self.problems_of(target.code) if key is None or p.field == key]
        if not found:
            return None
        return Severity.ERROR if Severity.ERROR in found else Severity.WARNING

    def _tooltip(self, column: Column, target: Target) -> str | None:
        messages = [p.message for p in self.problems_of(target.code) if column.key == "code" or p.field == column.key]
        if column.key == "title" and self._unverified(target):
            messages.insert(0, "The catalogue's title for this indicator is recalled, not checked against a source.")
        if column.key in NUMBER_FIELDS and getattr(target, column.key) is None and target.deferred:
            reason = written(target.deferral_reason, target.deferral_note) or "no reason given"
            messages.insert(0, f"Deliberately blank: the target is deferred ({reason}).")
        if _set_annually(target, column.key, self.workbook):
            messages.insert(0, why_set_annually(column.key))
        text = column.tooltip_text(target, self.snapshot) or ""
        if not messages:
            return text or None
        return "\n".join([text, *messages] if len(text) > 12 and column.key != "code" else messages)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:  # the row's name, kept in sight when the NI column scrolls away
            shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole)
            if not 0 <= section < self.rowCount() or role not in shown:
                return None
            return self.data(self.index(section, 0), role)
        return super().headerData(section, orientation, role)
