"""Asking for a new workbook's area (type-ahead over the 150 LAA areas, or a new name) and file."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from laadesk.store.reference import find_area, reference_areas
from laadesk.store.workbook import WORKBOOK_SUFFIX
from laadesk.ui import settings
from laadesk.ui.dialogs.workbook_files import ask_new_workbook_file


class NewWorkbookDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New workbook")
        self.area = QComboBox()
        self.area.setEditable(True)
        self.area.addItems([a.area for a in reference_areas()])
        self.area.setCurrentIndex(-1)
        self.area.setAccessibleName("Area")
        completer = QCompleter([a.area for a in reference_areas()], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.area.setCompleter(completer)
        self.about = QLabel("Type an area's name: one of the 150 areas of 2008, or a new one.")
        self.about.setWordWrap(True)
        self.area.currentTextChanged.connect(self._describe)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        form = QFormLayout(self)
        form.addRow("&Area:", self.area)
        form.addRow(self.about)
        form.addRow(buttons)

    def _describe(self, text: str) -> None:
        self.ok.setEnabled(bool(text.strip()))
        area = find_area(text)
        if area is None:
            self.about.setText("A new area: its profile starts blank." if text.strip() else "")
        else:
            districts = f", {len(area.districts)} districts" if area.districts else ""
            self.about.setText(f"{area.council} - {area.type}, {area.go_region} ({area.go}){districts}")

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, Path] | None:
        """The area name and where to save, or None if the person cancelled."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        name = dialog.area.currentText().strip()
        suggested = settings.last_folder() / (re.sub(r"[^\w\- ]", "", name).strip() + WORKBOOK_SUFFIX)
        path = ask_new_workbook_file(parent, "Save the new workbook as", suggested, may_replace=True)
        return None if path is None else (name, path)
