"""The Targets page: every chosen indicator's levels in one table (editing being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout

from laadesk.ui.pages.base import Page
from laadesk.ui.pages.targets_model import TargetsModel
from laadesk.ui.session import WorkbookSession


class TargetsPage(Page):
    title = "Targets"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self.view = QTableView()
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.refresh()

    def refresh(self) -> None:
        self.view.setModel(TargetsModel(self.session.snapshot()))
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (9, 10, 11):  # units, lead partner, deferral: long texts, in full on hover
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 150)
