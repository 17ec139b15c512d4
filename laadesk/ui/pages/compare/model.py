"""The differences between two agreements as a table: indicator, what, from, to, ambition; each
row's sentence (as `laadesk compare` prints it) is its tooltip."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from laadesk.core.compare import ADDED, REMOVED, Difference, catalogue_polarity
from laadesk.core.labels import field_words
from laadesk.core.numbers import format_figure
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.model import RecordTableModel

LONGEST = 80  # a longer value (a story section's text) is said to have changed; the tooltip has the sentence

# A difference's field prefix -> the words for what it is about.
_PARTS = {"area": "Area:", "sign_off": "Sign-off:"}
_NAMED = {
    "sub_area": "{name} (sub-area)",
    "agreement": "{name}'s agreement",
    "story": "Story of place section",
    "adoption": "Adoption",
}


def polarity_lookup(snapshot: WorkbookSnapshot) -> Callable[[str], str | None]:
    """Whether more is better for a code, as the workbook's indicator set says."""
    return catalogue_polarity(snapshot.catalogue)


def what(difference: Difference) -> str:
    """What differs, in the negotiators' words: "2010/11 target", "Marlhaven (sub-area) baseline"."""
    head, _, rest = difference.field.partition(":")
    if head in _NAMED and rest:
        whole = difference.kind in (ADDED, REMOVED)
        name, field = (rest, "") if whole else rest.rsplit(":", 1)
        subject = _NAMED[head].format(name=name)
    elif head in _PARTS and rest:
        subject, field = _PARTS[head], rest
    elif difference.field == "target":
        subject, field = "Target", ""
    else:
        subject, field = "", difference.field
    words = " ".join(part for part in (subject, field_words(field) if field else "") if part)
    if not field:
        words = f"{words} {difference.kind}"
    return words[:1].upper() + words[1:]


def value(shown: Any) -> str:
    """A value in a cell: a figure as a printed table shows it, nothing for no value or a whole record."""
    if shown is None or shown == "" or shown == [] or isinstance(shown, dict):
        return ""
    if isinstance(shown, bool):
        return "yes" if shown else "no"
    if isinstance(shown, int | float):
        try:
            return format_figure(shown)
        except (ValueError, OverflowError):
            return str(shown)
    if isinstance(shown, list):
        return ", ".join(value(v) for v in shown)
    text = " ".join(str(shown).split())
    return text if len(text) <= LONGEST else text[: LONGEST - 3] + "..."


def _sentence(d: Difference, _: Any) -> str:
    return d.sentence


COLUMNS = (
    Column("ni", "Indicator", lambda d, _: d.ni, tooltip=_sentence, width=9),
    Column("what", "What", lambda d, _: what(d), tooltip=_sentence, width=28),
    Column("from", "From", lambda d, _: value(d.before), tooltip=_sentence, width=30),
    Column("to", "To", lambda d, _: value(d.after), tooltip=_sentence, width=30),
    Column(
        "ambition",
        "Ambition",
        lambda d, _: d.ambition,
        tooltip=_sentence,
        width=16,
        tip="For a yearly level: whether the target now asks more or less of the area",
    ),
)


class DifferencesModel(RecordTableModel):
    """compare()'s differences, in reading order: the area, each target in code order, the story,
    the adoptions, the sign-off."""

    def __init__(self) -> None:
        super().__init__(COLUMNS, None, key=lambda d: (d.ni, d.field))

    def difference(self, row: int) -> Difference:
        found: Difference = self.record(row)
        return found
