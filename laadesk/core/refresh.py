"""The review and refresh round: what changed since the agreed version, the reason for each, and
what the round must settle (deferred targets past their revisit date, the statutory levels of the
new academic year).

A round is opened from the latest agreed version (store/refresh.py keeps that version's form on
the RefreshRound record), so these rules need nothing but the snapshot: every change from the
version without a reason is a warning, and so is every deferral left unsettled past its date.
The round ends when the agreement is frozen again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from laadesk.core.agreement import agreement_form
from laadesk.core.compare import Difference, catalogue_polarity, compare, grouped
from laadesk.core.edits import Edit, Put
from laadesk.core.labels import field_words, indicator_name
from laadesk.core.model import YEAR_FIELDS, YEARS, Role
from laadesk.core.rounds import ChangeReason
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.statutory_years import academic_year, level_due

PolarityOf = Callable[[str], str | None]


@dataclass(frozen=True)
class ChangeLine:
    """One change since the agreed version, as the refresh pack prints it."""

    ni: str
    field: str  # as compare names it (a level and its words are one)
    what: str  # "2010/11 target", "status", "Allerdale (sub-area) 2010/11 target"
    agreed: str  # the agreed version's value, as printed
    proposed: str  # the value now
    ambition: str
    reason: str
    sentence: str


@dataclass(frozen=True)
class ChangesSince:
    """Every change to the agreement since an agreed version, each with its reason."""

    label: str
    when: str  # ISO 8601 of the freezing
    short_hash: str
    lines: tuple[ChangeLine, ...]

    @property
    def unexplained(self) -> tuple[ChangeLine, ...]:
        return tuple(line for line in self.lines if not line.reason.strip())


def _value(difference: Difference, side: str) -> Any:
    return difference.before if side == "before" else difference.after


def _printed(differences: list[Difference], side: str) -> str:
    """A value as the refresh pack prints it: the figure, or the words it was written in."""
    main = differences[0]
    words = next((_value(d, side) for d in differences if d.field.endswith("_as_written") and _value(d, side)), "")
    value = _value(main, side)
    if main.kind in ("added", "removed") and isinstance(value, dict):
        return str(value.get("role") or value.get("state") or "present")
    if value is None or value == "":
        return f'"{words}"' if words else "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "none"
    return str(value)


def _what(field: str) -> str:
    if field == "target":
        return "target"
    if field.startswith("sub_area:"):
        name, _, sub_field = field.removeprefix("sub_area:").partition(":")
        return f"{name} (sub-area) {field_words(sub_field)}".strip() if sub_field else f"{name} (sub-area)"
    if field.startswith("agreement:"):
        partner, _, word_field = field.removeprefix("agreement:").partition(":")
        return f"{partner}'s agreement" + (f" ({field_words(word_field)})" if word_field else "")
    return field_words(field)


def changes_since(
    label: str,
    when: str,
    short_hash: str,
    version_form: dict[str, Any],
    snapshot: WorkbookSnapshot,
    polarity_of: PolarityOf | None = None,
) -> ChangesSince:
    """Every change to the targets since the version, grouped as a person decides on them, with the
    reason the workbook records for each (blank when none yet)."""
    differences = compare(version_form, agreement_form(snapshot), polarity_of or catalogue_polarity(snapshot.catalogue))
    reasons = {(r.code, r.field): r.reason for r in snapshot.change_reasons}
    lines = []
    for (code, field), found in grouped(differences).items():
        main = next((d for d in found if d.field == field), found[0])
        ordered = [main, *(d for d in found if d is not main)]
        lines.append(
            ChangeLine(
                code,
                field,
                _what(field),
                _printed(ordered, "before"),
                _printed(ordered, "after"),
                main.ambition,
                reasons.get((code, field), ""),
                "; ".join(d.sentence for d in ordered),
            )
        )
    return ChangesSince(label, when, short_hash, tuple(lines))


def statutory_asks(snapshot: WorkbookSnapshot) -> list[str]:
    """The statutory targets whose level for an academic year is now due and still blank."""
    as_at = snapshot.area.as_at or date.today()
    asks = []
    for target in snapshot.targets:
        if target.role is not Role.STATUTORY:
            continue
        for year, field in zip(YEARS, YEAR_FIELDS, strict=True):
            if level_due(year, as_at) and getattr(target, field) is None and not target.as_written(field):
                name = indicator_name(target.code, snapshot.catalogue, target)
                asks.append(f"{name}: the level for the {academic_year(year)} is due; ask the children's department.")
    return asks


def reason_edit(reasons: tuple[ChangeReason, ...], code: str, field: str, reason: str) -> Edit:
    """The edit giving (or changing, or clearing) the reason for one change."""
    before = next((r for r in reasons if (r.code, r.field) == (code, field)), None)
    text = " ".join(reason.split())
    return Edit(f"give the reason for the change to {code} {field}", (Put(ChangeReason(code, field, text), before),))
