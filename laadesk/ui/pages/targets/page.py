"""The Targets page: every chosen indicator's levels in one table, edited in place, and its trajectory."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.edits import Edit
from laadesk.core.exchange import guard_text
from laadesk.core.model import Role, Target
from laadesk.core.paste import BLANKABLE, NUMBER_FIELDS, PastePlan, plan_fill, plan_paste, read_tsv, write_tsv
from laadesk.core.rules import Problem, polarity_of
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.targets.delegates import (
    ChoiceDelegate,
    DateDelegate,
    NumberDelegate,
    TextDelegate,
    TickListDelegate,
)
from laadesk.ui.pages.targets.model import CODE_ROLE, COLUMNS, KEYS, TargetsModel, column_of
from laadesk.ui.pages.targets.sub_areas import SubAreaPanel
from laadesk.ui.pages.targets.view import TargetsView
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.columns import Editor
from laadesk.ui.tables.views import RecordsProxy, record_view
from laadesk.ui.widgets.layouts import split
from laadesk.ui.widgets.trajectory_chart import TrajectoryChart

SHOWING = ("All chosen targets", "Designated", "Statutory", "Local", "Deferred", "With problems")


def report_paste(parent: QWidget, summary: str, problems: list[str]) -> None:
    """Tell the officer which pasted cells were not taken (tests replace this)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Some cells were not pasted", summary, parent=parent)
    box.setInformativeText("\n".join(f"\u2022 {p}" for p in problems[:25]) + ("\n..." if len(problems) > 25 else ""))
    box.exec()


class TargetsFilter(RecordsProxy):
    """Rows matching the find text and the kind shown; sorted by what the cells mean, not their text."""

    def __init__(self, source: TargetsModel) -> None:
        super().__init__(source)
        self.model = source
        self.text = ""
        self.showing = SHOWING[0]

    def find(self, text: str, showing: str) -> None:
        self.text, self.showing = text.strip().casefold(), showing
        self.set_filter(self._accepts_target)

    def _accepts_target(self, target: Target) -> bool:
        wanted = {"Designated": Role.DESIGNATED, "Statutory": Role.STATUTORY, "Local": Role.LOCAL}.get(self.showing)
        if (wanted and target.role is not wanted) or (self.showing == "Deferred" and not target.deferred):
            return False
        if self.showing == "With problems" and not self.model.problems_of(target.code):
            return False
        if not self.text:
            return True
        words = (target.code, self.model.workbook.title_of(target.code), target.lead_partner, *target.partners)
        haystack = " ".join(words).casefold() + " " + target.code.replace(" ", "").casefold()
        return all(word in haystack for word in self.text.split())


class TargetsPage(Page):
    title = "Targets"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self.model = TargetsModel(session.snapshot(), session)
        self.model.refused.connect(self.refuse)
        self.proxy = TargetsFilter(self.model)
        self.search = QLineEdit()
        self.search.setAccessibleName("Find targets")
        self.search.setPlaceholderText("Find by NI, title or partner")
        self.search.setClearButtonEnabled(True)
        self.showing = QComboBox()
        self.showing.setAccessibleName("Show targets")
        self.showing.setModel(QStringListModel(list(SHOWING), self.showing))
        self.count = QLabel()
        self.search.textChanged.connect(self._filter)
        self.showing.currentTextChanged.connect(self._filter)
        self.view = self._make_view()
        self.message = QLabel()
        self.message.setAccessibleName("Targets message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #8b1a1a;")
        self.notice = self.message
        self.chart = TrajectoryChart()
        self.sub_areas = SubAreaPanel(session)
        self._build_layout()
        self.view.selectionModel().currentRowChanged.connect(lambda current, _: self._show_chart())
        self.proxy.layoutChanged.connect(self._show_chart)
        self.proxy.modelReset.connect(self._show_chart)
        self._update_count()
        self.view.setCurrentIndex(self.proxy.index(0, 0))

    def reading_controls(self) -> list[QWidget]:
        return [self.search, self.showing]

    def _make_view(self) -> TargetsView:
        view = TargetsView()
        record_view("Targets table", self.proxy, view=view)
        view.setAlternatingRowColors(True)
        rows = view.verticalHeader()
        rows.setSectionResizeMode(rows.ResizeMode.Fixed)
        # Scrolled right, the NI column is out of sight: the row headers show the NI instead.
        view.horizontalScrollBar().valueChanged.connect(lambda value: rows.setVisible(value > 0))
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.horizontalHeader().setStretchLastSection(False)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        delegates = {
            Editor.NUMBER: NumberDelegate(view),
            Editor.TEXT: TextDelegate(view),
            Editor.CHOICE: ChoiceDelegate(view),
            Editor.DATE: DateDelegate(view),
        }
        for number, column in enumerate(COLUMNS):
            if column.key == "districts":
                view.setItemDelegateForColumn(number, TickListDelegate(view, whole_area=True))
            elif column.editor is Editor.MANY:
                view.setItemDelegateForColumn(number, TickListDelegate(view))
            elif column.editor in delegates:
                view.setItemDelegateForColumn(number, delegates[column.editor])
        for name, shortcut, slot in (
            ("&Copy", QKeySequence.StandardKey.Copy, self.copy_selection),
            ("&Paste", QKeySequence.StandardKey.Paste, self.paste),
            ("&Blank the cells", QKeySequence.StandardKey.Delete, self.blank_selection),
        ):
            action = QAction(name, view)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            view.addAction(action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.copy_action, self.paste_action, self.blank_action = view.actions()
        view.size_columns()
        return view

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        find_label, show_label = QLabel("&Find:"), QLabel("&Show:")
        find_label.setBuddy(self.search)
        show_label.setBuddy(self.showing)
        for widget in (find_label, self.search, show_label, self.showing):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count)
        self.search.setMinimumWidth(260)
        table = QWidget()
        table_layout = QVBoxLayout(table)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(bar)
        table_layout.addWidget(self.view, 1)
        table_layout.addWidget(self.message)
        below = QSplitter(Qt.Orientation.Horizontal)  # the selected target's chart, and its figures by sub-area
        below.addWidget(self.chart)
        below.addWidget(self.sub_areas)
        below.setSizes([480, 620])
        splitter = split(Qt.Orientation.Vertical, (table, 3), (below, 2))
        splitter.setSizes([470, 290])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QWidget.setTabOrder(self.search, self.showing)
        QWidget.setTabOrder(self.showing, self.view)

    # -- showing the workbook ------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.view.currentIndex()
        code, column = current.data(CODE_ROLE), current.column()
        self.model.set_snapshot(self.session.snapshot(), self.session.problems())
        if code is not None and self.view.currentIndex().data(CODE_ROLE) != code:
            self.select(code, column, reveal=False)
        self._update_count()
        self._show_chart()

    def _filter(self) -> None:
        self.proxy.find(self.search.text(), self.showing.currentText())
        self._update_count()
        if not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.proxy.index(0, 0))
        self._show_chart()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total} targets" if shown == total else f"{shown} of {total} targets shown")

    def current_code(self) -> str | None:
        target = self.current_target()
        return target.code if target else None

    def show_target(self, code: str) -> bool:
        return self.select(code)

    def current_target(self) -> Target | None:
        code = self.view.currentIndex().data(CODE_ROLE)
        row = self.model.row_of(code) if code else None
        return self.model.target(row) if row is not None else None

    def _show_chart(self) -> None:
        target = self.current_target()
        snapshot = self.session.snapshot()
        self.sub_areas.show_target(target.code if target is not None else None)
        if target is None:
            self.chart.show_target(None)
            return
        title = f"{target.code} - {snapshot.title_of(target.code)}"
        self.chart.show_target(target, snapshot.positions, polarity_of(target, snapshot.catalogue), title)

    def select(self, code: str, column: int = 0, reveal: bool = True) -> bool:
        """Make a target's cell current; `reveal` clears the filters if they hide it."""
        row = self.model.row_of(code)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid() and not reveal:
            return False
        if not index.isValid():
            self.search.clear()
            self.showing.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, column))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().setCurrentIndex(index, flags)  # whatever keys happen to be held
        self.view.scrollTo(index)
        return True

    def show_problem(self, problem: Problem) -> bool:
        if problem.code is None:
            return False
        column = column_of(problem.field) if problem.field in KEYS else 0
        if not self.select(problem.code, column):
            return False
        self.view.setFocus()
        return True

    def refuse(self, message: str) -> None:
        self.tell(message)
        if QGuiApplication.platformName() != "offscreen":  # no tooltips to see (or raise) there
            rect = self.view.visualRect(self.view.currentIndex())
            QToolTip.showText(self.view.viewport().mapToGlobal(rect.bottomLeft()), message, self.view)

    # -- copy, paste, blank -----------------------------------------------------------------------

    def _selected(self) -> list[QModelIndex]:
        selected = self.view.selectionModel().selectedIndexes()
        current = self.view.currentIndex()
        return selected or ([current] if current.isValid() else [])

    def copy_selection(self) -> None:
        """The selected block as tab-separated text a spreadsheet takes (numbers unformatted)."""
        selected = self._selected()
        if not selected:
            return
        rows = sorted({i.row() for i in selected})
        columns = sorted({i.column() for i in selected})
        chosen = {(i.row(), i.column()) for i in selected}
        grid = []
        for row in range(rows[0], rows[-1] + 1):
            cells = []
            for column in range(columns[0], columns[-1] + 1):
                text = str(self.proxy.index(row, column).data(Qt.ItemDataRole.EditRole) or "")
                keep = (row, column) in chosen
                cells.append("" if not keep else text if COLUMNS[column].key in NUMBER_FIELDS else guard_text(text))
            grid.append(cells)
        QApplication.clipboard().setText(write_tsv(grid))
        self.tell("")

    def _shown_targets(self) -> list[Target]:
        return [
            self.model.target(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        ]

    def paste(self) -> None:
        """The clipboard's block from the current cell: good cells in one undo step, the rest reported."""
        grid = read_tsv(QApplication.clipboard().text())
        selected = self._selected()
        if not grid or not selected:
            self.tell("There is nothing on the clipboard to paste." if not grid else "Choose a cell to paste into.")
            return
        table = self.model.paste_table(self._shown_targets())
        if len(grid) == 1 and len(grid[0]) == 1 and len(selected) > 1:
            plan = plan_fill(grid[0][0], table, sorted((i.row(), i.column()) for i in selected))
        else:
            top, left = min(i.row() for i in selected), min(i.column() for i in selected)
            plan = plan_paste(grid, table, top, left)
            self._select_block(top, left, len(grid), max(len(r) for r in grid))
        self._apply(plan, plan.edit(table), "pasted")

    def blank_selection(self) -> None:
        """Blank the selected levels (and other cells that may be blank) in one undo step."""
        cells = sorted((i.row(), i.column()) for i in self._selected() if COLUMNS[i.column()].key in BLANKABLE)
        if not cells:
            self.tell("Only levels, period, units, partners, spatial level and deferral cells can be blanked.")
            return
        table = self.model.paste_table(self._shown_targets())
        plan = plan_fill("", table, cells)
        self._apply(
            plan, plan.edit(table, f"blank {plan.taken} cell{'s' if plan.taken != 1 else ''} in targets"), "blanked"
        )

    def _apply(self, plan: PastePlan, edit: Edit, done: str) -> None:
        self.session.apply(edit)
        cells = f"{plan.taken} cell{'s' if plan.taken != 1 else ''}"
        summary = f"{cells.capitalize()} {done}" + ("" if not edit.empty else " (nothing changed)")
        if plan.problems:
            summary += f"; {len(plan.problems)} could not be taken."
            self.tell(summary + " " + plan.problems[0] + ("" if len(plan.problems) == 1 else " ..."))
            report_paste(self, summary, plan.problems)
        else:
            self.tell(summary + ".")

    def _select_block(self, top: int, left: int, rows: int, columns: int) -> None:
        bottom = min(top + rows, self.proxy.rowCount()) - 1
        right = min(left + columns, self.proxy.columnCount()) - 1
        selection = QItemSelection(self.proxy.index(top, left), self.proxy.index(bottom, right))
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
