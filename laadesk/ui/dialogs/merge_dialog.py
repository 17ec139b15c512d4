"""File > Merge a Copy...: what merging a colleague's copy will take, and the conflicts it will hold
for the officer to choose (store/merge.py). Nothing is written by this dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from laadesk.store.merge import Merged

CONFLICT_WORDS = "this workbook keeps its value; the other is held for you to choose"


class MergeDialog(QDialog):
    def __init__(self, merged: Merged, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.merged = merged
        name = merged.other.name
        self.setWindowTitle(f"Merge {name}")
        plan = merged.plan
        lines = plan.lines()
        self.sentence = QLabel(
            f"Merging {name} into this workbook: {merged.sentence}. The workbook is backed up first, and "
            "Undo takes the merge back in one step."
        )
        self.sentence.setWordWrap(True)
        self.taken = QListWidget()
        self.taken.setAccessibleName("Changes taken from the copy")
        self.taken.addItems(lines or ["Nothing to take: this workbook already has every change in the copy."])
        self.conflicts = QListWidget()
        self.conflicts.setAccessibleName("Conflicts held for you to choose")
        self.conflicts.addItems([f"{c.sentence} - {CONFLICT_WORDS}" for c in plan.conflicts])
        for item in (self.conflicts.item(n) for n in range(self.conflicts.count())):
            item.setToolTip(item.text())
        for item in (self.taken.item(n) for n in range(self.taken.count())):
            item.setToolTip(item.text())
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence)
        taken_label = QLabel(f"<b>Taken from {name}</b> ({len(lines)}):")
        taken_label.setBuddy(self.taken)
        layout.addWidget(taken_label)
        layout.addWidget(self.taken, 2)
        count = len(plan.conflicts)
        conflicts_label = QLabel(
            f"<b>Conflicts</b> ({count}) - both copies changed these differently since they parted; "
            "after the merge, Sign-off &gt; Held Changes... lets you keep this workbook's value or take theirs:"
            if count
            else "<b>No conflicts</b>: nothing both copies changed differently."
        )
        conflicts_label.setWordWrap(True)
        conflicts_label.setBuddy(self.conflicts)
        layout.addWidget(conflicts_label)
        layout.addWidget(self.conflicts, 1)
        self.conflicts.setVisible(bool(count))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText("&Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 480)

    @classmethod
    def ask(cls, parent: QWidget, merged: Merged) -> bool:
        """True to merge (tests drive exec())."""
        dialog = cls(merged, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
