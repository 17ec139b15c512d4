"""The record of a GO reviewer's judgement on one item of the QA checklist (core/qa.py).

An item laadesk cannot check for itself - the Champion challenged the ambition, DCSF confirmed
the statutory targets - is met when a reviewer ticks it: who, when and a comment. Quality
assurance is government's side: ticks never reach the council.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QaTick:
    """One judgement item ticked as met, by whom and when (ISO 8601, UTC), with the reviewer's comment."""

    item: str  # the checklist item's id, e.g. "ambition-challenged"
    who: str
    when: str
    comment: str = ""

    @property
    def key(self) -> str:
        return self.item
