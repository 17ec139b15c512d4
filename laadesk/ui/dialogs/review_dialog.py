"""Reviewing a council's returned table before any of it lands: one row per change the file would
make (core/review.py), each accepted or rejected, all at once or a kind at a time; a level for a
year already agreed lands as the area's proposal unless the officer ticks "write over the agreed
level". Nothing is written by this dialog: the caller lands what was accepted as one undo step."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.model import YEAR_FIELDS
from laadesk.core.review import LEVEL, NOTE, PROPOSAL, RECORD, Proposal, Review
from laadesk.ui.tables.change_list import change_list, read_only_cell

ACCEPT, INDICATOR, CHANGE, LANDS, OVERWRITE = range(5)
HEADINGS = ("Accept", "Indicator", "Change", "Lands as", "Write over the agreed level")

# A kind of proposal, as the "all of one kind" buttons name it (plural), in this order.
KIND_WORDS = {LEVEL: "levels", PROPOSAL: "area's proposals", NOTE: "champion notes", RECORD: "new targets"}


def figure(value: float | None) -> str:
    if value is None:
        return "none"
    return str(int(value)) if float(value).is_integer() else str(value)


def lands_words(proposal: Proposal) -> str:
    """How an accepted proposal lands, in a few words."""
    if proposal.lands == PROPOSAL:
        return f"area's proposal (agreed level {figure(proposal.agreed_level)} stays)"
    if proposal.lands == NOTE and proposal.field != "comment" and proposal.agreed_level is not None:
        return f"champion note (agreed level {figure(proposal.agreed_level)} stays)"
    if proposal.lands == NOTE:
        return "champion note (shareable)"
    if proposal.lands == RECORD:
        return "new sub-area figure" if proposal.field.startswith("sub_area:") else "new target"
    if proposal.field.startswith("sub_area:"):
        return "sub-area figure"
    return "level" if proposal.field in (*YEAR_FIELDS, "baseline") else "written to the target"


def may_overwrite(proposal: Proposal) -> bool:
    """A proposal kept off an agreed level (as the area's proposal, or as words in a note) can be
    written over it instead, if the officer says so."""
    return proposal.agreed_level is not None and proposal.lands in (PROPOSAL, NOTE) and proposal.field != "comment"


def _check(checked: bool, tip: str) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    item.setToolTip(tip)
    return item


class ReviewDialog(QDialog):
    """Each proposal with its checkbox; `accepted_numbers()` and `overwrite_numbers()` hold the officer's choice."""

    def __init__(self, review: Review, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.proposals = review.proposals
        self.setWindowTitle(f"Review the changes in {review.source}")
        count = len(self.proposals)
        self.intro = QLabel(
            f"{review.source} would make {count} change{'s' if count != 1 else ''} to this workbook. Tick the "
            "ones to take; nothing is written until you press Import. A level for a year already agreed lands "
            "as the area's proposal (the agreed level stays) unless you tick \u201cwrite over the agreed "
            "level\u201d; a comment becomes a shareable champion note."
        )
        self.intro.setWordWrap(True)
        self.table = change_list(HEADINGS, "Changes in the returned table", stretch=CHANGE, rows=count)
        self.table.setWordWrap(False)  # one line a change; its tooltip says how it lands in full
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setAlternatingRowColors(True)
        for row, proposal in enumerate(self.proposals):
            self.table.setItem(row, ACCEPT, _check(True, "Take this change"))
            self.table.setItem(row, INDICATOR, read_only_cell(proposal.ni))
            self.table.setItem(row, CHANGE, read_only_cell(proposal.sentence, proposal.said))
            self.table.setItem(row, LANDS, read_only_cell(lands_words(proposal), proposal.said))
            if may_overwrite(proposal):
                self.table.setItem(
                    row,
                    OVERWRITE,
                    _check(False, f"Write the file's value over the agreed level {figure(proposal.agreed_level)}"),
                )
            else:
                self.table.setItem(row, OVERWRITE, read_only_cell("", " "))
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.table.itemChanged.connect(lambda _item: self._say_chosen())

        self.accept_all = QPushButton("&Accept all")
        self.accept_all.clicked.connect(lambda: self.set_all(True))
        self.reject_all = QPushButton("&Reject all")
        self.reject_all.clicked.connect(lambda: self.set_all(False))
        kinds = [kind for kind in KIND_WORDS if any(p.lands == kind for p in self.proposals)]
        self.accept_kind = QPushButton("Accept all of a &kind")
        self.reject_kind = QPushButton("Reject all of a ki&nd")
        for push, take in ((self.accept_kind, True), (self.reject_kind, False)):
            menu = QMenu(push)
            for kind in kinds:
                number = sum(1 for p in self.proposals if p.lands == kind)
                verb = "Accept" if take else "Reject"
                action = menu.addAction(f"{verb} all {KIND_WORDS[kind]} ({number})")
                action.triggered.connect(lambda _=False, k=kind, t=take: self.set_kind(k, t))
            push.setMenu(menu)
            push.setEnabled(bool(kinds))
        choices = QHBoxLayout()
        for push in (self.accept_all, self.reject_all, self.accept_kind, self.reject_kind):
            choices.addWidget(push)
        choices.addStretch(1)
        self.chosen = QLabel()
        self.chosen.setAccessibleName("What will be imported")
        self.chosen.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(choices)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chosen)
        layout.addWidget(buttons)
        self.resize(980, 560)
        self._say_chosen()

    # -- the officer's choice ---------------------------------------------------------------

    def _box(self, row: int, column: int) -> QTableWidgetItem | None:
        item = self.table.item(row, column)
        return item if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable else None

    def set_accepted(self, numbers: Iterable[int], accepted: bool = True) -> None:
        wanted = set(numbers)
        self._set(lambda p: p.number in wanted, accepted)

    def set_all(self, accepted: bool) -> None:
        self._set(lambda _p: True, accepted)

    def set_kind(self, lands: str, accepted: bool) -> None:
        """Accept (or reject) every proposal that lands this way: all levels, all notes..."""
        self._set(lambda p: p.lands == lands, accepted)

    def set_overwrite(self, number: int, overwrite: bool = True) -> None:
        row = next(r for r, p in enumerate(self.proposals) if p.number == number)
        box = self._box(row, OVERWRITE)
        assert box is not None, f"change {number} does not touch an agreed level"
        box.setCheckState(Qt.CheckState.Checked if overwrite else Qt.CheckState.Unchecked)

    def _set(self, which: Callable[[Proposal], bool], accepted: bool) -> None:
        self.table.blockSignals(True)
        for row, proposal in enumerate(self.proposals):
            box = self._box(row, ACCEPT)
            if box is not None and which(proposal):
                box.setCheckState(Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked)
        self.table.blockSignals(False)
        self._say_chosen()

    def _ticked(self, column: int) -> list[int]:
        found = []
        for row, proposal in enumerate(self.proposals):
            box = self._box(row, column)
            if box is not None and box.checkState() == Qt.CheckState.Checked:
                found.append(proposal.number)
        return found

    def accepted_numbers(self) -> list[int]:
        return self._ticked(ACCEPT)

    def overwrite_numbers(self) -> list[int]:
        """The accepted proposals to write over the agreed level."""
        taken = set(self.accepted_numbers())
        return [n for n in self._ticked(OVERWRITE) if n in taken]

    def _say_chosen(self) -> None:
        taken, total = len(self.accepted_numbers()), len(self.proposals)
        over = len(self.overwrite_numbers())
        text = f"{taken} of {total} change{'s' if total != 1 else ''} will be imported"
        if over:
            text += f"; {over} will write over an agreed level"
        text += (
            ". The workbook is backed up first, and Undo takes the import back in one step."
            if taken
            else ". Tick a change to import it."
        )
        self.chosen.setText(text)
        self.import_button.setEnabled(bool(taken))
        self.import_button.setText(f"&Import {taken} of {total}" if taken else "&Import")

    @classmethod
    def ask(cls, parent: QWidget, review: Review) -> tuple[list[int], list[int]] | None:
        """The numbers accepted and those to write over the agreed level; None if cancelled (tests
        drive exec())."""
        dialog = cls(review, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.accepted_numbers(), dialog.overwrite_numbers()
        finally:
            dialog.deleteLater()
