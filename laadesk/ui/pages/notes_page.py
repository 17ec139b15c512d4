"""The Champion notes page (being built)."""

from __future__ import annotations

from laadesk.ui.pages.base import Page


class NotesPage(Page):
    title = "Champion notes"
