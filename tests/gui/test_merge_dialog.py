"""File > Merge a Copy...: a colleague's copy merged in as one undo step, a backup first; what both
changed differently is held, and a file that is not a copy is refused in one sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.files import copy_closed
from support.workbooks import target_in_file

from laadesk.core.edits import set_fields
from laadesk.store import backups
from laadesk.store.merge import held_changes
from laadesk.store.workbook import Workbook
from laadesk.ui.dialogs.held_changes_dialog import HeldChangesDialog
from laadesk.ui.dialogs.merge_dialog import CONFLICT_WORDS, MergeDialog
from laadesk.ui.window.main_window import MainWindow
from laadesk.ui.window.merge_action import MergeFileDialog


def edit_copy(path: Path, code: str, label: str, **values: Any) -> None:
    with Workbook.open(path, author="Dev Patel") as workbook:
        found = workbook.target(code)
        assert found is not None
        workbook.apply(set_fields(found, label, **values))


def edit_here(window: MainWindow, code: str, label: str, **values: Any) -> None:
    assert window.session is not None
    found = window.session.snapshot().target(code)
    assert found is not None
    window.session.apply(set_fields(found, label, **values))


@pytest.fixture
def their_copy(demo_master: Path, tmp_path: Path) -> Path:
    """Dev's copy, parted from the demo the window opened: NI 8's 2010/11 level and units
    changed, NI 16's 2008/09 level changed."""
    theirs = copy_closed(demo_master, tmp_path / "dev's copy.laa")
    edit_copy(theirs, "NI 8", "Dev's NI 8", target_2010_11=26.0, units="per cent")
    edit_copy(theirs, "NI 16", "Dev's NI 16", target_2008_09=12.7)
    return theirs


def test_a_copy_with_a_conflict_merges_the_rest_and_holds_the_conflict(
    window: MainWindow, demo_path: Path, their_copy: Path, user_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_here(window, "NI 8", "mine", target_2010_11=25.0)
    monkeypatch.setattr(MergeFileDialog, "ask", classmethod(lambda cls, parent, folder: their_copy))
    shown: list[tuple[list[str], list[str]]] = []

    def merge_exec(dialog: MergeDialog) -> int:
        dialog.show()
        taken = [dialog.taken.item(n).text() for n in range(dialog.taken.count())]
        held = [dialog.conflicts.item(n).text() for n in range(dialog.conflicts.count())]
        shown.append((taken, held))
        dialog.merge_button.click()
        return int(dialog.result())

    held_dialogs: list[int] = []

    def held_exec(dialog: HeldChangesDialog) -> int:
        held_dialogs.append(dialog.table.rowCount())
        dialog.reject()
        return 0

    monkeypatch.setattr(MergeDialog, "exec", merge_exec)
    monkeypatch.setattr(HeldChangesDialog, "exec", held_exec)
    window.record_keeping.merge.action.trigger()
    ((taken, held),) = shown
    assert taken == ["NI 8 units: % -> per cent", "NI 16 2008/09 target: 12.8 -> 12.7"]
    assert held == [f"NI 8 2010/11 target: 25 here, 26 in the other copy - {CONFLICT_WORDS}"]
    assert held_dialogs == [1]  # Held Changes opens after a merge that held one
    assert target_in_file(demo_path, "NI 16").target_2008_09 == 12.7
    ni8 = target_in_file(demo_path, "NI 8")
    assert (ni8.target_2010_11, ni8.units) == (25.0, "per cent")  # ours kept, the rest taken
    assert len(list(backups.backup_folder().rglob("*before-merge*"))) == 1
    assert window.undo_action.text() == "&Undo merge 2 changes from dev's copy.laa"
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Merged: 2 changes taken from dev's copy.laa, 1 conflict held for you to choose.")
    )
    window.record_keeping.sign_off_menu.aboutToShow.emit()
    action = window.record_keeping.held_changes.action
    assert action.text() == "&Held Changes (1)..." and action.isEnabled()
    window.undo_action.trigger()  # one step takes the merge back, with the conflict it held
    assert target_in_file(demo_path, "NI 16").target_2008_09 == 12.8
    assert target_in_file(demo_path, "NI 8").units == "%"
    assert window.session is not None and held_changes(window.session.workbook) == ()
    window.redo_action.trigger()  # and redo brings it all back
    assert target_in_file(demo_path, "NI 16").target_2008_09 == 12.7
    assert len(held_changes(window.session.workbook)) == 1
    window.undo_action.trigger()
    # Undone, the copy's changes are the copy's again: merging it once more takes them afresh.
    shown.clear()
    window.record_keeping.merge.action.trigger()
    ((taken, held),) = shown
    assert taken == ["NI 8 units: % -> per cent", "NI 16 2008/09 target: 12.8 -> 12.7"]
    assert target_in_file(demo_path, "NI 16").target_2008_09 == 12.7


def test_a_file_that_is_not_a_copy_is_refused_in_one_sentence(
    window: MainWindow, tmp_path: Path, user_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laadesk.store.reference import area_profile, default_catalogue
    from laadesk.ui.window import merge_action

    area, districts, _ = area_profile("Derbyshire")
    other = tmp_path / "derbyshire.laa"
    Workbook.create(other, area, default_catalogue(), districts=districts).close()
    told: list[str] = []
    monkeypatch.setattr(merge_action.QMessageBox, "warning", lambda parent, title, text: told.append(text))
    assert window.record_keeping.merge.start(other) is None
    assert told == [
        "derbyshire.laa (Derbyshire) is not a copy of kingsmere.laa (Kingsmere): they are two different "
        "workbooks, so nothing was merged."
    ]
    assert not window.undo_action.isEnabled()
