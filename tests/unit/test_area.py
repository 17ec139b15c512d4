"""Partners and districts: renaming or removing one keeps every target that names it consistent."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.records import catalogue, complete, snapshot

from laadesk.core.area import (
    GO_REGIONS,
    add_district,
    add_partner,
    district_removal_question,
    district_use,
    partner_removal_question,
    partner_use,
    remove_district,
    remove_partner,
    rename_district,
    rename_partner,
)
from laadesk.core.cross_checks import check_workbook
from laadesk.core.edits import Edit, Put
from laadesk.core.labels import listed
from laadesk.core.model import AreaProfile, District, Partner, Target
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.workbook import Workbook

COUNTY = Partner("Kingsmere County Council", "local government")
CHILDREN = Partner("Kingsmere County Council Children's Services")
POLICE = Partner("Kingsmere Constabulary", "police")
MARLHAVEN = District("Marlhaven")
FENS = District("Easterby Fens")


def kingsmere(*targets: Target) -> WorkbookSnapshot:
    return snapshot(*targets, partners=(CHILDREN, POLICE, COUNTY), districts=(FENS, MARLHAVEN))


TARGETS = (
    complete("NI 1", lead_partner="Kingsmere County Council", partners=("Kingsmere Constabulary",)),
    complete("NI 20", lead_partner="kingsmere constabulary", partners=("Kingsmere County Council",)),
    complete("NI 8", lead_partner="Kingsmere County Council Children's Services", partners=()),
)


def targets_after(edit: Edit) -> dict[str, Target]:
    return {c.after.code: c.after for c in edit.changes if isinstance(c, Put) and isinstance(c.after, Target)}


def test_nine_regions() -> None:
    assert len(GO_REGIONS) == 9 and "East Midlands" in GO_REGIONS


def test_lists_read_as_english() -> None:
    assert [listed([]), listed(["NI 1"]), listed(["NI 1", "NI 8"]), listed(["NI 1", "NI 8", "NI 20"])] == [
        "",
        "NI 1",
        "NI 1 and NI 8",
        "NI 1, NI 8 and NI 20",
    ]


def test_partner_use_matches_whole_names_whatever_the_case() -> None:
    use = partner_use("Kingsmere County Council", TARGETS)
    assert (use.leads, use.signed_up) == (("NI 1",), ("NI 20",))
    police = partner_use("KINGSMERE CONSTABULARY", TARGETS)
    assert (police.leads, police.signed_up) == (("NI 20",), ("NI 1",))
    assert police.sentence("Kingsmere Constabulary") == "Kingsmere Constabulary leads NI 20 and is signed up to NI 1."
    assert not partner_use("Nobody", TARGETS).used


def test_renaming_a_partner_updates_its_targets_in_one_edit() -> None:
    edit = rename_partner(kingsmere(*TARGETS), COUNTY, "Kingsmere County Council (KCC)")
    assert edit.label == "rename partner Kingsmere County Council to Kingsmere County Council (KCC)"
    after = targets_after(edit)
    assert set(after) == {"NI 1", "NI 20"}  # NI 8's lead only starts with the same words
    assert after["NI 1"].lead_partner == "Kingsmere County Council (KCC)"
    assert after["NI 20"].partners == ("Kingsmere County Council (KCC)",)
    assert after["NI 20"].lead_partner == "kingsmere constabulary"


def test_renamed_partners_leave_no_problem_behind() -> None:
    snap = kingsmere(*TARGETS)
    edit = rename_partner(snap, POLICE, "Kingsmere Police")
    after = targets_after(edit)
    renamed = WorkbookSnapshot(
        area=snap.area,
        catalogue=snap.catalogue,
        targets=tuple(after.get(t.code, t) for t in TARGETS),
        partners=(CHILDREN, COUNTY, Partner("Kingsmere Police", "police")),
    )
    assert not [p for p in check_workbook(renamed) if p.rule == "unknown-partner"]


@pytest.mark.parametrize(
    ("name", "message"),
    [("  ", "A partner needs a name"), ("kingsmere constabulary", "There is already a partner called")],
)
def test_bad_partner_names_are_refused(name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rename_partner(kingsmere(*TARGETS), COUNTY, name)
    with pytest.raises(ValueError, match=message):
        add_partner(kingsmere(*TARGETS), name)


def test_a_partner_may_change_only_its_case_and_spacing() -> None:
    assert rename_partner(kingsmere(), COUNTY, "Kingsmere  County Council ").empty
    edit = rename_partner(kingsmere(*TARGETS), COUNTY, "KINGSMERE County Council")
    assert targets_after(edit)["NI 1"].lead_partner == "KINGSMERE County Council"


def test_removing_a_partner_takes_it_off_its_targets() -> None:
    snap = kingsmere(*TARGETS)
    use = partner_use(POLICE.name, TARGETS)
    assert partner_removal_question(POLICE.name, use) == (
        "Kingsmere Constabulary leads NI 20 and is signed up to NI 1. "
        "NI 20 would then have no lead partner. Remove Kingsmere Constabulary from those targets too?"
    )
    after = targets_after(remove_partner(snap, POLICE))
    assert after["NI 20"].lead_partner == "" and after["NI 1"].partners == ()


def test_district_use_and_the_question_before_removing() -> None:
    targets = (complete("NI 1", districts=("Easterby Fens", "Marlhaven")), complete("NI 20", districts=("marlhaven",)))
    assert district_use("Marlhaven", targets) == ("NI 1", "NI 20")
    assert district_removal_question("Marlhaven", targets) == (
        "Marlhaven is part of the spatial level of NI 1 and NI 20. NI 20 applies only to Marlhaven "
        "and would then apply to the whole area. Remove Marlhaven from those targets too?"
    )
    after = targets_after(remove_district(kingsmere(*targets), MARLHAVEN))
    assert after["NI 1"].districts == ("Easterby Fens",) and after["NI 20"].districts == ()


def test_renaming_a_district_follows_it_into_spatial_levels() -> None:
    targets = (complete("NI 1", districts=("Easterby Fens", "Marlhaven")),)
    edit = rename_district(kingsmere(*targets), MARLHAVEN, "Marlhaven Borough")
    assert targets_after(edit)["NI 1"].districts == ("Easterby Fens", "Marlhaven Borough")
    with pytest.raises(ValueError, match="There is already a district called 'easterby fens'"):
        rename_district(kingsmere(), MARLHAVEN, "easterby fens")
    with pytest.raises(ValueError, match="A district needs a name"):
        add_district(kingsmere(), "")


def test_renames_and_removals_apply_and_undo_in_a_workbook(tmp_path: Path) -> None:
    """The partners table ignores case in names: renames must still apply and undo cleanly."""
    with Workbook.create(tmp_path / "a.laa", AreaProfile("Kingsmere"), catalogue(), districts=(MARLHAVEN,)) as book:
        book.apply(Edit("build", (Put(COUNTY), Put(POLICE), *(Put(t) for t in TARGETS))))
        before = book.snapshot()
        for edit in (
            rename_partner(before, COUNTY, "KINGSMERE COUNTY COUNCIL"),
            rename_partner(before, POLICE, "Kingsmere Police"),
            remove_partner(before, POLICE),
            rename_district(before, MARLHAVEN, "Marlhaven Borough"),
            remove_district(before, MARLHAVEN),
        ):
            book.apply(edit)
            assert book.snapshot() != before
            book.apply(edit.inverse())
            assert book.snapshot() == before
        book.apply(rename_partner(before, COUNTY, "KINGSMERE COUNTY COUNCIL"))
        assert [p.name for p in book.partners()] == ["Kingsmere Constabulary", "KINGSMERE COUNTY COUNCIL"]
