"""Sign-off > Held Changes...: each conflict a merge held, with Keep mine and Take theirs; the menu
says how many are held, or that none are."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.files import copy_closed
from support.workbooks import target_in_file

from laadesk.core.edits import set_fields
from laadesk.store.workbook import Workbook
from laadesk.ui.dialogs.held_changes_dialog import NONE_HELD, HeldChangesDialog
from laadesk.ui.dialogs.merge_dialog import MergeDialog
from laadesk.ui.window.main_window import MainWindow
from laadesk.ui.window.merge_action import NONE_HELD_TEXT


@pytest.fixture
def two_held(window: MainWindow, demo_master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """A merge that held two conflicts: NI 8's and NI 16's 2010/11 levels."""
    theirs = copy_closed(demo_master, tmp_path / "dev.laa")
    with Workbook.open(theirs, author="Dev Patel") as workbook:
        for code, level in (("NI 8", 26.0), ("NI 16", 11.5)):
            found = workbook.target(code)
            assert found is not None
            workbook.apply(set_fields(found, f"Dev's {code}", target_2010_11=level))
    assert window.session is not None
    for code, level in (("NI 8", 25.0), ("NI 16", 11.7)):
        found = window.session.snapshot().target(code)
        assert found is not None
        window.session.apply(set_fields(found, f"mine {code}", target_2010_11=level))
    monkeypatch.setattr(MergeDialog, "ask", classmethod(lambda cls, parent, merged: True))
    monkeypatch.setattr(HeldChangesDialog, "exec", lambda dialog: 0)  # not now
    window.record_keeping.merge.start(theirs)
    return window


def test_the_menu_counts_what_is_held_and_says_when_nothing_is(window: MainWindow) -> None:
    held = window.record_keeping.held_changes
    window.record_keeping.sign_off_menu.aboutToShow.emit()
    assert held.action.text() == NONE_HELD_TEXT and not held.action.isEnabled()


def test_keep_mine_and_take_theirs(
    two_held: MainWindow, demo_path: Path, user_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = two_held
    held = window.record_keeping.held_changes
    window.record_keeping.sign_off_menu.aboutToShow.emit()
    assert held.action.text() == "&Held Changes (2)..." and held.action.isEnabled()
    rows: list[list[str]] = []

    def decide(dialog: HeldChangesDialog) -> int:
        table = dialog.table
        rows.extend([table.item(r, c).text() for c in range(4)] for r in range(table.rowCount()))
        keep, _ = dialog.buttons_for(0)  # NI 8: keep this workbook's 25
        keep.click()
        assert dialog.table.rowCount() == 1
        assert dialog.notice.text().startswith("Kept this workbook's value: NI 8 2010/11 target")
        _, take = dialog.buttons_for(0)  # NI 16: take Dev's 11.5
        take.click()
        assert dialog.table.isHidden() and dialog.empty.text() == NONE_HELD
        dialog.reject()
        return 0

    monkeypatch.setattr(HeldChangesDialog, "exec", decide)
    held.action.trigger()
    assert rows == [
        ["NI 8 2010/11 target", "25", "26", "dev.laa"],
        ["NI 16 2010/11 target", "11.7", "11.5", "dev.laa"],
    ]
    assert target_in_file(demo_path, "NI 8").target_2010_11 == 25.0
    assert target_in_file(demo_path, "NI 16").target_2010_11 == 11.5
    assert window.session is not None and window.session.snapshot().target("NI 16").target_2010_11 == 11.5  # type: ignore[union-attr]
    assert held.action.text() == NONE_HELD_TEXT and not held.action.isEnabled()
    assert "not on the Undo list" in window.statusBar().currentMessage()
