"""The region desk's reckoning (core/region): each area's line counted as the editor counts, the heat
map's marks, how far a level is better than its baseline whichever way the indicator points, the
tallies in words, the ambition view's order, and one line per area."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from laadesk.core.catalogue import Polarity
from laadesk.core.cross_checks import check_workbook
from laadesk.core.model import Role, Status, Target
from laadesk.core.region import (
    DEFERRED,
    MARKS,
    NOT_CHOSEN,
    AreaOverview,
    Skipped,
    TargetCell,
    ambition,
    improvement,
    improvement_percent,
    indicator_codes,
    mark_of,
    one_line_per_area,
    overview_of,
    tally,
    tally_words,
)
from laadesk.core.rules import Severity
from laadesk.core.sign_off import sign_off_stage
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.timetable import overdue_milestones


def area(name: str, *cells: TargetCell, ons_code: str = "", path: str = "") -> AreaOverview:
    return AreaOverview(
        path=path or f"{name.lower()}.laa",
        area=name,
        region="North West",
        ons_code=ons_code or name[:4].upper(),
        stage="Adopted",
        designated=0,
        statutory=0,
        statutory_due=16,
        local=0,
        deferred=0,
        errors=0,
        overdue=0,
        as_at=date(2008, 6, 1),
        last_changed="",
        last_changed_by="",
        open_by="",
        targets=cells,
    )


def cell(
    code: str,
    role: Role = Role.DESIGNATED,
    status: Status = Status.AGREED,
    baseline: float | None = 100.0,
    level: float | None = 110.0,
    polarity: Polarity | None = Polarity.HIGHER,
) -> TargetCell:
    target = Target(code=code, role=role, status=status, baseline=baseline, target_2010_11=level)
    return TargetCell(target, f"title of {code}", polarity)


@pytest.mark.parametrize(
    ("baseline", "level", "polarity", "better", "percent"),
    [
        (100.0, 110.0, Polarity.HIGHER, 10.0, 10.0),  # up is better, and it went up
        (100.0, 90.0, Polarity.HIGHER, -10.0, -10.0),  # up is better, but it went down: worse
        (100.0, 90.0, Polarity.LOWER, 10.0, 10.0),  # down is better (fewer casualties), and it went down
        (100.0, 110.0, Polarity.LOWER, -10.0, -10.0),
        (-20.0, -10.0, Polarity.HIGHER, 10.0, 50.0),  # a share of the baseline's size, whatever its sign
        (0.0, 5.0, Polarity.HIGHER, 5.0, None),  # nought: no share of it
        (3.0, 3.1, Polarity.HIGHER, 0.1, 3.3),  # 3.1 - 3.0 is 0.10000000000000009 in floats: rounded
        (None, 5.0, Polarity.HIGHER, None, None),
        (5.0, None, Polarity.LOWER, None, None),
        (5.0, 6.0, None, None, None),  # which way is better is not known
    ],
)
def test_improvement_is_positive_when_better_whichever_way_the_indicator_points(
    baseline: float | None, level: float | None, polarity: Polarity | None, better: float | None, percent: float | None
) -> None:
    assert improvement(baseline, level, polarity) == better
    assert improvement_percent(baseline, level, polarity) == percent


def test_marks_have_distinct_letters_and_a_deferred_choice_is_deferred() -> None:
    assert len(set(MARKS.values())) == len(MARKS) == 5
    assert set(MARKS) == {"designated", "statutory", "local", DEFERRED, NOT_CHOSEN}
    assert cell("NI 1").mark == "designated"
    assert cell("NI 1", Role.STATUTORY).mark == "statutory"
    assert cell("NI 1", Role.LOCAL, Status.PROPOSED).mark == "local"
    assert cell("NI 1", Role.LOCAL, Status.DEFERRED).mark == DEFERRED
    assert cell("NI 1", Role.CANDIDATE).mark == NOT_CHOSEN
    assert cell("NI 1", Role.REJECTED, Status.DEFERRED).mark == NOT_CHOSEN
    one = area("Bury", cell("NI 1"), cell("NI 2", status=Status.DEFERRED))
    assert [mark_of(one, code) for code in ("NI 1", "NI 2", "NI 3")] == ["designated", DEFERRED, NOT_CHOSEN]


def test_tally_and_its_words_count_each_mark() -> None:
    areas = [
        area("Bury", cell("NI 153")),
        area("Bolton", cell("NI 153")),
        area("Wigan", cell("NI 153", Role.LOCAL)),
        area("Oldham", cell("NI 153", status=Status.DEFERRED)),
        area("Halton", cell("NI 154")),
    ]
    assert tally(areas, "NI 153") == {"designated": 2, "local": 1, DEFERRED: 1, NOT_CHOSEN: 1}
    assert tally_words(areas, "NI 153") == "NI 153 designated by 2 of 5 areas, local by 1, deferred by 1"
    assert tally_words(areas, "NI 154") == "NI 154 designated by 1 of 5 areas"
    assert tally_words(areas, "NI 999") == "NI 999 designated by 0 of 5 areas"
    assert indicator_codes(areas) == ["NI 153", "NI 154"]


def test_indicator_codes_are_in_code_order_national_first() -> None:
    areas = [area("Bury", cell("L 2", Role.LOCAL), cell("NI 15"), cell("NI 154"), cell("NI 2", Role.CANDIDATE))]
    assert indicator_codes(areas) == ["NI 15", "NI 154", "L 2"]


def test_ambition_puts_the_largest_share_of_the_baseline_first_and_the_unknown_last() -> None:
    areas = [
        area("Bury", cell("NI 47", baseline=300, level=270, polarity=Polarity.LOWER)),  # 10 % fewer
        area("Bolton", cell("NI 47", baseline=200, level=160, polarity=Polarity.LOWER)),  # 20 % fewer
        area("Wigan", cell("NI 47", baseline=100, level=None, polarity=Polarity.LOWER)),  # no level yet
        area("Oldham", cell("NI 47", baseline=100, level=110, polarity=Polarity.LOWER)),  # worse
        area("Halton", cell("NI 47", Role.CANDIDATE, baseline=100, level=10, polarity=Polarity.LOWER)),
        area("Adur", cell("NI 47", baseline=300, level=270, polarity=Polarity.LOWER)),  # a tie: by name
        area("Sefton"),
    ]
    lines = ambition(areas, "NI 47")
    assert [a.area for a in lines] == ["Bolton", "Adur", "Bury", "Oldham", "Wigan"]
    assert [a.better_by_percent for a in lines] == [20.0, 10.0, 10.0, -10.0, None]
    assert [a.better_by for a in lines] == [40.0, 30.0, 30.0, -10.0, None]
    assert {a.mark for a in lines} == {"designated"}


def test_overview_of_counts_as_the_editor_counts(demo_snapshot: WorkbookSnapshot) -> None:
    today = date(2008, 9, 1)
    line = overview_of(demo_snapshot, "kingsmere.laa", last_changed="x", last_changed_by="y", open_by="z", today=today)
    targets = demo_snapshot.targets
    assert line.designated == sum(1 for t in targets if t.role is Role.DESIGNATED) > 0
    assert line.statutory == sum(1 for t in targets if t.role is Role.STATUTORY) > 0
    assert line.local == sum(1 for t in targets if t.role is Role.LOCAL) > 0
    assert line.deferred == sum(1 for t in targets if t.chosen and t.deferred)
    assert line.statutory_due == len(demo_snapshot.catalogue.statutory()) == 16
    assert line.errors == sum(1 for p in check_workbook(demo_snapshot) if p.severity is Severity.ERROR)
    assert line.overdue == len(overdue_milestones(demo_snapshot.milestones, demo_snapshot.area.today(today)))
    assert line.stage == sign_off_stage(demo_snapshot)
    assert (line.area, line.ons_code, line.as_at) == (
        demo_snapshot.area.name,
        demo_snapshot.area.ons_code,
        demo_snapshot.area.as_at,
    )
    assert (line.path, line.last_changed, line.last_changed_by, line.open_by) == ("kingsmere.laa", "x", "y", "z")
    chosen = [t for t in targets if t.chosen]
    assert [c.code for c in line.targets] == [t.code for t in chosen]
    assert all(c.title for c in line.targets)  # a national target's title from the indicator set
    assert len({c.polarity for c in line.targets if c.polarity is not None}) == 2


def test_the_counts_move_with_the_workbook(demo_snapshot: WorkbookSnapshot) -> None:
    """Change one designated target to local: the line's counts follow (so the counts are not constants)."""
    first = next(t for t in demo_snapshot.targets if t.role is Role.DESIGNATED and not t.deferred)
    changed = replace(
        demo_snapshot, targets=tuple(replace(t, role=Role.LOCAL) if t is first else t for t in demo_snapshot.targets)
    )
    before = overview_of(demo_snapshot, "a", last_changed="", last_changed_by="", open_by="", today=date(2008, 6, 1))
    after = overview_of(changed, "a", last_changed="", last_changed_by="", open_by="", today=date(2008, 6, 1))
    assert (after.designated, after.local) == (before.designated - 1, before.local + 1)
    assert mark_of(after, first.code) == "local"


def test_one_line_per_area_names_a_second_copy_and_a_workbook_without_its_code() -> None:
    bolton = area("Bolton", ons_code="00BL", path="bolton.laa")
    again = area("Bolton", ons_code="00BL", path="sub/bolton-copy.laa")
    nameless = area("Nameless", ons_code=" ", path="nameless.laa")
    bury = area("Bury", ons_code="00BM", path="bury.laa")
    broken = Skipped("broken.laa", "broken.laa is damaged.")
    lines = one_line_per_area([bolton, broken, again, nameless, bury])
    assert lines == [
        bolton,
        broken,
        Skipped(
            "sub/bolton-copy.laa",
            "sub/bolton-copy.laa holds the same area (Bolton, 00BL) as bolton.laa; only bolton.laa is listed.",
        ),
        Skipped(
            "nameless.laa",
            "nameless.laa (Nameless) has no ONS code, by which the region keys each area; set it on the Area page.",
        ),
        bury,
    ]
