"""The Area page: the profile, the districts of a two-tier area, and the partners who lead targets."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

from laadesk.core.rules import Problem
from laadesk.ui.pages.area.lists import DistrictsPanel, PartnersPanel
from laadesk.ui.pages.area.profile import ProfileForm
from laadesk.ui.pages.base import Page
from laadesk.ui.session import WorkbookSession


class AreaPage(Page):
    title = "Area"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self.profile = ProfileForm(session)
        self.districts = DistrictsPanel(session)
        self.partners = PartnersPanel(session)
        for part in (self.profile, self.districts, self.partners):
            part.told.connect(self.tell)
        layout = QGridLayout(self)
        layout.addWidget(self.profile, 0, 0)
        layout.addWidget(self.districts, 0, 1)
        layout.addWidget(self.partners, 1, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(1, 1)
        self.setTabOrder(self.profile.as_at, self.districts.view)
        self.setTabOrder(self.districts.remove_button, self.partners.view)
        self.refresh()

    def refresh(self) -> None:
        self.profile.refresh()
        self.districts.refresh()
        self.partners.refresh()

    def show_problem(self, problem: Problem) -> bool:
        """Problems about the area itself, a district or a partner (not a target's field) live here."""
        if problem.code is not None:
            return False
        if problem.field in self.profile.fields:
            self.profile.fields[problem.field].setFocus()
            return True
        return False
