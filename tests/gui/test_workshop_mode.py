"""Workshop mode, driven by keys as in a meeting room, checked against the workbook file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.gui import press_f5

from laadesk.core.edits import set_fields
from laadesk.core.model import ActionStatus, NoteKind, Visibility
from laadesk.store.workbook import Workbook
from laadesk.ui.widgets.workshop_view import WorkshopView
from laadesk.ui.window.main_window import MainWindow


def enter(window: MainWindow, qtbot: QtBot) -> WorkshopView:
    view = press_f5(window, qtbot)
    assert window.isFullScreen() and not window.navigation.isVisible()
    return view


def test_arrows_move_between_targets(window: MainWindow, qtbot: QtBot, summaries: list[str]) -> None:
    view = enter(window, qtbot)
    total = len(view.codes)
    assert view.counter.text() == f"1 of {total}" and view.current_code == "NI 1"
    assert "deferred: Place Survey pending" in view.levels.text()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.counter.text() == f"2 of {total}" and view.current_code == "NI 8"
    assert "<b>24.2</b>" in view.levels.text()  # NI 8's 2010/11 target in the demo
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.counter.text() == f"{total} of {total}"


def test_a_level_in_words_reads_as_written_in_the_room(window: MainWindow, qtbot: QtBot, summaries: list[str]) -> None:
    session = window.session
    assert session is not None
    target = next(t for t in session.snapshot().targets if t.code == "NI 8")
    session.apply(set_fields(target, "as written", target_2010_11=None, target_2010_11_as_written="12-14% <tbc>"))
    view = enter(window, qtbot)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_code == "NI 8"
    assert "<b><i style='color:#8a5a00'>as written: 12-14% &lt;tbc&gt;</i></b>" in view.levels.text()


def test_capture_a_decision_and_an_action(
    window: MainWindow, qtbot: QtBot, demo_path: Path, summaries: list[str]
) -> None:
    view = enter(window, qtbot)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # NI 8
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert view.capture.hasFocus() and view.kind.currentText() == "decision"
    qtbot.keyClicks(view.capture, "Agree 23 for 2009/10")
    qtbot.keyClick(view.capture, Qt.Key.Key_Return)
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    view.internal.setChecked(True)
    qtbot.keyClicks(view.capture, "Sport England to confirm Active People data")
    qtbot.keyClick(view.capture, Qt.Key.Key_Return)
    with Workbook.open(demo_path, read_only=True) as workbook:
        captured = [n for n in workbook.notes() if n.role == "workshop"]
    decision, action = sorted(captured, key=lambda n: n.kind.value, reverse=True)
    assert (decision.kind, decision.indicators, decision.visibility) == (
        NoteKind.DECISION,
        ("NI 8",),
        Visibility.SHAREABLE,
    )
    assert action.kind is NoteKind.ACTION and action.action_status is ActionStatus.OPEN
    assert action.visibility is Visibility.INTERNAL
    assert len(decision.time) == 5 and decision.time[2] == ":"
    window.undo_action.trigger()  # undo works inside workshop mode too
    with Workbook.open(demo_path, read_only=True) as workbook:
        assert [n.kind for n in workbook.notes() if n.role == "workshop"] == [NoteKind.DECISION]


def test_leaving_shows_what_changed(window: MainWindow, qtbot: QtBot, summaries: list[str]) -> None:
    view = enter(window, qtbot)
    session = window.session
    assert session is not None
    ni8 = session.snapshot().target("NI 8")
    assert ni8 is not None
    session.apply(set_fields(ni8, "change NI 8 2009/10 target", target_2009_10=23.5))
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.capture, "Stretch NI 8 to 23.5")
    qtbot.keyClick(view.capture, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.workshop.view is None and window.navigation.isVisible() and not window.isFullScreen()
    (text,) = summaries
    assert text.startswith("Workshop on Kingsmere: ")
    assert "Decisions (1)\n- " in text and "Stretch NI 8 to 23.5 (NI 1)" in text
    assert "Targets changed (1)\n- NI 8: 2009/10 target 23 -> 23.5\n" in text


def test_workshop_needs_a_workbook(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.workshop_action.isEnabled()
