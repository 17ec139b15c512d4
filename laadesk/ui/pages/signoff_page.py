"""The Sign-off and timetable page (being built)."""

from __future__ import annotations

from laadesk.ui.pages.base import Page


class SignOffPage(Page):
    title = "Sign-off and timetable"
