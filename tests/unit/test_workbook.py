"""The workbook file: created whole, written through at once, opened defensively."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from support.files import digest
from support.records import catalogue, complete

from laadesk.core.edits import Edit, Put, Remove, add, set_fields
from laadesk.core.errors import NotAWorkbook, WorkbookCorrupt, WorkbookTooNew, WorkbookUnavailable
from laadesk.core.model import AreaProfile, ChampionNote, NoteKind, Partner, Position, PositionField
from laadesk.store import opening
from laadesk.store.migrations import APPLICATION_ID, SCHEMA_VERSION
from laadesk.store.workbook import Workbook


def test_new_workbook_carries_id_version_and_edition(path: Path) -> None:
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    with Workbook.open(path) as workbook:
        assert workbook.nis_edition == catalogue().edition
        assert workbook.catalogue() == catalogue()
        assert workbook.area() == AreaProfile("Kingsmere")
    assert sorted(p.name for p in path.parent.iterdir()) == ["area.laa"]  # no journal or partial left


def test_create_refuses_to_overwrite(path: Path) -> None:
    before = digest(path)
    with pytest.raises(WorkbookUnavailable, match=r"already exists; laadesk will not overwrite it\.$"):
        Workbook.create(path, AreaProfile("Other"), catalogue())
    assert digest(path) == before


def test_create_in_missing_folder_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(WorkbookUnavailable, match=r"the folder .* does not exist"):
        Workbook.create(tmp_path / "nope" / "x.laa", AreaProfile("X"), catalogue())


def test_every_edit_is_on_disk_when_apply_returns(path: Path) -> None:
    with Workbook.open(path) as workbook:
        workbook.apply(add(complete(), "add NI 116"))
        # A second, independent connection sees it at once: there is no unsaved state.
        other = sqlite3.connect(path)
        assert other.execute("SELECT baseline FROM targets WHERE code = 'NI 116'").fetchone() == (22.0,)
        other.close()


def test_edit_and_its_inverse_restore_the_workbook(path: Path) -> None:
    with Workbook.open(path) as workbook:
        workbook.apply(add(complete(), "add"))
        before = workbook.snapshot()
        note = ChampionNote("n1", "A. Champion", "Ask DWP", NoteKind.ACTION, date(2008, 5, 1))
        edit = Edit(
            "several",
            (
                Put(note),
                Put(Partner("Kingsmere PCT")),
                set_fields(workbook.targets()[0], "x", target_2009_10=20.5).changes[0],
            ),
        )
        workbook.apply(edit)
        assert workbook.target("NI 116").target_2009_10 == 20.5  # type: ignore[union-attr]
        assert workbook.notes() == (note,)
        workbook.apply(edit.inverse())
        assert workbook.snapshot() == before
        workbook.apply(edit)
        workbook.apply(Edit("remove", (Remove(note),)))
        assert workbook.notes() == ()


def test_a_failing_edit_leaves_nothing_half_written(path: Path) -> None:
    with Workbook.open(path) as workbook:
        before = workbook.snapshot()
        # A position for a target that does not exist breaks a foreign key after a good change.
        bad = Edit("bad", (Put(complete()), Put(Position("NI 999", "2008/09", 1.0))))
        with pytest.raises(sqlite3.IntegrityError):
            workbook.apply(bad)
        assert workbook.snapshot() == before


def test_position_changes_keep_history_with_who_and_when(path: Path) -> None:
    with Workbook.open(path, author="gone.officer") as workbook:
        workbook.apply(add(complete(), "add"))
        workbook.apply(add(Position("NI 116", "2009/10", area_proposal=21.5), "area proposal"))
        position = workbook.positions()[0]
        workbook.apply(set_fields(position, "gov", government_position=20.5, floor=21.0))
        workbook.apply(set_fields(workbook.positions()[0], "area", area_proposal=21.0))
        history = workbook.position_history()
    assert [(h.field, h.value, h.who) for h in history] == [
        (PositionField.AREA_PROPOSAL, 21.5, "gone.officer"),
        (PositionField.GOVERNMENT_POSITION, 20.5, "gone.officer"),
        (PositionField.FLOOR, 21.0, "gone.officer"),
        (PositionField.AREA_PROPOSAL, 21.0, "gone.officer"),
    ]
    assert all(h.when.endswith("+00:00") for h in history)


def test_read_only_refuses_writes_and_leaves_file_alone(path: Path) -> None:
    before = digest(path)
    with Workbook.open(path, read_only=True) as workbook, pytest.raises(WorkbookUnavailable, match="read-only"):
        workbook.apply(add(complete(), "add"))
    assert digest(path) == before


def test_file_sqlite_cannot_write_gives_a_sentence(path: Path) -> None:
    # As root (CI) chmod does not stop writes, so let SQLite itself hold the file read-only.
    conn = opening.connect(path, read_only=True)
    workbook = Workbook(path, conn, read_only=False, author="tester")
    with pytest.raises(WorkbookUnavailable) as caught:
        workbook.apply(add(complete(), "add"))
    workbook.close()
    assert str(caught.value) == f"{path} is read-only; changes cannot be saved to it."


def refuses(path: Path, error: type[Exception], message: str) -> None:
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        Workbook.open(path)
    assert str(caught.value) == message.format(path=path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_not_sqlite(tmp_path: Path) -> None:
    file = tmp_path / "notes.laa"
    file.write_text("Dear GO officer,\n")
    refuses(file, NotAWorkbook, "{path} is not a laadesk workbook (it is not an SQLite database file).")


def test_empty_file(tmp_path: Path) -> None:
    file = tmp_path / "empty.laa"
    file.touch()
    refuses(file, NotAWorkbook, "{path} is empty, not a laadesk workbook.")


def test_another_applications_sqlite(tmp_path: Path) -> None:
    file = tmp_path / "anki.laa"
    conn = sqlite3.connect(file)
    conn.execute("CREATE TABLE cards (id INTEGER)")
    conn.commit()
    conn.close()
    refuses(file, NotAWorkbook, "{path} is not a laadesk workbook (it is an SQLite database from another application).")


def test_newer_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    refuses(
        path,
        WorkbookTooNew,
        f"{{path}} was written by a newer laadesk (workbook format 42; this laadesk reads formats up to "
        f"{SCHEMA_VERSION}). Update laadesk to open it.",
    )


def test_truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refuses(path, WorkbookCorrupt, "{path} is damaged: the file is cut short. Restore it from a backup.")


def test_corrupted_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : page * 4] = b"\xa5" * (page * 3)
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(WorkbookCorrupt, match=r"is damaged \(.*\)\. Restore it from a backup\.$"):
        Workbook.open(path)
    assert path.read_bytes() == before


def test_schema_with_a_trigger_is_refused(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON targets BEGIN DELETE FROM targets; END")
    conn.commit()
    conn.close()
    refuses(
        path,
        NotAWorkbook,
        "{path} is not a laadesk workbook: it contains a trigger ('t') that laadesk never creates, "
        "so it was not opened.",
    )


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkbookUnavailable, match="does not exist"):
        Workbook.open(tmp_path / "gone.laa")
    with pytest.raises(WorkbookUnavailable, match="is a folder"):
        Workbook.open(tmp_path)


def test_defensive_settings_on_open(path: Path) -> None:
    with Workbook.open(path) as workbook:
        conn = workbook._db
        assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert conn.execute("PRAGMA cell_size_check").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_file_moved_or_deleted_while_open_is_not_written_behind_the_users_back(path: Path) -> None:
    with Workbook.open(path) as workbook:
        workbook.apply(add(complete(), "add"))
        path.rename(path.with_name("moved.laa"))
        with pytest.raises(WorkbookUnavailable) as caught:
            workbook.apply(set_fields(workbook.targets()[0], "x", target_2009_10=20.5))
        assert "was moved, renamed or deleted while open" in str(caught.value)
        assert "Save a Copy As" in str(caught.value)
        assert workbook.targets()[0].target_2009_10 == 21.0  # still readable: nothing lost from the window
