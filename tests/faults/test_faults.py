"""Faults on real files: a full disk, a read-only file or folder, a file moved or deleted while open,
a drive pulled out or failing under a save. Each gives one sentence, keeps what is open readable,
and leaves nothing half-written on disk.

The window's side of the same faults is tests/gui/test_faults_gui.py.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fault_conditions import integrity, small_disk, stored, writes_fail_beyond
from support.files import copy_closed, digest, journal_state

from laadesk.core.edits import Edit, Put, add, set_fields
from laadesk.core.errors import WorkbookProblem, WorkbookUnavailable
from laadesk.core.model import AreaProfile, ChampionNote, NoteKind
from laadesk.export.atomic import replacing
from laadesk.store import opening
from laadesk.store.copies import save_copy
from laadesk.store.reference import shipped_catalogue
from laadesk.store.workbook import Workbook

BLOCK = 4096  # tmpfs allocates whole pages


def big_paste(workbook: Workbook) -> Edit:
    """A paste onto every target plus a long note: one edit that needs the file to grow by many pages."""
    changes: list[Put] = [Put(replace(t, comment="pasted " * 400), t) for t in workbook.targets()]
    text = "agreed subject to the floor " * 700
    note = ChampionNote("fault-note", "Tester", text, NoteKind.DECISION, date(2008, 5, 1))
    return Edit("paste", (*changes, Put(note)))


def comments(path: Path) -> list[tuple[object, ...]]:
    return stored(path, "SELECT code, comment FROM targets ORDER BY code")


def assert_untouched(path: Path, before: str) -> None:
    """Nothing half-written: the file is byte for byte the last complete save, no save left hanging."""
    assert journal_state(path) != "hot"
    assert digest(path) == before
    assert integrity(path) == "ok"


# -- a full disk ---------------------------------------------------------------------------------


def test_a_full_disk_is_a_sentence_and_the_workbook_carries_on(demo_master: Path, tmp_path: Path) -> None:
    """SQLite's own limit on the file's size (max_page_count) fails an edit exactly as a full disk does."""
    path = copy_closed(demo_master, tmp_path / "kingsmere.laa")
    with Workbook.open(path) as workbook:
        earlier = workbook.targets()[0]
        workbook.apply(set_fields(earlier, "earlier", comment="before the disk filled"))
        before, notes = digest(path), workbook.notes()
        pages = workbook._db.execute("PRAGMA page_count").fetchone()[0]
        workbook._db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(WorkbookUnavailable) as caught:
            workbook.apply(big_paste(workbook))
        assert str(caught.value) == f"The disk holding {path} is full; the last change was not saved."
        assert workbook.notes() == notes  # what is open still reads, without the failed edit
        assert_untouched(path, before)
        workbook._db.execute(f"PRAGMA max_page_count = {pages * 10}")  # room again: the same edit goes in
        workbook.apply(big_paste(workbook))
    assert {comment for _, comment in comments(path)} == {"pasted " * 400}


def test_a_disk_filling_up_at_every_point_of_a_save_never_leaves_it_half_written(
    demo_master: Path, tmp_path: Path
) -> None:
    """A real full filesystem, with the free space a save finds stepped a block at a time: the disk
    fills while the journal is written (the file untouched) or while the file itself is written
    (SQLite rolls it back from the journal). Either way: the sentence, and the file as it was."""
    outcomes: dict[str, int] = {"saved": 0, "full while journalling": 0, "full while writing the file": 0}
    with small_disk(tmp_path / "disk", 2048) as disk:
        for free in range(0, 180):
            for old in disk.folder.iterdir():
                old.unlink()
            path = copy_closed(demo_master, disk.folder / "kingsmere.laa")
            with Workbook.open(path) as workbook:
                paste = big_paste(workbook)
                disk.fill(leave=free * BLOCK)
                before, modified = digest(path), path.stat().st_mtime_ns
                try:
                    workbook.apply(paste)
                except WorkbookUnavailable as problem:
                    assert str(problem) == f"The disk holding {path} is full; the last change was not saved."
                    assert_untouched(path, before)
                    touched = path.stat().st_mtime_ns != modified
                    outcomes["full while writing the file" if touched else "full while journalling"] += 1
                    assert len(workbook.targets()) == len(paste.changes) - 1  # still readable
                    disk.make_room()
                    workbook.apply(paste)  # room again: the same connection saves it whole
                else:
                    outcomes["saved"] += 1
                    disk.make_room()
            assert integrity(path) == "ok"
            assert {comment for _, comment in comments(path)} == {"pasted " * 400}
    assert all(outcomes.values()), outcomes  # every case was met, so every case was checked


# -- read-only files and folders -------------------------------------------------------------------


def test_a_workbook_on_a_write_protected_disk_opens_and_refuses_changes_with_a_sentence(
    demo_master: Path, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "stick", 1024) as disk:
        path = copy_closed(demo_master, disk.folder / "kingsmere.laa")
        disk.write_protect()
        before = digest(path)
        with Workbook.open(path) as workbook:
            target = workbook.targets()[0]
            with pytest.raises(WorkbookUnavailable) as caught:
                workbook.apply(set_fields(target, "change", comment="on a locked stick"))
            assert str(caught.value) == f"{path} is read-only; changes cannot be saved to it."
            assert workbook.target(target.code) == target
            save_copy(workbook, tmp_path / "rescued.laa")  # the way out: a copy somewhere writable
        assert_untouched(path, before)
        assert sorted(p.name for p in disk.folder.iterdir()) == ["kingsmere.laa"]  # no journal, no lock
    with Workbook.open(tmp_path / "rescued.laa", read_only=True) as copy:
        assert copy.target(target.code) == target


def test_a_file_sqlite_cannot_write_says_read_only(demo_master: Path, tmp_path: Path) -> None:
    """Without mounting anything: a connection that cannot write (as root, chmod does not stop writes)."""
    path = copy_closed(demo_master, tmp_path / "kingsmere.laa")
    before = digest(path)
    workbook = Workbook(path, opening.connect(path, read_only=True), read_only=False, author="tester")
    try:
        with pytest.raises(WorkbookUnavailable) as caught:
            workbook.apply(big_paste(workbook))
        assert str(caught.value) == f"{path} is read-only; changes cannot be saved to it."
        assert len(workbook.targets()) > 0
    finally:
        workbook.close()
    assert_untouched(path, before)


READ_ONLY_CLEAN_UP = (  # fixed: clean-up on a read-only drive no longer hides the real sentence
    "Cleaning up after a failed write calls Path.unlink(missing_ok=True), which on a read-only "
    "filesystem raises EROFS instead of FileNotFoundError; see docs/crash-harness.md (faults found)"
)


def test_a_new_workbook_in_a_write_protected_folder_is_a_sentence(tmp_path: Path) -> None:
    with small_disk(tmp_path / "stick", 256, read_only=True) as disk:
        path = disk.folder / "new.laa"
        with pytest.raises(WorkbookProblem) as caught:
            Workbook.create(path, AreaProfile("Kingsmere"), shipped_catalogue())
        assert str(caught.value) == f"Cannot create {path}: the folder {disk.folder} cannot be written to."
        assert list(disk.folder.iterdir()) == []


def test_a_copy_into_a_write_protected_folder_is_a_sentence(demo_master: Path, tmp_path: Path) -> None:
    path = copy_closed(demo_master, tmp_path / "kingsmere.laa")
    with small_disk(tmp_path / "stick", 256, read_only=True) as disk, Workbook.open(path) as workbook:
        target = disk.folder / "copy.laa"
        with pytest.raises(WorkbookProblem) as caught:
            save_copy(workbook, target)
        assert str(caught.value).startswith(f"Cannot write the copy {target}: ")
        assert list(disk.folder.iterdir()) == []


def test_an_export_into_a_write_protected_folder_is_a_sentence(tmp_path: Path) -> None:
    with small_disk(tmp_path / "stick", 256, read_only=True) as disk:
        target = disk.folder / "targets.csv"
        with pytest.raises(WorkbookProblem) as caught, replacing(target) as handle:
            handle.write("ni,title\n")
        assert str(caught.value) == f"Cannot write {target}: Read-only file system."


def test_an_export_into_a_full_folder_is_a_sentence_and_leaves_nothing_behind(tmp_path: Path) -> None:
    with small_disk(tmp_path / "stick", 256) as disk:
        disk.fill()
        with pytest.raises(WorkbookProblem) as caught, replacing(disk.folder / "t.csv") as handle:
            handle.write("x" * 100_000)
        assert str(caught.value) == f"Cannot write {disk.folder / 't.csv'}: No space left on device."
        assert sorted(p.name for p in disk.folder.iterdir()) == ["filler.bin"]  # no partial file left


def test_a_copy_onto_a_full_disk_names_the_copy_not_the_workbook(demo_master: Path, tmp_path: Path) -> None:
    path = copy_closed(demo_master, tmp_path / "kingsmere.laa")
    with small_disk(tmp_path / "stick", 256) as disk, Workbook.open(path) as workbook:
        disk.fill()
        with pytest.raises(WorkbookProblem) as caught:
            save_copy(workbook, disk.folder / "copy.laa")
        assert sorted(p.name for p in disk.folder.iterdir()) == ["filler.bin"]  # no partial copy left
        assert str(caught.value).startswith(f"Cannot write the copy {disk.folder / 'copy.laa'}: ")


# -- the file moved, deleted or replaced while open, the drive pulled out ----------------------------


def moved_sentence(path: Path) -> str:
    return (
        f"{path} was moved, renamed or deleted while open (or its drive was removed), so the last change was "
        "not saved. Nothing is lost from the window: use Save a Copy As to keep your work."
    )


def comment_on_the_first_target(workbook: Workbook) -> str:
    """The first target's comment set to "agreed in the workshop", a change saved while the file is where it
    was opened; the target's code."""
    target = workbook.targets()[0]
    workbook.apply(set_fields(target, "earlier", comment="agreed in the workshop"))
    return target.code


def assert_a_change_is_refused(workbook: Workbook, code: str, path: Path) -> None:
    """A change to the target's comment now is refused with the sentence for a workbook gone from path."""
    with pytest.raises(WorkbookUnavailable) as caught:
        workbook.apply(set_fields(workbook.target(code), "later", comment="never saved"))
    assert str(caught.value) == moved_sentence(path)


def test_a_workbook_moved_while_open_is_not_written_and_stays_whole(demo_master: Path, tmp_path: Path) -> None:
    path = copy_closed(demo_master, tmp_path / "shared" / "kingsmere.laa")
    with Workbook.open(path) as workbook:
        code = comment_on_the_first_target(workbook)
        moved = tmp_path / "archive.laa"
        path.rename(moved)
        before = digest(moved)
        assert_a_change_is_refused(workbook, code, path)
        assert workbook.target(code).comment == "agreed in the workshop"  # still reads
    assert_untouched(moved, before)
    assert stored(moved, "SELECT comment FROM targets WHERE code = ?", (code,)) == [("agreed in the workshop",)]
    assert sorted(p.name for p in path.parent.iterdir()) == []  # nothing made again where it was


def test_a_workbook_deleted_while_open_can_still_be_saved_as_a_copy(demo_master: Path, tmp_path: Path) -> None:
    path = copy_closed(demo_master, tmp_path / "shared" / "kingsmere.laa")
    with Workbook.open(path) as workbook:
        code = comment_on_the_first_target(workbook)
        expected = workbook.snapshot()
        path.unlink()
        assert_a_change_is_refused(workbook, code, path)
        rescued = tmp_path / "rescued.laa"
        save_copy(workbook, rescued)  # the open connection still holds every page
    assert not path.exists() and not Path(f"{path}-journal").exists()
    assert integrity(rescued) == "ok"
    with Workbook.open(rescued, read_only=True) as copy:
        assert copy.snapshot() == expected


def test_a_different_workbook_put_in_its_place_is_never_written(demo_master: Path, tmp_path: Path) -> None:
    """The folder swapped for another (a different stick with the same layout, a share remapped): the
    open workbook must not write into whatever file now has its name."""
    folder = tmp_path / "stick"
    path = copy_closed(demo_master, folder / "kingsmere.laa")
    other = tmp_path / "other.laa"
    Workbook.create(other, AreaProfile("Wenmoor"), shipped_catalogue()).close()
    with Workbook.open(path) as workbook:
        folder.rename(tmp_path / "stick-gone")
        folder.mkdir()
        shutil.copyfile(other, path)
        before = digest(path)
        with pytest.raises(WorkbookUnavailable) as caught:
            workbook.apply(set_fields(workbook.area(), "rename", name="Kingsmere and Wenmoor"))
        assert str(caught.value) == moved_sentence(path)
        assert workbook.area().name == "Kingsmere"
    assert digest(path) == before and journal_state(path) == "none"
    assert stored(path, "SELECT name FROM area") == [("Wenmoor",)]


def test_a_usb_stick_pulled_out_while_open(demo_master: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "stick", 1024) as disk:
        path = copy_closed(demo_master, disk.folder / "kingsmere.laa")
        with Workbook.open(path) as workbook:
            code = comment_on_the_first_target(workbook)
            expected = workbook.snapshot()
            disk.pull()
            assert_a_change_is_refused(workbook, code, path)
            assert workbook.snapshot() == expected  # the window's workbook still reads in full
            save_copy(workbook, tmp_path / "rescued.laa")
        assert list(disk.folder.iterdir()) == []  # nothing written where the stick was
    with Workbook.open(tmp_path / "rescued.laa", read_only=True) as copy:
        assert copy.snapshot() == expected


@pytest.mark.parametrize("cut", [0, 4 * BLOCK, 25 * BLOCK, 45 * BLOCK, 55 * BLOCK, 70 * BLOCK])
def test_a_drive_failing_under_a_save_leaves_the_last_complete_save(
    demo_master: Path, tmp_path: Path, cut: int
) -> None:
    """Writes refused past a point (EFBIG, reported by SQLite as a disk I/O error): at 0 nothing is
    written at all; further in, the journal is complete and the file itself half-written when the
    drive fails, so a hot journal is left to put it right, as after a pulled stick or a power cut."""
    path = copy_closed(demo_master, tmp_path / "kingsmere.laa")
    before = digest(path)
    workbook = Workbook.open(path)
    paste = big_paste(workbook)
    with writes_fail_beyond(cut), pytest.raises(WorkbookUnavailable) as caught:
        workbook.apply(paste)
    assert str(caught.value) == f"{path} could not be read or written (disk I/O error); is the drive still there?"
    left = journal_state(path)
    for name in os.listdir(tmp_path):  # the state a crash now would leave, kept for reopening
        if name.startswith("kingsmere.laa"):
            shutil.copyfile(tmp_path / name, tmp_path / f"crashed-{name}")
    workbook.close()
    # The drive is back: the file as laadesk opens it next is the last complete save.
    with Workbook.open(path) as reopened:
        notes = reopened.notes()
    assert digest(path) == before and integrity(path) == "ok" and journal_state(path) == "none"
    assert "fault-note" not in {n.id for n in notes}
    # Had laadesk stopped at that moment, the next start (read-only, or to edit) finds it too.
    crashed = tmp_path / "crashed-kingsmere.laa"
    assert journal_state(crashed) == left
    for read_only in (True, False):
        with Workbook.open(crashed, read_only=read_only) as reopened:
            assert reopened.notes() == notes
    assert journal_state(crashed) == "none" and digest(crashed) == before


def test_a_drive_failing_mid_save_is_seen_as_a_save_cut_short_not_as_damage(demo_master: Path, tmp_path: Path) -> None:
    """The case that needed opening.inspect_header to roll back first: the header already counts the
    pages the failed save was adding, so the file looks shorter than it says it is."""
    path = copy_closed(demo_master, tmp_path / "kingsmere.laa")
    before = digest(path)
    workbook = Workbook.open(path)
    with writes_fail_beyond(25 * BLOCK), pytest.raises(WorkbookUnavailable):
        workbook.apply(big_paste(workbook))
    header = path.read_bytes()[:100]
    pages, page_size = int.from_bytes(header[28:32], "big"), int.from_bytes(header[16:18], "big")
    assert journal_state(path) == "hot" and path.stat().st_size < pages * page_size  # "cut short", on its face
    shutil.copyfile(path, tmp_path / "left.laa")
    shutil.copyfile(f"{path}-journal", tmp_path / "left.laa-journal")
    workbook.close()
    with Workbook.open(tmp_path / "left.laa", read_only=True) as reopened:
        assert len(reopened.targets()) > 0
    assert digest(tmp_path / "left.laa") == before


def test_a_save_cut_short_on_a_write_protected_stick_says_to_copy_the_journal_too(
    demo_master: Path, tmp_path: Path
) -> None:
    path = copy_closed(demo_master, tmp_path / "first" / "kingsmere.laa")
    before = digest(path)
    workbook = Workbook.open(path)
    with writes_fail_beyond(25 * BLOCK), pytest.raises(WorkbookUnavailable):
        workbook.apply(big_paste(workbook))
    with small_disk(tmp_path / "stick", 1024) as disk:
        left = disk.folder / "kingsmere.laa"
        shutil.copyfile(path, left)
        shutil.copyfile(f"{path}-journal", f"{left}-journal")
        workbook.close()
        disk.write_protect()
        with pytest.raises(WorkbookUnavailable) as caught:
            Workbook.open(left)
        assert str(caught.value) == (
            f"{left} was left half-saved when a program stopped, and the folder it is in cannot be written to "
            "recover it; copy it together with kingsmere.laa-journal beside it (the record that puts it right) "
            "to a folder you can write to, and open it there."
        )
        # Doing just that gives back the last complete save.
        rescue = tmp_path / "rescue"
        rescue.mkdir()
        shutil.copyfile(left, rescue / "kingsmere.laa")
        shutil.copyfile(f"{left}-journal", rescue / "kingsmere.laa-journal")
    with Workbook.open(rescue / "kingsmere.laa") as reopened:
        assert len(reopened.targets()) > 0
    assert digest(rescue / "kingsmere.laa") == before


def test_an_edit_that_fails_leaves_the_connection_usable(demo_master: Path, tmp_path: Path) -> None:
    """After each kind of failure the same open workbook takes the next edit once the cause is gone."""
    path = copy_closed(demo_master, tmp_path / "kingsmere.laa")
    with Workbook.open(path) as workbook:
        target = workbook.targets()[0]
        with writes_fail_beyond(25 * BLOCK), pytest.raises(WorkbookUnavailable):
            workbook.apply(big_paste(workbook))
        workbook.apply(set_fields(workbook.target(target.code), "after", comment="the drive is back"))
        note = ChampionNote("n1", "Tester", "after", NoteKind.ACTION, date(2008, 5, 2))
        workbook.apply(add(note, "add"))
    assert stored(path, "SELECT comment FROM targets WHERE code = ?", (target.code,)) == [("the drive is back",)]
    assert integrity(path) == "ok" and journal_state(path) == "none"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM champion_notes WHERE id = 'n1'").fetchone() == (1,)
    conn.close()
