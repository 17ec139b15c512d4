"""Workshop sessions: a captured note is stamped; the summary says what moved."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from support.records import complete, snapshot

from laadesk.core.edits import Put
from laadesk.core.model import ActionStatus, NoteKind, Position, Visibility
from laadesk.core.workshop import capture_note, summarise, summary_text

START = datetime(2008, 5, 14, 10, 0)
END = datetime(2008, 5, 14, 12, 30)


def test_capture_stamps_date_time_and_indicator() -> None:
    edit = capture_note(
        " Agree 20.5 for 2009/10 ",
        NoteKind.DECISION,
        "NI 116",
        "gone.officer",
        datetime(2008, 5, 14, 14, 32),
        Visibility.SHAREABLE,
    )
    (change,) = edit.changes
    note = change.after  # type: ignore[union-attr]
    assert (note.text, note.time, note.date.isoformat(), note.indicators) == (
        "Agree 20.5 for 2009/10",
        "14:32",
        "2008-05-14",
        ("NI 116",),
    )
    assert note.action_status is ActionStatus.NONE and note.role == "workshop"
    assert edit.label == "capture decision in workshop"
    action = capture_note("DWP to send data", NoteKind.ACTION, None, "x", START, Visibility.INTERNAL)
    assert action.changes[0].after.action_status is ActionStatus.OPEN  # type: ignore[union-attr]


def test_summary_lists_moves_positions_and_captures() -> None:
    before = snapshot(complete(), positions=(Position("NI 116", "2009/10", 21.0, 20.0),))
    decision = capture_note("Agree 20.5", NoteKind.DECISION, "NI 116", "x", END, Visibility.SHAREABLE)
    action = capture_note("Check PCT data", NoteKind.ACTION, "NI 116", "x", END, Visibility.INTERNAL)
    notes = tuple(c.after for c in decision.changes + action.changes if isinstance(c, Put))
    after = snapshot(
        replace(complete(), target_2009_10=20.5),
        complete("NI 117"),
        positions=(Position("NI 116", "2009/10", 21.0, 20.0, 20.5),),
        notes=notes,
    )
    summary = summarise(before, after, START, END)
    assert summary.target_changes == ("NI 116: 2009/10 target 21 -> 20.5", "NI 117: added as designated")
    assert summary.position_changes == ("NI 116 2009/10: agreed level (blank) -> 20.5",)
    assert [n.text for n in summary.decisions] == ["Agree 20.5"]
    text = summary_text(summary, "Kingsmere")
    assert text.splitlines()[0] == "Workshop on Kingsmere: 14 May 2008, 10:00 to 12:30"
    assert "Decisions (1)\n- 12:30 Agree 20.5 (NI 116)\n" in text
    assert "Actions (1)\n- 12:30 Check PCT data (NI 116) [internal]\n" in text
    assert "Targets changed (2)\n- NI 116: 2009/10 target 21 -> 20.5\n- NI 117: added as designated\n" in text


def test_an_idle_session_says_so() -> None:
    same = snapshot(complete())
    summary = summarise(same, same, START, END)
    assert summary.empty
    assert summary_text(summary, "Kingsmere").endswith("Nothing was changed or captured in this session.\n")
