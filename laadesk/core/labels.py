"""The negotiators' words for laadesk's fields, and the few ways a sentence names things.

Every page, message, undo step, import report, workshop summary and pack takes a field's name
from here, so one thing is never called "deferral reason" in one place and "Deferred because"
in another. `words` is the field in the middle of a sentence; `heading` heads a column (a
`short` heading where a printed table is narrow).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from laadesk.core.catalogue import Catalogue
from laadesk.core.model import AS_WRITTEN, YEAR_FIELDS, YEARS, PositionField, Target


@dataclass(frozen=True)
class Label:
    words: str
    heading: str
    short: str = ""

    @property
    def narrow(self) -> str:
        """The heading of a narrow printed column."""
        return self.short or self.heading


TARGET_LABELS: dict[str, Label] = {
    "code": Label("indicator", "NI"),
    "title": Label("indicator title", "Indicator"),
    "role": Label("kind", "Kind"),
    "status": Label("status", "Status"),
    "rationale": Label("rationale", "Rationale"),
    "baseline": Label("baseline", "Baseline"),
    "baseline_period": Label("baseline period", "Baseline period", "Period"),
    "baseline_source": Label("baseline source", "Baseline source"),
    **{f: Label(f"{year} target", year) for f, year in zip(YEAR_FIELDS, YEARS)},
    "units": Label("units", "Units"),
    "polarity": Label("polarity", "Better when"),
    "lead_partner": Label("lead partner", "Lead partner"),
    "partners": Label("partners signed up", "Partners signed up", "Partners"),
    "districts": Label("spatial level", "Spatial level"),
    "deferral_reason": Label("deferral reason", "Reason deferred", "Reason"),
    "deferral_note": Label("other reason", "Other reason"),
    "revisit_date": Label("revisit date", "Revisit by"),
    "reward": Label("reward grant", "Reward grant"),
    "comment": Label("comment", "Comment"),
}
TARGET_LABELS.update(
    {
        written: Label(f"{TARGET_LABELS[level].words} as written", f"{TARGET_LABELS[level].heading} as written")
        for level, written in AS_WRITTEN.items()
    }
)

POSITION_LABELS: dict[PositionField, Label] = {
    PositionField.AREA_PROPOSAL: Label("area's proposal", "Area's proposal"),
    PositionField.GOVERNMENT_POSITION: Label("government's position", "Government's position"),
    PositionField.AGREED_LEVEL: Label("agreed level", "Agreed level"),
    PositionField.FLOOR: Label("floor", "Floor (internal)"),
}
INTERNAL_MARK = " (internal)"
WHOLE_AGREEMENT = "whole agreement"


def field_words(field: str | None) -> str:
    """ "target_2009_10" -> "2009/10 target": where something lies, in a negotiator's words."""
    if field is None:
        return WHOLE_AGREEMENT
    label = TARGET_LABELS.get(field)
    return label.words if label else field.replace("_", " ")


def fields_words(fields: Sequence[str]) -> str:
    """Several fields in one phrase: "baseline and 2008/09 target"."""
    return " and ".join(field_words(f) for f in fields)


def position_words(field: PositionField, *, marked: bool = False) -> str:
    """A figure of a negotiating position; `marked` says "(internal)" after the private floor."""
    words = POSITION_LABELS[field].words
    return words + INTERNAL_MARK if marked and field is PositionField.FLOOR else words


def named(code: str, title: str) -> str:
    """ "NI 116 (Proportion of children in poverty)": an indicator in a sentence, its title on one line."""
    title = " ".join(title.split())
    return f"{code} ({title})" if title else code


def indicator_name(code: str, catalogue: Catalogue, target: Target | None = None) -> str:
    """An indicator named in a message: the catalogue's title, or a local indicator's own."""
    indicator = catalogue.get(code)
    if indicator is not None:
        return named(code, indicator.title)
    return named(code, target.title if target is not None else "")


def listed(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def counted(number: int, one: str, many: str = "") -> str:
    """ "1 target", "3 targets" (`many` where adding an s is wrong)."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def sentence(text: str) -> str:
    """A refusal or remark as a sentence: capital first letter (unless it opens with a quote), full stop."""
    text = text.strip()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
