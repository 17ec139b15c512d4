"""Writes tests/data/workbook-format-N.laa with one record of every kind.

Run once when a workbook format ships, with the laadesk that ships it, and commit the
result; never regenerate an old one: it stands for files officers already have.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from laadesk.core.edits import Edit, Put
from laadesk.core.model import (
    ActionStatus,
    Adoption,
    AgreementState,
    AreaProfile,
    AreaType,
    ChampionNote,
    District,
    Evidence,
    Milestone,
    NoteKind,
    Partner,
    PartnerAgreement,
    Position,
    Role,
    SignOff,
    Status,
    StorySection,
    SubAreaKind,
    SubAreaTarget,
    Target,
    Tier,
    Visibility,
)
from laadesk.core.qa_ticks import QaTick
from laadesk.store.attachments import attach_bytes
from laadesk.store.migrations import SCHEMA_VERSION
from laadesk.store.reference import shipped_catalogue
from laadesk.store.versions import freeze
from laadesk.store.workbook import Workbook

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:  # run as a script: the shared test helpers are in tests/support
    sys.path.insert(0, str(TESTS))
from support.records import levels  # noqa: E402


def main() -> None:
    path = Path(__file__).with_name(f"workbook-format-{SCHEMA_VERSION}.laa")
    if path.exists():
        sys.exit(f"{path} exists: fixtures of released formats are never regenerated.")
    area = AreaProfile(
        "Fixtureshire",
        "99",
        "East Midlands",
        AreaType.COUNTY,
        Tier.TWO,
        "Fixtureshire Together",
        as_at=date(2008, 6, 20),  # format 3
    )
    with Workbook.create(path, area, shipped_catalogue(), districts=(District("Northdale"),), author="fixture") as wb:
        section = StorySection("s1", 1, "Economy", "Jobs – and “skills”, £", ("NI 116",))
        records = [
            Partner("Fixtureshire County Council", "local government"),
            Partner("Fixtureshire PCT", "health"),
            section,
            Evidence("e1", "s1", "ONS", "4.2%", date(2007, 11, 1)),
            Target(
                "NI 116",
                Role.DESIGNATED,
                rationale="poverty",
                status=Status.AGREED,
                **levels(22.5, 22.0, 21.0, 20.0),
                baseline_source="HMRC",
                units="%",
                lead_partner="Fixtureshire County Council",
                partners=("Fixtureshire PCT",),
                districts=("Northdale",),
                reward=True,
                comment="=SUM(A1)",
            ),
            Target(
                "NI 1",
                Role.DESIGNATED,
                status=Status.DEFERRED,
                deferral_reason="Place Survey pending",
                revisit_date=date(2009, 6, 30),
                lead_partner="Fixtureshire County Council",
            ),
            Target("L1", Role.LOCAL, title="Village halls in use", units="number", lead_partner="Fixtureshire PCT"),
            # Format 3: levels kept as written, a reason of "other", an area's own code.
            Target(
                "SI 14",
                Role.LOCAL,
                title="Stretch: recycling",
                baseline=31.0,
                target_2008_09_as_written="55.7 (for 2009)",
                target_2010_11_as_written="TBC",
                lead_partner="Fixtureshire PCT",
            ),
            Target(
                "NI 47",
                Role.DESIGNATED,
                status=Status.DEFERRED,
                deferral_reason="other",
                deferral_note="awaiting the DfT definition",
                lead_partner="Fixtureshire County Council",
            ),
            Position("NI 116", "2009/10", 21.5, 20.5, None, 21.8),
            ChampionNote(
                "n1",
                "A. Champion",
                "Floor is 21.8",
                NoteKind.STICKING_POINT,
                date(2008, 5, 2),
                "Negotiating Champion",
                ("NI 116",),
                Visibility.INTERNAL,
                ActionStatus.OPEN,
                "14:32",
            ),
            Adoption("a1", "Fixtureshire County Council", date(2008, 6, 10), "Cabinet", "CAB/2008/41"),
            SignOff(date(2008, 6, 12), "GO East Midlands", None, "2"),
            Milestone("m1", "Drafts to GO", date(2008, 5, 30), date(2008, 5, 29)),
            # Format 4: a partner authority, its word on a target, a target split by district.
            Partner("Northdale District Council", "local government", "district council"),
            PartnerAgreement(
                "NI 116",
                "Northdale District Council",
                AgreementState.OBJECTED,
                date(2008, 6, 3),
                "Chief Executive",
                "ND/EX/17",
                "asks for the 2010/11 level to be held",
            ),
            SubAreaTarget(
                "NI 116",
                "Northdale",
                SubAreaKind.DISTRICT,
                baseline=24.0,
                baseline_period="2007/08",
                target_2008_09=23.5,
                target_2010_11_as_written="TBC",
                units="%",
                lead_partner="Northdale District Council",
                comment="worst ward cluster",
            ),
        ]
        wb.clock = lambda: "2008-06-20T10:00:00+00:00"
        wb.apply(Edit("fixture", tuple(Put(r) for r in records)))
        freeze(wb, "Fixture agreed")  # format 5: an agreed version, and the history of both
        # Format 6: a QA reviewer's tick on a judgement item.
        wb.apply(
            Edit("tick", (Put(QaTick("peer-review", "R. Reviewer", "2008-06-21T09:00:00+00:00", "done by GOEM")),))
        )
        # Format 7: a shareable attachment and an internal one, each with its content.
        attach_bytes(wb, b"ni,level\nNI 116,22.0\n", "levels.csv", internal=False, indicators=("NI 116",))
        attach_bytes(wb, b"%PDF-1.4\n% fixture evidence pack\n%%EOF\n", "DCSF pack.pdf", internal=True)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
