"""File > Import Returned Table in the window: a council's own table seen, its columns confirmed, the
summary read, each change reviewed (here all accepted: tests/gui/test_review_dialog.py reviews them
one by one), then imported as one undo step with a backup first - checked against the workbook file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook as Book
from support import council_tables as tables
from support.tables import REASONS, read_any
from support.workbooks import notes_in_file, targets_in_file

from laadesk.core.council_table import SKIP
from laadesk.core.council_table import read_table as read_council_table
from laadesk.core.import_plan import plan_import
from laadesk.core.review import accepted_edit, review
from laadesk.export.exchange_xlsx import read_xlsx_table
from laadesk.store import backups
from laadesk.store.workbook import Workbook
from laadesk.ui.dialogs.import_dialog import LEFT_OUT, ImportDialog
from laadesk.ui.dialogs.review_dialog import ReviewDialog
from laadesk.ui.pages.compare.model import polarity_lookup
from laadesk.ui.window.main_window import MainWindow
from laadesk.ui.window.table_import import ImportFileDialog

HEADER = ["NI ref", "Indicator", "Lead partner", "Baseline (year)", "Target 08/09", "2009/10 target", "10/11"]
COUNCIL_HEADER = [*HEADER, "RAG", "Lead officer", "Comments"]


def council_table(folder: Path, header: list[str] = COUNCIL_HEADER, name: str = "cabinet table.xlsx") -> Path:
    """A county cabinet's table as typed in 2008: a merged title, the header on row 3, a theme heading,
    local codes, levels in words, a column laadesk has no place for, a note below the table."""
    book = Book()
    sheet = book.active
    sheet.title = "LAA targets"
    sheet.append(["Kingsmere Local Area Agreement 2008-11 - improvement targets for Cabinet, 24 June 2008"])
    sheet.merge_cells("A1:J1")
    sheet.append([])
    sheet.append(header)
    sheet.append(["Stronger communities"])
    sheet.append(["NI 8", "", "Active Kingsmere", 21.3, "23.5", "TBC", "12-14%", "amber", "J. Smith", "+2 points"])
    sheet.append(["SI 14", "Stretch: household waste recycled", "Kingsmere County Council", "38%", 40, 42, 44])
    sheet.append(["-", "Village halls in community use", "Kingsmere Together", "", "a measurable increase"])
    sheet.append([])
    sheet.append(["Source: Kingsmere Observatory, May 2008."])
    path = folder / name
    book.save(path)
    return path


@pytest.fixture
def choose_file(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path | None], None]:
    def choose(path: Path | None) -> None:
        monkeypatch.setattr(ImportFileDialog, "ask", classmethod(lambda cls, parent, folder: path))

    return choose


def drive(monkeypatch: pytest.MonkeyPatch, steps: Callable[[ImportDialog], bool]) -> list[ImportDialog]:
    """Run the dialog's steps instead of a modal loop: True imports, False cancels; then every change
    the review lists is accepted as it lands by default (never over an agreed level)."""
    seen: list[ImportDialog] = []

    def accept_all(dialog: ReviewDialog) -> int:
        dialog.show()
        dialog.accept_all.click()
        dialog.import_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ReviewDialog, "exec", accept_all)

    def exec_(dialog: ImportDialog) -> int:
        seen.append(dialog)
        dialog.show()
        if steps(dialog):
            dialog.import_button.click()
        else:
            dialog.reject()
        return int(dialog.result())

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    return seen


ImportTable = Callable[[Path, Callable[[ImportDialog], bool]], list[ImportDialog]]


@pytest.fixture
def import_table(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, choose_file: Callable[[Path | None], None]
) -> ImportTable:
    """File > Import Returned Table in the window, the file dialog answering with a path and the import
    dialog's steps taken (drive): the import dialogs seen."""

    def run(path: Path, steps: Callable[[ImportDialog], bool]) -> list[ImportDialog]:
        choose_file(path)
        seen = drive(monkeypatch, steps)
        window.table_import.action.trigger()
        return seen

    return run


def shown(dialog: ImportDialog, row_number: int, column: int) -> str:
    """The preview's cell for a row of the sheet (numbered as the spreadsheet numbers it)."""
    preview = dialog.preview
    line = next(n for n in range(preview.rowCount()) if preview.verticalHeaderItem(n).text() == str(row_number))
    return preview.item(line, column - 1).text()


def header_words(dialog: ImportDialog) -> list[str]:
    preview = dialog.preview
    return [preview.horizontalHeaderItem(n).text().replace("\n", ": ") for n in range(preview.columnCount())]


def test_a_council_table_is_seen_matched_summarised_and_imported_as_one_undo_step(
    window: MainWindow,
    tmp_path: Path,
    demo_path: Path,
    import_table: ImportTable,
) -> None:
    source = council_table(tmp_path)
    before = targets_in_file(demo_path)
    summaries: list[str] = []

    def steps(dialog: ImportDialog) -> bool:
        assert dialog.header_row.value() == 3  # found below the merged title
        assert header_words(dialog) == [
            "A: NI (code)",
            "B: Indicator title",
            "C: Lead partner",
            "D: Baseline",
            "E: 2008/09 target",
            "F: 2009/10 target",
            "G: 2010/11 target",
            f"H: {LEFT_OUT}",
            f"I: {LEFT_OUT}",
            "J: Comment",
        ]
        assert dialog.found.text() == "Header row 3; 8 columns read; left out: 'RAG', 'Lead officer'."
        assert shown(dialog, 5, 10) == "+2 points"  # exactly as typed, no apostrophe
        dialog.show_summary()
        summaries.append(dialog.summary.toPlainText())
        assert dialog.verdict.text().startswith(
            "Importing cabinet table.xlsx will make 2 added, 1 updated, 0 unchanged; 3 levels kept as written, "
            "to settle."
        )
        return True

    import_table(source, steps)
    (summary,) = summaries
    for line in (
        "The table's header is row 3; the rows above it were left out.",
        "Column 'RAG' has no place in laadesk and was left out.",
        "Column 'Lead officer' has no place in laadesk and was left out.",
        "Row 4 ('Stronger communities') was read as a heading or a note, not a target.",
        "Row 9 ('Source: Kingsmere Observatory, May 2008.') was read as a heading or a note, not a target.",
        "SI 14: added as local target",
        "L4: added as local target",
        "L4: 2008/09 target kept as written: a measurable increase",
        "NI 8: 2009/10 target 23 -> 'TBC' (as written)",
        "NI 8: comment Targets set on the three-year rolling Active People sample; 1 percentage point a year as "
        "the Sport England benchmark. -> +2 points",
    ):
        assert line in summary.splitlines(), line
    after = targets_in_file(demo_path)
    ni8 = after["NI 8"]
    assert (ni8.baseline, ni8.target_2008_09, ni8.target_2009_10, ni8.target_2010_11) == (21.3, 23.5, None, None)
    assert (ni8.target_2009_10_as_written, ni8.target_2010_11_as_written) == ("TBC", "12-14%")
    assert ni8.comment != "+2 points"  # the council's comment is a shareable champion note on NI 8
    assert [n.indicators for n in notes_in_file(demo_path).values() if n.text == "+2 points"] == [("NI 8",)]
    assert (after["SI 14"].title, after["SI 14"].baseline, after["SI 14"].levels) == (
        "Stretch: household waste recycled",
        38.0,
        (40.0, 42.0, 44.0),
    )
    assert (after["L4"].title, after["L4"].target_2008_09_as_written) == (
        "Village halls in community use",
        "a measurable increase",
    )
    taken = list(backups.backup_folder().rglob("*before-import*"))
    assert len(taken) == 1, taken
    assert window.undo_action.text() == "&Undo import 8 of 8 changes from cabinet table.xlsx"
    assert window.statusBar().currentMessage().startswith("Imported 8 of 8 changes from cabinet table.xlsx.")
    window.undo_action.trigger()  # one step takes the whole import back
    assert targets_in_file(demo_path) == before


def test_the_officer_says_which_column_is_which_and_the_choice_is_kept_for_that_shape(
    window: MainWindow,
    tmp_path: Path,
    demo_path: Path,
    import_table: ImportTable,
) -> None:
    unusual = ["Performance measure code", "Measure", "Lead", "Now", "Draft 08/09", "Draft 09/10", "Draft 10/11"]
    unusual += ["RAG", "Lead officer", "Comments"]
    first = council_table(tmp_path, unusual, "june.xlsx")

    def say_which(dialog: ImportDialog) -> bool:
        assert dialog.found.text().startswith("No row in the first rows names a column of indicator codes.")
        assert not dialog.next_button.isEnabled()
        dialog.header_row.setValue(3)
        dialog.choose("A", "ni")
        assert dialog.next_button.isEnabled()
        dialog.choose("D", "baseline")
        dialog.choose("J", SKIP)
        dialog.show_summary()
        assert "Column 'Comments' was left out, as asked." in dialog.summary.toPlainText().splitlines()
        return True

    import_table(first, say_which)
    imported = targets_in_file(demo_path)
    assert imported["SI 14"].baseline == 38.0 and imported["NI 8"].target_2009_10_as_written == "TBC"
    assert imported["NI 8"].comment != "+2 points"  # the comments column was left out

    # July's table from the same council: same header, so the same choices without asking.
    second = council_table(tmp_path, unusual, "july.xlsx")

    def remembered(dialog: ImportDialog) -> bool:
        assert dialog.header_row.value() == 3
        assert header_words(dialog)[0] == "A: NI (code)" and header_words(dialog)[3] == "D: Baseline"
        assert header_words(dialog)[9] == f"J: {LEFT_OUT}"
        return False

    import_table(second, remembered)


def test_problems_are_named_by_row_and_column_and_nothing_is_written(
    window: MainWindow,
    tmp_path: Path,
    demo_path: Path,
    import_table: ImportTable,
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("NI ref,Baseline\nNI 31,12\nNI 8 / NI 9,4\n,5\n", encoding="utf-8")
    before = path.read_bytes(), demo_path.read_bytes()

    def steps(dialog: ImportDialog) -> bool:
        dialog.show_summary()
        assert dialog.verdict.text().startswith("Nothing can be imported: 3 problems in bad.csv")
        assert not dialog.import_button.isEnabled()
        lines = dialog.summary.toPlainText().splitlines()
        assert lines[0].startswith("Row 2, NI ref: NI 31 was withdrawn")
        assert lines[1].startswith("Row 3, NI ref:")
        assert lines[2].startswith("Row 4, NI ref:")
        return False

    seen = import_table(path, steps)
    assert len(seen) == 1
    assert (path.read_bytes(), demo_path.read_bytes()) == before
    assert not window.undo_action.isEnabled()


def test_a_workbook_of_several_sheets_asks_which(
    window: MainWindow,
    tmp_path: Path,
    demo_path: Path,
    import_table: ImportTable,
) -> None:
    path = council_table(tmp_path)
    book = __import__("openpyxl").load_workbook(path)
    book.create_sheet("Cover", 0).append(["Kingsmere LAA: cover note"])
    book.save(path)

    def steps(dialog: ImportDialog) -> bool:
        assert dialog.sheet.isVisible()
        assert [dialog.sheet.itemText(n) for n in range(dialog.sheet.count())] == ["Cover", "LAA targets"]
        assert not dialog.next_button.isEnabled()  # the cover has no table
        dialog.sheet.setCurrentText("LAA targets")
        assert dialog.header_row.value() == 3 and dialog.next_button.isEnabled()
        dialog.show_summary()
        return True

    import_table(path, steps)
    assert targets_in_file(demo_path)["SI 14"].baseline == 38.0


def test_an_unreadable_file_is_one_sentence_and_a_read_only_workbook_imports_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, choose_file: Callable[[Path | None], None]
) -> None:
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04 not a table")
    choose_file(path)
    warned: list[str] = []
    monkeypatch.setattr(
        "laadesk.ui.window.table_import.QMessageBox.warning", lambda parent, title, text: warned.append(text)
    )
    window.table_import.action.trigger()
    assert warned == [f"{path} is neither a .csv nor an .xlsx file; save it as one of those to import it."]
    assert window.table_import.action.isEnabled()
    window.set_workbook(None)
    assert not window.table_import.action.isEnabled()


def test_the_dialog_is_reachable_from_the_file_menu_with_its_key(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.table_import.action in file_menu.actions()  # type: ignore[union-attr]
    assert window.table_import.action.shortcut().toString() == "Ctrl+I"


# Tables in the shapes 2008 councils typed them (tests/support/council_tables.py), each read by the
# window as it proposes, with the sheet chosen where the workbook has several.
SHAPES = {
    "county cabinet": (tables.county_cabinet_xlsx, None, tables.COUNTY_ROWS),
    "county, headings merged": (tables.county_cabinet_merged_headings_xlsx, None, tables.COUNTY_ROWS),
    "district csv (Windows-1252)": (tables.district_csv, None, tables.DISTRICT_ROWS),
    "partnership workbook": (
        tables.partnership_workbook_xlsx,
        tables.PARTNERSHIP_TARGETS_SHEET,
        tables.PARTNERSHIP_ROWS,
    ),
    "unitary, short headings": (tables.unitary_blocks_xlsx, None, tables.UNITARY_ROWS),
}


@pytest.mark.parametrize(
    "shape",
    list(SHAPES),
)
def test_the_window_imports_each_shape_of_table_as_the_command_line_does(
    window: MainWindow,
    tmp_path: Path,
    demo_path: Path,
    demo_master: Path,
    import_table: ImportTable,
    shape: str,
) -> None:
    build, sheet, rows = SHAPES[shape]
    source = build(tmp_path)

    def accept(dialog: ImportDialog) -> bool:
        if sheet is not None:
            dialog.sheet.setCurrentText(sheet)
        dialog.show_summary()
        assert dialog.import_button.isEnabled(), dialog.summary.toPlainText()
        return True

    import_table(source, accept)
    by_window = targets_in_file(demo_path)

    other = tmp_path / "by the command line.laa"
    other.write_bytes(demo_master.read_bytes())
    table = read_council_table(read_xlsx_table(source, sheet)) if sheet else read_any(source)
    with Workbook.open(other) as workbook:
        plan, problems = plan_import(
            source.name, table, workbook.targets(), workbook.partners(), workbook.catalogue(), REASONS
        )
        assert plan is not None, [str(p) for p in problems]
        snapshot = workbook.snapshot()  # every change accepted, as `laadesk import` lands them
        found = review(snapshot, plan.edit, source.name, polarity_lookup(snapshot))
        numbers = [p.number for p in found.proposals]
        workbook.apply(accepted_edit(snapshot, found, numbers, today=snapshot.area.as_at or date.today()))
    assert by_window == targets_in_file(other)
    for row in rows:  # every cell typed in words is kept exactly, with no number beside it
        target = by_window[row.code] if not row.code.startswith("L") else None
        if target is None:
            continue  # a dash's local code depends on the demo's own local indicators
        for field, text in row.written.items():
            assert (getattr(target, field), target.as_written(field)) == (None, text), (row.code, field)
