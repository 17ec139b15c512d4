"""The QA checklist: items as data, automatic items decided by the checks they name, judgement items by ticks."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pytest
from support.records import complete, snapshot

from laadesk.core.dates import format_moment
from laadesk.core.errors import ChecklistRejected
from laadesk.core.model import AreaProfile, Role, Status, StorySection
from laadesk.core.qa import (
    QA_CHECKS,
    WORKBOOK_RULES,
    QaKind,
    find_item,
    items_from_rows,
    open_items,
    qa_states,
    summary,
    tick_edit,
    untick_edit,
)
from laadesk.core.qa_ticks import QaTick
from laadesk.store.reference import QA_CHECKLIST, qa_checklist

CORE = Path(__file__).resolve().parents[2] / "laadesk" / "core"


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def state_of(item_id: str, *targets: object, **parts: object) -> tuple[bool, tuple[str, ...]]:
    (found,) = [s for s in qa_states(snapshot(*targets, **parts), qa_checklist()) if s.item.id == item_id]  # type: ignore[arg-type]
    return found.met, found.findings


def test_every_rule_the_workbook_checks_may_be_named_by_an_item() -> None:
    """A rule added to core and not to WORKBOOK_RULES could not be used by a region's checklist."""
    named: set[str] = set()
    for source in CORE.glob("*.py"):
        if source.name == "qa.py":
            continue
        text = source.read_text(encoding="utf-8")
        named |= set(re.findall(r'Problem\(\s*"([a-z0-9-]+)"', text))
        named |= set(re.findall(r'^[A-Z_]+_RULE = "([a-z0-9-]+)"', text, re.MULTILINE))
    assert named, "the scan found no rules: it is looking in the wrong place"
    assert named == WORKBOOK_RULES


def test_the_shipped_checklist_has_both_kinds_and_every_check_it_names_exists() -> None:
    items = qa_checklist()
    assert {i.kind for i in items} == {QaKind.AUTOMATIC, QaKind.JUDGEMENT}
    assert len({i.id for i in items}) == len(items)
    assert all(i.source for i in items), "every item says where it comes from"
    ids = {i.id for i in items}
    assert {"designated-linked", "levels-sourced", "deferrals-complete", "partner-agreements", "within-floors"} <= ids
    assert {"statutory-present", "marking-set", "as-written-settled", "ambition-challenged", "peer-review"} <= ids
    assert {"evidence-considered", "statutory-confirmed"} <= ids


def test_a_designated_target_needs_a_story_link_and_a_rationale() -> None:
    linked = StorySection("s1", 1, "Jobs", "text", ("NI 116",))
    met, findings = state_of(
        "designated-linked", complete("NI 116", rationale="Child poverty is high"), story=(linked,)
    )
    assert (met, findings) == (True, ())
    met, findings = state_of("designated-linked", complete("NI 116", rationale=""), story=(linked,))
    assert not met and findings == ("NI 116 is designated without a rationale",)
    met, findings = state_of("designated-linked", complete("NI 116", rationale="why"))
    assert not met and findings == ("NI 116 is designated but no story section links to it",)


def test_every_level_needs_a_source_and_a_period_unless_deferred() -> None:
    sourced = complete("NI 116", baseline_period="2007/08", baseline_source="DWP benefits data")
    assert state_of("levels-sourced", sourced) == (True, ())
    met, findings = state_of("levels-sourced", complete("NI 116", baseline_period="2007/08", baseline_source=""))
    assert not met and findings == ("NI 116's baseline has no source",)
    met, findings = state_of("levels-sourced", complete("NI 116", baseline_period="", baseline_source=""))
    assert findings == ("NI 116's baseline has no period or source",)
    deferred = complete("NI 116", status=Status.DEFERRED, baseline_period="", baseline_source="")
    assert state_of("levels-sourced", deferred)[0]
    candidate = complete("NI 116", role=Role.CANDIDATE, baseline_source="")
    assert state_of("levels-sourced", candidate)[0]


def test_a_deferral_needs_its_reason_and_revisit_date() -> None:
    bare = complete("NI 116", status=Status.DEFERRED, deferral_reason="", revisit_date=None)
    met, findings = state_of("deferrals-complete", bare)
    assert not met and len(findings) >= 2


def test_the_marking_item_follows_the_area() -> None:
    items = qa_checklist()
    for marking, met in (("", False), ("  ", False), ("PROTECT", True)):
        marked = dataclasses.replace(snapshot(), area=AreaProfile("Kingsmere", protective_marking=marking))
        assert next(s for s in qa_states(marked, items) if s.item.id == "marking-set").met is met


def test_a_judgement_item_is_met_only_when_ticked_and_untick_takes_it_back() -> None:
    items = qa_checklist()
    item = find_item(items, "peer-review")
    assert item is not None
    base = snapshot()
    assert not next(s for s in qa_states(base, items) if s.item.id == "peer-review").met
    edit = tick_edit(base, item, "Rita", "2008-07-03T10:00:00+00:00", "  by  GO East  ")
    (put,) = edit.changes
    tick = put.after  # type: ignore[union-attr]
    assert tick == QaTick("peer-review", "Rita", "2008-07-03T10:00:00+00:00", "by GO East")
    ticked = snapshot(qa_ticks=(tick,))
    state = next(s for s in qa_states(ticked, items) if s.item.id == "peer-review")
    assert state.met and state.evidence == f"ticked by Rita on {format_moment(tick.when)}: by GO East"
    assert untick_edit(ticked, item).changes and untick_edit(base, item).empty
    with pytest.raises(ValueError, match="checked by laadesk"):
        tick_edit(base, find_item(items, "within-floors"), "Rita", "2008-07-03T10:00:00+00:00")  # type: ignore[arg-type]


def test_the_summary_counts_met_items() -> None:
    states = qa_states(snapshot(), qa_checklist())
    met = len(states) - len(open_items(states))
    assert summary(states) == f"QA: {met} of {len(states)} items met"
    assert 0 < met < len(states)


def test_a_checklist_file_is_refused_cell_by_cell() -> None:
    items, problems = items_from_rows(
        rows(
            "id,kind,item,checks,guidance,source\n"
            "ok,judgement,Fine,,,\n"
            ",judgement,No id,,,\n"
            "ok,judgement,Taken twice,,,\n"
            "k,sometimes,Bad kind,,,\n"
            "a,automatic,No checks,,,\n"
            "j,judgement,Checks on judgement,as-written,,\n"
            "u,automatic,Unknown,no-such-rule; as-written,,\n"
        )
    )
    assert [i.id for i in items] == ["ok"]
    assert [str(p) for p in problems] == [
        "row 3, column id: an item needs an id (letters, digits and hyphens)",
        "row 4, column id: 'ok' is already an item of the checklist",
        "row 5, column kind: 'sometimes' is not automatic or judgement",
        "row 6, column checks: an automatic item names at least one check",
        "row 7, column checks: a judgement item is ticked by a reviewer, not checked",
        "row 8, column checks: laadesk has no check called 'no-such-rule'",
    ]


def test_a_regions_own_items_follow_the_shipped_ones(user_data: Path) -> None:
    (user_data / QA_CHECKLIST).write_text(
        "id,kind,item,checks,guidance,source\n"
        "gonw-health,judgement,The PCT's director of public health has seen the health targets,,,GO North West\n"
        "gonw-levels,automatic,Every chosen target has levels,levels-missing,,GO North West\n",
        encoding="utf-8",
    )
    items = qa_checklist()
    assert [i.id for i in items[-2:]] == ["gonw-health", "gonw-levels"]
    assert items[-1].checks == ("levels-missing",)


def test_a_bad_regional_file_is_named_with_its_row_and_column(user_data: Path) -> None:
    (user_data / QA_CHECKLIST).write_text(
        "id,kind,item,checks,guidance,source\npeer-review,judgement,Again,,,\n", encoding="utf-8"
    )
    with pytest.raises(ChecklistRejected) as refused:
        qa_checklist()
    assert str(user_data / QA_CHECKLIST) in str(refused.value)
    assert "row 2, column id: 'peer-review' is already an item of the checklist" in str(refused.value)


def test_qa_adds_only_checks_it_names() -> None:
    assert set(QA_CHECKS) == {"story-link", "rationale", "level-source", "protective-marking"}
    assert not set(QA_CHECKS) & WORKBOOK_RULES
