"""The edge-case workbook and the canaries planted in it, shared by the export and hostile tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from laadesk.core.floors import BEYOND_FLOOR
from laadesk.core.model import (
    ActionStatus,
    Adoption,
    ChampionNote,
    Evidence,
    Milestone,
    NoteKind,
    Partner,
    Position,
    Role,
    SignOff,
    Status,
    StorySection,
    Target,
    Visibility,
)
from laadesk.store.reference import shipped_catalogue
from support.records import levels

# Strings and figures that exist only in internal records: a council export must not hold them.
CANARY_NOTE = "CANARYNOTE7f3a internal only"
CANARY_SHAREABLE_NOTE = "CANARYSHARE91b shareable but still a champion note"
CANARY_FLOOR = 987654.321
CANARY_FLOOR_TEXT = "987654.321"
CANARY_FLOOR_PRINTED = "987,654.321"  # as a printed table shows it (format_figure)
# The words of the floor warning (core/floors): the edge workbook's levels are all beyond the canary floor,
# so the rules and the internal brief carry it; no council output may.
CANARY_FLOOR_WARNING = BEYOND_FLOOR
CANARIES = (
    CANARY_NOTE.split()[0],
    CANARY_SHAREABLE_NOTE.split()[0],
    CANARY_FLOOR_TEXT,
    CANARY_FLOOR_PRINTED,
    CANARY_FLOOR_WARNING,
)


def canary_note(code: str, role: str = "") -> ChampionNote:
    """The internal champion note holding CANARY_NOTE: A. Champion's sticking point on code, an open action."""
    return ChampionNote(
        "n1",
        "A. Champion",
        CANARY_NOTE,
        NoteKind.STICKING_POINT,
        date(2008, 5, 2),
        role,
        (code,),
        Visibility.INTERNAL,
        ActionStatus.OPEN,
    )


HOSTILE_TEXTS = (
    "AT&T <b>bold</b> & <i>unbalanced",
    '<img src="/etc/passwd"/> <a href="http://example.invalid">link</a>',
    '=HYPERLINK("http://example.invalid","click")',
    "+44 20 7946 0000",
    "-minus first",
    "@SUM(A1:A2)",
    "Conseil Général – “Café” £2,000 … naïve Zoë",
)
# Levels in words as 2008 tables gave them (no figure is ever guessed from them).
AS_WRITTEN_LEVELS = {
    "baseline_as_written": "TBC",
    "target_2009_10_as_written": "12-14%",
    "target_2010_11_as_written": "maintain the 2.2% gap with the national rate",
}
LONG_TEXT = " ".join(f"Sentence {n} of a very long story of place about Edgeshire’s economy." for n in range(400))


def edge_records() -> list[object]:
    catalogue = shipped_catalogue()
    usable = [i for i in catalogue.indicators if not (i.statutory or i.withdrawn or i.place_survey)]
    partners = [
        Partner("Edgeshire County Council", "local government"),
        Partner("Edgeshire PCT", "health"),
        Partner(HOSTILE_TEXTS[6][:40], "voluntary"),
    ]
    records: list[object] = list(partners)
    for n, indicator in enumerate(usable[:35]):
        higher = indicator.polarity is None or indicator.polarity.value == "higher"
        step = 1.5 if higher else -1.5
        target = Target(
            indicator.code,
            Role.DESIGNATED,
            status=Status.AGREED if n % 3 else Status.PROPOSED,
            **levels(100.0 + n, 100.0 + n + step, 100.0 + n + 2 * step, 100.0 + n + 3 * step),
            units="%" if n % 2 else "rate per 1,000 population",
            lead_partner=partners[n % 2].name,
            partners=(partners[(n + 1) % 2].name, partners[2].name),
            comment=HOSTILE_TEXTS[n % len(HOSTILE_TEXTS)],
            districts=("Northdale",) if n % 5 == 0 else (),
        )
        if n in (3, 4):  # deferred: levels deliberately blank
            target = replace(
                target,
                status=Status.DEFERRED,
                baseline=None,
                target_2008_09=None,
                target_2009_10=None,
                target_2010_11=None,
                deferral_reason="economic downturn",
                revisit_date=date(2009, 3, 31),
            )
        if n == 5:  # blank years, not deferred
            target = replace(target, target_2009_10=None, target_2010_11=None)
        if n == 6:
            target = replace(target, comment=LONG_TEXT[:3000], rationale=LONG_TEXT[:2000])
        if n == 7:  # levels a council's table gave in words: kept and printed exactly as written
            target = replace(target, baseline=None, target_2009_10=None, target_2010_11=None, **AS_WRITTEN_LEVELS)
        if n == 8:
            target = replace(target, target_2010_11=None, target_2010_11_as_written=HOSTILE_TEXTS[3])
        records.append(target)
    for indicator in catalogue.statutory():
        records.append(
            Target(
                indicator.code,
                Role.STATUTORY,
                status=Status.AGREED,
                **levels(50.0, 52.0, 54.5, 56.25, period="2007"),
                units="%",
                lead_partner=partners[0].name,
            )
        )
    local = ("Village halls in use", HOSTILE_TEXTS[0], "Empty homes brought back – “into use”")
    for n, (code, title) in enumerate(zip(("L1", "L2", "SI 14"), local), start=1):
        records.append(
            Target(
                code,
                Role.LOCAL,
                title=title,
                status=Status.PROPOSED,
                **levels(10.0 * n, 11.0 * n, 12.0 * n, 13.0 * n),
                units="number",
                lead_partner=partners[1].name if n < 3 else "- Edgeshire Youth Service (to be confirmed)",
            )
        )
    first = usable[0].code
    records.append(Position(first, "2009/10", area_proposal=103.0, government_position=104.0, floor=CANARY_FLOOR))
    records.append(Position(usable[1].code, "2010/11", 105.5, 106.5, None, 106.0))
    section = StorySection("s1", 1, "Edgeshire – a place of “contrasts”", LONG_TEXT, (first,))
    records += [
        section,
        StorySection("s2", 2, HOSTILE_TEXTS[1], HOSTILE_TEXTS[0] + "\n\n" + HOSTILE_TEXTS[6], ()),
        Evidence("e1", "s1", "ONS <mid-2007> & estimates", "4.2%", date(2007, 11, 1)),
        canary_note(first, "Negotiating Champion"),
        ChampionNote(
            "n2",
            "B. Officer",
            CANARY_SHAREABLE_NOTE,
            NoteKind.DECISION,
            date(2008, 5, 3),
            "GO locality manager",
            (first,),
            Visibility.SHAREABLE,
        ),
        Adoption("a1", "Edgeshire County Council", date(2008, 6, 10), "Cabinet", "CAB/2008/41"),
        Adoption("a2", "Northdale District Council", None, "Executive", ""),
        SignOff(date(2008, 6, 12), "GO East Midlands", None, "4"),
        Milestone("m1", "Drafts to GO", date(2008, 5, 30), date(2008, 5, 29)),
        Milestone("m2", "Sign-off", date(2008, 6, 30), None),
    ]
    return records
