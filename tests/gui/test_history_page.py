"""The History page: a level typed shows at the top, filters by person and indicator, CSV export,
and reading a long history a batch at a time."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from support.gui import shown_page

from laadesk.core.edits import set_fields
from laadesk.ui.pages.history import export as history_export
from laadesk.ui.pages.history.model import BATCH
from laadesk.ui.pages.history.page import HistoryPage
from laadesk.ui.window.main_window import MainWindow


def change_level(window: MainWindow, code: str, level: float) -> None:
    assert window.session is not None
    target = window.session.snapshot().target(code)
    assert target is not None
    window.session.apply(set_fields(target, f"change {code} 2010/11 target", target_2010_11=level))


def row_texts(page: HistoryPage, row: int) -> list[str]:
    return [page.model.index(row, c).data() for c in range(page.model.columnCount())]


def test_a_level_typed_shows_at_the_top(window: MainWindow) -> None:
    page = shown_page(window, "History", HistoryPage)
    before = page.model.rowCount()
    change_level(window, "NI 16", 12.5)
    assert page.model.rowCount() == before + 1
    _, who, what, was, became, how, action = row_texts(page, 0)
    assert (what, was, became, how) == ("NI 16 2010/11 target", "11.9", "12.5", "typed")
    assert action == "change NI 16 2010/11 target" and who == window.session.workbook.author  # type: ignore[union-attr]


def test_filters_by_person_and_indicator(window: MainWindow) -> None:
    page = shown_page(window, "History", HistoryPage)
    assert window.session is not None
    window.session.workbook.author = "Priya Shah"
    change_level(window, "NI 16", 12.5)
    change_level(window, "NI 8", 25.0)
    people = [page.filters.person.itemText(i) for i in range(page.filters.person.count())]
    assert "Priya Shah" in people and people[0] == "Everyone"
    page.filters.person.setCurrentIndex(page.filters.person.findData("Priya Shah"))
    assert [page.model.entry(r).ni for r in range(page.model.rowCount())] == ["NI 8", "NI 16"]
    page.filters.indicator.setCurrentIndex(page.filters.indicator.findData("NI 16"))
    assert page.model.rowCount() == 1 and page.model.entry(0).after == 12.5
    assert "about NI 16 by Priya Shah" in page.summary.text()
    page.filters.person.setCurrentIndex(0)
    assert page.model.rowCount() > 1 and all(page.model.entry(r).ni == "NI 16" for r in range(page.model.rowCount()))


def test_export_writes_what_the_filter_shows(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = shown_page(window, "History", HistoryPage)
    change_level(window, "NI 16", 12.5)
    page.filters.indicator.setCurrentIndex(page.filters.indicator.findData("NI 16"))
    target = tmp_path / "out" / "ni16.csv"
    target.parent.mkdir()
    monkeypatch.setattr(history_export.HistoryCsvDialog, "ask", classmethod(lambda cls, parent, suggested: target))
    page.export_button.click()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == page.model.rowCount() and {r["ni"] for r in rows} == {"NI 16"}
    assert (rows[-1]["what"], rows[-1]["from"], rows[-1]["to"]) == ("NI 16 2010/11 target", "11.9", "12.5")
    assert f"to {target}" in window.statusBar().currentMessage()


def test_a_long_history_is_read_a_batch_at_a_time(qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    assert window.session is not None
    window.set_workbook(None)
    with sqlite3.connect(demo_path) as db:
        row = db.execute(
            "SELECT change_id, at, who, how, source, action, kind, record_key, ni, field, op FROM history LIMIT 1"
        ).fetchone()
        db.executemany(
            "INSERT INTO history (change_id, at, who, how, source, action, kind, record_key, ni, field, op, before,"
            " after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((*row, i, i + 1) for i in range(20_000)),
        )
    db.close()
    assert window.files.open_path(demo_path)
    page = shown_page(window, "History", HistoryPage)
    assert page.model.rowCount() == BATCH and page.model.canFetchMore()
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > BATCH)
    newest = page.model.entry(0).id
    change_level(window, "NI 16", 12.5)
    assert page.model.entry(0).id > newest and page.model.entry(1).id == newest
