"""The Negotiation page (being built)."""

from __future__ import annotations

from laadesk.ui.pages.base import Page


class NegotiationPage(Page):
    title = "Negotiation"
