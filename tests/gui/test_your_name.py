"""File > Your Name for the History...: the name the history records, now and for every workbook opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from laadesk.core.edits import set_fields
from laadesk.store.history import read_entries
from laadesk.store.workbook import default_author
from laadesk.ui import settings
from laadesk.ui.dialogs.your_name_dialog import YourNameDialog
from laadesk.ui.window.main_window import MainWindow


def answer_with(monkeypatch: pytest.MonkeyPatch, name: str | None) -> list[str]:
    offered: list[str] = []

    def ask(cls: object, parent: object, current: str, account: str) -> str | None:
        offered.append(current)
        return name

    monkeypatch.setattr(YourNameDialog, "ask", classmethod(ask))
    return offered


def test_the_name_is_used_at_once_and_for_the_next_workbook(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.session is not None and window.session.workbook.author == default_author()
    offered = answer_with(monkeypatch, "  Priya   Shah ")
    window.record_keeping.your_name.action.trigger()
    assert offered == [""] and settings.your_name() == "Priya Shah"
    assert window.session.workbook.author == "Priya Shah"
    assert "Priya Shah" in window.statusBar().currentMessage()
    target = window.session.snapshot().target("NI 16")
    assert target is not None
    window.session.apply(set_fields(target, "change NI 16 2010/11 target", target_2010_11=12.5))
    newest = next(read_entries(window.session.workbook, newest_first=True))
    assert newest.who == "Priya Shah"
    window.set_workbook(None)
    assert window.files.open_path(demo_path)
    assert window.session is not None and window.session.workbook.author == "Priya Shah"


def test_blank_goes_back_to_the_account_name(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.remember_your_name("Priya Shah")
    offered = answer_with(monkeypatch, "")
    window.record_keeping.your_name.action.trigger()
    assert offered == ["Priya Shah"] and settings.your_name() == ""
    assert window.session is not None and window.session.workbook.author == default_author()


def test_cancelling_changes_nothing(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.remember_your_name("Priya Shah")
    answer_with(monkeypatch, None)
    window.record_keeping.your_name.action.trigger()
    assert settings.your_name() == "Priya Shah"
