"""The main window: the area, its targets, and the live rules summary in the status bar."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from laadesk.core.cross_checks import check_workbook
from laadesk.core.rules import summary
from laadesk.store.workbook import Workbook
from laadesk.ui.targets_model import TargetsModel


class MainWindow(QMainWindow):
    def __init__(self, workbook: Workbook) -> None:
        super().__init__()
        self.workbook = workbook
        snapshot = workbook.snapshot()
        area = snapshot.area
        self.setWindowTitle(f"{area.name} - {workbook.path.name} - laadesk")
        heading = QLabel(f"<h2>{escape(area.name)}</h2><p>{escape(area.lsp_name or area.go_region)}</p>")
        self.targets_view = QTableView()
        self.targets_view.setModel(TargetsModel(snapshot))
        self.targets_view.setWordWrap(False)
        header = self.targets_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (9, 10, 11):  # units, lead partner, deferral: long texts, in full on hover
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 150)
        self.targets_view.verticalHeader().hide()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading)
        layout.addWidget(self.targets_view)
        self.setCentralWidget(body)
        problems = check_workbook(snapshot)
        self.summary = QLabel(summary(snapshot.targets, snapshot.catalogue, problems))
        self.statusBar().addPermanentWidget(self.summary)
        self.statusBar().showMessage("Every change is saved as you make it.")
        self.resize(1200, 720)
