"""Under a section's text: its evidence references and the indicators it is linked to."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListView,
    QVBoxLayout,
)

from laadesk.core.codes import sort_key
from laadesk.core.edits import Edit, Remove, add
from laadesk.core.model import StorySection
from laadesk.core.story import link_indicator, linkable_code, new_evidence, unlink_indicators
from laadesk.ui.pages.story.models import EvidenceModel, LinksModel
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.views import record_view
from laadesk.ui.widgets.controls import adds_records, button, view_action

CurrentSection = Callable[[], StorySection | None]


class EvidencePanel(QGroupBox):
    """The selected section's evidence: source, figure and date, edited in place."""

    told = Signal(str)

    def __init__(self, session: WorkbookSession, current: CurrentSection) -> None:
        super().__init__("Evidence")
        self.session = session
        self.current = current
        self.model = EvidenceModel(session)
        self.model.refused.connect(self.told)
        self.view = record_view("Evidence references", self.model, rows=True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(True)  # sources and figures are sentences: read them whole
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        insert = QKeySequence(Qt.Key.Key_Insert)
        self.add_action = view_action(self.view, "Add evidence", [insert], self.add)
        self.remove_action = view_action(
            self.view, "Remove evidence", [QKeySequence(QKeySequence.StandardKey.Delete)], self.remove_selected
        )
        self.add_button = button("Add evidence", "Add an evidence reference to this section (Insert)", self.add)
        self.remove_button = button("Remove evidence", "Remove the selected references (Delete)", self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        section = self.current()
        current = self.view.currentIndex()
        kept = self.model.item(current.row()).id if current.isValid() else None
        self.model.set_evidence(section.id if section else None, self.session.snapshot())
        self.setEnabled(section is not None)
        self.remove_button.setEnabled(self.model.rowCount() > 0)
        if kept is not None and (row := self.model.row_of(kept)) is not None:
            self.view.setCurrentIndex(self.model.index(row, current.column()))

    def add(self) -> None:
        section = self.current()
        if section is None:
            self.told.emit("Add a story section first; evidence belongs to a section.")
            return
        item = new_evidence(section)
        self.session.apply(add(item, "add evidence"))
        row = self.model.row_of(item.id)
        if row is not None:
            index = self.model.index(row, 0)
            self.view.setFocus()
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        if not rows:
            self.told.emit("Select the evidence to remove first.")
            return
        label = "remove evidence" if len(rows) == 1 else f"remove {len(rows)} evidence references"
        self.session.apply(Edit(label, tuple(Remove(self.model.item(r)) for r in rows)))


class LinksPanel(QGroupBox):
    """The indicators the selected section justifies: link by code or from the chosen targets, unlink."""

    told = Signal(str)

    def __init__(self, session: WorkbookSession, current: CurrentSection) -> None:
        super().__init__("Linked indicators")
        self.session = session
        self.current = current
        self.model = LinksModel()
        self.view = QListView()
        self.view.setAccessibleName("Linked indicators")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setSpacing(1)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.unlink_action = view_action(
            self.view, "Unlink indicator", [QKeySequence(QKeySequence.StandardKey.Delete)], self.unlink_selected
        )
        self.code = QLineEdit()
        self.code.setAccessibleName("Indicator to link")
        self.code.setPlaceholderText("Type 116, L1 or words from a title")
        self.code.setClearButtonEnabled(True)
        self.code.returnPressed.connect(self.link)
        adds_records(self.code)
        self.choices = QStringListModel(self)
        completer = QCompleter(self.choices, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.code.setCompleter(completer)
        self.link_button = button("Link", "Link the indicator typed or picked (Enter)", self.link)
        self.unlink_button = button("Unlink", "Unlink the selected indicators (Delete)", self.unlink_selected)
        row = QHBoxLayout()
        row.addWidget(self.link_button)
        row.addWidget(self.unlink_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.code)
        layout.addLayout(row)

    def refresh(self) -> None:
        section = self.current()
        snapshot = self.session.snapshot()
        self.model.set_links(section, snapshot)
        chosen = sorted((t.code for t in snapshot.targets if t.chosen), key=sort_key)
        choices = [f"{code} - {snapshot.title_of(code)}" for code in chosen]
        if self.choices.stringList() != choices:
            self.choices.setStringList(choices)
        self.setEnabled(section is not None)
        self.unlink_button.setEnabled(self.model.rowCount() > 0)

    def link(self) -> None:
        section = self.current()
        if section is None:
            return
        try:
            code = linkable_code(self.code.text(), self.session.snapshot())
            edit = link_indicator(section, code)
        except ValueError as error:
            self.told.emit(f"{error}.")
            return
        self.session.apply(edit)
        self.code.clear()

    def unlink_selected(self) -> None:
        section = self.current()
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if section is None or not rows:
            self.told.emit("Select the linked indicators to unlink first.")
            return
        self.session.apply(unlink_indicators(section, [self.model.code(r) for r in rows]))
