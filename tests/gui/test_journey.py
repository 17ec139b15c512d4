"""The issue's whole journey in one window: a new workbook for Derbyshire, built page by page as an officer would.

Every step drives the real widgets (clicks, keys, the clipboard) and then opens the workbook FILE
independently to check what it now holds: nothing is trusted to the window's own view of itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from support.gui import WRITE_WAIT_MS, assert_undo_takes_back_a_new_note, shown_window, type_a_new_note, type_into_cell
from support.records import DERBYSHIRE_DISTRICTS
from support.workbooks import notes_in_file, target_in_file

from laadesk.core.model import (
    NoteKind,
    Position,
    PositionField,
    Role,
    Status,
    Visibility,
)
from laadesk.store.workbook import Workbook
from laadesk.ui.dialogs.new_workbook_dialog import NewWorkbookDialog
from laadesk.ui.pages.indicators.model import COLUMN as INDICATOR_COLUMN
from laadesk.ui.pages.indicators.page import IndicatorsPage
from laadesk.ui.pages.negotiation.page import NegotiationPage
from laadesk.ui.pages.negotiation.years import COLUMN as YEAR_COLUMN
from laadesk.ui.pages.notes.page import NotesPage
from laadesk.ui.pages.signoff.page import RecordTable, SignOffPage
from laadesk.ui.pages.story.page import StoryPage
from laadesk.ui.pages.targets.model import CODE_ROLE, column_of
from laadesk.ui.pages.targets.page import TargetsPage
from laadesk.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# 35 designated: NI 1 to NI 30, then NI 32 to NI 36 (NI 31 is withdrawn and cannot be chosen).
DESIGNATED = [f"NI {n}" for n in (*range(1, 31), *range(32, 37))]
STATUTORY = ["NI 72", "NI 73", "NI 74", "NI 75", "NI 83", "NI 87", *(f"NI {n}" for n in range(92, 102))]
YEAR_ROW = {"2008/09": 0, "2009/10": 1, "2010/11": 2}


# -- reading the file, never the window --------------------------------------------------------


def roles_in_file(path: Path) -> dict[str, Role]:
    with Workbook.open(path, read_only=True) as workbook:
        return {t.code: t.role for t in workbook.targets()}


def position_in_file(path: Path, code: str, year: str) -> Position | None:
    with Workbook.open(path, read_only=True) as workbook:
        return next((p for p in workbook.positions() if (p.code, p.year) == (code, year)), None)


def history_in_file(path: Path, code: str) -> list[tuple[str, PositionField, float | None]]:
    with Workbook.open(path, read_only=True) as workbook:
        return [(c.year, c.field, c.value) for c in workbook.position_history() if c.code == code]


def levels_in_file(path: Path, codes: list[str]) -> list[tuple[float | None, ...]]:
    return [target_in_file(path, code).levels for code in codes]


# -- driving the window as a person would -------------------------------------------------------


def undo_text(window: MainWindow) -> str:
    return window.undo_action.text().replace("&", "").removeprefix("Undo ")


def steps(window: MainWindow) -> int:
    assert window.session is not None
    return window.session.undo_stack.index()


def go_to(window: MainWindow, qtbot: QtBot, title: str) -> object:
    """Click the page's name in the navigation list."""
    model = window.navigation.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == title)
    index = model.index(row, 0)
    qtbot.mouseClick(
        window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=window.navigation.visualRect(index).center()
    )
    page = window.stack.currentWidget()
    assert getattr(page, "title", None) == title
    return page


def click_cell(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex, modifier: Qt.KeyboardModifier) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center())


def type_in_cell(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """Click a cell, F2, type over what is there, Enter; wait for the view's queued commit."""
    click_cell(qtbot, view, index, Qt.KeyboardModifier.NoModifier)
    assert view.currentIndex() == index
    type_into_cell(qtbot, view, index, text)


def indicator_index(page: IndicatorsPage, code: str) -> QModelIndex:
    row = page.model.row_of(code)
    assert row is not None
    index = page.proxy.mapFromSource(page.model.index(row, INDICATOR_COLUMN["title"]))
    assert index.isValid(), f"{code} is hidden by the filters"
    return index


def target_cell(page: TargetsPage, code: str, key: str) -> QModelIndex:
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(CODE_ROLE) == code)
    return page.proxy.index(row, column_of(key))


def shown_target_codes(page: TargetsPage) -> list[str]:
    return [page.proxy.index(r, 0).data(CODE_ROLE) for r in range(page.proxy.rowCount())]


def record_cell(table: RecordTable, first_column_text: str, column: str) -> QModelIndex:
    for row in range(table.proxy.rowCount()):
        if table.proxy.index(row, 0).data() == first_column_text:
            return table.proxy.index(row, table.model.column_of(column))
    raise AssertionError(f"no row {first_column_text!r}")


# -- the window and its new workbook ---------------------------------------------------------------


@pytest.fixture
def fresh_window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The main window as laadesk starts: no workbook open, the start page showing."""
    main = shown_window(qtbot)
    yield main
    main.set_workbook(None)


def test_a_derbyshire_agreement_from_a_new_workbook_to_sign_off(
    fresh_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, summaries: list[str]
) -> None:
    window = fresh_window
    path = tmp_path / "derbyshire.laa"

    # 1. File > New: a workbook for Derbyshire, its profile and districts from the reference list.
    assert window.session is None and window.stack.currentWidget() is window.start_page
    monkeypatch.setattr(NewWorkbookDialog, "ask", classmethod(lambda cls, parent: ("Derbyshire", path)))
    window.files.new_action.trigger()
    assert window.session is not None and window.session.workbook.path == path
    assert window.windowTitle() == "Derbyshire - derbyshire.laa - laadesk"
    with Workbook.open(path, read_only=True) as workbook:
        area = workbook.area()
        assert (area.name, area.go_region) == ("Derbyshire", "East Midlands")
        assert tuple(d.name for d in workbook.districts()) == DERBYSHIRE_DISTRICTS
        assert workbook.targets() == () and workbook.story() == () and workbook.notes() == ()
        assert len(workbook.catalogue().statutory()) == 16

    # 2. Story of place: add a section, give it a title, write its text; written after a pause.
    story = go_to(window, qtbot, "Story of place")
    assert isinstance(story, StoryPage)
    qtbot.mouseClick(story.sections.add_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is story.heading
    qtbot.keyClicks(story.heading, "Derbyshire: the Peaks and the coalfield")
    qtbot.keyClick(story.heading, Qt.Key.Key_Return)
    qtbot.mouseClick(story.editor.viewport(), Qt.MouseButton.LeftButton)
    text = "Employment in the former coalfield lags the Dales by nine points."
    qtbot.keyClicks(story.editor, text)
    with Workbook.open(path, read_only=True) as workbook:
        assert [(s.title, s.text) for s in workbook.story()] == [("Derbyshire: the Peaks and the coalfield", "")]

    def story_in_file() -> list[tuple[str, str]]:
        with Workbook.open(path, read_only=True) as workbook:
            return [(s.title, s.text) for s in workbook.story()]

    qtbot.waitUntil(
        lambda: story_in_file() == [("Derbyshire: the Peaks and the coalfield", text)], timeout=WRITE_WAIT_MS
    )
    assert undo_text(window) == "edit story text"

    # 3. Indicators: 35 designated in one action (one undo step), then the statutory 16.
    indicators = go_to(window, qtbot, "Indicators")
    assert isinstance(indicators, IndicatorsPage)
    view = indicators.view
    click_cell(qtbot, view, indicator_index(indicators, "NI 1"), Qt.KeyboardModifier.NoModifier)
    click_cell(qtbot, view, indicator_index(indicators, "NI 30"), SHIFT)
    for code in DESIGNATED[30:]:
        click_cell(qtbot, view, indicator_index(indicators, code), CTRL)
    assert indicators.selected_codes() == DESIGNATED
    before = steps(window)
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert steps(window) == before + 1
    assert undo_text(window) == "designate 35 indicators"
    assert roles_in_file(path) == dict.fromkeys(DESIGNATED, Role.DESIGNATED)
    assert "Designated 35/35" in indicators.counts.text()

    qtbot.mouseClick(indicators.statutory, Qt.MouseButton.LeftButton)
    assert indicators.statutory.isChecked() and indicators.proxy.rowCount() == 16
    click_cell(qtbot, view, indicators.proxy.index(0, INDICATOR_COLUMN["title"]), Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL)
    assert sorted(indicators.selected_codes()) == sorted(STATUTORY)
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert steps(window) == before + 2
    qtbot.mouseClick(indicators.statutory, Qt.MouseButton.LeftButton)
    assert not indicators.statutory.isChecked()
    roles = roles_in_file(path)
    assert sum(r is Role.DESIGNATED for r in roles.values()) == 35
    assert sorted(c for c, r in roles.items() if r is Role.STATUTORY) == sorted(STATUTORY)
    assert window.summary.text().startswith("Designated 35/35 - Statutory 16/16 - ")

    # 4. Targets: NI 8's baseline and three levels typed in; NI 1 (Place Survey) deferred with its reason.
    targets = go_to(window, qtbot, "Targets")
    assert isinstance(targets, TargetsPage)
    for key, typed in (
        ("baseline", "21.2"),
        ("target_2008_09", "22"),
        ("target_2009_10", "23"),
        ("target_2010_11", "24.2"),
    ):
        type_in_cell(qtbot, targets.view, target_cell(targets, "NI 8", key), typed)
    ni8 = target_in_file(path, "NI 8")
    assert ni8 is not None and (ni8.baseline, *ni8.levels) == (21.2, 22, 23, 24.2)
    assert undo_text(window) == "change NI 8 2010/11 target"

    click_cell(qtbot, targets.view, target_cell(targets, "NI 1", "deferral_reason"), Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(targets.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClicks(combo, "Place")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: targets.view.state() != QAbstractItemView.State.EditingState, timeout=2000)
    ni1 = target_in_file(path, "NI 1")
    assert ni1 is not None and (ni1.status, ni1.deferral_reason) == (Status.DEFERRED, "Place Survey pending")
    assert undo_text(window) == "defer NI 1"
    assert " - Deferred 1 - " in window.summary.text()

    # 5. A block of levels pasted from a spreadsheet: one undo step that undo takes back whole.
    shown = shown_target_codes(targets)
    block = shown[shown.index("NI 2") : shown.index("NI 2") + 3]
    assert block == ["NI 2", "NI 3", "NI 4"]
    assert levels_in_file(path, block) == [(None, None, None)] * 3
    QApplication.clipboard().setText("61\t62\t63\r\n71.5\t72.5\t73.5\r\n81\t82\t83\r\n")
    click_cell(qtbot, targets.view, target_cell(targets, "NI 2", "target_2008_09"), Qt.KeyboardModifier.NoModifier)
    before = steps(window)
    qtbot.keyClick(targets.view, Qt.Key.Key_V, CTRL)
    pasted = [(61, 62, 63), (71.5, 72.5, 73.5), (81, 82, 83)]
    assert levels_in_file(path, block) == pasted
    assert steps(window) == before + 1 and undo_text(window) == "paste 9 cells into targets"
    assert targets.notice.text() == "9 cells pasted."
    window.undo_action.trigger()
    assert levels_in_file(path, block) == [(None, None, None)] * 3
    window.redo_action.trigger()
    assert levels_in_file(path, block) == pasted

    # 6. Negotiation: the area's proposal, government's position and the private floor for NI 8 in 2009/10.
    negotiation = go_to(window, qtbot, "Negotiation")
    assert isinstance(negotiation, NegotiationPage)
    row = negotiation.targets.row_of("NI 8")
    assert row is not None
    click_cell(qtbot, negotiation.target_view, negotiation.targets.index(row, 1), Qt.KeyboardModifier.NoModifier)
    assert negotiation.current_code() == "NI 8"
    years = negotiation.year_view
    for column, typed in (("area", "23.5"), ("government", "24"), ("floor", "23")):
        type_in_cell(qtbot, years, negotiation.years.index(YEAR_ROW["2009/10"], YEAR_COLUMN[column]), typed)
    assert position_in_file(path, "NI 8", "2009/10") == Position(
        "NI 8", "2009/10", area_proposal=23.5, government_position=24, floor=23
    )
    assert history_in_file(path, "NI 8") == [
        ("2009/10", PositionField.AREA_PROPOSAL, 23.5),
        ("2009/10", PositionField.GOVERNMENT_POSITION, 24),
        ("2009/10", PositionField.FLOOR, 23),
    ]
    assert undo_text(window) == "change NI 8 floor 2009/10"

    # 7. Champion notes: a new note, its text written after a pause.
    notes = go_to(window, qtbot, "Champion notes")
    assert isinstance(notes, NotesPage)
    champion_text = "DWP champion: NI 8 stretch depends on the Bolsover leisure centre reopening."
    written = type_a_new_note(notes, qtbot, path, champion_text)
    assert (written.author, written.date, written.visibility) == (
        window.session.workbook.author,
        date.today(),
        Visibility.INTERNAL,
    )

    # 8. Undo, step by step, across two kinds of edit (a note, then negotiating positions); then redo.
    assert_undo_takes_back_a_new_note(window, path, written.id)
    assert undo_text(window) == "change NI 8 floor 2009/10"
    window.undo_action.trigger()
    assert position_in_file(path, "NI 8", "2009/10") == Position(
        "NI 8", "2009/10", area_proposal=23.5, government_position=24
    )
    window.undo_action.trigger()
    assert position_in_file(path, "NI 8", "2009/10") == Position("NI 8", "2009/10", area_proposal=23.5)
    assert history_in_file(path, "NI 8")[-2:] == [
        ("2009/10", PositionField.FLOOR, None),  # undo is recorded in the history too, never rewritten
        ("2009/10", PositionField.GOVERNMENT_POSITION, None),
    ]
    for _ in range(4):
        window.redo_action.trigger()
    assert position_in_file(path, "NI 8", "2009/10") == Position(
        "NI 8", "2009/10", area_proposal=23.5, government_position=24, floor=23
    )
    assert notes_in_file(path)[written.id].text == champion_text
    assert not window.redo_action.isEnabled()

    # 9. Workshop mode opens at the target in hand: NI 1, chosen on the Targets page. F5, Right to the
    # next target, Ctrl+D to capture a decision, Esc to leave.
    targets = go_to(window, qtbot, "Targets")
    assert isinstance(targets, TargetsPage)
    ni_1 = targets.proxy.mapFromSource(targets.model.index(targets.model.row_of("NI 1") or 0, 0))
    click_cell(qtbot, targets.view, ni_1, Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    workshop = window.workshop.view
    assert workshop is not None and window.stack.currentWidget() is workshop
    assert workshop.codes == DESIGNATED + sorted(STATUTORY, key=lambda c: int(c[3:]))
    assert workshop.current_code == "NI 1"
    qtbot.keyClick(workshop, Qt.Key.Key_Right)
    assert workshop.current_code == "NI 2" and workshop.counter.text() == "2 of 51"
    assert "<b>62</b>" in workshop.levels.text()  # NI 2's pasted 2009/10 level
    qtbot.keyClick(workshop, Qt.Key.Key_D, CTRL)
    assert workshop.capture.hasFocus() and workshop.kind.currentText() == "decision"
    decision = "Agree NI 2 at 62 for 2009/10"
    qtbot.keyClicks(workshop.capture, decision)
    qtbot.keyClick(workshop.capture, Qt.Key.Key_Return)
    captured = [n for n in notes_in_file(path).values() if n.role == "workshop"]
    assert [(n.kind, n.text, n.indicators, n.visibility) for n in captured] == [
        (NoteKind.DECISION, decision, ("NI 2",), Visibility.SHAREABLE)
    ]
    assert summaries == []
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.workshop.view is None and window.navigation.isVisible()
    (summary,) = summaries
    assert summary.startswith("Workshop on Derbyshire: ")
    assert "Decisions (1)\n- " in summary and f"{decision} (NI 2)" in summary

    # 10. Sign-off: Derbyshire County Council adopts on 30 June 2008; GO recommends on 20 June 2008.
    # Edits after leaving workshop mode must not reach the workshop view Qt has since deleted.
    with qtbot.captureExceptions() as raised:
        sign_off = go_to(window, qtbot, "Sign-off and timetable")
        assert isinstance(sign_off, SignOffPage)
        qtbot.mouseClick(sign_off.adoptions.button("Add authority"), Qt.MouseButton.LeftButton)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(editor, "Derbyshire County Council")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        adoptions = sign_off.adoptions
        qtbot.waitUntil(lambda: adoptions.view.state() != QAbstractItemView.State.EditingState, timeout=2000)
        type_in_cell(qtbot, adoptions.view, record_cell(adoptions, "Derbyshire County Council", "date"), "30/06/2008")
        with Workbook.open(path, read_only=True) as workbook:
            assert [(a.body, a.date) for a in workbook.adoptions()] == [
                ("Derbyshire County Council", date(2008, 6, 30))
            ]
        assert undo_text(window) == "record adoption by Derbyshire County Council on 30 Jun 2008"
        qtbot.mouseClick(sign_off.form.go_date, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(sign_off.form.go_date, "20/06/2008")
        qtbot.keyClick(sign_off.form.go_date, Qt.Key.Key_Return)
        with Workbook.open(path, read_only=True) as workbook:
            assert workbook.sign_off().go_recommendation_date == date(2008, 6, 20)
            assert workbook.sign_off().secretary_of_state_date is None
        assert sign_off.form.go_date.text() == "20 Jun 2008"
        assert "GO recommended on 20 June 2008" in sign_off.progress.text()

    # Everything the journey made is in the file, together.
    with Workbook.open(path, read_only=True) as workbook:
        snapshot = workbook.snapshot()
    assert [s.title for s in snapshot.story] == ["Derbyshire: the Peaks and the coalfield"]
    assert len([t for t in snapshot.targets if t.role is Role.DESIGNATED]) == 35
    assert len([t for t in snapshot.targets if t.role is Role.STATUTORY]) == 16
    assert {n.text for n in snapshot.notes} == {champion_text, decision}

    assert not raised, "an edit after leaving workshop mode raised in a slot:\n" + "\n".join(
        f"{kind.__name__}: {value}" for kind, value, _ in raised
    )
