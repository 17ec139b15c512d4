"""The Indicators page says which catalogue the workbook uses and how sure each title is; it shows a
department wherever the catalogue names one."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from support.gui import shown_page

from laadesk.resources import resource_path
from laadesk.ui.pages.indicators.model import COLUMN
from laadesk.ui.pages.indicators.page import IndicatorsPage
from laadesk.ui.window.main_window import MainWindow


@pytest.fixture
def page(window: MainWindow) -> IndicatorsPage:
    return shown_page(window, "Indicators", IndicatorsPage)


def shown(page: IndicatorsPage, code: str, key: str, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> str:
    return str(page.model.index(page.model.row_of(code) or 0, COLUMN[key]).data(role) or "")


def shipped_rows() -> list[dict[str, str]]:
    with resource_path("national_indicators.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_catalogue_edition_and_its_certainty_are_on_the_page(page: IndicatorsPage) -> None:
    rows = shipped_rows()
    unverified = sum(1 for r in rows if r["title_basis"] == "recalled, unverified")
    text = page.catalogue.text()
    assert page.catalogue.isVisible()
    assert text.startswith("Catalogue: National Indicator Set 2008 (laadesk reference data")
    assert f"{len(rows) - unverified} of {len(rows)} titles are checked against a published source" in text
    assert f"{unverified} are recalled and unverified" in text


def test_each_title_says_how_it_is_known(page: IndicatorsPage) -> None:
    assert shown(page, "NI 2", "basis") == "unverified"
    assert shown(page, "NI 25", "basis") == "sourced"  # checked against a council paper in the newest catalogue
    assert "docslib.org" in shown(page, "NI 25", "basis", Qt.ItemDataRole.ToolTipRole)
    tip = shown(page, "NI 27", "basis", Qt.ItemDataRole.ToolTipRole)  # recalled, with a note on the wording
    assert tip.startswith("NI 27: recalled, not yet verified") and "handbook wording unconfirmed" in tip
    assert shown(page, "NI 31", "basis") == "named in source"
    assert shown(page, "L1", "basis") == ""  # a local indicator is the area's own


def test_the_details_say_where_a_title_comes_from(page: IndicatorsPage) -> None:
    page.select(["NI 47"], "NI 47")
    line = page.details.provenance
    assert line.isVisible() and line.text().startswith("<b>Title sourced</b>")
    assert "<a href='https://paperzz.com/doc/7218715/" in line.text() and line.openExternalLinks()
    assert "polarity inferred (count of KSI casualties)" in line.toolTip()
    page.select(["NI 2"], "NI 2")
    assert "Title recalled, not yet verified" in line.text() and line.toolTip() == ""
    assert "title" not in page.details.facts.text()  # said once, on its own line


def test_the_department_column_shows_the_catalogues_departments(page: IndicatorsPage) -> None:
    named = {f"NI {r['ni']}": r["department"] for r in shipped_rows() if r["department"]}
    assert named, "the shipped catalogue names departments"
    assert {code: shown(page, code, "department") for code in named} == named
    assert shown(page, "NI 47", "department") == "DfT"
    assert shown(page, "NI 5", "department") == ""
    assert "names no lead department" in shown(page, "NI 5", "department", Qt.ItemDataRole.ToolTipRole)
