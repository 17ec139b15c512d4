"""The Area page (being built)."""

from __future__ import annotations

from laadesk.ui.pages.base import Page


class AreaPage(Page):
    title = "Area"
