"""The Quality assurance page: the checklist met or open, ticking a judgement item with a comment as one
undo step, and a read-only workbook that cannot be ticked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.gui import shown_page

from laadesk.store.workbook import Workbook
from laadesk.ui.pages.qa.page import QaPage
from laadesk.ui.pages.qa.report import QaReportDialog
from laadesk.ui.window.main_window import MainWindow


@pytest.fixture
def page(window: MainWindow) -> QaPage:
    return shown_page(window, "Quality assurance", QaPage)


def row_of(page: QaPage, item: str) -> int:
    row = page.model.row_of(item)
    assert row is not None, item
    return row


def select(qtbot: QtBot, page: QaPage, item: str) -> None:
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(row_of(page, item), 0))
    qtbot.waitUntil(lambda: page.current_state() is not None and page.current_state().item.id == item)  # type: ignore[union-attr]


def test_model_passes_qt_model_tester(qtmodeltester, page: QaPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)


def test_the_demo_shows_each_item_met_or_open_with_its_evidence(page: QaPage) -> None:
    assert page.summary.text() == "QA: 6 of 13 items met"
    state = page.model.index(row_of(page, "within-floors"), page.model.column_of("state"))
    assert state.data() == "\u2717 open"
    evidence = page.model.index(row_of(page, "within-floors"), page.model.column_of("evidence")).data()
    assert evidence == "4 to settle: NI 20, NI 130, NI 151, NI 154"
    met = page.model.index(row_of(page, "designated-linked"), page.model.column_of("state")).data()
    assert met == "\u2713 met"


def test_an_automatic_item_cannot_be_ticked_and_shows_what_was_found(qtbot: QtBot, page: QaPage) -> None:
    select(qtbot, page, "within-floors")
    assert not page.tick_button.isEnabled() and not page.comment.isEnabled()
    assert "NI 130" in page.detail.toPlainText()


def test_ticking_with_a_comment_is_written_and_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, page: QaPage, demo_path: Path
) -> None:
    select(qtbot, page, "peer-review")
    assert page.tick_button.isEnabled() and not page.untick_button.isEnabled()
    qtbot.keyClicks(page.comment, "GO East Midlands peer review, 3 July")
    qtbot.keyClick(page.comment, Qt.Key.Key_Return)
    assert page.summary.text() == "QA: 7 of 13 items met"
    with Workbook.open(demo_path, read_only=True) as workbook:
        (tick,) = workbook.snapshot().qa_ticks
    assert (tick.item, tick.comment) == ("peer-review", "GO East Midlands peer review, 3 July")
    assert page.untick_button.isEnabled()
    assert window.session is not None
    window.session.undo()
    assert page.summary.text() == "QA: 6 of 13 items met"
    with Workbook.open(demo_path, read_only=True) as workbook:
        assert workbook.snapshot().qa_ticks == ()


def test_the_tick_can_be_taken_back_by_its_button(qtbot: QtBot, page: QaPage) -> None:
    select(qtbot, page, "statutory-confirmed")
    qtbot.mouseClick(page.tick_button, Qt.MouseButton.LeftButton)
    assert page.model.index(row_of(page, "statutory-confirmed"), 0).data() == "\u2713 met"
    select(qtbot, page, "statutory-confirmed")
    qtbot.mouseClick(page.untick_button, Qt.MouseButton.LeftButton)
    assert page.model.index(row_of(page, "statutory-confirmed"), 0).data() == "\u2717 open"


def test_a_bad_regional_checklist_is_named_and_the_shipped_items_still_shown(
    user_data: Path, window: MainWindow
) -> None:
    (user_data / "qa_checklist.csv").write_text("id,kind,item,checks\nx,sometimes,Odd,\n", encoding="utf-8")
    page = shown_page(window, "Quality assurance", QaPage)
    assert "row 2, column kind: 'sometimes' is not automatic or judgement" in page.notice.text()  # type: ignore[union-attr]
    assert page.model.rowCount() == 13


def test_the_qa_report_is_saved_off_the_window_thread(
    qtbot: QtBot, window: MainWindow, page: QaPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "qa report.pdf"
    monkeypatch.setattr(QaReportDialog, "ask", classmethod(lambda cls, parent, suggested: target))
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    assert not page.report_button.isEnabled()
    qtbot.waitUntil(lambda: page.writer is None, timeout=30_000)
    said = window.statusBar().currentMessage()
    assert said == f"Saved the QA report (2 pages, internal to government) to {target}."
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Quality assurance report" in text and "QA: 6 of 13 items met." in text
    assert page.report_button.isEnabled()


def test_the_qa_report_is_never_written_over_a_workbook(
    qtbot: QtBot, window: MainWindow, page: QaPage, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo_path.read_bytes()
    monkeypatch.setattr(QaReportDialog, "ask", classmethod(lambda cls, parent, suggested: demo_path))
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.writer is None, timeout=30_000)
    assert page.notice is not None and "kingsmere.laa is a laadesk workbook" in page.notice.text()
    assert demo_path.read_bytes() == before
