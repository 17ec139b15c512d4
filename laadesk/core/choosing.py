"""Choosing indicators: the catalogue joined with the area's targets, and the edits that choose.

Roles
-----
A role is one of the Target roles, or None for "not considered" (no Target record).
Choosing a role for an indicator that has no Target adds one. "Not considered" removes
the Target, but only while that loses nothing negotiated: an indicator with a baseline,
target levels or negotiating positions is refused with a sentence (reject it instead),
so a slip of the keyboard never throws away agreed figures. Withdrawn indicators (NI 31)
may only be rejected or not considered. Several indicators are chosen in ONE edit; if any
of them is refused, nothing changes and every reason is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from laadesk.core.catalogue import Indicator, Polarity
from laadesk.core.codes import is_national, sort_key
from laadesk.core.edits import Change, Edit, Put, Remove
from laadesk.core.labels import indicator_name
from laadesk.core.model import Position, Role, Target
from laadesk.core.snapshot import WorkbookSnapshot

NOT_CONSIDERED = "not considered"

ROLE_CHOICES: tuple[Role | None, ...] = (
    Role.CANDIDATE,
    Role.DESIGNATED,
    Role.STATUTORY,
    Role.LOCAL,
    Role.REJECTED,
    None,
)


class ChoiceRefused(ValueError):
    """A choice the rules forbid; the message is a sentence for the person who tried."""


def role_name(role: Role | None) -> str:
    return NOT_CONSIDERED if role is None else role.value


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator a person can choose: a national one (with or without a target) or a local one."""

    code: str
    indicator: Indicator | None
    target: Target | None

    @property
    def title(self) -> str:
        if self.indicator is not None:
            return self.indicator.title
        return self.target.title if self.target else ""

    @property
    def role(self) -> Role | None:
        return self.target.role if self.target else None

    @property
    def chosen(self) -> bool:
        return self.target is not None and self.target.chosen

    @property
    def local(self) -> bool:
        return not is_national(self.code)

    @property
    def withdrawn(self) -> bool:
        return self.indicator is not None and self.indicator.withdrawn

    @property
    def polarity(self) -> Polarity | None:
        if self.target is not None and self.target.polarity is not None:
            return self.target.polarity
        return self.indicator.polarity if self.indicator else None

    def haystack(self) -> str:
        """Everything a search looks in, lower case."""
        parts = [self.code, self.title, role_name(self.role), "local indicator" if self.local else ""]
        if self.indicator is not None:
            i = self.indicator
            parts += [i.theme, i.department, i.survey, "statutory" if i.statutory else ""]
            parts.append("withdrawn" if i.withdrawn else "")
        return " ".join(parts).lower()


def indicator_rows(snapshot: WorkbookSnapshot) -> tuple[IndicatorRow, ...]:
    """The catalogue in number order, then any other targets (local indicators) by code."""
    targets = {t.code: t for t in snapshot.targets}
    rows = [IndicatorRow(i.code, i, targets.get(i.code)) for i in snapshot.catalogue.indicators]
    known = {i.code for i in snapshot.catalogue.indicators}
    others = sorted((t for t in snapshot.targets if t.code not in known), key=lambda t: sort_key(t.code))
    rows += [IndicatorRow(t.code, None, t) for t in others]
    return tuple(rows)


_NUMBER_WORD = re.compile(r"^(ni|l)?(\d+)$")


def matches(row: IndicatorRow, text: str) -> bool:
    """Does a row match what was typed in the search box? Every word must match.

    A number ("11", "ni11", "l2") matches indicator numbers that start with it, so typing
    "116" narrows step by step to NI 116; it also matches the same number standing alone in
    a title. Other words match anywhere in the code, title, theme, department, survey or role.
    """
    haystack = row.haystack()
    local_number = row.code[1:] if row.local else ""
    ni_number = row.code[3:] if not row.local else ""
    for word in text.lower().split():
        number = _NUMBER_WORD.match(word)
        if number:
            prefix, digits = number.groups()
            by_code = (prefix != "l" and ni_number.startswith(digits)) or (
                prefix != "ni" and local_number.startswith(digits)
            )
            if by_code or (prefix is None and re.search(rf"(?<![\d.]){digits}(?![\d.])", row.title)):
                continue
            return False
        if word not in haystack:
            return False
    return True


def designated_count(targets: tuple[Target, ...]) -> int:
    return sum(1 for t in targets if t.role is Role.DESIGNATED)


def _listed(codes: list[str]) -> str:
    if len(codes) == 1:
        return codes[0]
    if len(codes) <= 3:
        return ", ".join(codes[:-1]) + f" and {codes[-1]}"
    return f"{len(codes)} indicators"


def choice_label(role: Role | None, codes: list[str]) -> str:
    """The undo text for choosing a role, in the negotiators' words."""
    listed = _listed(codes)
    if role is Role.DESIGNATED:
        return f"designate {listed}"
    if role is Role.CANDIDATE:
        return f"make {listed} a candidate" if len(codes) == 1 else f"make {listed} candidates"
    if role is Role.STATUTORY:
        return f"record {listed} as statutory"
    if role is Role.LOCAL:
        return f"record {listed} as local"
    if role is Role.REJECTED:
        return f"reject {listed}"
    return f"drop {listed} from consideration"


def _named(code: str, snapshot: WorkbookSnapshot) -> str:
    return indicator_name(code, snapshot.catalogue, snapshot.target(code))


def _has_figures(target: Target, positions: tuple[Position, ...]) -> bool:
    levels = (target.baseline, *target.levels)
    if any(level is not None for level in levels):
        return True
    return any(p.code == target.code for p in positions)


def _refusal(snapshot: WorkbookSnapshot, code: str, role: Role | None) -> str | None:
    indicator = snapshot.catalogue.get(code)
    target = snapshot.target(code)
    if indicator is None and target is None:
        return f"{code} is not in the National Indicator Set ({snapshot.catalogue.edition})."
    if role is None:
        if target is not None and _has_figures(target, snapshot.positions):
            return (
                f"{_named(code, snapshot)} has a baseline, target levels or negotiating positions, "
                "so it stays in the workbook; reject it instead."
            )
        return None
    if indicator is not None and indicator.withdrawn and role is not Role.REJECTED:
        return f"{_named(code, snapshot)} was withdrawn from the National Indicator Set and cannot be chosen."
    if not is_national(code) and role in (Role.DESIGNATED, Role.STATUTORY):
        what = "designated" if role is Role.DESIGNATED else "statutory"
        return f"{code} is a local indicator; only National Indicators can be {what}."
    if indicator is not None and indicator.statutory and role is Role.DESIGNATED:
        return (
            f"{_named(code, snapshot)} is a statutory education target: it sits outside the 35, "
            "so record it as statutory rather than designating it."
        )
    return None


def choose_role(snapshot: WorkbookSnapshot, codes: list[str], role: Role | None) -> Edit:
    """One edit giving every code the role (None: not considered). Raises ChoiceRefused."""
    codes = list(dict.fromkeys(codes))
    reasons = [reason for code in codes if (reason := _refusal(snapshot, code, role))]
    if reasons:
        raise ChoiceRefused(" ".join(reasons) + (" Nothing was changed." if len(codes) > 1 else ""))
    changes: list[Change] = []
    for code in codes:
        target = snapshot.target(code)
        if role is None:
            if target is not None:
                changes.append(Remove(target))
        elif target is None:
            changes.append(Put(Target(code=code, role=role)))
        elif target.role is not role:
            changes.append(Put(replace(target, role=role), target))
    return Edit(choice_label(role, codes), tuple(changes))


def next_local_code(targets: tuple[Target, ...]) -> str:
    """The code after the highest local indicator's: L1, L2, ... (never reusing a gap)."""
    numbers = [sort_key(t.code)[2] for t in targets if sort_key(t.code)[1] == "l"]
    return f"L{max(numbers, default=0) + 1}"


def add_local_indicator(targets: tuple[Target, ...], title: str) -> Edit:
    """An edit adding a local indicator with the next free code. Raises ChoiceRefused."""
    title = " ".join(title.split())
    if not title:
        raise ChoiceRefused("A local indicator needs a title.")
    for target in targets:
        if not is_national(target.code) and target.title.casefold() == title.casefold():
            raise ChoiceRefused(f"{target.code} is already called '{target.title}'.")
    code = next_local_code(targets)
    return Edit(f"add local indicator {code}", (Put(Target(code=code, role=Role.LOCAL, title=title)),))


def rationale_edit(target: Target, text: str) -> Edit:
    """An edit recording why an indicator is in or out."""
    if target.rationale == text:
        return Edit(f"change {target.code} rationale", ())
    return Edit(f"change {target.code} rationale", (Put(replace(target, rationale=text), target),))
