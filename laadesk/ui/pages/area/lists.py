"""The districts and partners of the area: tables to rename in place, a line to add, removal that asks first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from laadesk.core.area import (
    DISTRICTS,
    PARTNERS,
    district_removal_question,
    district_use,
    partner_removal_question,
    partner_use,
)
from laadesk.core.edits import Edit, Put, remove
from laadesk.core.model import Tier
from laadesk.ui.pages.area.models import AreaRecordsModel, DistrictsModel, PartnersModel
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.choice_delegate import ComboDelegate
from laadesk.ui.tables.views import RecordsProxy, record_view
from laadesk.ui.widgets.controls import adds_records, button, confirm, quiet, view_action


class RecordsPanel(QGroupBox):
    """A titled table of records with a line to add one and a button to remove the selected one."""

    told = Signal(str)  # a sentence for the status bar
    noun = "record"

    def __init__(self, session: WorkbookSession, model: AreaRecordsModel, title: str, fields: Sequence[str]) -> None:
        super().__init__(title)
        self.session = session
        self.model = model
        self.model.refused.connect(self.told)
        self.proxy = RecordsProxy(model, self)
        self.view = record_view(title, self.proxy, rows=True, sort_column=0, stretch=0, fit=False)
        self.view.setAlternatingRowColors(True)
        self.inputs = [QLineEdit() for _ in fields]
        for line, placeholder in zip(self.inputs, fields):
            line.setPlaceholderText(placeholder)
            line.setAccessibleName(placeholder)
            line.returnPressed.connect(self.add)
            adds_records(line)
        self.add_button = button(f"Add {self.noun}", f"Add the {self.noun} typed beside (Enter)", self.add)
        delete = QKeySequence(QKeySequence.StandardKey.Delete)
        self.remove_action = view_action(self.view, f"Remove {self.noun}", [delete], self.remove_current)
        self.remove_button = button(
            f"Remove {self.noun}", f"Remove the selected {self.noun} (Delete)", self.remove_current
        )
        self.empty_note = QLabel()
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        quiet(self.hint)
        adding = QHBoxLayout()
        for line in self.inputs:
            adding.addWidget(line, 2)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        layout.addLayout(adding)
        QWidget.setTabOrder(self.view, self.inputs[0])
        for before, after in zip(self.inputs, [*self.inputs[1:], self.add_button]):
            QWidget.setTabOrder(before, after)
        QWidget.setTabOrder(self.add_button, self.remove_button)

    # -- what differs between districts and partners ------------------------------------

    def add_edit(self, values: list[str]) -> Edit:
        raise NotImplementedError

    def removal(self, record: Any) -> Edit | None:
        """The edit removing a record, after asking if it reaches targets; None if the person declines."""
        raise NotImplementedError

    # -- actions ----------------------------------------------------------------------------

    def current(self) -> Any | None:
        index = self.proxy.mapToSource(self.view.currentIndex())
        return self.model.record(index.row()) if index.isValid() else None

    def add(self) -> None:
        values = [line.text() for line in self.inputs]
        try:
            edit = self.add_edit(values)
        except ValueError as error:
            self.told.emit(f"{error}.")
            self.inputs[0].setFocus()
            return
        added = [c.after for c in edit.changes if isinstance(c, Put)]
        self.model.followed_key = str(added[0].key) if added else None
        self.session.apply(edit)
        for line in self.inputs:
            line.clear()
        self.inputs[0].setFocus()

    def remove_current(self) -> None:
        record = self.current()
        if record is None:
            self.told.emit(f"Select the {self.noun} to remove first.")
            return
        edit = self.removal(record)
        if edit is not None:
            self.session.apply(edit)

    def refresh(self) -> None:
        """Show the workbook now, keeping the current record (following it through a rename)."""
        record = self.current()
        row = self.view.currentIndex().row()
        self.model.refresh()
        followed, self.model.followed_key = self.model.followed_key, None
        key = followed or (record.key if record is not None else None)
        source_row = self.model.row_of(key) if key is not None else None
        if source_row is not None:
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        elif row >= 0:  # the current record went: stay on its row
            index = self.proxy.index(min(row, self.proxy.rowCount() - 1), 0)
        else:
            index = QModelIndex()
        if index.isValid():
            column = max(self.view.currentIndex().column(), 0)
            self.view.setCurrentIndex(index.siblingAtColumn(column))
        self.remove_button.setEnabled(self.proxy.rowCount() > 0)

    def select(self, key: str) -> bool:
        source_row = self.model.row_of(key)
        if source_row is None:
            return False
        self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(source_row, 0)))
        self.view.setFocus()
        return True


class DistrictsPanel(RecordsPanel):
    noun = "district"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session, DistrictsModel(session), "Districts", ["New district's name", "ONS code"])
        self.inputs[1].setMaximumWidth(110)
        self.hint.setText("Renaming a district renames it in every target's spatial level.")

    def add_edit(self, values: list[str]) -> Edit:
        return DISTRICTS.add(self.session.snapshot(), values[0], values[1])

    def removal(self, record: Any) -> Edit | None:
        snapshot = self.session.snapshot()
        if district_use(record.name, snapshot.targets):
            question = district_removal_question(record.name, snapshot.targets)
            if not confirm(self, "Remove district", question, "Remove from targets too"):
                self.told.emit(f"{record.name} was kept.")
                return None
            return DISTRICTS.remove(snapshot, record)
        return remove(record, f"remove district {record.name}")

    def refresh(self) -> None:
        super().refresh()
        snapshot = self.session.snapshot()
        single = snapshot.area.tier is Tier.SINGLE and not snapshot.districts
        self.empty_note.setVisible(single or not snapshot.districts)
        if single:
            self.empty_note.setText(
                f"{snapshot.area.name} is a single-tier area, so it has no districts. "
                "Set the tier to two-tier to record the districts of a county."
            )
        else:
            self.empty_note.setText("No districts yet: add each district council's area below.")
        for widget in (self.view, self.hint, *self.inputs, self.add_button, self.remove_button):
            widget.setVisible(not single)


class PartnersPanel(RecordsPanel):
    noun = "partner"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(
            session, PartnersModel(session), "Partners in the LSP", ["New partner's name", "Sector, e.g. health"]
        )
        self.view.setItemDelegateForColumn(self.model.column_of("authority_kind"), ComboDelegate(self.view))
        self.hint.setText(
            "Partner authority: the kind under the 2007 Act, for those that agree to their targets (Sign-off page). "
            "Leads and Signed up to count the targets naming each partner (hover for which). "
            "Rename a partner here (F2 or double-click) and every target naming it follows."
        )

    def add_edit(self, values: list[str]) -> Edit:
        return PARTNERS.add(self.session.snapshot(), values[0], values[1])

    def removal(self, record: Any) -> Edit | None:
        snapshot = self.session.snapshot()
        use = partner_use(record.name, snapshot.targets)
        if use.used:
            question = partner_removal_question(record.name, use)
            if not confirm(self, "Remove partner", question, "Remove from targets too"):
                self.told.emit(f"{record.name} was kept.")
                return None
            return PARTNERS.remove(snapshot, record)
        return remove(record, f"remove partner {record.name}")

    def refresh(self) -> None:
        super().refresh()
        empty = not self.session.snapshot().partners
        self.empty_note.setVisible(empty)
        self.empty_note.setText("No partners yet: add the LSP's partners below, then name them on the targets.")
