"""The records of a refresh round: the round itself and the reason given for each change.

The seed's review and refresh starts from the signed agreement: a round opens from the latest
agreed version, every change to the agreement since then needs a reason, and the round ends
when the agreement is frozen again. The reasons are printed beside the agreed and proposed
levels in the refresh pack, so they are the council's to read (not government's side).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class RefreshRound:
    """The refresh round under way (one per workbook; no label when none is)."""

    label: str = ""  # what the round is called: "2009 refresh"
    from_version: str = ""  # the agreed version it started from
    started: date | None = None
    base_form: str = ""  # that version's agreement in its canonical form (core/agreement.py)

    @property
    def key(self) -> str:
        return "refresh_round"

    @property
    def open(self) -> bool:
        return bool(self.label)

    def base(self) -> dict[str, Any] | None:
        """The agreed version's agreement the round started from; None when it cannot be read."""
        try:
            form = json.loads(self.base_form)
        except ValueError:
            return None
        return form if isinstance(form, dict) else None


@dataclass(frozen=True)
class ChangeReason:
    """Why a target's field changed from the agreed version ("new baseline from the 2008 survey")."""

    code: str
    field: str  # the field's name, as compare names it: "target_2010_11", "status", "sub_area:Allerdale:target_2010_11"
    reason: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.field)
