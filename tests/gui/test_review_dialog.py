"""File > Import Returned Table: nothing from a council's table is written straight in - each change
is reviewed, and only those accepted land, as one undo step; a level for an agreed year lands as the
area's proposal unless "write over the agreed level" is ticked; a comment becomes a shareable note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from support.workbooks import notes_in_file, targets_in_file

from laadesk.core.model import Visibility
from laadesk.core.review import LEVEL, NOTE, PROPOSAL
from laadesk.store import backups
from laadesk.store.workbook import Workbook
from laadesk.ui.dialogs.import_dialog import ImportDialog
from laadesk.ui.dialogs.review_dialog import ReviewDialog, lands_words
from laadesk.ui.window.main_window import MainWindow
from laadesk.ui.window.table_import import ImportFileDialog

# NI 16's three years are agreed in the demo's negotiation (12.8, 12.3, 11.9); NI 8's are not.
RETURNED = (
    "NI ref,Baseline,Target 08/09,2009/10 target,10/11,Comments\n"
    "NI 16,13.2,12.6,12.3,11.5,\n"
    "NI 8,21.3,22,23,24.2,+2 points\n"
)


def returned_table(folder: Path) -> Path:
    path = folder / "returned.csv"
    path.write_text(RETURNED, encoding="utf-8")
    return path


def positions_in_file(path: Path, code: str) -> dict[str, tuple[float | None, float | None]]:
    """Year -> (agreed level, area's proposal) in the negotiation ledger."""
    with Workbook.open(path, read_only=True) as workbook:
        return {p.year: (p.agreed_level, p.area_proposal) for p in workbook.snapshot().positions if p.code == code}


@pytest.fixture
def review(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[[Callable[[ReviewDialog], bool]], list[str]]:
    """Import the returned table: the column dialog accepted as laadesk reads it, the review dialog
    driven by `steps` (True imports, False cancels). The review's rows are listed, as shown."""
    source = returned_table(tmp_path)
    monkeypatch.setattr(ImportFileDialog, "ask", classmethod(lambda cls, parent, folder: source))

    def columns(dialog: ImportDialog) -> int:
        dialog.show()
        dialog.show_summary()
        assert dialog.import_button.isEnabled(), dialog.summary.toPlainText()
        dialog.import_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ImportDialog, "exec", columns)

    def driven(steps: Callable[[ReviewDialog], bool]) -> list[str]:
        rows: list[str] = []

        def exec_(dialog: ReviewDialog) -> int:
            dialog.show()
            rows.extend(f"{p.sentence} | {lands_words(p)}" for p in dialog.proposals)
            if steps(dialog):
                dialog.import_button.click()
            else:
                dialog.reject()
            return int(dialog.result())

        monkeypatch.setattr(ReviewDialog, "exec", exec_)
        window.table_import.action.trigger()
        return rows

    return driven


def number(dialog: ReviewDialog, start: str) -> int:
    return next(p.number for p in dialog.proposals if p.sentence.startswith(start))


def test_accepting_a_subset_lands_only_those_as_one_undo_step(
    window: MainWindow, demo_path: Path, user_data: Path, review: Callable[..., list[str]]
) -> None:
    before = targets_in_file(demo_path), positions_in_file(demo_path, "NI 16"), set(notes_in_file(demo_path))
    chosen: list[int] = []

    def steps(dialog: ReviewDialog) -> bool:
        assert dialog.windowTitle() == "Review the changes in returned.csv"
        dialog.set_all(False)
        assert not dialog.import_button.isEnabled()
        dialog.set_kind(PROPOSAL, True)  # all the area's proposals
        dialog.set_accepted([number(dialog, "NI 8 baseline")])
        chosen.extend(dialog.accepted_numbers())
        assert dialog.chosen.text().startswith(f"{len(chosen)} of {len(dialog.proposals)} changes will be imported")
        return True

    rows = review(steps)
    assert "NI 16 2008/09 target 12.8 -> 12.6 (more ambitious) | area's proposal (agreed level 12.8 stays)" in rows
    assert "NI 8 baseline 21.2 -> 21.3 | level" in rows
    assert 'NI 8 comment: "+2 points" | champion note (shareable)' in rows
    assert "NI 16 comment changed | written to the target" in rows  # a blank comment cell
    assert len(chosen) == 3  # NI 16's two changed years, and NI 8's baseline
    after = targets_in_file(demo_path)
    assert after["NI 8"].baseline == 21.3
    assert after["NI 8"].comment == before[0]["NI 8"].comment  # the comment was not accepted
    assert after["NI 16"].levels == before[0]["NI 16"].levels  # agreed years: never written over
    ledger = positions_in_file(demo_path, "NI 16")
    assert ledger["2008/09"] == (12.8, 12.6) and ledger["2010/11"] == (11.9, 11.5)
    assert ledger["2009/10"] == before[1]["2009/10"]  # the same in the file: no change proposed
    assert set(notes_in_file(demo_path)) == before[2]
    assert len(list(backups.backup_folder().rglob("*before-import*"))) == 1
    assert window.undo_action.text() == "&Undo import 3 of 5 changes from returned.csv"
    assert window.statusBar().currentMessage().startswith("Imported 3 of 5 changes from returned.csv.")
    window.undo_action.trigger()  # one step takes it all back
    assert targets_in_file(demo_path) == before[0] and positions_in_file(demo_path, "NI 16") == before[1]
    assert not window.undo_action.isEnabled()


def test_write_over_the_agreed_level_and_a_comment_as_a_shareable_note(
    window: MainWindow, demo_path: Path, user_data: Path, review: Callable[..., list[str]]
) -> None:
    def steps(dialog: ReviewDialog) -> bool:
        dialog.set_all(False)
        over = number(dialog, "NI 16 2010/11")
        dialog.set_accepted([over, number(dialog, "NI 8 comment")])
        dialog.set_overwrite(over)
        assert dialog.overwrite_numbers() == [over]
        assert "1 will write over an agreed level" in dialog.chosen.text()
        return True

    review(steps)
    after = targets_in_file(demo_path)
    assert after["NI 16"].target_2010_11 == 11.5  # written over, as ticked
    assert after["NI 16"].target_2008_09 == 12.8  # not accepted
    assert after["NI 8"].comment != "+2 points"  # the target's comment stays; the council's is a note
    (note,) = [n for n in notes_in_file(demo_path).values() if n.text == "+2 points"]
    assert note.indicators == ("NI 8",) and note.visibility is Visibility.SHAREABLE
    assert note.author == "returned table returned.csv"


def test_kinds_are_accepted_and_rejected_together_and_cancel_writes_nothing(
    window: MainWindow, demo_path: Path, user_data: Path, review: Callable[..., list[str]]
) -> None:
    before = demo_path.read_bytes()

    def steps(dialog: ReviewDialog) -> bool:
        kinds = {p.lands for p in dialog.proposals}
        assert kinds == {LEVEL, PROPOSAL, NOTE}
        dialog.set_all(True)
        dialog.set_kind(LEVEL, False)
        levels = {p.number for p in dialog.proposals if p.lands == LEVEL}
        assert set(dialog.accepted_numbers()) == {p.number for p in dialog.proposals} - levels
        dialog.reject_all.click()
        assert dialog.accepted_numbers() == []
        dialog.accept_all.click()
        assert len(dialog.accepted_numbers()) == len(dialog.proposals)
        return False

    review(steps)
    assert demo_path.read_bytes() == before
    assert not window.undo_action.isEnabled()
    assert list(backups.backup_folder().rglob("*before-import*")) == []
    assert window.statusBar().currentMessage() == "returned.csv: nothing was imported."


def test_the_file_menu_names_the_returned_table(window: MainWindow, qtbot: QtBot) -> None:
    assert window.table_import.action.text() == "&Import Returned Table..."
    assert window.table_import.action.shortcut().toString() == "Ctrl+I"
