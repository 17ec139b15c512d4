"""Councils' own target tables as 2008 council papers typed them: files for the import's tests.

A Local Area Agreement table was typed by a policy officer for a cabinet or a scrutiny paper, not for
laadesk: a title above the header, the header in the council's own words ("NI ref", "Target 08/09"),
theme headings between the targets, a column laadesk has no place for (a RAG rating), notes below,
codes of the area's own ("SI 14", "LPI 3", a dash for an indicator known only by its title), and
levels a negotiator typed as words ("TBC", "12-14%", "55.7 (for 2009)") beside plain figures.

Each builder `name(folder) -> Path` writes one table into `folder` and returns its path. Beside it are
constants of what the table holds, which tests assert on: its rows (`TableRow`, each level cell as the
council typed it and what laadesk must make of it), its header, and its heading and note rows by
number. The content is invented, plausible for 2008; it is no one council's real table.

Tables that import as typed:
- county_cabinet_xlsx: a county's cabinet appendix, one sheet (COUNTY_*).
- district_csv, district_csv_utf8: a district's scrutiny table saved as CSV by Excel, in Windows-1252
  (as Excel 2003 saved "CSV (Comma delimited)") and in UTF-8 with a byte-order mark (DISTRICT_*).
- partnership_workbook_xlsx: a workbook of three sheets, the targets on one of them (PARTNERSHIP_*).
- performance_export_xlsx: a performance system's export whose headers laadesk does not know, so
  the import needs --columns (PERFORMANCE_*).

Tables as councils also typed them, which laadesk should take as they are (see each builder):
- county_cabinet_merged_headings_xlsx: the county's table with its theme headings merged across.
- district_csv_revised: the district's table after scrutiny: a lead not yet agreed ("-"), and
  footfall targets typed as rises on the baseline ("+2%").
- unitary_blocks_xlsx: a unitary's table whose theme headings and notes are one or two words.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

LEVEL_FIELDS = ("baseline", "target_2008_09", "target_2009_10", "target_2010_11")

Typed = str | int | float | None  # a cell as the council left it: text, a number cell, or empty


@dataclass(frozen=True)
class Level:
    """One level cell as the council typed it, and what laadesk must make of it: the figure it plainly
    is (`number`), or the words kept exactly as written (`as_written`), never both; both empty for a
    blank (an empty cell, or a lone dash)."""

    typed: Typed
    number: float | None = None
    as_written: str = ""
    number_format: str | None = None  # an Excel number format for a number cell ("0.0%", "#,##0")


def words(text: str) -> Level:
    """A level typed as words, or as a figure with words: kept exactly as written, with no number."""
    return Level(text, None, text)


def figure(typed: str | int | float, number: float, number_format: str | None = None) -> Level:
    """A level that plainly is a number: text such as "1,180" or "26.7%", or a number cell."""
    return Level(typed, float(number), "", number_format)


def blank(typed: str | None = None) -> Level:
    """No level: an empty cell, or a dash typed for "none"."""
    return Level(typed)


@dataclass(frozen=True)
class TableRow:
    """A target's row of a council's table: each cell as typed, and the code and kind laadesk keeps."""

    code: str  # as laadesk keeps it: "NI 117", "SI 14" as written, "L1" for a dash
    kind: str  # designated, statutory or local
    typed_code: str | int  # the code cell as typed: "NI 117", 117, "SI 14", "-"
    title: str  # as typed (laadesk shows the National Indicator Set's own title for an NI)
    lead: str
    baseline: Level
    target_2008_09: Level
    target_2009_10: Level
    target_2010_11: Level
    comment: str = ""
    period: str = ""  # the baseline's period, where the table has a column for it
    other: str = ""  # a cell of a column laadesk has no place for (a RAG rating)

    @property
    def levels(self) -> dict[str, Level]:
        return {name: getattr(self, name) for name in LEVEL_FIELDS}

    @property
    def written(self) -> dict[str, str]:
        """The levels kept as written, by field."""
        return {name: level.as_written for name, level in self.levels.items() if level.as_written}


def by_code(rows: Iterable[TableRow]) -> dict[str, TableRow]:
    return {row.code: row for row in rows}


def written_count(rows: Iterable[TableRow]) -> int:
    """How many levels the import keeps as written: the count its totals line gives."""
    return sum(len(row.written) for row in rows)


def _csv_text(records: Iterable[Sequence[str]]) -> str:
    """Rows as Excel writes a CSV: every row as wide as the widest, CRLF line ends."""
    rows = [list(r) for r in records]
    width = max(len(r) for r in rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(r + [""] * (width - len(r)) for r in rows)
    return buffer.getvalue()


def _put_row(sheet: Any, number: int, cells: Sequence[Typed], formats: Sequence[str | None] = ()) -> None:
    """Cells into a row of an openpyxl sheet from column A; None leaves a cell empty."""
    for column, value in enumerate(cells, start=1):
        if value is None:
            continue
        cell = sheet.cell(row=number, column=column, value=value)
        if column <= len(formats) and formats[column - 1]:
            cell.number_format = formats[column - 1]


def _level_cells(row: TableRow) -> tuple[list[Typed], list[str | None]]:
    levels = list(row.levels.values())
    return [level.typed for level in levels], [level.number_format for level in levels]


# -- A county's cabinet appendix (.xlsx, one sheet) ------------------------------------------------------

COUNTY_FILE = "Cabinet 10 June 2008 Appendix B.xlsx"
COUNTY_SHEET = "Appendix B"
COUNTY_TITLE = "Harrowdale Local Area Agreement 2008-11: designated and statutory improvement targets"
COUNTY_SUBTITLE = "Cabinet, 10 June 2008 - Appendix B (draft for negotiation with Government Office)"
COUNTY_HEADER = (
    "NI ref",
    "Indicator",
    "Lead partner",
    "Baseline (year)",
    "Target 08/09",
    "2009/10\ntarget",  # typed on two lines in its cell (Alt+Enter), as header cells often were
    "10/11",
    "Comments",
    "RAG",  # no place in laadesk: left out, and said
)
COUNTY_HEADER_ROW = 4  # a merged title (row 1), a subtitle (row 2) and a blank row above it

COUNTY_BLOCKS: tuple[tuple[str, tuple[TableRow, ...]], ...] = (
    (
        "Stronger communities",
        (
            TableRow(
                "NI 4",
                "designated",
                "NI 4",
                "% of people who feel they can influence decisions in their locality",
                "Harrowdale Partnership Board",
                words("TBC"),
                blank(),
                blank(),
                words("a measurable increase"),
                comment="Place Survey baseline due spring 2009",
                other="Amber",
            ),
            TableRow(
                "L1",
                "local",
                "-",
                "Villages with an adopted parish plan",
                "Harrowdale Association of Local Councils",
                words("31 (2007/08)"),
                figure(35, 35),
                figure(40, 40),
                figure(45, 45),
                other="Green",
            ),
        ),
    ),
    (
        "Safer communities and health",
        (
            TableRow(
                "NI 20",
                "designated",
                "NI 20",
                "Assault with injury crime rate",
                "Harrowdale Constabulary",
                figure(9.6, 9.6),
                figure(9.4, 9.4),
                figure(9.1, 9.1),
                figure(8.8, 8.8),
                comment="Rate per 1,000 population",
                other="Green",
            ),
            TableRow(
                "NI 32",
                "designated",
                "NI 32",
                "Repeat incidents of domestic violence",
                "Harrowdale Constabulary",
                words("TBC"),
                words("TBC"),
                words("TBC"),
                words("TBC"),
                comment="Baseline from MARAC data in quarter 2",
                other="Red",
            ),
            TableRow(
                "NI 39",
                "designated",
                39,  # a code typed as a bare number: Excel stores it as a number cell
                "Alcohol-harm related hospital admission rates",
                "Harrowdale Primary Care Trust",
                figure("1,180", 1180),
                figure("1,236", 1236),
                figure(1270, 1270, "#,##0"),
                figure("1,301", 1301),
                comment="Rate per 100,000: the rise slowed, not reversed",
                other="Amber",
            ),
        ),
    ),
    (
        "Children and young people",
        (
            TableRow(
                "NI 87",
                "statutory",
                "NI 87",
                "Secondary school persistent absence rate",
                "Harrowdale Children's Trust",
                figure("6.3%", 6.3),
                figure(0.058, 5.8, "0.0%"),  # a number cell Excel shows as 5.8%
                figure(0.055, 5.5, "0.0%"),
                figure(0.052, 5.2, "0.0%"),
                comment="Statutory target agreed with schools",
                other="Green",
            ),
            TableRow(
                "NI 117",
                "designated",
                "NI 117",
                "16-18 year olds not in education, employment or training (NEET)",
                "Connexions Harrowdale",
                words("7.4% (Nov 07 - Jan 08)"),
                figure("7.0%", 7.0),
                figure("6.6%", 6.6),
                figure("6.1%", 6.1),
                comment="Was an LPSA2 stretch target",
                other="Amber",
            ),
            TableRow(
                "SI 14",
                "local",
                "SI 14",
                "Young people taking part in positive activities (Harrowdale youth survey)",
                "Harrowdale Youth Service",
                figure("26.7%", 26.7),
                figure("28%", 28),
                figure("30%", 30),
                words("TBC"),
                other="Green",
            ),
        ),
    ),
    (
        "Economy and environment",
        (
            TableRow(
                "NI 152",
                "designated",
                "NI 152",
                "Working age people on out of work benefits",
                "Jobcentre Plus",
                words("12.1% (Aug 2007)"),
                words("maintain the 2.2% gap with the national rate"),
                words("maintain the 2.2% gap with the national rate"),
                words("narrow the gap with the national rate to 1.8%"),
                comment="DWP figures lag by six months",
                other="Amber",
            ),
            TableRow(
                "NI 163",
                "designated",
                "NI 163",
                "Working age population qualified to at least Level 2",
                "Learning and Skills Council",
                words("52.9 (2006)"),
                words("TBC"),
                words("55.7 (for 2009)"),
                figure(57.4, 57.4),
                other="Green",
            ),
            TableRow(
                "NI 186",
                "designated",
                "NI 186",
                "Per capita reduction in CO2 emissions in the LA area",
                "Harrowdale County Council",
                words("8.9 tonnes per head (2005)"),
                figure("3.5%", 3.5),
                figure("7%", 7),
                words("12-14%"),
                comment="Defra figures are published two years in arrears",
                other="Green",
            ),
            TableRow(
                "LPI 3",
                "local",
                "LPI 3",
                "Household waste collected per head (kg)",
                "Harrowdale Waste Partnership",
                figure(498, 498),
                figure("490", 490),
                blank("-"),  # no 2009/10 milestone
                figure("470", 470),
                comment="No 2009/10 milestone: the new contract starts in April 2010",
                other="Green",
            ),
            TableRow(
                "L2",
                "local",
                "-",
                "Businesses supported by the rural enterprise scheme",
                "Harrowdale Rural Partnership",
                words("0 (new scheme)"),
                figure(40, 40),
                figure(90, 90),
                figure(150, 150),
                other="Green",
            ),
        ),
    ),
)
COUNTY_ROWS: tuple[TableRow, ...] = tuple(row for _, rows in COUNTY_BLOCKS for row in rows)
COUNTY_NOTES = (
    "Source: Harrowdale Partnership Board, 2 June 2008; baselines as at 31 March 2008.",
    "TBC = to be confirmed once the Place Survey and Tellus3 results are published.",
)


def _block_layout(
    header_row: int, blocks: Sequence[tuple[str, Sequence[TableRow]]], notes: Sequence[str]
) -> tuple[dict[int, TableRow], dict[int, str]]:
    """Where each target, heading and note of a table in blocks sits below its header: a heading row
    above each block's targets, a blank row after the last, then the note rows. Targets by row number,
    and the text of the rows that are not targets."""
    targets: dict[int, TableRow] = {}
    others: dict[int, str] = {}
    number = header_row
    for heading, rows in blocks:
        number += 1
        others[number] = heading
        for row in rows:
            number += 1
            targets[number] = row
    number += 1  # a blank row below the table
    for note in notes:
        number += 1
        others[number] = note
    return targets, others


# Row number -> target, and row number -> the heading or note typed there (rows 5, 8, 12, 16; 23, 24).
COUNTY_TARGET_ROWS, COUNTY_SKIPPED_ROWS = _block_layout(COUNTY_HEADER_ROW, COUNTY_BLOCKS, COUNTY_NOTES)


def _county_book(merged_headings: bool) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = COUNTY_SHEET
    width = len(COUNTY_HEADER)
    last = chr(ord("A") + width - 1)
    sheet["A1"] = COUNTY_TITLE
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A2"] = COUNTY_SUBTITLE
    _put_row(sheet, COUNTY_HEADER_ROW, COUNTY_HEADER)
    for cell in sheet[COUNTY_HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for number, row in COUNTY_TARGET_ROWS.items():
        levels, formats = _level_cells(row)
        _put_row(
            sheet,
            number,
            [row.typed_code, row.title, row.lead, *levels, row.comment or None, row.other or None],
            [None, None, None, *formats],
        )
    for number, text in COUNTY_SKIPPED_ROWS.items():
        sheet.cell(row=number, column=1, value=text)
        if merged_headings and text not in COUNTY_NOTES:
            sheet.merge_cells(f"A{number}:{last}{number}")
            sheet.cell(row=number, column=1).font = Font(bold=True)
    return book


def county_cabinet_xlsx(folder: Path) -> Path:
    """A county's cabinet appendix: a merged title and a subtitle above the header (row 4), which is in
    the council's words with a RAG column laadesk has no place for; theme headings typed in column A
    between the targets; NI codes (one typed as a bare number cell), the county's own SI 14 and LPI 3,
    and two dashes for local indicators known by their titles; levels in words ("TBC", "55.7 (for
    2009)", "12-14%", "maintain the 2.2% gap with the national rate"), as figures typed as text
    ("1,180", "26.7%") and as number cells (some formatted as percentages); two note rows below."""
    path = folder / COUNTY_FILE
    _county_book(merged_headings=False).save(path)
    return path


COUNTY_MERGED_FILE = "Cabinet 10 June 2008 Appendix B (formatted).xlsx"


def county_cabinet_merged_headings_xlsx(folder: Path) -> Path:
    """The county's table as its committee clerk formatted it for print: each theme heading merged
    across the width of the table (A5:I5...), bold. The same targets, headings and notes: it should
    import exactly as county_cabinet_xlsx does."""
    path = folder / COUNTY_MERGED_FILE
    _county_book(merged_headings=True).save(path)
    return path


# -- A district's scrutiny table saved as CSV ---------------------------------------------------------------

DISTRICT_FILE = "LAA targets O&S June 2008.csv"
DISTRICT_TITLE = "Riverton District Council – LAA 2008-11 targets for Overview and Scrutiny, 24 June 2008"
DISTRICT_HEADER = ("Ref", "Measure", "Lead", "Baseline", "Period", "08/09", "09/10", "10/11", "Suggested changes")
DISTRICT_HEADER_ROW = 3  # a title line, a blank line, then the header
DISTRICT_ROWS: tuple[TableRow, ...] = (
    TableRow(
        "NI 195",
        "designated",
        "NI 195",
        "Improved street and environmental cleanliness (litter)",
        "Riverton District Council",
        figure("11%", 11),
        figure("10%", 10),
        figure("9%", 9),
        figure("8%", 8),
        comment="+2 points above the national rate",  # starts like a formula: kept as typed
        period="2007/08",
    ),
    TableRow(
        "NI 154",
        "designated",
        "NI 154",
        "Net additional homes provided",
        "Riverton Local Strategic Partnership",
        figure("1,050", 1050),
        figure("1,100", 1100),
        figure("1,150", 1150),
        figure("1,200", 1200),
        comment="Members asked for 1,250 by 2010/11",
        period="2007/08",
    ),
    TableRow(
        "CYP12",
        "local",
        "CYP12",
        "Young people’s participation in positive activities (district survey)",
        "Riverton Youth Forum",
        words("tbc"),
        blank("-"),
        blank("-"),
        blank("-"),
        comment="Awaiting Tellus3 results – targets to follow",
        period="Tellus3 (2008)",
    ),
    TableRow(
        "LAA 7",
        "local",
        "LAA 7",
        "Affordable homes delivered in rural parishes",
        "Riverton District Council",
        figure("14", 14),
        words("10–12"),  # an en dash, as Word and Outlook type one: Windows-1252 byte 0x96
        words("12–15"),
        words("15–18"),
        comment="£1.2m Housing Corporation bid pending",
        period="2007/08",
    ),
    TableRow(
        "L1",
        "local",
        "–",  # an en dash for "no code": pasted from a Word table
        "Town centre footfall (Riverton and Millbridge)",
        "Riverton Town Centre Partnership",
        words("42,300 a week"),
        figure("43,000", 43000),
        figure("44,000", 44000),
        figure("45,000", 45000),
        comment="Counts from the two town centre cameras",
        period="2007",
    ),
)


def _district_text(rows: Sequence[TableRow]) -> str:
    records: list[list[str]] = [[DISTRICT_TITLE], [], list(DISTRICT_HEADER)]
    for row in rows:
        levels = ["" if level.typed is None else str(level.typed) for level in row.levels.values()]
        records.append([str(row.typed_code), row.title, row.lead, levels[0], row.period, *levels[1:], row.comment])
    return _csv_text(records)


def district_csv(folder: Path) -> Path:
    """A district's table saved by Excel 2003 as "CSV (Comma delimited)": Windows-1252, CRLF, every row
    padded with commas; a title line and a blank line above the header (row 3); headers "Ref, Measure,
    Lead, Baseline, Period, 08/09, 09/10, 10/11, Suggested changes"; a comment that starts like a formula
    ("+2 points above the national rate"); a dash for no level; en dashes, curly apostrophes and a pound
    sign (bytes 0x96, 0x92, 0xA3); an en dash for a local indicator with no code."""
    path = folder / DISTRICT_FILE
    path.write_bytes(_district_text(DISTRICT_ROWS).encode("cp1252"))
    return path


def district_csv_utf8(folder: Path) -> Path:
    """The district's table saved as "CSV UTF-8" (a byte-order mark first), under the same name in its
    own folder: it imports exactly as the Windows-1252 one."""
    (folder / "utf-8").mkdir(exist_ok=True)
    path = folder / "utf-8" / DISTRICT_FILE
    path.write_bytes(_district_text(DISTRICT_ROWS).encode("utf-8-sig"))
    return path


DISTRICT_REVISED_FILE = "LAA targets O&S June 2008 revised.csv"
DISTRICT_REVISED_ROWS: tuple[TableRow, ...] = tuple(
    replace(row, lead="-")  # the Youth Forum withdrew: no lead agreed yet
    if row.code == "CYP12"
    else replace(
        row,  # Members asked for rises on the baseline, typed as such
        target_2008_09=words("+2%"),
        target_2009_10=words("+4%"),
        target_2010_11=words("+6%"),
    )
    if row.code == "L1"
    else row
    for row in DISTRICT_ROWS
)


def district_csv_revised(folder: Path) -> Path:
    """The district's table as revised after scrutiny (Windows-1252 as before): CYP12's lead typed as a
    dash, none being agreed yet; the town centre footfall targets typed as rises on the 2007 baseline
    ("+2%", "+4%", "+6%"), which are not levels of 2, 4 and 6."""
    path = folder / DISTRICT_REVISED_FILE
    path.write_bytes(_district_text(DISTRICT_REVISED_ROWS).encode("cp1252"))
    return path


# -- A partnership's workbook of several sheets ------------------------------------------------------------

PARTNERSHIP_FILE = "Northvale LAA refresh March 2009.xlsx"
PARTNERSHIP_SHEETS = ("Cover", "Targets 2008-11", "Notes")
PARTNERSHIP_TARGETS_SHEET = "Targets 2008-11"
PARTNERSHIP_HEADER = (
    "Ref",
    "Indicator",
    "Type",
    "Lead partner",
    "Baseline",
    "Baseline year",
    "2008/09",
    "2009/10",
    "2010/11",
    "Comments",
)
PARTNERSHIP_ROWS: tuple[TableRow, ...] = (
    TableRow(
        "NI 39",
        "designated",
        "NI 39",
        "Alcohol-harm related hospital admission rates",
        "Northvale Primary Care Trust",
        figure(1523, 1523),
        figure(1601, 1601),
        figure(1642, 1642),
        figure(1677, 1677),
        comment="Rate per 100,000: a slower rise is the target",
        period="2006/07",
    ),
    TableRow(
        "NI 8",
        "designated",
        "NI 8",
        "Adult participation in sport",
        "Sport Northvale",
        figure("21.3%", 21.3),
        words("n/a"),
        figure("23.3%", 23.3),
        figure("24.3%", 24.3),
        comment="The Active People survey is biennial: no 2008/09 result",
        period="2005/06",
    ),
    TableRow(
        "NI 99",
        "statutory",
        "NI 99",
        "Children in care reaching level 4 in English at Key Stage 2",
        "Northvale Children's Services",
        words("45% (3-year average)"),
        figure(50, 50),
        figure(55, 55),
        figure(60, 60),
        comment="A cohort of about 20 children",
        period="2005-07",
    ),
    TableRow(
        "Local 5",
        "local",
        "Local 5",
        "Visits to Northvale museums and libraries",
        "Northvale Cultural Trust",
        figure("412,000", 412000),
        figure("420,000", 420000),
        figure("430,000", 430000),
        words("a further 2% a year"),
        period="2007/08",
    ),
)


def partnership_workbook_xlsx(folder: Path) -> Path:
    """A partnership's refresh workbook of three sheets: 'Cover' (a title page), 'Targets 2008-11' (the
    header in row 1, with a Type column of Designated, Statutory and Local, and a Baseline year column)
    and 'Notes' (a small table of its own, with a 'Ref' column). Without --sheet the import cannot know
    which sheet holds the targets."""
    from openpyxl import Workbook

    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    for number, text in enumerate(
        ("Northvale Partnership", "Local Area Agreement 2008-2011", "Refresh submission, version 3, 4 March 2009"),
        start=1,
    ):
        cover.cell(row=number, column=1, value=text)
    targets = book.create_sheet(PARTNERSHIP_TARGETS_SHEET)
    _put_row(targets, 1, PARTNERSHIP_HEADER)
    for number, row in enumerate(PARTNERSHIP_ROWS, start=2):
        levels, formats = _level_cells(row)
        kind = row.kind.capitalize()  # "Designated", as the partnership typed it
        cells = [row.typed_code, row.title, kind, row.lead, levels[0], row.period, *levels[1:], row.comment or None]
        _put_row(targets, number, cells, [None, None, None, None, formats[0], None, *formats[1:]])
    notes = book.create_sheet("Notes")
    _put_row(notes, 1, ("Ref", "Note"))
    _put_row(notes, 2, ("NI 8", "Active People 3 results are due in December 2009."))
    _put_row(notes, 3, ("Local 5", "Includes the mobile library service."))
    path = folder / PARTNERSHIP_FILE
    book.save(path)
    return path


# -- A performance system's export, whose headers laadesk does not know --------------------------------------

PERFORMANCE_FILE = "PerfExport_LAA_2008-11.xlsx"
PERFORMANCE_HEADER = (
    "Performance measure code",
    "Performance measure",
    "Accountable body",
    "Outturn 2007/08",
    "Year 1 target",
    "Year 2 target",
    "Draft 2010/11 level",  # the one header laadesk reads by itself: it names 2010/11
    "Officer commentary",
)
# What --columns says for the rest, as an officer types it.
PERFORMANCE_COLUMNS = (
    "Performance measure code=ni,Performance measure=title,Accountable body=lead_partner,"
    "Outturn 2007/08=baseline,Year 1 target=target_2008_09,Year 2 target=target_2009_10,"
    "Officer commentary=comment"
)
PERFORMANCE_ROWS: tuple[TableRow, ...] = (
    TableRow(
        "NI 20",
        "designated",
        "NI 020",  # the system pads its codes to three digits
        "Assault with injury crime rate",
        "Westbury Community Safety Partnership",
        figure(9.1, 9.1),
        figure(8.9, 8.9),
        figure(8.7, 8.7),
        words("8.5 (subject to Home Office agreement)"),
        comment="PSA 23",
    ),
    TableRow(
        "NI 56",
        "designated",
        "NI 056",
        "Obesity among primary school age children in Year 6",
        "Westbury Primary Care Trust",
        figure("18.4%", 18.4),
        figure("18.4%", 18.4),
        figure("18%", 18),
        figure("17.5%", 17.5),
        comment="National Child Measurement Programme",
    ),
    TableRow(
        "LAA 7b",
        "local",
        "LAA 7b",
        "Older people helped to live at home (per 1,000 aged 65+)",
        "Westbury Adult Social Care",
        words("TBC"),
        figure(85, 85),
        figure(90, 90),
        words("90+"),
    ),
)


def performance_export_xlsx(folder: Path) -> Path:
    """A performance management system's export (sheet 'Sheet1', header in row 1) whose headers are the
    system's own: 'Performance measure code', 'Outturn 2007/08', 'Year 1 target'... laadesk knows none
    but 'Draft 2010/11 level', so it needs --columns (PERFORMANCE_COLUMNS) to find the codes."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    _put_row(sheet, 1, PERFORMANCE_HEADER)
    for number, row in enumerate(PERFORMANCE_ROWS, start=2):
        levels, formats = _level_cells(row)
        cells = [row.typed_code, row.title, row.lead, *levels, row.comment or None]
        _put_row(sheet, number, cells, [None] * 3 + formats)
    path = folder / PERFORMANCE_FILE
    book.save(path)
    return path


# -- A unitary's table in blocks with short headings ----------------------------------------------------------

UNITARY_FILE = "Eastport LAA targets.xlsx"
UNITARY_HEADER = ("NI", "Indicator", "Lead", "Baseline", "2008/09", "2009/10", "2010/11")
UNITARY_HEADER_ROW = 2  # a title above it
UNITARY_TITLE = "Eastport Borough Council - LAA improvement targets 2008-11"
UNITARY_BLOCKS: tuple[tuple[str, tuple[TableRow, ...]], ...] = (
    (
        "Environment",
        (
            TableRow(
                "NI 192",
                "designated",
                "NI 192",
                "Household waste reused, recycled and composted",
                "Eastport Borough Council",
                figure("31.2%", 31.2),
                figure("34%", 34),
                figure("37%", 37),
                figure("40%", 40),
            ),
        ),
    ),
    (
        "Older people",
        (
            TableRow(
                "NI 141",
                "designated",
                "NI 141",
                "Vulnerable people achieving independent living",
                "Supporting People team",
                figure("68.5%", 68.5),
                figure("70%", 70),
                figure("72%", 72),
                words("TBC"),
            ),
        ),
    ),
)
UNITARY_ROWS: tuple[TableRow, ...] = tuple(row for _, rows in UNITARY_BLOCKS for row in rows)
UNITARY_NOTES = ("Notes:", "Baselines are 2007/08 outturns unless stated.")
UNITARY_TARGET_ROWS, UNITARY_SKIPPED_ROWS = _block_layout(UNITARY_HEADER_ROW, UNITARY_BLOCKS, UNITARY_NOTES)


def unitary_blocks_xlsx(folder: Path) -> Path:
    """A unitary's table whose theme headings are one or two words ("Environment", "Older people") and
    whose notes below start with a one-word "Notes:" line, as many councils typed them: each is a heading
    or a note, not an indicator code."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "LAA"
    sheet["A1"] = UNITARY_TITLE
    _put_row(sheet, UNITARY_HEADER_ROW, UNITARY_HEADER)
    for number, row in UNITARY_TARGET_ROWS.items():
        levels, formats = _level_cells(row)
        _put_row(sheet, number, [row.typed_code, row.title, row.lead, *levels], [None] * 3 + formats)
    for number, text in UNITARY_SKIPPED_ROWS.items():
        sheet.cell(row=number, column=1, value=text)
    path = folder / UNITARY_FILE
    book.save(path)
    return path


ALL_TABLES = (
    county_cabinet_xlsx,
    county_cabinet_merged_headings_xlsx,
    district_csv,
    district_csv_utf8,
    district_csv_revised,
    partnership_workbook_xlsx,
    performance_export_xlsx,
    unitary_blocks_xlsx,
)


def build_all(folder: Path) -> dict[str, Path]:
    """Every table above written into folder, by builder name."""
    return {builder.__name__: builder(folder) for builder in ALL_TABLES}
