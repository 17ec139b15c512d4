"""Every released workbook format opens in this laadesk, with nothing lost."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from laadesk.core.model import AgreementState, Role, SubAreaKind, Visibility
from laadesk.store.attachments import content_of
from laadesk.store.history import read_entries
from laadesk.store.migrations import MIGRATIONS, SCHEMA_VERSION
from laadesk.store.versions import versions
from laadesk.store.workbook import Workbook

DATA = Path(__file__).resolve().parent.parent / "data"
FIXTURES = sorted(DATA.glob("workbook-format-*.laa"))


def test_there_is_a_fixture_for_every_released_format() -> None:
    versions = sorted(int(re.findall(r"\d+", p.stem)[0]) for p in FIXTURES)
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_migrations_are_numbered_and_documented() -> None:
    for number, migration in enumerate(MIGRATIONS, start=1):
        assert migration.__name__.startswith(f"m{number:04d}_")
        assert migration.__doc__ and migration.__doc__.startswith(f"{number:04d}_")


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_opens_and_upgrades(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    with Workbook.open(copy) as workbook:
        assert workbook.schema_version == SCHEMA_VERSION
        snapshot = workbook.snapshot()
    assert snapshot.area.name == "Fixtureshire"
    ni116 = snapshot.target("NI 116")
    assert ni116 is not None and ni116.levels == (22.0, 21.0, 20.0) and ni116.districts == ("Northdale",)
    ni1 = snapshot.target("NI 1")
    assert ni1 is not None and ni1.deferral_reason == "Place Survey pending"
    assert ni1.revisit_date == date(2009, 6, 30)
    assert snapshot.target("L1") is not None and snapshot.target("L1").role is Role.LOCAL  # type: ignore[union-attr]
    assert snapshot.positions[0].floor == 21.8
    assert snapshot.notes[0].visibility is Visibility.INTERNAL
    format_written = int(re.findall(r"\d+", fixture.stem)[0])
    # 0002 added the time a note was captured; older notes read as blank, not as damage.
    assert snapshot.notes[0].time == ("14:32" if format_written >= 2 else "")
    assert snapshot.story[0].text == "Jobs – and “skills”, £"
    # 0003 kept levels as written, the "as at" date and the sentence after "other:"; older files read blank.
    if format_written >= 3:
        assert snapshot.area.as_at == date(2008, 6, 20)
        own = snapshot.target("SI 14")
        assert own is not None and own.written_levels == {"target_2008_09": "55.7 (for 2009)", "target_2010_11": "TBC"}
        other = snapshot.target("NI 47")
        assert other is not None and (other.deferral_reason, other.deferral_note) == (
            "other",
            "awaiting the DfT definition",
        )
    else:
        assert snapshot.area.as_at is None and ni116.written_levels == {} and ni116.deferral_note == ""
    assert snapshot.adoptions[0].minute_reference == "CAB/2008/41"  # the county's adoption stays an adoption
    assert snapshot.milestones[0].done == date(2008, 5, 29)
    assert len(snapshot.catalogue.indicators) == 199
    # 0004 added partner authorities' agreements and sub-area targets; older files have none.
    if format_written >= 4:
        (agreement,) = snapshot.agreements
        assert (agreement.code, agreement.partner, agreement.state) == (
            "NI 116",
            "Northdale District Council",
            AgreementState.OBJECTED,
        )
        assert (agreement.date, agreement.reference, agreement.note) == (
            date(2008, 6, 3),
            "ND/EX/17",
            "asks for the 2010/11 level to be held",
        )
        (split,) = snapshot.sub_areas
        assert (split.sub_area, split.kind, split.baseline, split.levels) == (
            "Northdale",
            SubAreaKind.DISTRICT,
            24.0,
            (23.5, None, None),
        )
        assert split.as_written("target_2010_11") == "TBC"
        kinds = {p.name: p.authority_kind for p in snapshot.partners}
        assert kinds == {
            "Fixtureshire County Council": "",
            "Fixtureshire PCT": "",
            "Northdale District Council": "district council",
        }
    else:
        assert snapshot.agreements == () and snapshot.sub_areas == ()
        assert all(p.authority_kind == "" for p in snapshot.partners)
    # 0005 added the history, the agreed versions and the identity copies share.
    with Workbook.open(copy, read_only=True) as workbook:
        found = versions(workbook)
        entries = list(read_entries(workbook))
        assert len(workbook.workbook_id) == 32
    if format_written >= 5:
        assert [(v.label, v.verified, v.when) for v in found] == [("Fixture agreed", True, "2008-06-20T10:00:00+00:00")]
        upgraded_now = {"migrated"} if format_written < SCHEMA_VERSION else set()
        attached = {"attached"} if format_written >= 7 else set()
        assert {e.how for e in entries} == {"typed", "agreed"} | upgraded_now | attached
        assert any(e.ni == "NI 116" and e.op == "added" for e in entries)
    else:
        assert found == ()
        (upgraded,) = entries  # the one entry an older workbook starts its history with
        assert (upgraded.how, upgraded.field, upgraded.before, upgraded.after) == (
            "migrated",
            "format",
            format_written,
            SCHEMA_VERSION,
        )
    # 0006 added the QA reviewer's ticks; older files have none.
    expected_ticks = [("peer-review", "R. Reviewer", "done by GOEM")] if format_written >= 6 else []
    assert [(t.item, t.who, t.comment) for t in snapshot.qa_ticks] == expected_ticks
    # 0007 added attachments, shareable and internal, each with its content; older files have none.
    shared = [(a.name, a.kind, a.indicators) for a in snapshot.attachments]
    internal = [(a.name, a.kind) for a in snapshot.internal_attachments]
    if format_written >= 7:
        assert (shared, internal) == ([("levels.csv", "CSV", ("NI 116",))], [("DCSF pack.pdf", "PDF")])
        with Workbook.open(copy, read_only=True) as workbook:
            assert content_of(workbook, snapshot.attachments[0]) == b"ni,level\nNI 116,22.0\n"
    else:
        assert (shared, internal) == ([], [])


def test_copies_of_an_older_workbook_upgraded_apart_share_their_identity_and_first_entry(tmp_path: Path) -> None:
    made = []
    for name in ("mine.laa", "theirs.laa"):
        shutil.copy(DATA / "workbook-format-4.laa", tmp_path / name)
        with Workbook.open(tmp_path / name, backup_folder=tmp_path / "backups") as workbook:
            made.append((workbook.workbook_id, next(read_entries(workbook)).change_id))
    assert made[0] == made[1]


def test_a_district_councils_adoption_becomes_its_agreement_to_the_targets_it_is_named_on(tmp_path: Path) -> None:
    copy = tmp_path / "three.laa"
    shutil.copy(DATA / "workbook-format-3.laa", copy)
    with sqlite3.connect(copy) as db:  # as a format-3 workbook recorded a district's "adoption"
        db.execute("INSERT INTO partners (name, sector) VALUES ('Northdale Borough Council', 'local government')")
        db.execute(
            "UPDATE targets SET partners = ? WHERE code = 'NI 116'",
            (json.dumps(["Fixtureshire PCT", "Northdale Borough Council"]),),
        )
        db.execute("UPDATE targets SET lead_partner = 'Northdale Borough Council' WHERE code = 'L1'")
        db.execute(
            "INSERT INTO adoptions (id, body, date, decision_maker, minute_reference) VALUES "
            "('a2', 'Northdale Borough Council', '2008-06-17', 'Executive', 'EX/08/112'), "
            "('a3', 'Northdale District Residents Forum', '2008-06-18', '', '')"
        )
    db.close()
    with Workbook.open(copy) as workbook:
        snapshot = workbook.snapshot()
    assert {a.body for a in snapshot.adoptions} == {"Fixtureshire County Council", "Northdale District Residents Forum"}
    agreed = {(a.code, a.partner, a.state, a.date, a.who, a.reference) for a in snapshot.agreements}
    assert agreed == {
        (code, "Northdale Borough Council", AgreementState.AGREED, date(2008, 6, 17), "Executive", "EX/08/112")
        for code in ("NI 116", "L1")
    }
    assert all("adoption" in a.note for a in snapshot.agreements)
    assert {p.name: p.authority_kind for p in snapshot.partners}["Northdale Borough Council"] == "district council"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_read_only_leaves_file_untouched(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    before = copy.read_bytes()
    with Workbook.open(copy, read_only=True) as workbook:
        assert workbook.schema_version == SCHEMA_VERSION
        assert workbook.area().name == "Fixtureshire"
    assert copy.read_bytes() == before
