"""Hostile text into every export, and what must never reach the council.

Each text of conftest.HOSTILE_TEXTS sits in every kind of text field of one workbook; the
council pack and internal brief (PDF and Excel) and the exchange CSV are written once, then
read back with real readers (qpdf, pdftotext, openpyxl, LibreOffice, laadesk's own import):
each text printed literally, never run as markup or a formula, and every file still valid.

Confidentiality: canary strings and figures planted in internal records are searched for in
the raw bytes of every council-bound output - the PDF (after qpdf expands it), every part of
the XLSX, the CSV and the council copy of the workbook - and found in the internal ones, which
proves the search can see them.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import struct
import subprocess
import time
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from datetime import date
from html import unescape as html_unescape
from pathlib import Path

import pytest
from hostile_files import (
    BIG,
    HOSTILE_TEXTS,
    OUTSIDE_THE_PDF_FONT,
    hostile_partner,
    hostile_records,
    run_cli,
    without_pdf_controls,
)
from support.edge_cases import CANARIES, CANARY_FLOOR, CANARY_NOTE, CANARY_SHAREABLE_NOTE, edge_records
from support.tables import REASONS, read_csv, read_xlsx
from support.workbooks import make_workbook

from laadesk.core.exchange import FORMULA_STARTS, guard_text
from laadesk.core.import_plan import plan_import
from laadesk.core.model import YEAR_FIELDS, Target
from laadesk.core.pack import Audience, build_pack
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.text import without_controls
from laadesk.export.exchange_csv import write_exchange_csv
from laadesk.export.packs import PackFormat, write_pack
from laadesk.store.council_copy import save_council_copy
from laadesk.store.workbook import Workbook

KEYS = list(HOSTILE_TEXTS)
TODAY = date(2008, 6, 30)


@dataclass(frozen=True)
class Written:
    folder: Path
    snapshot: WorkbookSnapshot
    pdf: dict[Audience, Path]
    xlsx: dict[Audience, Path]
    csv: Path
    pdf_text: dict[Audience, str]


def write_all(folder: Path, workbook: Path) -> Written:
    with Workbook.open(workbook, read_only=True) as opened:
        snapshot = opened.snapshot()
    pdf, xlsx, text = {}, {}, {}
    for audience in Audience:
        pack = build_pack(snapshot, audience, TODAY)
        pdf[audience] = write_pack(pack, PackFormat.PDF, folder / f"{audience.value}.pdf").path
        xlsx[audience] = write_pack(pack, PackFormat.XLSX, folder / f"{audience.value}.xlsx").path
        text[audience] = pdftotext(pdf[audience])
    exchange = folder / "targets.csv"
    write_exchange_csv(exchange, snapshot.targets, snapshot.catalogue)
    return Written(folder, snapshot, pdf, xlsx, exchange, text)


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Text without white space or invisible format marks (RLM, LRM, zero-width joiners): PDF lines
    wrap where the layout says, not where the text does, and a mark with no glyph prints nothing."""
    return "".join(c for c in "".join(text.split()) if unicodedata.category(c) != "Cf")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Written:
    folder = tmp_path_factory.mktemp("hostile-exports")
    workbook = make_workbook(folder / "hostile.laa", hostile_records())
    return write_all(folder, workbook)


# -- each text, printed literally -------------------------------------------------------------

# Arabic prints joined: each letter as its initial, medial, final or isolated presentation form
# (U+FB50-U+FEFF), which is what pdftotext reads back. NFKC folds a form into its letter, so the
# comparison folds those forms, and only those, before looking for the text.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


def letters(text: str) -> str:
    return _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


@pytest.mark.parametrize("key", KEYS)
def test_the_pdf_prints_each_text_literally(hostile: Written, key: str) -> None:
    wanted = squeezed(without_pdf_controls(HOSTILE_TEXTS[key]))
    for audience in Audience:
        assert wanted in squeezed(letters(hostile.pdf_text[audience])), f"{key} missing from the {audience} PDF"


def test_right_to_left_text_is_joined_and_reads_from_the_right(hostile: Written) -> None:
    """Where the text stands alone on a line (its story paragraph), the words seen from right to left
    are the words as written, Arabic letters in their joined forms and Hebrew as it is."""
    words = HOSTILE_TEXTS["right-to-left"].split()
    found = 0
    for line in pdf_lines(hostile.pdf[Audience.COUNCIL]):
        drawn = [word for _, word in sorted(line, reverse=True)]  # rightmost first
        # pdftotext -bbox gives each word's characters as drawn, left to right.
        if sorted(words) not in (sorted(letters(w[::-1]) for w in drawn), sorted(letters(w) for w in drawn)):
            continue
        found += 1
        assert [letters(word[::-1]) for word in drawn] == words
        arabic = "".join(drawn[:3])
        assert _PRESENTATION_FORMS.search(arabic), f"Arabic drawn as separate letters: {arabic}"
    assert found, "the right-to-left text is on no line of its own"


def pdf_lines(path: Path) -> list[list[tuple[float, str]]]:
    """Each line of the PDF as (left edge, word) pairs, from pdftotext -bbox-layout."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = []
    for line in re.findall(r"<line[^>]*>(.*?)</line>", html, re.S):
        words = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', line)
        lines.append([(float(x), html_unescape(word)) for x, word in words])
    return lines


@pytest.mark.parametrize("key", list(OUTSIDE_THE_PDF_FONT))
def test_text_beyond_the_page_font_prints_in_an_embedded_fallback_font(hostile: Written, key: str) -> None:
    """Each character the page font lacks is drawn from a font that has its glyph, and that font is in the file."""
    from reportlab.pdfbase.ttfonts import TTFont

    from laadesk.export.pdf_fonts import FILES
    from laadesk.resources import resource_path

    fallback = OUTSIDE_THE_PDF_FONT[key]
    page_font = TTFont("check-page", str(resource_path("fonts", FILES["DejaVuSans"]))).face.charToGlyph
    glyphs = TTFont("check-fallback", str(resource_path("fonts", FILES[fallback]))).face.charToGlyph
    beyond = {c for c in HOSTILE_TEXTS[key] if ord(c) not in page_font}
    assert beyond, f"every character of {key} is in the page font: the test would prove nothing"
    assert {c for c in beyond if ord(c) not in glyphs} == set()
    for audience in Audience:
        fonts = subprocess.run(["pdffonts", str(hostile.pdf[audience])], capture_output=True, text=True, check=True)
        rows = [row.split() for row in fonts.stdout.splitlines()[2:]]
        assert any(row[0].endswith(f"+{fallback}") and row[-5] == "yes" for row in rows), fonts.stdout


@pytest.mark.parametrize("key", KEYS)
def test_the_excel_pack_holds_each_text_literally(hostile: Written, key: str) -> None:
    from openpyxl import load_workbook

    text = in_xml(without_controls(HOSTILE_TEXTS[key]).replace("\x0b", "").replace("\x0c", ""))
    for audience in Audience:
        book = load_workbook(hostile.xlsx[audience])
        values = {
            (sheet.title, c.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for c in row
            if isinstance(c.value, str)
        }
        found = [sheet for sheet, value in values if value in (text, guard_text(text))]
        assert found, f"{key!r} is in no cell of the {audience} Excel pack"


@pytest.mark.parametrize("audience", list(Audience))
def test_the_pdfs_are_valid_with_no_links_out_images_or_scripts(hostile: Written, audience: Audience) -> None:
    path = hostile.pdf[audience]
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    expanded = expand_pdf(path)
    for forbidden in (b"/URI", b"/JavaScript", b"/JS ", b"/Launch", b"/EmbeddedFile", b"/Subtype /Image", b"/GoToR"):
        assert forbidden not in expanded, f"{forbidden!r} in the {audience} PDF"


@pytest.mark.parametrize("audience", list(Audience))
def test_the_excel_packs_hold_no_formula_link_or_outside_reference(hostile: Written, audience: Audience) -> None:
    from openpyxl import load_workbook

    with zipfile.ZipFile(hostile.xlsx[audience]) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            data = archive.read(name)
            assert b"<f>" not in data and b"<f " not in data, f"a formula in {name}"
            assert b"<hyperlink" not in data, f"a hyperlink in {name}"
            assert b"externalLink" not in data and b'TargetMode="External"' not in data, name
    book = load_workbook(hostile.xlsx[audience])  # and openpyxl reads it whole
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{sheet.title}!{c.coordinate} is a formula"


def test_libreoffice_reads_formula_text_as_text(hostile: Written, tmp_path: Path) -> None:
    """A real spreadsheet program opens the council pack and shows formula-like text, never its result."""
    out = tmp_path / "converted"
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "csv",
            "--outdir",
            str(out),
            str(hostile.xlsx[Audience.COUNCIL]),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    with (out / "council.csv").open(encoding="utf-8", errors="replace", newline="") as handle:
        shown = {cell for row in csv.reader(handle) for cell in row}
    for key in ("formula-equals", "formula-plus", "formula-minus", "formula-at", "dde"):
        text = HOSTILE_TEXTS[key]
        assert text in shown or guard_text(text) in shown, f"{key} is not shown as text by LibreOffice"


def test_the_exchange_csv_guards_every_formula_and_reimports_identically(hostile: Written, tmp_path: Path) -> None:
    with hostile.csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column, value in row.items():
            if column not in ("baseline", "target_2008_09", "target_2009_10", "target_2010_11") and value:
                assert not value.startswith(FORMULA_STARTS), f"{column} {value!r} would run as a formula"
    assert_reimports(hostile, hostile.csv, tmp_path / "from-csv.laa")


def test_the_excel_pack_reimports_identically(hostile: Written, tmp_path: Path) -> None:
    assert_reimports(hostile, hostile.xlsx[Audience.COUNCIL], tmp_path / "from-xlsx.laa")


def assert_reimports(written: Written, source: Path, fresh: Path) -> None:
    """Import source into a fresh workbook: each target's exchange fields come back exactly."""
    xml = source.suffix == ".xlsx"
    table = read_xlsx(source) if xml else read_csv(source)
    make_workbook(fresh)
    with Workbook.open(fresh) as workbook:
        plan, problems = plan_import(source.name, table, (), workbook.partners(), workbook.catalogue(), REASONS)
        assert problems == [] and plan is not None, [str(p) for p in problems]
        workbook.apply(plan.edit)
        back = {t.code: t for t in workbook.targets()}
    fields = ("role", "status", "baseline", *YEAR_FIELDS, "units", "lead_partner", "partners", "comment")
    for target in written.snapshot.targets:
        other = back[target.code]
        for name in fields:
            assert getattr(other, name) == _exported(getattr(target, name), xml), (target.code, name)
        if target.code.startswith("L"):
            assert other.title == _exported(target.title, xml)


def _exported(value: object, xml: bool = False) -> object:
    """What the exchange layout carries of a value: invisible control characters left out and the
    cell trimmed (and, in an .xlsx, line ends made \n, as every XML reader does: XML 1.0 section
    2.11; openpyxl cannot write \x0b or \x0c at all, so the Excel writer leaves them out)."""
    if not isinstance(value, str):
        return value
    value = without_controls(value).strip()
    return in_xml(value).replace("\x0b", "").replace("\x0c", "") if xml else value


def in_xml(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_the_exchange_csv_reimports_through_the_command(hostile: Written, tmp_path: Path) -> None:
    shutil.copyfile(hostile.csv, tmp_path / "targets.csv")
    make_workbook(tmp_path / "x.laa")
    result = run_cli(tmp_path, tmp_path / "data", "import", "x.laa", "targets.csv")
    assert result.code == 0, result.describe()
    for line in result.out_lines:  # every reported change is one line: no text breaks it
        assert "\x1b" not in line and "\r" not in line
    with Workbook.open(tmp_path / "x.laa", read_only=True) as workbook:
        comments = {t.code: t.comment for t in workbook.targets()}
    for target in hostile.snapshot.targets:
        if target.comment:
            assert comments[target.code] == without_controls(target.comment).strip()


def test_partner_names_with_hostile_text_survive(hostile: Written) -> None:
    names = {p.name for p in hostile.snapshot.partners}
    for key in KEYS:
        assert hostile_partner(key) in names


# -- ten megabytes of text --------------------------------------------------------------------

PARAGRAPH = "Kingsmere’s economy rests on small firms, the port and the hospital; " * 14  # ~1 KB


def story_of(size: int, paragraph: str = PARAGRAPH, separator: str = "\n\n") -> str:
    count = size // (len(paragraph) + len(separator)) + 1
    return separator.join([paragraph] * count)[:size]


def with_story(snapshot: WorkbookSnapshot, text: str) -> WorkbookSnapshot:
    first = replace(snapshot.story[0], text=text)
    return replace(snapshot, story=(first, *snapshot.story[1:]))


def timed_write(snapshot: WorkbookSnapshot, format: PackFormat, path: Path) -> float:
    pack = build_pack(snapshot, Audience.COUNCIL, TODAY)
    started = time.monotonic()
    write_pack(pack, format, path)
    return time.monotonic() - started


def test_ten_megabytes_of_story_in_the_excel_pack(demo_snapshot: WorkbookSnapshot, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    text = story_of(10 * 1024 * 1024)
    seconds = timed_write(with_story(demo_snapshot, text), PackFormat.XLSX, tmp_path / "big.xlsx")
    print(f"10 MB story: Excel pack written in {seconds:.1f} s")
    assert seconds < 60
    book = load_workbook(tmp_path / "big.xlsx", read_only=True)
    sheet = book["Story of place"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    book.close()
    assert max(len(c) for c in cells) <= 32767  # Excel's own limit for one cell
    assert squeezed(PARAGRAPH) in squeezed("".join(cells))
    assert sum(len(squeezed(c)) for c in cells) >= len(squeezed(text))


def test_ten_megabytes_of_story_in_the_pdf(demo_snapshot: WorkbookSnapshot, tmp_path: Path) -> None:
    """The full 10 MB with LAADESK_HOSTILE_BIG=1 (about 1850 pages, 12 s here); 2 MB by default."""
    size = (10 if BIG else 2) * 1024 * 1024
    path = tmp_path / "big.pdf"
    seconds = timed_write(with_story(demo_snapshot, story_of(size)), PackFormat.PDF, path)
    print(f"{size // (1024 * 1024)} MB story in paragraphs: PDF pack written in {seconds:.1f} s")
    assert seconds < (120 if BIG else 30)
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    text = pdftotext(path)
    assert squeezed(text).count(squeezed(PARAGRAPH)[:200]) >= size // len(PARAGRAPH) // 2


def test_a_story_without_blank_lines_lays_out_in_linear_time(demo_snapshot: WorkbookSnapshot, tmp_path: Path) -> None:
    # reportlab lays one paragraph out again on every page it spans, so layout is linear only if
    # no paragraph is long. Checked by structure, not by a stopwatch (timing belongs in benchmarks/).
    from laadesk.export.pdf_sections import PARAGRAPH_PIECE, _paragraph_texts

    story = story_of(100_000, separator="\n")
    pieces = _paragraph_texts(story)
    assert max(len(p) for p in pieces) <= PARAGRAPH_PIECE
    assert "".join(p.replace("\n", "") for p in pieces).replace(" ", "") == story.replace("\n", "").replace(" ", "")
    path = tmp_path / "b.pdf"
    timed_write(with_story(demo_snapshot, story), PackFormat.PDF, path)
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    assert squeezed(pdftotext(path)).count(squeezed(PARAGRAPH)[:200]) >= 100_000 // len(PARAGRAPH) // 2


# -- what never reaches the council -----------------------------------------------------------


def expand_pdf(path: Path) -> bytes:
    """The PDF with every stream uncompressed and outside object streams, as qpdf writes it."""
    out = path.with_suffix(".qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(out)], check=True)
    return out.read_bytes()


FLOOR_BYTES = struct.pack(">d", CANARY_FLOOR)  # how SQLite stores a REAL
CANARY_TEXTS = (*CANARIES, "987654.32", "987,654", "987654")


def canaries_in(data: bytes, extra_text: str = "") -> set[str]:
    """Which canaries data holds: as UTF-8, UTF-16 (PDF strings, outlines) or a stored double."""
    found = set()
    for canary in CANARY_TEXTS:
        for encoded in (canary.encode(), canary.encode("utf-16-be"), canary.encode("utf-16-le")):
            if encoded in data:
                found.add(canary)
        if canary in extra_text:
            found.add(canary)
    if FLOOR_BYTES in data:
        found.add("floor as stored")
    return found


def xlsx_parts(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return b"\n".join(archive.read(name) for name in archive.namelist())


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Written:
    folder = tmp_path_factory.mktemp("edge-exports")
    workbook = make_workbook(folder / "edgeshire.laa", edge_records())
    written = write_all(folder, workbook)
    with Workbook.open(workbook, read_only=True) as opened:
        save_council_copy(opened, folder / "for the council.laa")
    return written


def test_the_search_finds_canaries_in_internal_outputs(edge: Written) -> None:
    """The same search that must come up empty on council outputs finds every canary here."""
    pdf = canaries_in(expand_pdf(edge.pdf[Audience.INTERNAL]), edge.pdf_text[Audience.INTERNAL])
    assert {CANARY_NOTE.split()[0], CANARY_SHAREABLE_NOTE.split()[0]} <= pdf
    assert pdf & {"987654.321", "987,654.321"}
    xlsx = canaries_in(xlsx_parts(edge.xlsx[Audience.INTERNAL]))
    assert {CANARY_NOTE.split()[0], CANARY_SHAREABLE_NOTE.split()[0], "987654.321"} <= xlsx
    workbook = canaries_in((edge.folder / "edgeshire.laa").read_bytes())
    assert {CANARY_NOTE.split()[0], CANARY_SHAREABLE_NOTE.split()[0], "floor as stored"} <= workbook


def test_the_council_pdf_holds_no_canary(edge: Written) -> None:
    path = edge.pdf[Audience.COUNCIL]
    assert canaries_in(path.read_bytes()) == set()
    assert canaries_in(expand_pdf(path), edge.pdf_text[Audience.COUNCIL]) == set()


def test_no_part_of_the_council_excel_pack_holds_a_canary(edge: Written) -> None:
    with zipfile.ZipFile(edge.xlsx[Audience.COUNCIL]) as archive:
        for name in archive.namelist():
            assert canaries_in(archive.read(name)) == set(), f"a canary in {name}"


def test_the_exchange_csv_holds_no_canary(edge: Written) -> None:
    data = edge.csv.read_bytes()
    assert canaries_in(data) == set()
    # The search sees what the CSV holds: a comment every council may read is there.
    assert "Conseil Général".encode() in data


def test_the_council_copy_holds_no_canary_anywhere_in_its_bytes(edge: Written) -> None:
    copy = edge.folder / "for the council.laa"
    assert canaries_in(copy.read_bytes()) == set()
    assert not Path(f"{copy}-journal").exists()
    conn = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM champion_notes").fetchone()[0] == 0
    finally:
        conn.close()


def test_text_deleted_long_ago_does_not_survive_into_the_council_copy(tmp_path: Path) -> None:
    """An original with old text in its free pages and page slack (written by another program with
    secure_delete off): the council copy is rebuilt row by row, so none of it comes along."""
    original = make_workbook(tmp_path / "old.laa", edge_records())
    stale = "STALECANARY5e1 deleted text from long ago "
    conn = sqlite3.connect(original, isolation_level=None)
    conn.execute("PRAGMA secure_delete = OFF")
    conn.execute("INSERT INTO story_sections (id, position, title, text) VALUES ('old', 99, 'old', ?)", (stale * 3000,))
    conn.execute("UPDATE targets SET comment = ? WHERE rowid = (SELECT min(rowid) FROM targets)", (stale,))
    conn.execute("UPDATE targets SET comment = 'rewritten' WHERE rowid = (SELECT min(rowid) FROM targets)")
    conn.execute("DELETE FROM story_sections WHERE id = 'old'")
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] > 0
    conn.close()
    assert stale.encode() in original.read_bytes()  # the old text is still in the original's bytes
    with Workbook.open(original, read_only=True) as workbook:
        save_council_copy(workbook, tmp_path / "copy.laa")
    data = (tmp_path / "copy.laa").read_bytes()
    assert b"STALECANARY5e1" not in data
    assert canaries_in(data) == set()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.laa", "old.laa"]


def test_a_council_pack_made_from_the_council_copy_matches_the_original_council_pack(
    edge: Written, tmp_path: Path
) -> None:
    """Nothing the council may see was lost: its pack from the copy is the pack from the original."""
    with Workbook.open(edge.folder / "for the council.laa", read_only=True) as workbook:
        copy_snapshot = workbook.snapshot()
    from_copy = build_pack(copy_snapshot, Audience.COUNCIL, TODAY)
    from_original = build_pack(edge.snapshot, Audience.COUNCIL, TODAY)
    assert from_copy == from_original


def test_exchange_rows_of_the_hostile_workbook_are_one_line_each_when_reported(hostile: Written) -> None:
    """The import report prints old and new values; none may break a line or reach the terminal raw."""
    table = read_csv(hostile.csv)
    empty: tuple[Target, ...] = ()
    plan, problems = plan_import("t.csv", table, empty, (), hostile.snapshot.catalogue, REASONS)
    assert plan is not None, problems
    changed = [replace(t, comment=t.comment + " (changed)") for t in hostile.snapshot.targets if t.chosen]
    plan, _ = plan_import("t.csv", table, tuple(changed), (), hostile.snapshot.catalogue, REASONS)
    assert plan is not None and plan.report
    for line in plan.report:
        assert not re.search(r"[\x00-\x1f\x7f-\x9f]", line), repr(line)


def test_csv_text_of_the_hostile_workbook_is_valid_utf8_with_bom(hostile: Written) -> None:
    data = hostile.csv.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text, newline="")))) == 1 + sum(
        1 for t in hostile.snapshot.targets if t.chosen
    )
