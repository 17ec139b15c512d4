"""The Excel pack read back by openpyxl, by LibreOffice (headless Calc) and by `laadesk import`."""

from __future__ import annotations

import csv
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.edge_cases import CANARIES, CANARY_FLOOR_WARNING, CANARY_NOTE, HOSTILE_TEXTS
from support.tables import REASONS, read_xlsx

from laadesk.core.council_headings import match_header
from laadesk.core.council_table import OWN_TITLE
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.exchange import (
    COLUMNS,
    EXCHANGE_FIELDS,
    NUMBER_COLUMNS,
    exchange_targets,
    target_cells,
)
from laadesk.core.import_plan import plan_import
from laadesk.core.model import Target
from laadesk.core.numbers import parse_level
from laadesk.core.pack import Audience, Pack, build_pack
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.export.xlsx_pack import write_xlsx_pack
from laadesk.export.xlsx_styles import FIGURE, print_scale, used_widths
from laadesk.export.xlsx_targets import VALIDATED_ROWS
from laadesk.store.reference import shipped_catalogue
from laadesk.store.workbook import Workbook

GENERATED = date(2008, 6, 20)
BOOKS = ("demo-council", "demo-internal", "edge-council", "edge-internal")
COUNCIL_SHEETS = ("Targets", "Story of place", "Designated", "Statutory", "Local", "Deferred", "Partners", "Sign-off")
INTERNAL_SHEETS = (*COUNCIL_SHEETS, "Positions", "Champion notes")
LIBREOFFICE_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
HYPERLINK = HOSTILE_TEXTS[2]


@pytest.fixture(scope="module")
def packs(demo_snapshot: WorkbookSnapshot, edge_snapshot: WorkbookSnapshot) -> dict[str, Pack]:
    snapshots = {"demo": demo_snapshot, "edge": edge_snapshot}
    return {name: build_pack(snapshots[name.split("-")[0]], Audience(name.split("-")[1]), GENERATED) for name in BOOKS}


@pytest.fixture(scope="module")
def books(packs: dict[str, Pack], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("xlsx")
    paths = {}
    for name, pack in packs.items():
        paths[name] = folder / f"{name}.xlsx"
        result = write_xlsx_pack(pack, paths[name])
        assert result.sheets == (INTERNAL_SHEETS if pack.internal else COUNCIL_SHEETS)
        assert result.targets == len(pack.targets) > 50
    return paths


@pytest.fixture(scope="module")
def calc_csv(books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[list[str]]]]:
    """Every sheet of every book as LibreOffice shows it: {book: {sheet: rows}}."""
    office = shutil.which("libreoffice")
    assert office is not None, "LibreOffice (libreoffice-calc-nogui) is needed to check what Calc reads"
    out = tmp_path_factory.mktemp("calc")
    profile = tmp_path_factory.mktemp("lo-profile")
    command = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", LIBREOFFICE_CSV]
    subprocess.run(
        [*command, "--outdir", str(out), *(str(p) for p in books.values())],
        check=True,
        capture_output=True,
        timeout=240,
    )
    sheets: dict[str, dict[str, list[list[str]]]] = {name: {} for name in books}
    for path in out.glob("*.csv"):
        book = next(name for name in books if path.stem.startswith(f"{name}-"))
        sheet = path.stem[len(book) + 1 :]
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[book][sheet] = list(csv.reader(handle))
    return sheets


def load(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def body(sheet: Any) -> list[tuple[Any, ...]]:
    """The rows below a readable sheet's table header (the row shaded as a header), first cell filled."""
    rows = list(sheet.iter_rows())
    header = next(n for n, row in enumerate(rows) if row[0].fill.fgColor.rgb == "001F4E79")
    return [tuple(c.value for c in row) for row in rows[header + 1 :] if row[0].value is not None]


def header_row(sheet: Any) -> int:
    """The Targets sheet's header row: below the title block, its first cell the NI heading."""
    return next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "NI")


def target_rows(sheet: Any, values_only: bool = False) -> list[Any]:
    """The Targets sheet's rows below its header."""
    return list(sheet.iter_rows(min_row=header_row(sheet) + 1, values_only=values_only))


def all_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


# -- openpyxl reads it back ---------------------------------------------------------------


@pytest.mark.parametrize("name", BOOKS)
def test_targets_sheet_is_the_exchange_layout_with_real_numbers(
    name: str, books: dict[str, Path], packs: dict[str, Pack]
) -> None:
    pack = packs[name]
    book = load(books[name])
    assert tuple(book.sheetnames) == (INTERNAL_SHEETS if pack.internal else COUNCIL_SHEETS)
    sheet = book["Targets"]
    header = header_row(sheet)
    headings = tuple(c.value for c in sheet[header])
    # Each heading is in the negotiators' words, and one the import maps to exactly its exchange column.
    assert tuple(match_header(h) for h in headings) == COLUMNS
    assert not set(headings) & set(COLUMNS[1:])
    rows = target_rows(sheet)
    assert len(rows) == len(pack.targets)
    blanks = words = quoted = 0
    for target, row in zip(pack.targets, rows):
        cells = dict(zip(COLUMNS, row))
        expected = target_cells(target, pack.exchange_titles[target.code], guard=False)
        for column, value in zip(NUMBER_COLUMNS, (target.baseline, *target.levels)):
            cell = cells[column]
            if value is None and target.as_written(column):
                assert (cell.value, cell.data_type) == (target.as_written(column), "s"), (target.code, column)
                words += 1
            elif value is None:
                assert cell.value is None
                blanks += 1
            else:
                assert (
                    cell.data_type == "n" and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
                )
                assert float(cell.value) == value, (target.code, column)
                assert "%" not in cell.number_format and cell.number_format != "@"
                assert cell.number_format in (FIGURE, "General"), (target.code, column)
        for column in COLUMNS:
            text = expected[column]
            if column not in NUMBER_COLUMNS or target.as_written(column):
                # Exactly as typed, no apostrophe added: text that starts like a formula is marked
                # with Excel's quote prefix instead (and so is text that starts with an apostrophe).
                assert cells[column].value == (text or None), (target.code, column)
                assert cells[column].data_type in ("s", "n")
                assert cells[column].quotePrefix == text.startswith(("=", "+", "-", "@", "'")), (target.code, column)
                quoted += cells[column].quotePrefix
    if name.startswith("edge"):
        assert blanks > 0 and words == 4 and quoted > 0
    # Figures show exactly, as typed over too (12.25, not 12.3), with thousands separated (1,180);
    # a whole number without Excel's stray point, by a rule over the level columns.
    shown = {t.code: r[6].number_format for t, r in zip(pack.targets, rows)}
    if name.startswith("demo"):
        assert shown["NI 16"] == shown["NI 40"] == FIGURE == "#,##0.#########"
    first, last = header + 1, max(VALIDATED_ROWS, header + len(pack.targets))
    whole = {
        str(f.sqref): (rule.formula, rule.dxf.numFmt.formatCode)
        for f in sheet.conditional_formatting
        for rule in f.rules
        if rule.dxf is not None and rule.dxf.numFmt is not None
    }
    assert whole == {
        f"E{first}:E{last}": ([f"AND(ISNUMBER(E{first}),E{first}=INT(E{first}))"], "#,##0"),
        f"G{first}:I{last}": ([f"AND(ISNUMBER(G{first}),G{first}=INT(G{first}))"], "#,##0"),
    }


@pytest.mark.parametrize("name", BOOKS)
def test_spreadsheet_manners(name: str, books: dict[str, Path], packs: dict[str, Pack]) -> None:
    pack = packs[name]
    book = load(books[name])
    targets = book["Targets"]
    header = header_row(targets)
    first = header + 1
    # The table scrolls under its headings (and the NI and indicator), and its heading row prints on every page.
    assert targets.freeze_panes == f"C{first}"
    assert targets.print_title_rows == f"${header}:${header}"
    assert targets.auto_filter.ref == f"A{header}:N{header + len(pack.targets)}"
    lists = {v.formula1: str(v.sqref) for v in targets.data_validations.dataValidation if v.type == "list"}
    assert lists['"designated,statutory,local"'] == f"C{first}:C{VALIDATED_ROWS}"
    assert lists['"proposed,agreed,deferred"'] == f"D{first}:D{VALIDATED_ROWS}"
    decimals = [v for v in targets.data_validations.dataValidation if v.type == "decimal"]
    assert decimals and str(decimals[0].sqref) == f"E{first}:E{VALIDATED_ROWS} G{first}:I{VALIDATED_ROWS}"
    shaded = {str(f.sqref) for f in targets.conditional_formatting for rule in f.rules if rule.type == "cellIs"}
    assert shaded == {f"D{first}:D{VALIDATED_ROWS}"}
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9  # A4
        # Every sheet of the pack fits one page across without shrinking its text below legible.
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert print_scale(used_widths(sheet)) is None, sheet.title
        assert (sheet.page_margins.left, sheet.page_margins.top) == (0.4, 0.6)
        assert pack.area.name in sheet.oddFooter.left.text and "page &P of &N" in sheet.oddFooter.right.text
        assert pack.marking in sheet.oddHeader.center.text
        assert sheet.freeze_panes is not None and sheet.print_title_rows
        assert max(d.width for d in sheet.column_dimensions.values()) >= 24
        if pack.marking:
            assert sheet["A1"].value == pack.marking  # the marking on screen, not only in print
        else:  # a council pack is published once adopted: no marking unless chosen
            assert "PROTECT" not in str(sheet["A1"].value) and sheet.oddHeader.center.text in (None, "")
    assert pack.marking.endswith("NOT FOR THE COUNCIL") == pack.internal
    properties = book.properties
    area = pack.area.name
    assert properties.title == f"Local Area Agreement 2008-11 - {area}"
    assert area in properties.subject and f"version {pack.version}" in properties.subject
    assert area in properties.keywords and f"version {pack.version}" in properties.keywords
    assert properties.creator == "laadesk"


def test_views_carry_titles_levels_deferrals_sign_off_and_internal_sheets(
    books: dict[str, Path], packs: dict[str, Pack]
) -> None:
    pack = packs["demo-internal"]
    book = load(books["demo-internal"])
    statutory = body(book["Statutory"])
    assert [r[0] for r in statutory] == [t.code for t in pack.statutory]
    assert [r[1] for r in statutory] == [pack.titles[t.code] for t in pack.statutory]
    assert [r[7] for r in statutory] == [t.target_2010_11 for t in pack.statutory]
    deferred = {r[0]: r for r in body(book["Deferred"])}
    assert set(deferred) == {t.code for t in pack.deferred}
    for target in pack.deferred:
        assert deferred[target.code][3] == target.deferral_reason
        assert deferred[target.code][4].date() == target.revisit_date
    sign_off = [c for row in book["Sign-off"].iter_rows(values_only=True) for c in row if c is not None]
    assert "Kingsmere County Council" in sign_off and "CAB/2008/047" in sign_off  # the responsible authority
    assert pack.sequence + "." in sign_off and "PCTB/08/54" in sign_off  # partner authorities' word
    assert "Secretary of State sign-off" in sign_off and pack.version in sign_off
    assert "done 4 days late" in sign_off  # milestone state on the pack's date
    positions = body(book["Positions"])
    assert len(positions) == len(pack.positions)
    assert [(r[0], r[2], r[6], r[8]) for r in positions] == [
        (p.position.code, p.position.year, p.position.floor, p.gap) for p in pack.positions
    ]
    notes = body(book["Champion notes"])
    assert [r[8] for r in notes] == [n.text for n in pack.notes]
    assert sum(1 for r in notes if r[7] == "open") == len(pack.open_actions) > 0
    story = "".join(
        c for row in book["Story of place"].iter_rows(min_col=2, max_col=2, values_only=True) for c in row if c
    )
    for part in pack.story:
        assert "".join(part.section.text.split()) in "".join(story.split())


def test_edge_story_and_long_texts_are_whole(books: dict[str, Path], packs: dict[str, Pack]) -> None:
    pack = packs["edge-council"]
    book = load(books["edge-council"])
    column = [c for row in book["Story of place"].iter_rows(min_col=2, max_col=2, values_only=True) for c in row if c]
    long_section = pack.story[0].section.text
    chunks = [c for c in column if c.startswith("Sentence")]
    assert len(chunks) > 10 and "".join(chunks) == long_section  # split into row-sized chunks, nothing lost
    comments = [r[13] for r in target_rows(book["Targets"], values_only=True)]
    assert max(len(c or "") for c in comments) >= 3000


# -- cells are data, never formulas ---------------------------------------------------------


@pytest.mark.parametrize("name", BOOKS)
def test_no_cell_is_a_formula(name: str, books: dict[str, Path]) -> None:
    parts = all_parts(books[name])
    sheets = [text for part, text in parts.items() if part.startswith("xl/worksheets/sheet")]
    assert len(sheets) == len(INTERNAL_SHEETS if "internal" in name else COUNCIL_SHEETS)
    for text in sheets:
        assert "<f>" not in text and "<f " not in text
    for sheet in load(books[name]).worksheets:
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_hostile_texts_read_back_exactly(books: dict[str, Path], packs: dict[str, Pack]) -> None:
    pack = packs["edge-internal"]
    book = load(books["edge-internal"])
    targets = {r[0]: r for r in target_rows(book["Targets"], values_only=True)}
    designated = {r[0]: r for r in body(book["Designated"])}
    seen = set()
    for target in pack.designated:
        if target.comment in HOSTILE_TEXTS:
            seen.add(target.comment)
            # Every sheet carries the text itself, as a string cell (no apostrophe added to it).
            assert targets[target.code][13] == target.comment
            assert designated[target.code][14] == target.comment
    assert seen == set(HOSTILE_TEXTS)
    cell = next(c for row in book["Designated"].iter_rows() for c in row if c.value == HYPERLINK)
    assert cell.data_type == "s" and cell.quotePrefix
    local = [r[1] for r in body(book["Local"])]
    assert HOSTILE_TEXTS[0] in local
    story = {c for row in book["Story of place"].iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert f"2. {HOSTILE_TEXTS[1]}" in story and HOSTILE_TEXTS[0] in story


def test_the_officers_own_pack_notes_each_unverified_title_and_the_councils_does_not(
    books: dict[str, Path], packs: dict[str, Pack]
) -> None:
    for name in ("demo-internal", "demo-council"):
        pack = packs[name]
        assert pack.unverified_titles and "NI 33" in pack.unverified_titles
        sheet = load(books[name])["Targets"]
        noted = {row[0].value: row[1].comment for row in target_rows(sheet)}
        if pack.internal:
            assert {code for code, comment in noted.items() if comment} == set(pack.unverified_titles)
            assert noted["NI 33"].text.startswith("Title unverified: the catalogue recalls it")
        else:
            assert not any(noted.values())


# -- what may leave government --------------------------------------------------------------


def test_council_pack_holds_no_canary_and_the_internal_brief_does(
    books: dict[str, Path], calc_csv: dict[str, dict[str, list[list[str]]]]
) -> None:
    def found(name: str) -> set[str]:
        xml = "\n".join(all_parts(books[name]).values())
        shown = "\n".join(",".join(cell for row in rows for cell in row) for rows in calc_csv[name].values())
        return {canary for canary in CANARIES if canary in xml or canary in shown}

    assert found("edge-council") == set()
    # So the search above can find them; the floor warning is the Problems page's and the PDF brief's alone.
    assert found("edge-internal") == set(CANARIES) - {CANARY_FLOOR_WARNING}
    assert "Positions" not in calc_csv["edge-council"] and "Champion notes" not in calc_csv["edge-council"]
    notes = calc_csv["edge-internal"]["Champion notes"]
    assert any(CANARY_NOTE in row for row in notes)


# -- LibreOffice reads it -------------------------------------------------------------------


@pytest.mark.parametrize("name", BOOKS)
def test_libreoffice_shows_every_figure_as_the_workbook_holds_it(
    name: str, packs: dict[str, Pack], calc_csv: dict[str, dict[str, list[list[str]]]]
) -> None:
    pack = packs[name]
    shown = calc_csv[name]
    assert set(shown) == set(INTERNAL_SHEETS if pack.internal else COUNCIL_SHEETS)
    rows = shown["Targets"]
    header = next(n for n, row in enumerate(rows) if row[:1] == ["NI"])
    assert f"{pack.area.name} - {OWN_TITLE}" in rows[header - 3][0]
    assert tuple(match_header(h) for h in rows[header]) == COLUMNS
    rows = rows[header + 1 :]
    assert len(rows) == len(pack.targets)
    for target, row in zip(pack.targets, rows):
        cells = dict(zip(COLUMNS, row))
        for column, value in zip(NUMBER_COLUMNS, (target.baseline, *target.levels)):
            if target.as_written(column):
                assert cells[column] == target.as_written(column), (target.code, column)
            else:
                assert parse_level(cells[column]) == value, (target.code, column, cells[column])
        expected = target_cells(target, pack.exchange_titles[target.code], guard=False)
        assert {c: cells[c] for c in COLUMNS if c not in NUMBER_COLUMNS} == {
            c: expected[c] for c in COLUMNS if c not in NUMBER_COLUMNS
        }


def test_libreoffice_evaluates_no_text_as_a_formula(calc_csv: dict[str, dict[str, list[list[str]]]]) -> None:
    for name in ("edge-council", "edge-internal"):
        sheets = calc_csv[name]
        comments = [row[13] for row in sheets["Targets"] if len(row) > 13]
        assert HYPERLINK in comments and "@SUM(A1:A2)" in comments and "-minus first" in comments
        view = [row[14] for row in sheets["Designated"][4:] if len(row) > 14]
        assert HYPERLINK in view and "@SUM(A1:A2)" in view and "+44 20 7946 0000" in view
        every = [cell for rows in sheets.values() for row in rows for cell in row]
        assert "click" not in every  # what the HYPERLINK formula would have shown
        assert not any(cell.startswith(("#NAME", "Err:", "#VALUE")) for cell in every)


# -- a council's returned copy imports ------------------------------------------------------


@pytest.mark.parametrize("which", ["demo", "edge"])
def test_council_pack_imports_back_to_the_same_targets(which: str, request: Any, tmp_path: Path) -> None:
    snapshot: WorkbookSnapshot = request.getfixturevalue(f"{which}_snapshot")
    pack = build_pack(snapshot, Audience.COUNCIL, GENERATED)
    path = tmp_path / "returned.xlsx"
    write_xlsx_pack(pack, path)
    table = read_xlsx(path)
    catalogue = shipped_catalogue()
    with Workbook.create(tmp_path / "fresh.laa", snapshot.area, catalogue) as fresh:
        plan, problems = plan_import(str(path), table, fresh.targets(), fresh.partners(), catalogue, REASONS)
        assert problems == [] and plan is not None
        assert plan.added == len(pack.targets)
        fresh.apply(plan.edit)
        imported = exchange_targets(fresh.targets())
    expected = exchange_targets(snapshot.targets)
    assert [t.code for t in imported] == [t.code for t in expected]
    for before, after in zip(expected, imported):
        assert exchange_fields(after) == exchange_fields(before), before.code


def exchange_fields(target: Target) -> dict[str, Any]:
    values = {name: getattr(target, name) for name in EXCHANGE_FIELDS}
    # The import strips the spaces around each partner name (core.exchange.parse_row, CSV and
    # xlsx alike); the edge fixture's partner, cut at 40 characters, ends in a space.
    values["partners"] = tuple(p.strip() for p in values["partners"])
    return values


# -- progress and failure --------------------------------------------------------------------


def test_progress_counts_up_to_the_total(packs: dict[str, Pack], tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_xlsx_pack(packs["demo-internal"], tmp_path / "p.xlsx", lambda done, total: calls.append((done, total)))
    done = [d for d, _ in calls]
    assert done == sorted(set(done)) and len(done) > 5
    assert {t for _, t in calls} == {calls[-1][1]} and calls[-1][0] == calls[-1][1]


def test_unwritable_path_raises_a_sentence_and_leaves_no_file(packs: dict[str, Pack], tmp_path: Path) -> None:
    missing = tmp_path / "no such folder" / "pack.xlsx"
    with pytest.raises(WorkbookUnavailable, match=r"^Cannot write .*pack\.xlsx: .+\.$"):
        write_xlsx_pack(packs["demo-council"], missing)
    assert not missing.parent.exists()
    folder = tmp_path / "a folder.xlsx"
    folder.mkdir()
    with pytest.raises(WorkbookUnavailable, match="Cannot write"):
        write_xlsx_pack(packs["demo-council"], folder)
    assert folder.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["a folder.xlsx"]


def test_a_failed_save_keeps_the_old_file(
    packs: dict[str, Pack], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pack.xlsx"
    path.write_bytes(b"the previous pack")

    def disk_full(self: Any, handle: Any) -> None:
        handle.write(b"PK half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", disk_full)
    with pytest.raises(WorkbookUnavailable, match="No space left on device"):
        write_xlsx_pack(packs["demo-council"], path)
    assert path.read_bytes() == b"the previous pack"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.xlsx"]


def test_awkward_text_stays_text(packs: dict[str, Pack], tmp_path: Path) -> None:
    """An ampersand in the print header, a bell XML cannot hold, an error code, more than a cell holds."""
    pack = packs["demo-council"]
    first = replace(pack.designated[0], comment="#N/A\x07 until the survey")
    second = replace(pack.designated[1], comment="#DIV/0!")
    third = replace(pack.designated[2], comment="x" * 40_000)
    pack = replace(
        pack,
        council_marking="PROTECT & SENSITIVE",
        designated=(first, second, third, *pack.designated[3:]),
    )
    path = tmp_path / "awkward.xlsx"
    write_xlsx_pack(pack, path)
    book = load(path)
    comments = {r[0]: r[13] for r in target_rows(book["Targets"], values_only=True)}
    assert comments[first.code] == "#N/A until the survey" and comments[second.code] == "#DIV/0!"
    assert len(comments[third.code]) == 32_767 and comments[third.code].endswith("the laadesk workbook has the rest]")
    assert all(c.data_type != "e" for sheet in book.worksheets for row in sheet.iter_rows() for c in row)
    assert book["Sign-off"]["A1"].value == "PROTECT & SENSITIVE"
    sheet_xml = all_parts(path)["xl/worksheets/sheet2.xml"]
    assert "PROTECT &amp;&amp; SENSITIVE" in sheet_xml  # "&&" prints one ampersand


# -- looks and row heights ------------------------------------------------------------------


def test_each_book_works_out_its_own_looks(tmp_path: Path) -> None:
    """A look is worked out once per book and copied to later cells; a second book that meets the
    same looks in another order, after a font of its own, must still show each cell as it was set."""
    from openpyxl.styles import Font
    from openpyxl.styles.fonts import DEFAULT_FONT

    from laadesk.export.xlsx_styles import GRID, HEADER_FILL, HEADER_FONT, NUMBER_ALIGN, TOP_WRAP, restyle

    own_font = Font(name="Courier New", size=9)
    looks: list[dict[str, Any]] = [
        {"font": HEADER_FONT, "fill": HEADER_FILL, "border": GRID},
        {"font": own_font, "alignment": TOP_WRAP},
        {"alignment": NUMBER_ALIGN, "number_format": "#,##0.00"},
    ]
    paths = []
    for name, order in (("first", [0, 1, 2]), ("second", [2, 1, 0])):
        book = openpyxl.Workbook()
        sheet = book.active
        if name == "second":
            sheet.cell(row=9, column=9, value="first font").font = Font(name="Arial", italic=True)
        for row, look in enumerate(order, start=1):
            for column in (1, 2, 3):
                restyle(sheet.cell(row=row, column=column, value=f"{name} {look}"), **looks[look])
        # A change of look on top of another, as a number written into a styled row gets.
        restyle(sheet.cell(row=5, column=1, value=1.5), font=own_font, border=GRID)
        restyle(sheet.cell(row=5, column=1), alignment=NUMBER_ALIGN, number_format="#,##0.0")
        paths.append(tmp_path / f"{name}.xlsx")
        book.save(paths[-1])
    for path, order in zip(paths, ([0, 1, 2], [2, 1, 0])):
        sheet = load(path).active
        for row, look in enumerate(order, start=1):
            for column in (1, 2, 3):
                cell = sheet.cell(row=row, column=column)
                expected = looks[look]
                font = expected.get("font", DEFAULT_FONT)
                assert (cell.font.name, cell.font.b) == (font.name, bool(font.b)), (path.name, row, column)
                assert cell.fill.fgColor.rgb == (HEADER_FILL.fgColor.rgb if "fill" in expected else "00000000")
                assert cell.border.left.style == ("thin" if "border" in expected else None)
                alignment = expected.get("alignment")
                assert cell.alignment.horizontal == (alignment.horizontal if alignment else None)
                assert cell.alignment.wrap_text == (alignment.wrap_text if alignment else None)
                assert cell.number_format == expected.get("number_format", "General")
        number = sheet.cell(row=5, column=1)
        assert (number.font.name, number.border.top.style) == ("Courier New", "thin")
        assert (number.alignment.horizontal, number.alignment.indent, number.number_format) == ("right", 1, "#,##0.0")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Kingsmere County Council",
        "a\tb",
        "\t\t\t",
        "word " * 40,
        "x" * 200,
        "first line\n\n" + "a longer third line that wraps " * 4,
        "é" * 30 + "\u00a0" + "ü" * 30,
        " leading and trailing spaces ",
    ],
)
def test_row_heights_count_lines_as_a_spreadsheet_wraps_them(text: str) -> None:
    """The count skips wrapping a line that fits; it must agree with wrapping every line."""
    import textwrap

    from laadesk.export.xlsx_styles import lines_needed

    for width in (8, 12, 22, 40, 90):
        per_line = max(int((width - 2.5) * 1.2), 1)
        wrapped = sum(len(textwrap.wrap(line, per_line, break_on_hyphens=False)) or 1 for line in text.split("\n"))
        assert lines_needed(text, width) == wrapped, (text[:20], width)
