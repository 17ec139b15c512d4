"""The Government Office recommendation and the Secretary of State's sign-off, written as each field is left."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from laadesk.core.dates import format_date, parse_date
from laadesk.core.edits import set_fields
from laadesk.core.labels import sentence
from laadesk.core.model import SignOff
from laadesk.ui.session import WorkbookSession

DATE_PLACEHOLDER = "not yet (type 30/06/2008)"


def _line(name: str, placeholder: str) -> QLineEdit:
    line = QLineEdit()
    line.setAccessibleName(name)
    line.setPlaceholderText(placeholder)
    return line


class SignOffForm(QGroupBox):
    """The one SignOff record of the workbook; every field is one undo step."""

    refused = Signal(str)  # a sentence: input that was not written

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__("Recommendation and sign-off")
        self.session = session
        self.go_date = _line("GO recommendation date", DATE_PLACEHOLDER)
        self.go_by = _line("GO recommendation made by", "e.g. Regional Director, GOEM")
        self.secretary_date = _line("Secretary of State sign-off date", DATE_PLACEHOLDER)
        self.version = _line("Version signed off", "e.g. 3")
        grid = QGridLayout(self)
        for row, column, text, widget in (
            (0, 0, "&GO recommendation on", self.go_date),
            (1, 0, "Recommended &by", self.go_by),
            (2, 0, "Secretary of &State signed off on", self.secretary_date),
            (3, 0, "Version si&gned off", self.version),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row, column + 1)
        grid.setColumnStretch(1, 1)
        order: list[QWidget] = [self.go_date, self.go_by, self.secretary_date, self.version]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.go_date.editingFinished.connect(
            lambda: self._date_finished(self.go_date, "go_recommendation_date", "GO recommendation date")
        )
        self.secretary_date.editingFinished.connect(
            lambda: self._date_finished(
                self.secretary_date, "secretary_of_state_date", "Secretary of State sign-off date"
            )
        )
        self.go_by.editingFinished.connect(
            lambda: self._write("change who made the GO recommendation", go_recommended_by=self.go_by.text().strip())
        )
        self.version.editingFinished.connect(
            lambda: self._write("change the version signed off", version=self.version.text().strip())
        )

    def show_sign_off(self, sign_off: SignOff) -> None:
        """Show the record; a field already showing its value keeps its cursor."""
        for line, value in (
            (self.go_date, format_date(sign_off.go_recommendation_date)),
            (self.go_by, sign_off.go_recommended_by),
            (self.secretary_date, format_date(sign_off.secretary_of_state_date)),
            (self.version, sign_off.version),
        ):
            if line.text() != value:
                line.setText(value)
                line.setCursorPosition(0)

    def _write(self, label: str, **values: object) -> None:
        self.session.apply(set_fields(self.session.snapshot().sign_off, label, **values))

    def _date_finished(self, line: QLineEdit, field: str, what: str) -> None:
        try:
            when = parse_date(line.text())
        except ValueError as refusal:
            self.refused.emit(sentence(f"{refusal}; the {what} was not changed"))
            return
        shown = format_date(when)
        if line.text() != shown:
            line.setText(shown)
        self._write(f"set the {what} to {shown}" if when else f"clear the {what}", **{field: when})
