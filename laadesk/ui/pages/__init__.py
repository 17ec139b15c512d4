"""The pages of the main window, in the order the navigation lists them."""

from __future__ import annotations

from laadesk.ui.pages.area_page import AreaPage
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.indicators_page import IndicatorsPage
from laadesk.ui.pages.negotiation_page import NegotiationPage
from laadesk.ui.pages.notes_page import NotesPage
from laadesk.ui.pages.problems_page import ProblemsPage
from laadesk.ui.pages.signoff_page import SignOffPage
from laadesk.ui.pages.story_page import StoryPage
from laadesk.ui.pages.targets_page import TargetsPage

PAGES: tuple[type[Page], ...] = (
    AreaPage,
    StoryPage,
    IndicatorsPage,
    TargetsPage,
    NegotiationPage,
    NotesPage,
    SignOffPage,
    ProblemsPage,
)
