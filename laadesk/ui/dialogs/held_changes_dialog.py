"""Sign-off > Held Changes...: each conflict a merge held (store/merge.py) - what, this workbook's
value, the other copy's, from which copy - with Keep mine and Take theirs. Each choice is written
at once, as its own decision, and is not on the Edit menu's Undo list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from laadesk.core.history import shown
from laadesk.store.merge import HeldChange
from laadesk.ui.tables.change_list import change_list, read_only_cell

WHAT, MINE, THEIRS, SOURCE, CHOICE = range(5)
HEADINGS = ("What", "This workbook", "The other copy", "From", "Choose")
NONE_HELD = "No changes are held: every merge so far has been settled."
NOT_UNDONE = (
    "Each choice is written at once and is not on the Edit menu's Undo list; the history records it. "
    "Keep mine lets the other copy's value go; Take theirs writes it over this workbook's."
)

Decide = Callable[[HeldChange, bool], str | None]  # (held, take theirs?) -> why it failed, or None


def subject(held: HeldChange) -> str:
    """What the conflict is about: "NI 8 2010/11 target"."""
    return held.conflict.sentence.split(": ", 1)[0]


def value(held: HeldChange, theirs: bool) -> str:
    conflict = held.conflict
    found = conflict.theirs if theirs else conflict.ours
    if not conflict.field:
        return "removed" if found is None else "changed (the whole record)"
    return shown(found)


class HeldChangesDialog(QDialog):
    """The held conflicts; `decide` writes one choice and says why when it could not."""

    def __init__(self, held: tuple[HeldChange, ...], decide: Decide, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Held changes")
        self.held = list(held)
        self._decide = decide
        self.intro = QLabel(NOT_UNDONE)
        self.intro.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setAccessibleName("What was done")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.empty = QLabel(NONE_HELD)
        self.table = change_list(HEADINGS, "Held changes", stretch=WHAT)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self._fill()
        self.resize(900, 380)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.held))
        for row, held in enumerate(self.held):
            sentence = held.conflict.sentence
            self.table.setItem(row, WHAT, read_only_cell(subject(held), sentence))
            self.table.setItem(row, MINE, read_only_cell(value(held, False), sentence))
            self.table.setItem(row, THEIRS, read_only_cell(value(held, True), sentence))
            self.table.setItem(row, SOURCE, read_only_cell(held.source, f"Held when {held.source} was merged"))
            choice = QWidget()
            line = QHBoxLayout(choice)
            line.setContentsMargins(2, 0, 2, 0)
            for text, theirs in (("Keep mine", False), ("Take theirs", True)):
                push = QPushButton(text)
                push.setAccessibleName(f"{text}: {subject(held)}")
                push.setToolTip(
                    f"Write {value(held, True)} from {held.source} over this workbook's value"
                    if theirs
                    else f"Keep {value(held, False)} and let {held.source}'s value go"
                )
                push.clicked.connect(lambda _=False, h=held, t=theirs: self.decide(h, t))
                line.addWidget(push)
            self.table.setCellWidget(row, CHOICE, choice)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(self.held))
        self.empty.setVisible(not self.held)

    def buttons_for(self, row: int) -> tuple[QPushButton, QPushButton]:
        """Keep mine, Take theirs on a row (tests click them)."""
        keep, take = self.table.cellWidget(row, CHOICE).findChildren(QPushButton)
        return keep, take

    def decide(self, held: HeldChange, theirs: bool) -> None:
        refused = self._decide(held, theirs)
        if refused is not None:
            self.notice.setText(refused)
        else:
            self.held = [h for h in self.held if h.id != held.id]
            done = f"Took {held.source}'s value" if theirs else "Kept this workbook's value"
            self.notice.setText(f"{done}: {held.conflict.sentence}.")
            self._fill()
        self.notice.show()
