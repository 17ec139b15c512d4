"""The History page's filters: a person, an indicator, a day to start from."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from laadesk.core.history import HistoryFilter

EVERYONE = "Everyone"
EVERY_INDICATOR = "All indicators"


def refill(combo: QComboBox, first: str, items: list[str]) -> None:
    """Offer these items (after `first`, which means any), keeping the choice made if it is still there."""
    chosen = combo.currentData() or ""
    wanted = [first, *items]
    if [combo.itemText(i) for i in range(combo.count())] == wanted:
        return
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first, "")
    for item in items:
        combo.addItem(item, item)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
    combo.blockSignals(False)


class HistoryFilters(QWidget):
    """Says `changed` whenever the officer asks for other entries."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.person = QComboBox()
        self.person.setAccessibleName("Changes by")
        self.person.setToolTip("Only the changes this person made")
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.indicator = QComboBox()
        self.indicator.setAccessibleName("Changes about")
        self.indicator.setToolTip("Only the changes to this indicator's target, its figures and agreements")
        self.indicator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.since_on = QCheckBox("Since")
        self.since_on.setToolTip("Only the changes made on or after a day")
        self.since = QDateEdit()
        self.since.setAccessibleName("Changes since")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMM yyyy")
        start = date.today() - timedelta(days=7)
        self.since.setDate(QDate(start.year, start.month, start.day))
        self.since.setEnabled(False)
        refill(self.person, EVERYONE, [])
        refill(self.indicator, EVERY_INDICATOR, [])
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for text, control in (("By:", self.person), ("About:", self.indicator)):
            label = QLabel(text)
            label.setBuddy(control)
            row.addWidget(label)
            row.addWidget(control)
            row.addSpacing(8)
        row.addWidget(self.since_on)
        row.addWidget(self.since)
        self.person.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.indicator.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.since_on.toggled.connect(self._since_toggled)
        self.since.dateChanged.connect(self._since_moved)

    def _since_moved(self) -> None:
        if self.since_on.isChecked():
            self.changed.emit()

    def _since_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.changed.emit()

    def controls(self) -> list[QWidget]:
        """All of them only choose what is shown (the date's own text field too)."""
        typed = self.since.findChild(QLineEdit)
        return [self.person, self.indicator, self.since_on, self.since, *([typed] if typed is not None else [])]

    def offer(self, people: list[str], indicators: list[str]) -> None:
        refill(self.person, EVERYONE, people)
        refill(self.indicator, EVERY_INDICATOR, indicators)

    def wanted(self) -> HistoryFilter:
        since = self.since.date().toPython() if self.since_on.isChecked() else None
        assert since is None or isinstance(since, date)
        return HistoryFilter(since=since, ni=self.indicator.currentData() or "", who=self.person.currentData() or "")
