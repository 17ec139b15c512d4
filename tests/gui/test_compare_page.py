"""The Compare page: no version yet, a version frozen, a level changed after it, and the filters."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from support.gui import shown_page

from laadesk.core.edits import set_fields
from laadesk.ui.pages.compare.page import NO_VERSION, ComparePage
from laadesk.ui.window.main_window import MainWindow


def change(window: MainWindow, code: str, **values: object) -> None:
    assert window.session is not None
    target = window.session.snapshot().target(code)
    assert target is not None
    window.session.apply(set_fields(target, f"change {code}", **values))


def shown_rows(page: ComparePage) -> list[list[str]]:
    return [[page.proxy.index(r, c).data() for c in range(5)] for r in range(page.proxy.rowCount())]


def test_with_no_version_the_page_says_how_to_freeze_one(window: MainWindow) -> None:
    page = shown_page(window, "Compare", ComparePage)
    assert page.stack.currentWidget() is page.empty and page.empty.text() == NO_VERSION
    assert "Sign-off > Freeze as Agreed..." in NO_VERSION


def test_a_level_changed_after_freezing_is_listed_with_its_ambition(qtbot: QtBot, window: MainWindow) -> None:
    page = shown_page(window, "Compare", ComparePage)
    assert window.session is not None
    window.session.freeze("Signed by the Secretary of State")
    assert page.stack.currentWidget() is page.view and page.model.rowCount() == 0
    assert "Signed by the Secretary of State" in page.versions.text()
    assert window.session.workbook.path.name and "altered" not in page.versions.text()
    change(window, "NI 16", target_2010_11=11.5)  # lower is better for NI 16: more ambitious
    change(window, "NI 8", target_2010_11=23.5, lead_partner="Marlhaven Borough Council")
    rows = shown_rows(page)
    assert ["NI 16", "2010/11 target", "11.9", "11.5", "more ambitious"] in rows
    assert ["NI 8", "2010/11 target", "24.2", "23.5", "less ambitious"] in rows
    tip = page.proxy.index(rows.index(["NI 16", "2010/11 target", "11.9", "11.5", "more ambitious"]), 1).data(3)
    assert tip == "NI 16 2010/11 target 11.9 -> 11.5 (more ambitious)"
    assert "3 differences (1 more ambitious, 1 less ambitious)" in page.summary.text()
    ambition = page.choices.ambition
    ambition.setCurrentIndex(ambition.findData("less ambitious"))
    assert [r[0] for r in shown_rows(page)] == ["NI 8"]
    ambition.setCurrentIndex(0)
    page.choices.indicator.setCurrentIndex(page.choices.indicator.findData("NI 8"))
    assert len(shown_rows(page)) == 2
    page.choices.kind.setCurrentIndex(page.choices.kind.findData("added"))
    assert shown_rows(page) == [] and "showing 0" in page.summary.text()


def test_two_versions_compare_with_each_other(window: MainWindow) -> None:
    assert window.session is not None
    window.session.freeze("Signed by the Secretary of State")
    change(window, "NI 16", target_2010_11=12.5)
    window.session.freeze("Refresh 2009")
    change(window, "NI 16", target_2010_11=13.0)
    page = shown_page(window, "Compare", ComparePage)
    start, end = page.choices.start, page.choices.end
    assert [start.itemText(i) for i in range(start.count())] == ["Refresh 2009", "Signed by the Secretary of State"]
    assert [end.itemText(i) for i in range(end.count())] == ["now", "Refresh 2009", "Signed by the Secretary of State"]
    assert shown_rows(page) == [["NI 16", "2010/11 target", "12.5", "13", "less ambitious"]]
    start.setCurrentIndex(1)
    end.setCurrentIndex(1)
    assert shown_rows(page) == [["NI 16", "2010/11 target", "11.9", "12.5", "less ambitious"]]


def test_the_ninth_and_tenth_pages_are_ctrl_9_and_ctrl_0(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget().title == "History"
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget().title == "Compare"
