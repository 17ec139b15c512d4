"""Why a target could not be set yet: the reasons laadesk knows (data, from resources/), and reading
what a person or a table wrote as one of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from laadesk.core.model import OTHER_REASON as OTHER
from laadesk.core.model import PLACE_SURVEY_PENDING as PLACE_SURVEY

__all__ = ["OTHER", "PLACE_SURVEY", "DeferralReason", "DeferralReasons", "reasons_from_rows", "written"]


@dataclass(frozen=True)
class DeferralReason:
    wording: str  # as stored, shown and printed ("Place Survey pending")
    matches: tuple[str, ...] = ()  # short forms a table may use ("place survey"), lower case
    about: str = ""
    needs_note: bool = False  # "other": the officer says why in a sentence


@dataclass(frozen=True)
class DeferralReasons:
    """The reasons one edition of laadesk offers, in the order it lists them."""

    reasons: tuple[DeferralReason, ...]

    def wordings(self) -> tuple[str, ...]:
        return tuple(r.wording for r in self.reasons)

    def read(self, text: str) -> tuple[str, str]:
        """(reason, note) from what was written: a reason's wording or short form, or "other: a sentence".

        Blank is ("", ""). Raises ValueError with a sentence for anything else.
        """
        written = " ".join(text.split())
        wanted = written.casefold()
        if not wanted:
            return "", ""
        for reason in self.reasons:
            if reason.needs_note:
                head, colon, note = text.strip().partition(":")  # the sentence kept as typed, lines and all
                if " ".join(head.split()).casefold() == reason.wording.casefold() and (colon or not note):
                    return reason.wording, note.strip()
            elif wanted == reason.wording.casefold():
                return reason.wording, ""
        for reason in self.reasons:
            if not reason.needs_note and any(word in wanted for word in reason.matches):
                return reason.wording, ""
        raise ValueError(
            f"'{written}' is not a deferral reason; use one of: {'; '.join(self.wordings())} "
            f"(for another reason, write '{OTHER}: ' and the reason)"
        )


def written(reason: str, note: str) -> str:
    """A reason as a table or a pack writes it: "Place Survey pending", "other: awaiting the definition"."""
    return f"{reason}: {note}" if note else reason


def reasons_from_rows(rows: Iterable[dict[str, str]]) -> DeferralReasons:
    """The reasons from the rows of resources/deferral_reasons.csv."""
    return DeferralReasons(
        tuple(
            DeferralReason(
                row["reason"].strip(),
                tuple(m.strip().casefold() for m in row.get("matches", "").split(";") if m.strip()),
                row.get("about", "").strip(),
                row.get("needs_note", "").strip().lower() == "yes",
            )
            for row in rows
            if row.get("reason", "").strip()
        )
    )
