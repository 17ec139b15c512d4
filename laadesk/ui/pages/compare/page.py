"""The Compare page: what changed between two agreed versions, or between one and the agreement
now - each difference as a row (a level says whether it asks more or less of the area), filtered
by indicator, kind and ambition; and the versions there are, with their hashes. While a refresh
round is open it shows the round instead: each change since the round's version with its reason
(compare/round.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from laadesk.core.agreement import agreement_form
from laadesk.core.compare import LESS, MORE, Difference, compare
from laadesk.core.edits import Edit
from laadesk.core.errors import WorkbookProblem
from laadesk.store.versions import AgreedVersion, versions
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.compare.choices import NOW, CompareChoices, versions_line
from laadesk.ui.pages.compare.model import DifferencesModel, polarity_lookup
from laadesk.ui.pages.compare.round import RoundPanel
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.views import RecordsProxy, record_view

NO_VERSION = (
    "No agreed version yet. When the agreement is signed (or at a refresh), use Sign-off > Freeze as "
    "Agreed... to keep it as it stands under a label; this page then lists every change made since."
)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


class ComparePage(Page):
    title = "Compare"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self._versions: tuple[AgreedVersion, ...] = ()
        self._stale = False
        self.choices = CompareChoices()
        self.versions = QLabel()
        self.versions.setAccessibleName("Agreed versions")
        self.versions.setWordWrap(True)
        self.versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setAccessibleName("What changed")
        self.model = DifferencesModel()
        self.proxy = RecordsProxy(self.model, self)
        self.view = record_view("Differences", self.proxy, editable=False, rows=True, stretch=1, fit=False)
        self.view.setAlternatingRowColors(True)
        self.empty = QLabel(NO_VERSION)
        self.empty.setAccessibleName("No agreed version")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.round = RoundPanel(session)  # while a refresh round is open, in place of the choices
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices)
        layout.addWidget(self.versions)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.round, 1)
        self.choices.agreements_changed.connect(self.compare)
        self.choices.filter_changed.connect(self.apply_filter)
        session.frozen.connect(lambda _version: self.on_edited(None))
        self.refresh()

    def on_edited(self, edit: Edit | None) -> None:
        """Compare again now if the page is showing, else when it next shows."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        try:
            self._versions = versions(self.session.workbook)
        except WorkbookProblem as problem:
            self._versions = ()
            self.empty.setText(str(problem))
        else:
            self.empty.setText(NO_VERSION)
        self.choices.offer_versions(self._versions)
        self.versions.setText(versions_line(self._versions))
        self.versions.setVisible(bool(self._versions))
        snapshot = self.session.snapshot()
        in_round = snapshot.refresh_round.open
        for widget in (self.choices, self.stack):
            widget.setVisible(not in_round)
        self.round.setVisible(in_round)
        if in_round:
            self.summary.hide()
            self.round.show_round(snapshot)
            return
        self.compare()

    def _named(self, label: str) -> AgreedVersion | None:
        return next((v for v in self._versions if v.label == label), None)

    def compare(self) -> None:
        start = self._named(self.choices.start.currentData() or "")
        has_version = start is not None
        self.stack.setCurrentWidget(self.view if has_version else self.empty)
        self.choices.setEnabled(has_version)
        if start is None:
            self.model.show([])
            self.summary.hide()
            return
        snapshot = self.session.snapshot()
        end = self._named(self.choices.end.currentData() or NOW)
        after = end.form if end is not None else agreement_form(snapshot)
        self.model.show(list(compare(start.form, after, polarity_lookup(snapshot))))
        self.choices.offer_indicators(self.model.records())
        self.apply_filter()

    def apply_filter(self) -> None:
        self.proxy.set_filter(self.choices.accepts())
        self._say_what_changed()

    def _say_what_changed(self) -> None:
        found: tuple[Difference, ...] = self.model.records()
        start = f"\u201c{self.choices.start.currentText()}\u201d"
        end = "now" if self.choices.end.currentData() == NOW else f"\u201c{self.choices.end.currentText()}\u201d"
        if not found:
            text = f"No differences from {start} to {end}."
        else:
            more = sum(1 for d in found if d.ambition == MORE)
            less = sum(1 for d in found if d.ambition == LESS)
            text = f"From {start} to {end}: {_count(len(found), 'difference')}"
            if more or less:
                text += f" ({more} more ambitious, {less} less ambitious)"
            shown = self.proxy.rowCount()
            text += f"; showing {shown}." if shown != len(found) else "."
        self.summary.setText(text)
        self.summary.show()

    def current_code(self) -> str | None:
        if self.round.isVisible():
            index = self.round.view.currentIndex()
            return self.round.model.line(index.row()).ni or None if index.isValid() else None
        index = self.view.currentIndex()
        return self.proxy.record_at(index.row()).ni or None if index.isValid() else None

    def reading_controls(self) -> list[QWidget]:
        return self.choices.controls()
