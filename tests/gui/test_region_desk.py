"""The region desk: every workbook in a folder read off the GUI thread, its three views, the watcher, the keys.

The folder holds real generated workbooks (store/region_demo.py), one in a sub-folder, and two files
that are not workbooks; every figure the window shows is checked against the workbook read on its own.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support.cli import VENV_BIN, cli_env
from support.files import copy_closed, digest
from support.gui import shown_window

from laadesk.app import parse_args
from laadesk.core.catalogue import Polarity
from laadesk.core.dates import format_moment
from laadesk.core.edits import Edit, Put
from laadesk.core.model import Role, Status
from laadesk.core.region import tally_words
from laadesk.core.rules import polarity_of
from laadesk.core.sign_off import sign_off_stage
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store import locks
from laadesk.store.region_demo import build_region, file_name, region_areas
from laadesk.store.workbook import Workbook
from laadesk.ui.region import reading
from laadesk.ui.region.heat_map import MARK_COLOURS
from laadesk.ui.region.window import RegionWindow, open_region_window
from laadesk.ui.window import file_actions
from laadesk.ui.window.main_window import MainWindow

AREAS = 5
BAD = {"x.laa": b"This is a note, not a workbook.\n", "empty.laa": b""}
READ_MS = 20_000


@pytest.fixture(scope="module")
def region_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five North East workbooks (the fifth in a sub-folder) and two bad files, made once for the module."""
    folder = tmp_path_factory.mktemp("region-master") / "north-east"
    areas = region_areas("North East", AREAS)
    build_region(folder, areas[:4])
    build_region(folder / "tees", areas[4:])
    for name, content in BAD.items():
        (folder / name).write_bytes(content)
    return folder


@pytest.fixture
def region(region_master: Path, tmp_path: Path) -> Path:
    """This test's own copy of the region folder."""
    folder = tmp_path / "north-east"
    for path in region_master.rglob("*"):
        if path.is_file():
            copy_closed(path, folder / path.relative_to(region_master))
    return folder


def workbooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.laa") if p.name not in BAD)


def snapshot_of(path: Path) -> WorkbookSnapshot:
    with Workbook.open(path, read_only=True) as workbook:
        return workbook.snapshot()


def last_change(path: Path) -> tuple[str, str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        at, who = conn.execute("SELECT at, who FROM history ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return str(at), str(who)


def everything(folder: Path) -> dict[str, str]:
    """Every file under the folder (hidden ones too) with its digest."""
    return {p.relative_to(folder).as_posix(): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def editors() -> Iterator[list[MainWindow]]:
    """Editor windows a test opens from the desk: closed after it, letting go of their workbooks."""
    opened: list[MainWindow] = []
    yield opened
    for editor in opened:
        editor.set_workbook(None)
        editor.close()


def desk_on(qtbot: QtBot, folder: Path) -> RegionWindow:
    """The region desk on the folder, shown, every file read."""
    desk = RegionWindow(folder.resolve(), MainWindow)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitExposed(desk)
    with qtbot.waitSignal(desk.reading_finished, timeout=READ_MS):
        desk.start()
    return desk


def row_of(desk: RegionWindow, area: str) -> list[str]:
    rows = [r for r in desk.overview.row_texts() if r[1] == area]
    assert len(rows) == 1, (area, desk.overview.row_texts())
    return rows[0]


def heads(desk: RegionWindow) -> list[str]:
    model = desk.overview.proxy
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def heat_map_shown(qtbot: QtBot, desk: RegionWindow) -> None:
    """The heat map brought up with Ctrl+2 (a view out of sight is drawn when it is next shown)."""
    qtbot.keyClick(desk, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.heat_map


def cell_of(desk: RegionWindow, area: str, code: str):  # type: ignore[no-untyped-def]
    model = desk.heat_map.model
    column = next(c for c in range(1, model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == area)
    return model.index(model.codes.index(code), column)


# -- reading ------------------------------------------------------------------------------------------


def test_overview_rows_hold_what_each_workbook_holds(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    assert heads(desk) == [
        "Region", "Area", "Sign-off stage", "Designated", "Statutory", "Local", "Deferred",
        "Errors", "Overdue", "Last changed", "By", "Open now by",
    ]  # fmt: skip
    assert desk.overview.model.rowCount() == AREAS
    for path in workbooks(region):
        snapshot = snapshot_of(path)
        targets = snapshot.targets
        at, who = last_change(path)
        row = row_of(desk, snapshot.area.name)
        assert row[0] == snapshot.area.go_region == "North East"
        assert row[2] == sign_off_stage(snapshot)
        assert row[3] == f"{sum(t.role is Role.DESIGNATED for t in targets)}/35"
        assert row[4] == f"{sum(t.role is Role.STATUTORY for t in targets)}/{len(snapshot.catalogue.statutory())}"
        assert row[5] == str(sum(t.role is Role.LOCAL for t in targets))
        assert row[6] == str(sum(t.chosen and t.status is Status.DEFERRED for t in targets))
        assert row[9] == format_moment(at) and row[10] == who
        assert row[11] == ""  # nobody has it open
    # the sub-folder's workbook is read too
    assert any(p.startswith("tees/") for p in (a.path for a in desk.overview.model.records()))


def test_the_overview_lists_what_laadesk_region_lists(qtbot: QtBot, region: Path, user_data: Path) -> None:
    """The same lines and the same files not read as the command prints, a second copy of an area too."""
    copy_closed(workbooks(region)[0], region / "copies" / "second copy.laa")
    desk = desk_on(qtbot, region)
    command = [str(VENV_BIN / "laadesk"), "region", str(region.resolve()), "--json"]
    done = subprocess.run(command, env=cli_env(user_data), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr  # some files could not be read
    printed = json.loads(done.stdout)
    lines = [
        [a["region"], a["area"], a["stage"], f"{a['designated']}/35", f"{a['statutory']}/{a['statutory_due']}"]
        + [str(a[k]) for k in ("local", "deferred", "errors", "overdue")]
        + [format_moment(a["last_changed"]), a["last_changed_by"], a["open_by"]]
        for a in printed["areas"]
    ]
    assert sorted(desk.overview.row_texts()) == sorted(lines)
    shown = [desk.skipped_list.item(i).text() for i in range(desk.skipped_list.count())]
    assert sorted(shown) == sorted(s["reason"] for s in printed["skipped"])
    assert any(s.startswith("copies/second copy.laa") for s in shown)


def test_files_that_cannot_be_read_are_listed_with_a_sentence_each(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    assert desk.skipped_box.isVisible()
    sentences = [desk.skipped_list.item(i).text() for i in range(desk.skipped_list.count())]
    assert sentences == [
        "empty.laa is empty, not a laadesk workbook.",
        "x.laa is not a laadesk workbook (it is not an SQLite database file).",
    ]
    assert "Could not read (2)" in desk.skipped_box.title()
    assert desk.overview.model.rowCount() == AREAS  # and the rest are shown
    assert "5 workbooks read" in desk.state.text() and "2 could not be read" in desk.state.text()


def test_reading_is_off_the_gui_thread_with_progress_n_of_m(
    qtbot: QtBot, region: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = reading.read_overview

    def spied(path: Path, folder: Path):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(path, folder)

    monkeypatch.setattr(reading, "read_overview", spied)
    desk = RegionWindow(region.resolve(), MainWindow)
    qtbot.addWidget(desk)
    desk.show()
    seen: list[tuple[int, int, int]] = []  # (rows shown, progress value, progress maximum) as each arrives
    desk.workbook_read.connect(
        lambda _: seen.append((desk.overview.model.rowCount(), desk.progress.value(), desk.progress.maximum()))
    )
    with qtbot.waitSignal(desk.reading_finished, timeout=READ_MS):
        desk.start()
        qtbot.waitUntil(lambda: desk.overview.model.rowCount() > 0, timeout=READ_MS)
        assert desk.progress.isVisible() or desk.overview.model.rowCount() == AREAS  # rows shown as they are read
    assert len(threads) == AREAS + len(BAD)
    assert all(t is not threading.main_thread() for t in threads)
    assert [value for _, value, _ in seen] == list(range(1, AREAS + len(BAD) + 1))
    assert {maximum for _, _, maximum in seen} == {AREAS + len(BAD)}
    assert seen[0][0] <= 1 and desk.overview.model.rowCount() == AREAS
    assert desk.progress.format() == "%v of %m workbooks read"
    assert not desk.progress.isVisible()  # done


def test_reading_leaves_every_file_in_the_folder_as_it_was(qtbot: QtBot, region: Path) -> None:
    before = everything(region)
    desk = desk_on(qtbot, region)
    with qtbot.waitSignal(desk.reading_finished, timeout=READ_MS):
        desk.refresh_action.trigger()
    desk.tabs.setCurrentIndex(1)
    desk.tabs.setCurrentIndex(2)
    desk.close()
    assert everything(region) == before  # no file changed, none added (no lock, journal or -wal), none gone


def test_a_folder_that_is_not_there_is_said_plainly(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr("laadesk.ui.region.window.QMessageBox.warning", lambda parent, title, text: told.append(text))
    assert open_region_window(tmp_path / "nowhere", MainWindow) is None
    assert told == [f"{tmp_path / 'nowhere'} does not exist."]


# -- the overview ------------------------------------------------------------------------------------------


def test_clicking_a_header_sorts_by_that_column(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    view = desk.overview.view
    column = heads(desk).index("Designated")
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    counts = [int(r[column].split("/")[0]) for r in desk.overview.row_texts()]
    assert counts == sorted(counts) and len(set(counts)) > 1
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert [int(r[column].split("/")[0]) for r in desk.overview.row_texts()] == sorted(counts, reverse=True)


def test_typing_in_the_filter_box_shows_the_rows_it_matches(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    stages = {r[1]: r[2] for r in desk.overview.row_texts()}
    stage = max(set(stages.values()), key=list(stages.values()).count)
    qtbot.keyClick(desk, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is desk.filter.box
    qtbot.keyClicks(desk.filter.box, stage.lower())
    shown = [r[1] for r in desk.overview.row_texts()]
    assert sorted(shown) == sorted(a for a, s in stages.items() if s == stage)
    assert len(shown) < AREAS
    assert desk.filter.count.text() == f"{len(shown)} of {AREAS} areas shown"
    desk.filter.box.clear()
    assert len(desk.overview.row_texts()) == AREAS
    assert desk.filter.count.text() == f"{AREAS} areas"


def test_the_filter_keeps_the_same_areas_in_the_heat_map_and_the_ambition_view(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    qtbot.keyClick(desk, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.heat_map
    everyone = sorted(a.area for a in desk.heat_map.model.areas)
    assert len(everyone) == AREAS
    kept = everyone[:2]
    qtbot.keyClick(desk, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.heat_map  # the filter is over every view: the view stays
    qtbot.keyClicks(desk.filter.box, "|".join(kept))  # no area's line holds this: none kept
    assert desk.heat_map.model.areas == [] and desk.filter.count.text() == f"0 of {AREAS} areas shown"
    desk.filter.box.setText(kept[0])
    assert [a.area for a in desk.heat_map.model.areas] == [kept[0]]
    code = "NI 16"
    assert f"{code} designated by 1 of 1 areas" in desk.heat_map.model.totals(code)[1]
    qtbot.keyClick(desk, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert desk.ambition.choose(code)
    assert [line.area for line in desk.ambition.model.lines()] == [kept[0]]
    desk.filter.box.clear()
    assert len(desk.ambition.model.lines()) == AREAS
    qtbot.keyClick(desk, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert sorted(a.area for a in desk.heat_map.model.areas) == everyone


def test_double_click_opens_the_workbook_in_the_editor_and_its_lock_shows(
    qtbot: QtBot, region: Path, editors: list[MainWindow]
) -> None:
    desk = desk_on(qtbot, region)
    view = desk.overview.view
    index = desk.overview.proxy.index(1, 1)
    area = str(index.data())
    rect = view.visualRect(index)
    # a person's double-click: a press and release, then the double-click (QTest sends the last alone)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editors.extend(desk.editors.windows)
    assert len(desk.editors.windows) == 1
    editor = desk.editors.windows[0]
    assert editor.isVisible() and editor.session is not None
    assert editor.session.snapshot().area.name == area
    path = editor.session.workbook.path
    assert not editor.session.workbook.read_only and locks.lock_path(path).exists()
    # the editor's lock appears in the folder: the watcher reads that workbook again, and says who has it
    holder = locks.holder(path)
    assert holder is not None
    qtbot.waitUntil(lambda: row_of(desk, area)[11] == holder.who(), timeout=READ_MS)
    # Enter on the same row brings the same editor forward, not a second one
    # (the row was updated: an index taken before it is stale, so the row is found again)
    row = next(r for r, line in enumerate(desk.overview.row_texts()) if line[1] == area)
    view.setFocus()
    view.setCurrentIndex(desk.overview.proxy.index(row, 1))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert desk.editors.windows == [editor]


# -- the heat map --------------------------------------------------------------------------------------------


def designated_with_levels(path: Path) -> tuple[str, object]:
    snapshot = snapshot_of(path)
    target = next(
        t
        for t in snapshot.targets
        if t.role is Role.DESIGNATED and t.status is not Status.DEFERRED and t.baseline is not None and t.target_2009_10
    )
    return snapshot.area.name, target


def test_a_heat_map_cell_has_its_letter_colour_and_levels(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    heat_map_shown(qtbot, desk)
    path = workbooks(region)[0]
    area, target = designated_with_levels(path)
    index = cell_of(desk, area, target.code)  # type: ignore[attr-defined]
    assert index.data() == "D"
    assert index.data(Qt.ItemDataRole.BackgroundRole).name().upper() == MARK_COLOURS["designated"][0]
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    units = target.units  # type: ignore[attr-defined]
    figure = (lambda v: f"{v:g}{units}") if units.startswith("%") else (lambda v: f"{v:g} {units}")
    assert f"Baseline ({target.baseline_period}): {figure(target.baseline)}" in tip  # type: ignore[attr-defined]
    assert f"2009/10: {figure(target.target_2009_10)}" in tip  # type: ignore[attr-defined]
    assert f"2010/11: {figure(target.target_2010_11)}" in tip  # type: ignore[attr-defined]
    # every mark has its own letter, colour-blind-safe colour and a key
    letters = {cell_of(desk, a.area, c).data() for a in desk.heat_map.model.areas for c in desk.heat_map.model.codes}
    assert {"D", "S", "L", "F"} <= letters
    for word in ("designated", "statutory", "local", "deferred", "not chosen"):
        assert word in desk.heat_map.legend.text()
    deferred = next(t for t in snapshot_of(path).targets if t.chosen and t.status is Status.DEFERRED)
    assert cell_of(desk, area, deferred.code).data() == "F"


def test_totals_say_how_many_areas_chose_each_indicator(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    heat_map_shown(qtbot, desk)
    snapshots = [snapshot_of(p) for p in workbooks(region)]
    model = desk.heat_map.model
    for code in ("NI 20", "NI 8"):
        designated = sum(
            any(t.code == code and t.role is Role.DESIGNATED and t.status is not Status.DEFERRED for t in s.targets)
            for s in snapshots
        )
        row = model.codes.index(code)
        words = f"{code} designated by {designated} of {AREAS} areas"
        assert words in model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
        assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole).startswith(words)
        assert model.index(row, 0).data() == f"D {designated} of {AREAS}"
        assert model.totals(code)[1] == tally_words(desk.heat_map.model.areas, code)  # core's words


def test_clicking_a_heat_map_cell_opens_that_target_in_the_editor(
    qtbot: QtBot, region: Path, editors: list[MainWindow]
) -> None:
    desk = desk_on(qtbot, region)
    heat_map_shown(qtbot, desk)
    path = workbooks(region)[1]
    area, target = designated_with_levels(path)
    view = desk.heat_map.view
    index = cell_of(desk, area, target.code)  # type: ignore[attr-defined]
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    editors.extend(desk.editors.windows)
    assert len(desk.editors.windows) == 1
    editor = desk.editors.windows[0]
    assert editor.session is not None and editor.session.workbook.path.resolve() == path.resolve()
    assert editor.stack.currentWidget() is editor.show_page("Targets")
    assert editor.current_code() == target.code  # type: ignore[attr-defined]


def test_enter_on_a_heat_map_cell_opens_that_target(qtbot: QtBot, region: Path, editors: list[MainWindow]) -> None:
    desk = desk_on(qtbot, region)
    qtbot.keyClick(desk.overview.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.heat_map
    view = desk.heat_map.view
    assert QApplication.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Down)  # NI 1 to NI 8, in the first area
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the second area
    index = view.currentIndex()
    code, area = desk.heat_map.model.codes[index.row()], desk.heat_map.model.areas[index.column() - 1]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editors.extend(desk.editors.windows)
    assert len(desk.editors.windows) == 1
    editor = desk.editors.windows[0]
    assert editor.session is not None and editor.session.snapshot().area.name == area.area
    assert editor.current_code() == code


# -- the ambition view -------------------------------------------------------------------------------------------


def test_ambition_table_and_chart_for_an_indicator(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    qtbot.keyClick(desk, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    panel = desk.ambition
    assert desk.tabs.currentWidget() is panel and QApplication.focusWidget() is panel.indicator
    code = "NI 16"  # serious acquisitive crime: lower is better
    assert panel.choose(code)
    expected = {}
    for path in workbooks(region):
        snapshot = snapshot_of(path)
        target = next(t for t in snapshot.targets if t.code == code)
        assert polarity_of(target, snapshot.catalogue) is Polarity.LOWER
        assert target.baseline and target.target_2010_11 is not None
        better = round(100 * (target.baseline - target.target_2010_11) / target.baseline, 1)
        expected[snapshot.area.name] = (f"{target.baseline:g}", f"{target.target_2010_11:g}", f"{better:+.1f}%")
    table = panel.proxy
    heads = [table.headerData(c, Qt.Orientation.Horizontal) for c in range(table.columnCount())]
    got = {}
    for row in range(table.rowCount()):
        cells = {h: str(table.index(row, c).data()) for c, h in enumerate(heads)}
        got[cells["Area"]] = (cells["Baseline"], cells["2010/11"], cells["Better by %"])
    assert got == expected
    percents = [float(table.index(r, heads.index("Better by %")).data().rstrip("%")) for r in range(table.rowCount())]
    assert percents == sorted(percents, reverse=True)  # the most ambitious first
    assert panel.chart.isVisible() and panel.chart.accessibleName() == "Ambition chart"
    assert panel.chart.drawn_areas() == [table.index(r, 0).data() for r in range(table.rowCount())]
    image = panel.chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert "#0072b2" in colours  # the better way drawn in blue
    assert f"{code} designated by {AREAS} of {AREAS} areas" in panel.tally.text()
    assert "Lower is better." in panel.tally.text()


def test_enter_on_an_ambition_line_opens_that_target(qtbot: QtBot, region: Path, editors: list[MainWindow]) -> None:
    desk = desk_on(qtbot, region)
    qtbot.keyClick(desk, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    panel = desk.ambition
    assert panel.choose("NI 16")
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(2, 0))
    area = str(panel.proxy.index(2, 0).data())
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    editors.extend(desk.editors.windows)
    assert len(desk.editors.windows) == 1
    editor = desk.editors.windows[0]
    assert editor.session is not None and editor.session.snapshot().area.name == area
    assert editor.current_code() == "NI 16"


# -- the watcher ------------------------------------------------------------------------------------------------


def test_a_changed_workbook_is_read_again_and_no_other(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    path = workbooks(region)[2]
    area = snapshot_of(path).area.name
    before = row_of(desk, area)
    others = [r for r in desk.overview.row_texts() if r[1] != area]
    reads = len(desk.reads)
    with Workbook.open(path, author="Test Officer") as workbook:
        target = next(t for t in workbook.targets() if t.role is Role.DESIGNATED)
        workbook.apply(Edit("not designated after all", (Put(replace(target, role=Role.CANDIDATE)),)))
    designated = int(before[3].split("/")[0]) - 1
    qtbot.waitUntil(lambda: row_of(desk, area)[3] == f"{designated}/35" and row_of(desk, area)[10] == "Test Officer",
                    timeout=READ_MS)  # fmt: skip
    qtbot.waitUntil(lambda: not desk.is_reading(), timeout=READ_MS)
    assert set(desk.reads[reads:]) == {path.resolve()}  # only that workbook was read again
    assert [r for r in desk.overview.row_texts() if r[1] != area] == others


def test_a_workbook_added_appears_and_one_deleted_disappears(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    reads = len(desk.reads)
    newcomer = region_areas("North East")[AREAS]
    build_region(region / "tees", [newcomer])
    qtbot.waitUntil(lambda: newcomer.area in [r[1] for r in desk.overview.row_texts()], timeout=READ_MS)
    qtbot.waitUntil(lambda: not desk.is_reading(), timeout=READ_MS)
    assert [p.name for p in desk.reads[reads:]] == [file_name(newcomer)]
    heat_map_shown(qtbot, desk)
    assert newcomer.area in [a.area for a in desk.heat_map.model.areas]
    gone = workbooks(region)[0]
    name = snapshot_of(gone).area.name
    gone.unlink()
    qtbot.waitUntil(lambda: name not in [r[1] for r in desk.overview.row_texts()], timeout=READ_MS)
    qtbot.waitUntil(lambda: name not in [a.area for a in desk.heat_map.model.areas], timeout=READ_MS)
    assert desk.overview.model.rowCount() == AREAS


# -- keys, names, ways in --------------------------------------------------------------------------------------------


def test_every_view_is_reached_by_keys_and_named(qtbot: QtBot, region: Path) -> None:
    desk = desk_on(qtbot, region)
    desk.activateWindow()
    assert desk.tabs.currentWidget() is desk.overview
    qtbot.keyClick(desk.overview.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.heat_map
    qtbot.keyClick(desk.heat_map.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.ambition
    qtbot.keyClick(desk.ambition.indicator, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.heat_map
    qtbot.keyClick(desk, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert desk.tabs.currentWidget() is desk.overview
    names = {
        w.accessibleName()
        for w in (desk.overview.view, desk.heat_map.view, desk.ambition.table, desk.ambition.chart, desk.skipped_list)
    }
    assert names == {"Region overview", "Heat map", "Ambition table", "Ambition chart", "Could not read"}
    for action in (desk.open_action, desk.refresh_action, desk.close_action, *desk.view_actions, desk.filter_action):
        assert not action.shortcut().isEmpty(), action.text()


def test_file_open_region_folder_opens_the_desk(
    qtbot: QtBot, region: Path, monkeypatch: pytest.MonkeyPatch, editors: list[MainWindow]
) -> None:
    monkeypatch.setattr(file_actions, "ask_region_folder", lambda parent: region)
    window = shown_window(qtbot)
    assert window.files.region_action in window.menuBar().actions()[0].menu().actions()
    window.files.region_action.trigger()
    desks = window.files.region_windows
    assert len(desks) == 1
    desk = desks[0]
    assert isinstance(desk, RegionWindow)
    qtbot.addWidget(desk)
    qtbot.waitUntil(lambda: desk.overview.model.rowCount() == AREAS and not desk.is_reading(), timeout=READ_MS)
    # the first workbook opened goes into the empty window the desk was opened from
    desk.open_workbook(desk.overview.model.record(0).path)
    editors.append(window)
    assert desk.editors.windows == [window] and window.session is not None


def test_laadesk_gui_takes_a_region_folder(region: Path) -> None:
    assert parse_args(["--region", str(region)]).region == region


def test_the_window_stays_responsive_while_reading(qtbot: QtBot, region: Path) -> None:
    desk = RegionWindow(region.resolve(), MainWindow)
    qtbot.addWidget(desk)
    desk.show()
    ticks: list[int] = []
    timer = QTimer(desk)
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with qtbot.waitSignal(desk.reading_finished, timeout=READ_MS):
        desk.start()
    timer.stop()
    assert len(ticks) >= 3  # the event loop ran timers while the files were read
