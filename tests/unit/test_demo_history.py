"""The demo's negotiation history is dated in its own story (spring 2008), by the officer who keeps it."""

from __future__ import annotations

from datetime import UTC, datetime

from laadesk.core.model import PositionField
from laadesk.core.snapshot import WorkbookSnapshot


def test_every_change_is_dated_in_the_story_by_a_person(demo_snapshot: WorkbookSnapshot) -> None:
    history = demo_snapshot.position_history
    assert len(history) == sum(
        sum(1 for f in PositionField if getattr(p, f.value) is not None) for p in demo_snapshot.positions
    )
    moments = [datetime.fromisoformat(c.when) for c in history]
    assert min(moments) >= datetime(2008, 4, 1, tzinfo=UTC)
    assert max(moments) <= datetime.combine(demo_snapshot.area.as_at, datetime.min.time(), UTC)
    assert {c.who for c in history} == {"Ruth Calloway"}  # GOEM's locality manager in the demo's notes


def test_the_history_tells_proposals_then_answers_then_agreement(demo_snapshot: WorkbookSnapshot) -> None:
    ni_16 = {c.field: c.when[:10] for c in demo_snapshot.position_history if c.code == "NI 16"}
    assert ni_16[PositionField.AREA_PROPOSAL] < ni_16[PositionField.GOVERNMENT_POSITION]
    assert ni_16[PositionField.GOVERNMENT_POSITION] == ni_16[PositionField.FLOOR]
    assert ni_16[PositionField.AGREED_LEVEL] == "2008-05-14"  # the day the champion's note says it was agreed
    ni_130 = {c.field for c in demo_snapshot.position_history if c.code == "NI 130"}
    assert PositionField.AGREED_LEVEL not in ni_130  # still open in the story
