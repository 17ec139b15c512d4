"""The pages of the main window, in the order the navigation lists them.

A page's module is imported, and the page built, the first time it is shown: opening a
workbook builds one page, not ten, so the window paints sooner.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from laadesk.ui.pages.base import Page


@dataclass(frozen=True)
class PageEntry:
    title: str
    module: str
    class_name: str

    def page_class(self) -> type[Page]:
        page_class: type[Page] = getattr(importlib.import_module(f"laadesk.ui.pages.{self.module}"), self.class_name)
        return page_class


PAGES: tuple[PageEntry, ...] = (
    PageEntry("Area", "area.page", "AreaPage"),
    PageEntry("Story of place", "story.page", "StoryPage"),
    PageEntry("Indicators", "indicators.page", "IndicatorsPage"),
    PageEntry("Targets", "targets.page", "TargetsPage"),
    PageEntry("Negotiation", "negotiation.page", "NegotiationPage"),
    PageEntry("Champion notes", "notes.page", "NotesPage"),
    PageEntry("Sign-off and timetable", "signoff.page", "SignOffPage"),
    PageEntry("Problems", "problems.page", "ProblemsPage"),
    PageEntry("History", "history.page", "HistoryPage"),
    PageEntry("Compare", "compare.page", "ComparePage"),
    PageEntry("Quality assurance", "qa.page", "QaPage"),
)

__all__ = ["PAGES", "Page", "PageEntry"]
