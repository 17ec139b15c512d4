"""File > Save a Copy for the Council: the copy is written, the open workbook is left as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from laadesk.core.edits import Edit, Put
from laadesk.core.model import ChampionNote, NoteKind, Visibility
from laadesk.store.workbook import Workbook
from laadesk.ui.window import council_copy_action
from laadesk.ui.window.council_copy_action import CouncilCopyDialog, council_copy_name, make_council_copy_action
from laadesk.ui.window.main_window import MainWindow

SECRET = "GUICANARY8d2 the floor we would accept"


def answer(path: Path | None):  # type: ignore[no-untyped-def]
    return classmethod(lambda cls, parent, suggested: path)


def test_the_action_writes_a_copy_without_notes_and_keeps_the_workbook_open(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    assert session is not None
    opened = session.workbook.path
    secret = ChampionNote(
        "gui-secret", "A. Champion", SECRET, NoteKind.STICKING_POINT, date(2008, 5, 2), visibility=Visibility.INTERNAL
    )
    session.apply(Edit("add a note", (Put(secret),)))
    asked: list[Path] = []
    target = tmp_path / "out" / "Kingsmere for the council.laa"
    target.parent.mkdir()
    monkeypatch.setattr(
        CouncilCopyDialog, "ask", classmethod(lambda cls, parent, suggested: asked.append(suggested) or target)
    )
    action = make_council_copy_action(window)
    assert action.isEnabled()
    assert action.text().replace("&", "") == "Save a Copy for the Council..."
    action.trigger()
    assert asked == [council_copy_name(opened)]
    assert target.exists()
    assert SECRET.encode() not in target.read_bytes()
    with Workbook.open(target, read_only=True) as copy:
        assert copy.notes() == () and copy.positions() == () and copy.position_history() == ()
        assert copy.targets() == session.workbook.targets()
    # The window still edits the officer's own workbook, notes and all.
    assert window.session is session and session.workbook.path == opened
    assert any(n.text == SECRET for n in session.workbook.notes())
    message = window.statusBar().currentMessage()
    assert "Saved a copy for the council as" in message and f"You are still working in {opened.name}" in message
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_an_existing_file_is_never_replaced(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "already here.laa"
    target.write_text("keep me", encoding="utf-8")
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(CouncilCopyDialog, "ask", answer(target))
    monkeypatch.setattr(
        council_copy_action.QMessageBox, "warning", lambda parent, title, text: told.append((title, text))
    )
    make_council_copy_action(window).trigger()
    assert told == [("Council copy not saved", f"{target} already exists; laadesk will not overwrite it.")]
    assert target.read_text(encoding="utf-8") == "keep me"


def test_cancelling_writes_nothing(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = sorted(tmp_path.rglob("*"))
    monkeypatch.setattr(CouncilCopyDialog, "ask", answer(None))
    make_council_copy_action(window).trigger()
    assert sorted(tmp_path.rglob("*")) == before


def test_the_action_follows_whether_a_workbook_is_open(window: MainWindow, demo_path: Path) -> None:
    action = make_council_copy_action(window)
    assert action.isEnabled()
    window.set_workbook(None)
    assert not action.isEnabled()
    assert window.files.open_path(demo_path)
    assert action.isEnabled()


def test_a_new_action_on_a_window_with_nothing_open_starts_disabled(qtbot: QtBot) -> None:
    main = MainWindow()
    qtbot.addWidget(main)
    assert not make_council_copy_action(main).isEnabled()
