"""The selected target's figures by sub-area, beside its chart: add, edit and delete rows, each one undo step."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from laadesk.core.edits import Edit, Put, Remove, add, remove, set_fields
from laadesk.core.exchange import read_level
from laadesk.core.model import AS_WRITTEN, SubAreaKind, SubAreaTarget
from laadesk.core.numbers import format_figure, format_level
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.sub_area_exchange import ordered
from laadesk.core.text import one_spaced
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.choice_delegate import ComboDelegate
from laadesk.ui.tables.columns import Column, Editor, text_field
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.record_table import RecordTable
from laadesk.ui.tables.roles import CHOICES_ROLE

NEW_NAME = "New sub-area"
WORDS_TEXT = QColor("#8a5a00")  # a level kept as written, not a number: to settle


def _name(sub: SubAreaTarget) -> str:
    return f"{sub.code} {sub.sub_area}"


def _rename(sub: SubAreaTarget, text: str, snapshot: WorkbookSnapshot) -> Edit:
    """A new name is a new key: the old row goes and the renamed one comes, in one step."""
    name = one_spaced(text)
    if not name:
        raise ValueError("A sub-area needs a name; the name was left as it was")
    if name == sub.sub_area:
        return Edit("rename sub-area", ())
    taken = {s.sub_area.casefold() for s in snapshot.sub_areas if s.code == sub.code and s is not sub}
    if name.casefold() in taken and name.casefold() != sub.sub_area.casefold():
        raise ValueError(f"{sub.code} already has figures for {name}; the name was left as it was")
    return Edit(f"rename sub-area {_name(sub)} to {name}", (Remove(sub), Put(replace(sub, sub_area=name))))


def _level_text(sub: SubAreaTarget, level: str) -> str:
    value: float | None = getattr(sub, level)
    return format_figure(value) if value is not None else sub.as_written(level)


def _typed(sub: SubAreaTarget, level: str) -> str:
    """What the cell editor starts from: the plain number, or the words as written."""
    value: float | None = getattr(sub, level)
    return format_level(value) if value is not None else sub.as_written(level)


def _level_edit(level: str, words: str) -> Any:
    def edit(sub: SubAreaTarget, text: str, snapshot: WorkbookSnapshot) -> Edit:
        value, written = read_level(text)
        return set_fields(sub, f"change {words} of {_name(sub)}", **{level: value, AS_WRITTEN[level]: written})

    return edit


def _level_column(level: str, title: str) -> Column:
    return Column(
        level,
        title,
        lambda s, _: _level_text(s, level),
        edit=_level_edit(level, title),
        edit_text=lambda s, _: _typed(s, level),
        sort=lambda s, _: (getattr(s, level) is None, getattr(s, level) or 0.0, s.as_written(level)),
        numeric=True,
        merge=True,
        editor=Editor.NUMBER,
    )


def _text_column(key: str, title: str, words: str) -> Column:
    return text_field(key, title, lambda s: f"change {words} of {_name(s)}", merge=True)


def _kind_edit(sub: SubAreaTarget, text: str, snapshot: WorkbookSnapshot) -> Edit:
    kinds = {k.value: k for k in SubAreaKind}
    if text not in kinds:
        raise ValueError(f"'{text}' is not a kind of sub-area: choose {', '.join(kinds)}")
    return set_fields(sub, f"make {_name(sub)} a {text}", kind=kinds[text])


COLUMNS = (
    Column("sub_area", "Sub-area", lambda s, _: s.sub_area, edit=_rename),
    Column("kind", "Kind", lambda s, _: s.kind.value, edit=_kind_edit, editor=Editor.CHOICE),
    _level_column("baseline", "Baseline"),
    _text_column("baseline_period", "Period", "the baseline period"),
    _level_column("target_2008_09", "2008/09"),
    _level_column("target_2009_10", "2009/10"),
    _level_column("target_2010_11", "2010/11"),
    _text_column("units", "Units", "the units"),
    _text_column("lead_partner", "Lead partner", "the lead partner"),
    _text_column("comment", "Comment", "the comment"),
)


class SubAreasModel(RecordTableModel):
    """One target's sub-area rows; a level in words shows in amber, as on the targets table."""

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(COLUMNS, session.snapshot(), session)
        self.code: str | None = None

    def show_target(self, code: str | None, snapshot: WorkbookSnapshot) -> None:
        rows = ordered(s for s in snapshot.sub_areas if s.code == code) if code else []
        if code != self.code:
            self.code = code
            self.replace_all(rows, snapshot)
        else:
            self.show(rows, snapshot)

    def look(self, record: Any, column: Column, role: int) -> Any:
        sub: SubAreaTarget = record
        if role == CHOICES_ROLE and column.key == "kind":
            return [(k.value, k.value) for k in SubAreaKind]
        if role == Qt.ItemDataRole.ForegroundRole and column.key in AS_WRITTEN and sub.as_written(column.key):
            return WORDS_TEXT
        return None


class SubAreaPanel(QWidget):
    """The sub-area table for the target selected above it, with its add and delete buttons."""

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__()
        self.session = session
        self.table = RecordTable(SubAreasModel(session), "Sub-area figures", "sub_area")
        self.model: SubAreasModel = self.table.model  # type: ignore[assignment]  # RecordTable keeps the model it was given
        self.table.view.setItemDelegateForColumn(self.model.column_of("kind"), ComboDelegate(self.table.view))
        self.note = QLabel()
        self.note.setAccessibleName("Sub-area figures note")
        self.note.setWordWrap(True)
        self.add_action = self.table.action(
            "Add s&ub-area", "Add figures for a district, partnership area or group of neighbourhoods", self.add_row
        )
        self.delete_action = self.table.action(
            "Delete sub-area",
            "Delete the selected sub-area's figures (Delete)",
            self.delete_row,
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.box = self.table.group("Sub-area figures", self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        levels = dict.fromkeys(("baseline", "target_2008_09", "target_2009_10", "target_2010_11"), 58)
        self.table.widths(
            {"sub_area": 140, "kind": 96, "baseline_period": 64, **levels, "units": 90, "lead_partner": 150}
        )
        self.model.refused.connect(self.note.setText)
        self.show_target(None)

    def show_target(self, code: str | None) -> None:
        snapshot = self.session.snapshot()
        self.model.show_target(code, snapshot)
        self.box.setTitle(f"Sub-area figures - {code}" if code else "Sub-area figures")
        self.add_action.setEnabled(code is not None)
        for pushed in (self.table.button("Add sub-area"), self.table.button("Delete sub-area")):
            pushed.setEnabled(code is not None)
        count = self.model.rowCount()
        if code is None:
            self.note.setText("Choose a target to see its figures by sub-area.")
        elif not count:
            self.note.setText(f"{code} is not split by sub-area. Add a row for each district or area it is split by.")
        else:
            self.note.setText(f"{count} sub-area{'s' if count != 1 else ''}. Type a level, or words as written.")

    def add_row(self) -> None:
        code = self.model.code
        if code is None:
            return
        snapshot = self.session.snapshot()
        target = snapshot.target(code)
        taken = {s.sub_area.casefold() for s in snapshot.sub_areas if s.code == code}
        name, number = NEW_NAME, 1
        while name.casefold() in taken:
            number += 1
            name = f"{NEW_NAME} {number}"
        units = target.units if target is not None else ""
        sub = SubAreaTarget(code, name, SubAreaKind.DISTRICT, units=units)
        self.session.apply(add(sub, f"add sub-area figures to {code}"))
        self.table.edit(sub.key, "sub_area")

    def delete_row(self) -> None:
        sub = self.table.current()
        if isinstance(sub, SubAreaTarget):
            self.session.apply(remove(sub, f"delete sub-area figures {_name(sub)}"))
