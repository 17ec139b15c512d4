"""The Indicators page: search the National Indicator Set and choose a role for each indicator."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.catalogue import Indicator
from laadesk.core.choosing import (
    ROLE_CHOICES,
    ChoiceRefused,
    add_local_indicator,
    choose_role,
    designated_count,
    next_local_code,
    rationale_edit,
    role_name,
)
from laadesk.core.edits import Edit
from laadesk.core.model import Role
from laadesk.core.rules import DESIGNATED_LIMIT, Problem
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.indicators.details import IndicatorDetails, catalogue_line
from laadesk.ui.pages.indicators.model import COLUMN, IndicatorsModel, IndicatorsProxy
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.views import record_view

# One key per role, pressed on the table (QKeySequences are made later: they need a QApplication).
ROLE_KEYS: dict[Role | None, str | QKeySequence.StandardKey] = {
    Role.CANDIDATE: "C",
    Role.DESIGNATED: "D",
    Role.STATUTORY: "S",
    Role.LOCAL: "L",
    Role.REJECTED: "R",
    None: QKeySequence.StandardKey.Delete,
}
ALL_THEMES = "All themes"
ALL_DEPARTMENTS = "All departments"
PROBLEM_FIELDS = {"role", "title", "code"}


def ask_local_title(parent: QWidget, code: str) -> str | None:
    """Ask for a local indicator's title; None if the person cancels. Tests replace this."""
    text, ok = QInputDialog.getText(parent, "Add local indicator", f"Title of local indicator {code}:")
    return text if ok else None


class IndicatorsPage(Page):
    title = "Indicators"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        snapshot = session.snapshot()
        self.model = IndicatorsModel(snapshot)
        self.proxy = IndicatorsProxy(self.model)
        self._build_filters(snapshot.catalogue.indicators)
        self._build_actions()
        self._build_table()
        self.details = IndicatorDetails()
        self.details.rationale_settled.connect(self._write_rationale)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.notice = self.message
        self.message.hide()
        self.catalogue = QLabel()
        self.catalogue.setAccessibleName("Catalogue")
        self.catalogue.setWordWrap(True)
        self.catalogue.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_row)
        layout.addLayout(self.only_row)
        layout.addLayout(self.action_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.catalogue)
        layout.addWidget(self.message)
        layout.addWidget(self.details)
        session.settling.connect(self.details.rationale.flush)  # before Save a Copy, and before closing
        self.refresh()

    # -- building ------------------------------------------------------------------------

    def reading_controls(self) -> list[QWidget]:
        return [self.search, self.theme, self.department, self.place_survey, self.statutory, self.chosen]

    def _build_filters(self, catalogue: tuple[Indicator, ...]) -> None:
        self.search = QLineEdit()
        self.search.setAccessibleName("Search indicators")
        self.search.setPlaceholderText("a number (116) or words (poverty)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(lambda text: self._filter(text=text))
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        self.department = QComboBox()
        self.department.setAccessibleName("Department")
        self.theme.addItems([ALL_THEMES, *sorted({i.theme for i in catalogue if i.theme})])
        self.department.addItems([ALL_DEPARTMENTS, *sorted({i.department for i in catalogue if i.department})])
        self.theme.currentTextChanged.connect(lambda text: self._filter(theme="" if text == ALL_THEMES else text))
        self.department.currentTextChanged.connect(
            lambda text: self._filter(department="" if text == ALL_DEPARTMENTS else text)
        )
        self.place_survey = QCheckBox("&Place Survey")
        self.statutory = QCheckBox("Statu&tory")
        self.chosen = QCheckBox("C&hosen")
        for box, name, tip in (
            (self.place_survey, "place_survey", "Only indicators measured by the Place Survey (results June 2009)"),
            (self.statutory, "statutory", "Only the statutory early-years and education targets"),
            (self.chosen, "chosen", "Only indicators designated, statutory or local in this agreement"),
        ):
            box.setAccessibleName(f"{box.text().replace('&', '')} only")
            box.setToolTip(tip)
            box.toggled.connect(lambda on, name=name: self._filter(**{name: on}))
        self.filter_row = QHBoxLayout()
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        self.filter_row.addWidget(search_label)
        self.filter_row.addWidget(self.search, 1)
        self.filter_row.addWidget(self.theme)
        self.filter_row.addWidget(self.department)
        for combo in (self.theme, self.department):
            # Long theme names must not make the page wider than a laptop screen at 125%.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.only_row = QHBoxLayout()
        self.only_row.addWidget(QLabel("Only:"))
        for box in (self.place_survey, self.statutory, self.chosen):
            self.only_row.addWidget(box)
        self.only_row.addStretch(1)

    def _build_actions(self) -> None:
        self.role_actions: dict[Role | None, QAction] = {}
        self.action_row = QHBoxLayout()
        self.action_row.addWidget(QLabel("Role for selected:"))
        for role in ROLE_CHOICES:
            name = role_name(role)
            action = QAction(name.capitalize(), self)
            sequence = QKeySequence(ROLE_KEYS[role])
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            key = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            action.setIconText(f"{name.capitalize()} ({key})")  # buttons show the key; menus list it apart
            action.setToolTip(f"Make the selected indicators {name} ({key})")
            action.triggered.connect(lambda _=False, role=role: self.choose(role))
            self.role_actions[role] = action
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAccessibleName(f"Choose {name}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.action_row.addWidget(button)
        self.action_row.addStretch(1)
        self.counts = QLabel()
        self.counts.setAccessibleName("Designated count")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.only_row.addWidget(self.counts)
        self.add_local_button = QPushButton("Add &local indicator...")
        self.add_local_button.setAccessibleName("Add local indicator")
        self.add_local_button.clicked.connect(self.add_local)
        self.only_row.addWidget(self.add_local_button)

    def _build_table(self) -> None:
        self.view = record_view("Indicators", self.proxy, editable=False, rows=True, sort_column=COLUMN["code"])
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in self.role_actions.values():
            self.view.addAction(action)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN["title"], QHeaderView.ResizeMode.Stretch)
        widths = {
            "code": 60,
            "basis": 112,
            "theme": 150,
            "department": 56,
            "survey": 96,
            "statutory": 70,
            "polarity": 70,
            "role": 96,
        }
        for key, width in widths.items():
            header.resizeSection(COLUMN[key], width)
        selection = self.view.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._selection_changed())
        selection.currentRowChanged.connect(lambda *_: self._selection_changed())
        self.proxy.rowsInserted.connect(lambda *_: self._update_counts())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_counts())
        self.proxy.modelReset.connect(self._update_counts)
        self.proxy.layoutChanged.connect(self._update_counts)

    # -- reading the view ------------------------------------------------------------------

    def selected_codes(self) -> list[str]:
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.row_at(self.proxy.mapToSource(i).row()).code for i in rows]

    def current_code(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row()).code

    def show_target(self, code: str) -> bool:
        if self.model.row_of(code) is None:
            return False
        self._reveal(code)
        return True

    def _proxy_index(self, code: str) -> QModelIndex:
        row = self.model.row_of(code)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, 0))

    def select(self, codes: list[str], current: str | None = None) -> None:
        """Select indicators by code (those hidden by the filters stay unselected)."""
        selection = QItemSelection()
        for code in codes:
            index = self._proxy_index(code)
            if index.isValid():
                selection.select(index, index)
        model = self.view.selectionModel()
        current_index = self._proxy_index(current or (codes[0] if codes else ""))
        if current_index.isValid():
            model.setCurrentIndex(current_index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(current_index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        model.select(selection, flags)

    # -- showing -----------------------------------------------------------------------------

    def on_edited(self, edit: Edit) -> None:
        self.message.hide()  # an earlier refusal no longer applies once the workbook has changed
        self.refresh()

    def refresh(self) -> None:
        snapshot = self.session.snapshot()
        self.model.update(snapshot)
        self.catalogue.setText(catalogue_line(snapshot.catalogue))
        self._update_counts()
        self._selection_changed()

    def _filter(self, **values: object) -> None:
        self.proxy.change_filter(**values)
        self._update_counts()

    def _update_counts(self) -> None:
        targets = self.session.snapshot().targets
        designated = designated_count(targets)
        colour = "#b00020" if designated > DESIGNATED_LIMIT else "#1b5e20"
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        showing = f"Showing {shown} of {total}" if shown != total else f"{total} indicators"
        self.counts.setText(
            f"{showing} &nbsp;·&nbsp; <b style='color:{colour}'>Designated {designated}/{DESIGNATED_LIMIT}</b>"
        )

    def _selection_changed(self) -> None:
        codes = self.selected_codes()
        for action in self.role_actions.values():
            action.setEnabled(bool(codes))
        current = self.current_code()
        shown = current if current in codes else (codes[0] if codes else None)
        row_number = self.model.row_of(shown) if shown else None
        self.details.show_row(self.model.row_at(row_number) if row_number is not None else None, len(codes))

    # -- editing -----------------------------------------------------------------------------

    def choose(self, role: Role | None) -> None:
        """Give every selected indicator a role in one undo step."""
        codes = self.selected_codes()
        if not codes:
            self.tell("Select one or more indicators first.", refused=True)
            return
        try:
            edit = choose_role(self.session.snapshot(), codes, role)
        except ChoiceRefused as refusal:
            self.tell(str(refusal), refused=True)
            return
        if edit.empty:
            self.tell(f"Already {role_name(role)}: nothing to change.")
            return
        self.tell("")
        self.session.apply(edit)

    def add_local(self) -> None:
        code = next_local_code(self.session.snapshot().targets)
        title = ask_local_title(self, code)
        if title is None:
            return
        try:
            edit = add_local_indicator(self.session.snapshot().targets, title)
        except ChoiceRefused as refusal:
            self.tell(str(refusal), refused=True)
            return
        self.tell("")
        self.session.apply(edit)
        self._reveal(code)
        self.details.rationale.setFocus()

    def _write_rationale(self, code: str, text: str) -> None:
        if not self.session.is_open:
            return  # the box let go after the file closed; its typing was written when the session settled
        target = self.session.snapshot().target(code)
        if target is not None:
            self.session.apply(rationale_edit(target, text), merge_key=("rationale", code))

    def _reveal(self, code: str) -> None:
        """Select an indicator, clearing the filters if they hide it."""
        if not self._proxy_index(code).isValid():
            self.clear_filters()
        self.select([code], code)
        self.view.setFocus()

    def clear_filters(self) -> None:
        self.search.clear()
        self.theme.setCurrentIndex(0)
        self.department.setCurrentIndex(0)
        for box in (self.place_survey, self.statutory, self.chosen):
            box.setChecked(False)

    def show_problem(self, problem: Problem) -> bool:
        if problem.code is None or problem.field not in PROBLEM_FIELDS or self.model.row_of(problem.code) is None:
            return False
        self._reveal(problem.code)
        return True
