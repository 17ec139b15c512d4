"""File > Import Table: the council's table as it is, which column is which, then what will happen.

Two steps, as LibreOffice's text import: first the table's first rows with a choice above each
column (laadesk's own match, or what the officer chose for a table of this shape before) and
the header row; then, before anything is written, the summary row by row - new targets,
changed figures, levels kept as written, rows and columns left out and why - or the problems
that stop the import, each by row and column. Nothing is written by this dialog: on Import it
returns the plan, and the caller backs the workbook up and applies it as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.council_headings import match_header
from laadesk.core.council_table import (
    HEADER_SEARCH,
    SKIP,
    ColumnLayout,
    ReadTable,
    SourceRow,
    SourceTable,
    column_letter,
    proposed_layout,
    read_table,
    table_shape,
)
from laadesk.core.errors import CellProblem, WorkbookProblem
from laadesk.core.exchange import COLUMNS, unguard_text
from laadesk.core.import_plan import ImportPlan
from laadesk.core.labels import field_words
from laadesk.core.text import visible

PREVIEW_ROWS = 40  # the first rows of the sheet: enough to see the header and the first targets
HEADER_SHADE = QColor("#dde6f0")
LEFT_OUT_SHADE = QColor("#eeeeee")
LEFT_OUT = "(leave out)"

Planner = Callable[[ReadTable], tuple[ImportPlan | None, list[CellProblem]]]
Reader = Callable[[str | None], SourceTable]  # the sheet asked for (None: the only one) -> its rows
Remembered = Callable[[str], dict[str, str]]  # a table's shape -> header words -> column


def column_words(column: str) -> str:
    """What a choice above a column says: 'NI (code)', 'Title', '2008/09 target', 'Deferral reason'..."""
    if column == "ni":
        return "NI (code)"
    if column == "kind":
        return "Kind (designated, statutory, local)"
    if column == "deferred_reason":
        return "Deferral reason"
    words = field_words(column)
    return words[:1].upper() + words[1:]


def _shown(cell: str) -> str:
    """A cell on one line of the preview: its apostrophe guard off, line breaks as spaces, controls shown."""
    return visible(" ".join(unguard_text(cell).split()))


class ImportDialog(QDialog):
    """Shows one table; `plan` and `layout` hold what Import would apply once accepted."""

    def __init__(
        self,
        parent: QWidget | None,
        path: Path,
        sheets: list[str],
        read: Reader,
        plan: Planner,
        remembered: Remembered,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import a table - {path.name}")
        self.path = path
        self._read = read
        self._planner = plan
        self._remembered = remembered
        self.table: SourceTable | None = None
        self._rows: list[SourceRow] = []  # the rows shown
        self._header = 0
        self.layout_chosen: ColumnLayout | None = None
        self.read: ReadTable | None = None
        self.plan: ImportPlan | None = None
        self.shape = ""
        self.choices: dict[int, str] = {}  # column number -> exchange column, or SKIP

        self.sheet = QComboBox()
        self.sheet.setAccessibleName("Sheet")
        self.sheet.addItems(sheets)
        self.header_row = QSpinBox()
        self.header_row.setAccessibleName("Header row")
        self.header_row.setRange(1, HEADER_SEARCH)
        self.header_row.setToolTip("The row that names the table's columns; the targets are the rows below it")
        self.found = QLabel()
        self.found.setAccessibleName("What laadesk found")
        self.found.setWordWrap(True)
        self.preview = QTableWidget()
        self.preview.setAccessibleName("The table's first rows")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.preview.horizontalHeader().setToolTip("Click a column's heading to say what it holds")
        self.preview.horizontalHeader().sectionClicked.connect(self._ask_for_column)
        self.holds = QComboBox()
        self.holds.setAccessibleName("The selected column holds")
        self.holds.addItem(LEFT_OUT, SKIP)
        for column in COLUMNS:
            self.holds.addItem(column_words(column), column)
        self.holds.setEnabled(False)
        self.holds.activated.connect(lambda _index: self._set_current_column(str(self.holds.currentData())))
        self.preview.currentCellChanged.connect(lambda _row, _column, _r, _c: self._show_current_column())
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName("What the import will do")
        self.summary.setReadOnly(True)
        self.verdict = QLabel()
        self.verdict.setAccessibleName("Verdict")
        self.verdict.setWordWrap(True)
        self.next_button = QPushButton("&Next: what will happen")
        self.back_button = QPushButton("&Back")
        self.import_button = QPushButton("&Review Changes...")
        self.steps = QStackedWidget()
        self._lay_out(len(sheets) > 1)
        self.sheet.currentTextChanged.connect(lambda _name: self._load())
        self.header_row.valueChanged.connect(self._header_moved)
        self.next_button.clicked.connect(self.show_summary)
        self.back_button.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        self.import_button.clicked.connect(self.accept)
        self.resize(1000, 620)

    def _lay_out(self, several_sheets: bool) -> None:
        columns = QWidget()
        top = QHBoxLayout()
        sheet_label = QLabel("&Sheet:")
        sheet_label.setBuddy(self.sheet)
        for widget in (sheet_label, self.sheet):
            widget.setVisible(several_sheets)
            top.addWidget(widget)
        header_label = QLabel("&Header row:")
        header_label.setBuddy(self.header_row)
        top.addWidget(header_label)
        top.addWidget(self.header_row)
        top.addSpacing(24)
        holds_label = QLabel("The selected column &holds:")
        holds_label.setBuddy(self.holds)
        top.addWidget(holds_label)
        top.addWidget(self.holds, 1)
        first = QVBoxLayout(columns)
        first.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            "Check what each column holds (its heading says): click a column's heading, or select the column "
            "and choose. Columns laadesk has no place for are left out. Nothing is written until you import."
        )
        intro.setWordWrap(True)
        first.addWidget(intro)
        first.addLayout(top)
        first.addWidget(self.preview, 1)
        first.addWidget(self.found)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        first.addWidget(buttons)

        summary = QWidget()
        second = QVBoxLayout(summary)
        second.setContentsMargins(0, 0, 0, 0)
        second.addWidget(self.verdict)
        second.addWidget(self.summary, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        second.addWidget(buttons)

        self.steps.addWidget(columns)
        self.steps.addWidget(summary)
        QVBoxLayout(self).addWidget(self.steps)

    # -- step 1: the table and its columns ------------------------------------------------

    def load(self) -> bool:
        """Read the chosen sheet and propose a layout; False (after saying why) if it cannot be read."""
        return self._load()

    def _load(self) -> bool:
        try:
            self.table = self._read(self.sheet.currentText() or None)
        except WorkbookProblem as problem:
            self.table = None
            self.preview.clear()
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            self.found.setText(str(problem))
            self.next_button.setEnabled(False)
            return False
        self.next_button.setEnabled(True)
        self._show(self._remembered_layout() or proposed_layout(self.table))
        return True

    def _remembered_layout(self) -> ColumnLayout | None:
        """What the officer chose for a table with one of these rows as its header, if anything."""
        assert self.table is not None
        for row in self.table.rows[:HEADER_SEARCH]:
            if len(row.filled) > 1 and (choices := self._remembered(table_shape(self.table, row.number))):
                return proposed_layout(self.table, choices)
        return None

    def _show(self, layout: ColumnLayout | None) -> None:
        assert self.table is not None
        header = layout.header_row if layout is not None else self._first_filled_row()
        self.header_row.blockSignals(True)
        self.header_row.setValue(header)
        self.header_row.blockSignals(False)
        self._fill_preview(header, layout.columns if layout is not None else {})
        if layout is None:
            self.found.setText(
                "No row in the first rows names a column of indicator codes. Choose the header row, then say "
                "which column holds the NI codes and which the levels."
            )
            self.next_button.setEnabled(False)
        else:
            self._say_found()

    def _first_filled_row(self) -> int:
        assert self.table is not None
        return min((row.number for row in self.table.rows), default=1)

    def _fill_preview(self, header: int, columns: Mapping[int, str]) -> None:
        assert self.table is not None
        rows = [row for row in self.table.rows if row.number <= max(PREVIEW_ROWS, header + 10)][:PREVIEW_ROWS]
        width = max([len(row.cells) for row in rows] + [max(columns, default=0)] + [1])
        self.choices = {number: columns.get(number, SKIP) for number in range(1, width + 1)}
        self.preview.clear()
        self.preview.setColumnCount(width)
        self.preview.setRowCount(len(rows))
        self.preview.setVerticalHeaderLabels([str(row.number) for row in rows])
        self._rows = rows
        self._header = header
        for line, row in enumerate(rows):
            for number in range(1, width + 1):
                self.preview.setItem(line, number - 1, QTableWidgetItem(_shown(row.cell(number))))
        self._show_choices()
        self.preview.resizeColumnsToContents()
        for number in range(width):
            self.preview.setColumnWidth(number, min(max(self.preview.columnWidth(number), 130), 320))

    def _show_choices(self) -> None:
        """Each column's heading says what laadesk will read from it; the header row and the columns
        left out look so in the rows."""
        bold = QFont(self.preview.font())
        bold.setBold(True)
        plain = QFont(self.preview.font())
        for number, column in self.choices.items():
            words = LEFT_OUT if column == SKIP else column_words(column)
            self.preview.setHorizontalHeaderItem(number - 1, QTableWidgetItem(f"{column_letter(number)}\n{words}"))
            for line, row in enumerate(self._rows):
                item = self.preview.item(line, number - 1)
                if item is None:
                    continue
                item.setFont(bold if row.number == self._header else plain)
                if row.number == self._header:
                    item.setBackground(QBrush(HEADER_SHADE))
                    item.setForeground(QBrush())
                elif row.number > self._header and column == SKIP:
                    item.setBackground(QBrush(LEFT_OUT_SHADE))
                    item.setForeground(QBrush(QColor("#777777")))
                else:
                    item.setBackground(QBrush())
                    item.setForeground(QBrush())
        self._show_current_column()

    def _show_current_column(self) -> None:
        number = self.preview.currentColumn() + 1
        self.holds.setEnabled(number in self.choices)
        if number in self.choices:
            self.holds.setCurrentIndex(max(self.holds.findData(self.choices[number]), 0))

    def _set_current_column(self, column: str) -> None:
        number = self.preview.currentColumn() + 1
        if number in self.choices:
            self.choose(column_letter(number), column)

    @Slot(int)
    def _ask_for_column(self, section: int) -> None:
        """A click on a column's heading offers what the column may hold."""
        self.preview.setCurrentCell(max(self.preview.currentRow(), 0), section)
        menu = QMenu(self)
        for column in (SKIP, *COLUMNS):
            action = menu.addAction(LEFT_OUT if column == SKIP else column_words(column))
            action.setCheckable(True)
            action.setChecked(self.choices.get(section + 1) == column)
            action.triggered.connect(lambda _checked=False, c=column: self.choose(column_letter(section + 1), c))
        header = self.preview.horizontalHeader()
        menu.popup(header.mapToGlobal(QPoint(header.sectionViewportPosition(section), header.height())))

    def current_layout(self) -> ColumnLayout:
        return ColumnLayout(self.header_row.value(), dict(self.choices))

    def choose(self, letter: str, column: str) -> None:
        """Say what one column holds (SKIP to leave it out), as its heading's menu does."""
        number = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(letter.upper())))
        if number in self.choices and self.choices[number] != column:
            self.choices[number] = column
            self._show_choices()
            self._say_found()

    @Slot(int)
    def _header_moved(self, row: int) -> None:
        """Another header row: laadesk matches its cells afresh."""
        assert self.table is not None
        proposed = proposed_layout(self.table)
        if proposed is not None and proposed.header_row == row:
            columns = dict(proposed.columns)
        else:
            cells = next((r for r in self.table.rows if r.number == row), None)
            columns = {n: match_header(cells.cell(n)) or SKIP for n in cells.filled} if cells is not None else {}
        self._fill_preview(row, columns)
        self._say_found()

    def _say_found(self) -> None:
        layout = self.current_layout()
        used = [n for n, column in layout.columns.items() if column != SKIP]
        left_out = [n for n, column in layout.columns.items() if column == SKIP and self._header_text(n)]
        sentence = f"Header row {layout.header_row}; {len(used)} column{'s' if len(used) != 1 else ''} read"
        if left_out:
            names = ", ".join(f"'{self._header_text(n)}'" for n in left_out)
            sentence += f"; left out: {names}"
        if "ni" not in layout.columns.values():
            sentence += ". Say which column holds the NI codes"
        self.found.setText(sentence + ".")
        self.next_button.setEnabled("ni" in layout.columns.values())

    def _header_text(self, number: int) -> str:
        row = next((r for r in self._rows if r.number == self._header), None)
        return _shown(row.cell(number)) if row is not None else ""

    # -- step 2: what will happen -------------------------------------------------------

    @Slot()
    def show_summary(self) -> None:
        assert self.table is not None
        self.layout_chosen = self.current_layout()
        self.shape = table_shape(self.table, self.layout_chosen.header_row)
        self.read = read_table(self.table, layout=self.layout_chosen)
        self.plan, problems = self._planner(self.read)
        if self.plan is None:
            count = len(problems)
            self.verdict.setText(
                f"Nothing can be imported: {count} problem{'s' if count != 1 else ''} in {self.table.name}, each "
                "named below by row and column. Put them right in the file (or go back and choose the columns "
                "again), then import it again."
            )
            lines = [f"Row {p.row}" + (f", {p.column}" if p.column else "") + f": {p.message}" for p in problems]
            self.import_button.setEnabled(False)
        else:
            self.verdict.setText(
                f"Importing {self.table.name} will make {self.plan.totals()}. Next you accept or reject each "
                "change; the workbook is backed up first, and Undo takes the whole import back in one step."
            )
            lines = [*self.plan.notes, *self.plan.report]
            self.import_button.setEnabled(not self.plan.edit.empty)
            if self.plan.edit.empty:
                lines.insert(0, "The workbook already holds every figure in this table: nothing to import.")
        self.summary.setPlainText("\n".join(lines))
        self.steps.setCurrentIndex(1)
        (self.import_button if self.import_button.isEnabled() else self.back_button).setFocus(
            Qt.FocusReason.OtherFocusReason
        )
