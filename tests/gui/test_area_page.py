"""The Area page driven as an officer would, checked against what the workbook file holds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from support.gui import retype, shown_page, shown_window, type_into_cell

from laadesk.core.model import Target
from laadesk.store.workbook import Workbook
from laadesk.ui.pages.area import lists as area_lists
from laadesk.ui.pages.area.lists import RecordsPanel
from laadesk.ui.pages.area.models import DistrictsModel, PartnersModel
from laadesk.ui.pages.area.page import AreaPage
from laadesk.ui.window.main_window import MainWindow

COUNTY = "Kingsmere County Council"


@pytest.fixture
def page(window: MainWindow) -> AreaPage:
    return shown_page(window, "Area", AreaPage)


def stored(path: Path) -> Workbook:
    return Workbook.open(path, read_only=True)


def cell(panel: RecordsPanel, name: str, column: int = 0) -> QModelIndex:
    rows = [r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == name]
    assert rows, f"{name} is not shown"
    return panel.proxy.index(rows[0], column)


def naming(targets: tuple[Target, ...], name: str) -> dict[str, list[str]]:
    return {
        "leads": [t.code for t in targets if t.lead_partner == name],
        "signed_up": [t.code for t in targets if name in t.partners],
    }


def test_area_and_lsp_names_are_written_as_each_field_is_finished(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path
) -> None:
    retype(qtbot, page.profile.name, "Kingsmere and the Fens")
    retype(qtbot, page.profile.lsp_name, "Kingsmere Together Partnership")
    with stored(demo_path) as book:
        assert (book.area().name, book.area().lsp_name) == ("Kingsmere and the Fens", "Kingsmere Together Partnership")
    assert window.undo_action.text() == "&Undo change LSP name"
    window.undo_action.trigger()
    with stored(demo_path) as book:
        assert (book.area().name, book.area().lsp_name) == ("Kingsmere and the Fens", "Kingsmere Together")
    assert page.profile.lsp_name.text() == "Kingsmere Together"
    window.undo_action.trigger()
    with stored(demo_path) as book:
        assert book.area().name == "Kingsmere"
    window.redo_action.trigger()
    window.redo_action.trigger()
    with stored(demo_path) as book:
        assert (book.area().name, book.area().lsp_name) == ("Kingsmere and the Fens", "Kingsmere Together Partnership")


def test_a_blank_area_name_is_refused_with_a_sentence(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path
) -> None:
    retype(qtbot, page.profile.name, "   ")
    assert window.statusBar().currentMessage() == "The area name cannot be blank; it is back to what it was."
    assert page.profile.name.text() == "Kingsmere"
    with stored(demo_path) as book:
        assert book.area().name == "Kingsmere"
    assert not window.session.undo_stack.canUndo()  # type: ignore[union-attr]


def test_the_as_at_date_is_read_as_typed_refused_with_a_sentence_and_blank_means_today(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path
) -> None:
    assert page.profile.as_at.text() == "20 Jun 2008"  # the demo reads as an agreement in its last weeks
    retype(qtbot, page.profile.as_at, "30/6/08")
    assert page.profile.as_at.text() == "30 Jun 2008"
    with stored(demo_path) as book:
        assert book.area().as_at == date(2008, 6, 30)
    assert window.undo_action.text() == "&Undo change the workbook's 'as at' date"
    retype(qtbot, page.profile.as_at, "31/6/08")
    assert window.statusBar().currentMessage().endswith("The 'as at' date is back to what it was.")
    assert "31/6/08" in window.statusBar().currentMessage()
    assert page.profile.as_at.text() == "30 Jun 2008"
    qtbot.keyClick(page.profile.as_at, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.profile.as_at, Qt.Key.Key_Delete)
    qtbot.keyClick(page.profile.as_at, Qt.Key.Key_Return)
    with stored(demo_path) as book:
        assert book.area().as_at is None
    assert page.profile.as_at.placeholderText() == "blank: the computer's date"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert page.profile.as_at.text() == "20 Jun 2008"
    with stored(demo_path) as book:
        assert book.area().as_at == date(2008, 6, 20)


def test_region_and_marking_combos_write_at_once(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path
) -> None:
    assert page.profile.go_region.count() == 10  # the nine regions and "(not set)"
    page.profile.go_region.setFocus()
    qtbot.keyClick(page.profile.go_region, Qt.Key.Key_Down)
    page.profile.marking.setFocus()
    qtbot.keyClick(page.profile.marking, Qt.Key.Key_Down)
    with stored(demo_path) as book:
        assert (book.area().go_region, book.area().protective_marking) == ("West Midlands", "RESTRICTED")
    window.undo_action.trigger()
    window.undo_action.trigger()
    with stored(demo_path) as book:
        assert (book.area().go_region, book.area().protective_marking) == ("East Midlands", "PROTECT")
    assert page.profile.go_region.currentText() == "East Midlands"


def test_add_a_district_and_undo_it(window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path) -> None:
    line, code = page.districts.inputs
    qtbot.keyClicks(line, "Fenwick Marsh")
    qtbot.keyClicks(code, "31UZ")
    qtbot.keyClick(code, Qt.Key.Key_Return)
    with stored(demo_path) as book:
        assert ("Fenwick Marsh", "31UZ") in [(d.name, d.ons_code) for d in book.districts()]
    assert page.districts.current() is not None and page.districts.current().name == "Fenwick Marsh"
    assert line.text() == "" and window.undo_action.text() == "&Undo add district Fenwick Marsh"
    qtbot.keyClicks(line, "wenmoor")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == "There is already a district called 'wenmoor'."
    window.undo_action.trigger()
    with stored(demo_path) as book:
        assert "Fenwick Marsh" not in [d.name for d in book.districts()]
    window.redo_action.trigger()
    with stored(demo_path) as book:
        assert "Fenwick Marsh" in [d.name for d in book.districts()]


def test_renaming_a_district_follows_it_into_spatial_levels(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path
) -> None:
    assert cell(page.districts, "Marlhaven", 2).data() == "3"
    type_into_cell(qtbot, page.districts.view, cell(page.districts, "Marlhaven"), "Marlhaven Borough")
    with stored(demo_path) as book:
        assert "Marlhaven" not in [d.name for d in book.districts()]
        assert book.target("NI 20").districts == ("Marlhaven Borough", "Colbeck Valley")  # type: ignore[union-attr]
        assert not any("Marlhaven" in t.districts for t in book.targets())
    assert page.districts.current().name == "Marlhaven Borough"
    window.undo_action.trigger()  # the district and its targets come back together
    with stored(demo_path) as book:
        assert "Marlhaven" in [d.name for d in book.districts()]
        assert book.target("NI 20").districts == ("Marlhaven", "Colbeck Valley")  # type: ignore[union-attr]


def test_removing_a_district_in_use_asks_and_takes_it_off_its_targets(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(
        area_lists, "confirm", lambda parent, title, question, action: asked.append(question) or answer[0]
    )
    page.districts.view.setFocus()
    page.districts.view.setCurrentIndex(cell(page.districts, "Colbeck Valley"))
    qtbot.keyClick(page.districts.view, Qt.Key.Key_Delete)
    assert asked == [
        "Colbeck Valley is part of the spatial level of NI 20, NI 33 and NI 120. NI 120 applies only to "
        "Colbeck Valley and would then apply to the whole area. Remove Colbeck Valley from those targets too?"
    ]
    assert window.statusBar().currentMessage() == "Colbeck Valley was kept."
    with stored(demo_path) as book:
        assert "Colbeck Valley" in [d.name for d in book.districts()]
    answer[0] = True
    qtbot.keyClick(page.districts.view, Qt.Key.Key_Delete)
    with stored(demo_path) as book:
        assert "Colbeck Valley" not in [d.name for d in book.districts()]
        assert book.target("NI 120").districts == ()  # type: ignore[union-attr]
        assert book.target("NI 20").districts == ("Marlhaven",)  # type: ignore[union-attr]
    window.undo_action.trigger()
    with stored(demo_path) as book:
        assert "Colbeck Valley" in [d.name for d in book.districts()]
        assert book.target("NI 120").districts == ("Colbeck Valley",)  # type: ignore[union-attr]


def test_a_district_no_target_names_goes_without_a_question(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(area_lists, "confirm", lambda *args: pytest.fail("asked about an unused district"))
    page.districts.view.setFocus()
    page.districts.view.setCurrentIndex(cell(page.districts, "Wenmoor"))
    qtbot.mouseClick(page.districts.remove_button, Qt.MouseButton.LeftButton)
    with stored(demo_path) as book:
        assert "Wenmoor" not in [d.name for d in book.districts()]
    assert window.undo_action.text() == "&Undo remove district Wenmoor"


def test_add_a_partner_with_its_sector(window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path) -> None:
    name, sector = page.partners.inputs
    qtbot.keyClicks(name, "Kingsmere Housing Trust")
    qtbot.keyClicks(sector, "housing")
    qtbot.mouseClick(page.partners.add_button, Qt.MouseButton.LeftButton)
    with stored(demo_path) as book:
        assert ("Kingsmere Housing Trust", "housing") in [(p.name, p.sector) for p in book.partners()]
    window.undo_action.trigger()
    with stored(demo_path) as book:
        assert "Kingsmere Housing Trust" not in [p.name for p in book.partners()]


def test_renaming_a_partner_updates_every_target_naming_it_in_one_step(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path
) -> None:
    with stored(demo_path) as book:
        before = book.targets()
    named = naming(before, COUNTY)
    assert named["leads"] and named["signed_up"]
    assert cell(page.partners, COUNTY, 2).data() == str(len(named["leads"]))
    assert cell(page.partners, COUNTY, 3).data() == str(len(named["signed_up"]))
    depth = window.session.undo_stack.count()  # type: ignore[union-attr]
    type_into_cell(qtbot, page.partners.view, cell(page.partners, COUNTY), "Kingsmere County Council (KCC)")
    with stored(demo_path) as book:
        after = book.targets()
        names = [p.name for p in book.partners()]
    assert COUNTY not in names and "Kingsmere County Council (KCC)" in names
    assert naming(after, "Kingsmere County Council (KCC)") == named
    assert naming(after, COUNTY) == {"leads": [], "signed_up": []}
    children = "Kingsmere County Council Children's Services"
    assert naming(after, children) == naming(before, children)  # a longer name is a different partner
    assert window.session.undo_stack.count() == depth + 1  # type: ignore[union-attr]
    assert page.partners.current().name == "Kingsmere County Council (KCC)"
    window.undo_action.trigger()
    with stored(demo_path) as book:
        assert book.targets() == before
        assert COUNTY in [p.name for p in book.partners()]
    window.redo_action.trigger()
    with stored(demo_path) as book:
        assert naming(book.targets(), "Kingsmere County Council (KCC)") == named


def test_a_partner_cannot_take_another_partners_name(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path
) -> None:
    type_into_cell(qtbot, page.partners.view, cell(page.partners, "Kingsmere Constabulary"), "kingsmere probation area")
    assert window.statusBar().currentMessage() == "There is already a partner called 'kingsmere probation area'."
    with stored(demo_path) as book:
        assert "Kingsmere Constabulary" in [p.name for p in book.partners()]


def test_changing_a_sector_in_place(window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path) -> None:
    type_into_cell(
        qtbot, page.partners.view, cell(page.partners, "Kingsmere Constabulary", 1), "police and community safety"
    )
    with stored(demo_path) as book:
        assert [p.sector for p in book.partners() if p.name == "Kingsmere Constabulary"] == [
            "police and community safety"
        ]
    window.undo_action.trigger()
    with stored(demo_path) as book:
        assert [p.sector for p in book.partners() if p.name == "Kingsmere Constabulary"] == ["police"]


def test_removing_a_partner_in_use_asks_and_takes_it_off_its_targets(
    window: MainWindow, page: AreaPage, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(area_lists, "confirm", lambda parent, title, question, action: asked.append(question) or True)
    with stored(demo_path) as book:
        before = book.targets()
    police = naming(before, "Kingsmere Constabulary")
    page.partners.view.setFocus()
    page.partners.view.setCurrentIndex(cell(page.partners, "Kingsmere Constabulary"))
    qtbot.keyClick(page.partners.view, Qt.Key.Key_Delete)
    assert asked and asked[0].startswith("Kingsmere Constabulary leads ")
    assert asked[0].endswith("Remove Kingsmere Constabulary from those targets too?")
    with stored(demo_path) as book:
        assert "Kingsmere Constabulary" not in [p.name for p in book.partners()]
        assert naming(book.targets(), "Kingsmere Constabulary") == {"leads": [], "signed_up": []}
        assert all(book.target(code).lead_partner == "" for code in police["leads"])  # type: ignore[union-attr]
    window.undo_action.trigger()
    with stored(demo_path) as book:
        assert book.targets() == before


def test_tab_goes_through_the_profile_in_order(page: AreaPage, qtbot: QtBot) -> None:
    page.profile.name.setFocus()
    seen: list[QWidget] = [page.profile.name]
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert [w.accessibleName() for w in seen] == [
        "Area name",
        "ONS code",
        "Government Office region",
        "Area type",
        "Tier",
        "LSP name",
        "Protective marking",
        "As at",
    ]


def test_area_models_pass_qt_model_tester(qtmodeltester, window: MainWindow, page: AreaPage) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    for model in (DistrictsModel(window.session), PartnersModel(window.session)):
        model.refresh()
        qtmodeltester.check(model)
    qtmodeltester.check(page.partners.proxy)


def test_a_single_tier_area_says_it_has_no_districts(qtbot: QtBot, tmp_path: Path) -> None:
    from laadesk.core.model import AreaProfile, Tier
    from laadesk.store.reference import shipped_catalogue

    path = tmp_path / "unitary.laa"
    Workbook.create(path, AreaProfile("Blankton", tier=Tier.SINGLE), shipped_catalogue()).close()
    main = shown_window(qtbot, active=True)
    assert main.files.open_path(path)
    page = shown_page(main, "Area", AreaPage)
    assert page.districts.empty_note.isVisible() and not page.districts.view.isVisible()
    assert page.districts.empty_note.text().startswith("Blankton is a single-tier area, so it has no districts.")
    page.profile.tier.setFocus()
    qtbot.keyClick(page.profile.tier, Qt.Key.Key_Down)
    with stored(path) as book:
        assert book.area().tier is Tier.TWO
    assert page.districts.view.isVisible()
    assert page.districts.empty_note.text() == "No districts yet: add each district council's area below."
    assert page.partners.empty_note.isVisible()
    main.set_workbook(None)


def test_problems_about_the_profile_focus_the_field(page: AreaPage) -> None:
    from laadesk.core.rules import Problem, Severity

    page.show()
    assert page.show_problem(Problem("ons-code", Severity.WARNING, "No ONS code", None, "ons_code"))
    assert QApplication.focusWidget() is page.profile.ons_code
    assert not page.show_problem(Problem("lead-partner", Severity.ERROR, "no lead", "NI 155", "lead_partner"))
