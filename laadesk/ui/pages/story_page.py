"""The Story of place page (being built)."""

from __future__ import annotations

from laadesk.ui.pages.base import Page


class StoryPage(Page):
    title = "Story of place"
