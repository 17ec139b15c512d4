"""Property-based tests (hypothesis) for the importers, the rules, the exports and the store.

Each property says what holds for every input, and hypothesis looks for one where it does
not: text with control characters, line breaks, quotes and every script; arbitrary bytes
given to the readers; random damage to a workbook file. LAADESK_HOSTILE_BIG=1 runs ten times
the examples.
"""

from __future__ import annotations

import codecs
import random
import re
import shutil
import sqlite3
import struct
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hostile_files import BIG, small_records
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from support.tables import REASONS, read_csv, read_xlsx
from support.workbooks import make_workbook

from laadesk.core.catalogue import Catalogue
from laadesk.core.council_table import ReadTable
from laadesk.core.edits import Put
from laadesk.core.errors import CellProblem, WorkbookProblem
from laadesk.core.exchange import (
    COLUMNS,
    DASHES,
    FORMULA_STARTS,
    ExchangeRow,
    exchange_targets,
    guard_text,
    parse_row,
    target_row,
    unguard_text,
)
from laadesk.core.import_plan import plan_import
from laadesk.core.model import (
    ChampionNote,
    NoteKind,
    Position,
    Role,
    Status,
    Target,
    Visibility,
)
from laadesk.core.pack import Audience, build_pack
from laadesk.core.rules import Severity, check, ready_for_sign_off
from laadesk.core.text import CONTROL_CHARACTERS, decode_text, visible, without_controls
from laadesk.export.exchange_csv import write_exchange_csv
from laadesk.export.exchange_xlsx import excel_unescape
from laadesk.export.packs import PackFormat, write_pack
from laadesk.store.council_copy import save_council_copy
from laadesk.store.reference import shipped_catalogue
from laadesk.store.workbook import Workbook

SCALE = 10 if BIG else 1
SHARED = {"database": None, "deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}


def examples(count: int) -> settings:
    return settings(max_examples=count * SCALE, **SHARED)  # type: ignore[arg-type]


CATALOGUE: Catalogue = shipped_catalogue()
NATIONAL = [i for i in CATALOGUE.indicators if not i.withdrawn]

# Text as people (and attackers) type it: every plane, controls, line breaks, quotes, separators,
# formula starts, bidi controls, zero-width marks - everything but lone surrogates.
any_char = st.characters(exclude_categories=("Cs",))
nasty_char = st.sampled_from(
    [*"\x00\x07\x0b\x0c\x1b\x7f\x85\u200b\u200e\u202e\u2066\ufeff\t\r\n\"',;=+-@'", "é", "€", "ش", "東", "🎉"]
)
hostile_text = st.text(st.one_of(any_char, nasty_char), max_size=40)
level = st.none() | st.floats(allow_nan=False, allow_infinity=False, width=64)
# Excel keeps 15 significant digits, and openpyxl writes 16: what an .xlsx can carry exactly.
excel_level = st.none() | st.floats(-1e15, 1e15, allow_nan=False).map(lambda f: float(f"{f:.15g}"))


def not_a_dash(text: str) -> bool:
    return text not in DASHES


def exchanged(text: str) -> str:
    """What the exchange layout gives back of a text: invisible controls out, outer space trimmed."""
    return without_controls(text).strip()


@st.composite
def exchange_target_sets(draw: st.DrawFn, level: st.SearchStrategy[float | None] = level) -> list[Target]:
    chosen = draw(st.lists(st.sampled_from(NATIONAL), max_size=6, unique_by=lambda i: i.ni))
    # A lone dash in a partner column says "none named yet" (as in a level), so it names no partner.
    partner = hostile_text.map(lambda t: exchanged(t).replace(";", ",")).filter(lambda t: bool(t) and t not in DASHES)
    targets = []
    for indicator in chosen:
        deferred = draw(st.booleans())
        targets.append(
            Target(
                indicator.code,
                draw(st.sampled_from([Role.DESIGNATED, Role.STATUTORY])),
                status=Status.DEFERRED if deferred else draw(st.sampled_from([Status.PROPOSED, Status.AGREED])),
                baseline=draw(level),
                baseline_period=exchanged(draw(hostile_text)),
                target_2008_09=draw(level),
                target_2009_10=draw(level),
                target_2010_11=draw(level),
                units=exchanged(draw(hostile_text)),
                lead_partner=draw(hostile_text.map(lambda t: exchanged(t).replace(";", ",")).filter(not_a_dash)),
                partners=tuple(dict.fromkeys(p.strip() for p in draw(st.lists(partner, max_size=3)))),
                deferral_reason=draw(st.sampled_from(REASONS.wordings())) if deferred else "",
                comment=draw(hostile_text),
            )
        )
    for number in range(1, draw(st.integers(0, 2)) + 1):
        title = draw(hostile_text.filter(lambda t: bool(exchanged(t))))
        targets.append(Target(f"L{number}", Role.LOCAL, title=title, comment=draw(hostile_text), lead_partner="L"))
    return targets


def as_exchanged(target: Target, xml: bool = False) -> Target:
    """A target as the exchange layout carries it (and, in an .xlsx, as XML can hold it)."""

    def clean(text: str) -> str:
        text = exchanged(text)
        if xml:
            text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "").replace("\x0c", "")
            text = re.sub("[\ufffe\uffff]", "", text)
        return text

    return replace(
        target,
        title=clean(target.title),
        comment=clean(target.comment),
        units=clean(target.units),
        baseline_period=clean(target.baseline_period),
        lead_partner=clean(target.lead_partner),
        partners=tuple(clean(p) for p in target.partners),
    )


def imported(table: ReadTable) -> list[Target]:
    plan, problems = plan_import("round trip", table, (), (), CATALOGUE, REASONS)
    assert problems == [], [str(p) for p in problems]
    assert plan is not None
    return [c.after for c in plan.edit.changes if isinstance(c, Put) and isinstance(c.after, Target)]


# -- the importers ----------------------------------------------------------------------------


@examples(80)
@given(exchange_target_sets())
def test_csv_export_then_import_gives_the_same_targets_whatever_the_text(
    tmp_path: Path, original: list[Target]
) -> None:
    assume(original)
    path = tmp_path / "round.csv"
    write_exchange_csv(path, original, CATALOGUE)
    assert imported(read_csv(path)) == [as_exchanged(t) for t in exchange_targets(original)]


@examples(8)
@given(exchange_target_sets(excel_level))
def test_excel_pack_export_then_import_gives_the_same_targets(tmp_path: Path, original: list[Target]) -> None:
    """The council edits the Excel pack's Targets sheet and sends it back: it reads in as written."""
    assume(original)
    from laadesk.core.model import AreaProfile
    from laadesk.core.snapshot import WorkbookSnapshot

    snapshot = WorkbookSnapshot(AreaProfile("Round Trip"), CATALOGUE, tuple(original))
    path = tmp_path / "pack.xlsx"
    write_pack(build_pack(snapshot, Audience.COUNCIL, date(2008, 6, 1)), PackFormat.XLSX, path)
    assert imported(read_xlsx(path)) == [as_exchanged(t, xml=True) for t in exchange_targets(original)]


@examples(150)
@given(st.dictionaries(st.sampled_from([*COLUMNS, "extra"]), hostile_text, max_size=16), st.integers(2, 10_001))
def test_any_row_is_parsed_or_named_never_raised(cells: dict[str, str], number: int) -> None:
    code, values, problems = parse_row(ExchangeRow(number, cells), CATALOGUE, REASONS)
    for problem in problems:
        assert isinstance(problem, CellProblem) and problem.row == number
        assert problem.column in (*COLUMNS, "")
        assert "\n" not in str(problem) and "\r" not in str(problem)
        assert not CONTROL_CHARACTERS.search(str(problem))
    if not problems:
        assert code is not None
        for column in ("comment", "units", "lead_partner", "baseline_period"):
            assert not CONTROL_CHARACTERS.search(values.get(column, ""))


@examples(60)
@given(st.binary(max_size=3000))
@example(b"\xff\xfe\x00")
@example(b"\xef\xbb\xbf\x00")
@example(b'ni,title\r\n"')
def test_any_bytes_given_as_csv_read_or_refused_in_a_sentence(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.csv"
    path.write_bytes(data)
    try:
        table = read_csv(path)
    except WorkbookProblem as problem:
        assert str(problem).startswith(str(path)) and "\n" not in str(problem)
        return
    plan, problems = plan_import("any.csv", table, (), (), CATALOGUE, REASONS)
    assert (plan is None) == bool(problems)


@pytest.fixture(scope="module")
def sheet_parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from hostile_files import GOOD_CELLS
    from support.spreadsheets import xlsx_from_rows

    path = xlsx_from_rows(tmp_path_factory.mktemp("fuzz") / "good.xlsx", [GOOD_CELLS, GOOD_CELLS])
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@examples(60)
@given(st.data())
def test_a_damaged_xlsx_is_read_or_refused_in_a_sentence(
    tmp_path: Path, sheet_parts: dict[str, bytes], data: st.DataObject
) -> None:
    """Random damage inside any part of a good .xlsx: rows, or one sentence - never anything else."""
    name = data.draw(st.sampled_from(sorted(sheet_parts)))
    part = bytearray(sheet_parts[name])
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(part) - 1))
        part[at] = data.draw(st.sampled_from([*b'<>/"=&;x0 \x00\xff', data.draw(st.integers(0, 255))]))
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for other, content in sheet_parts.items():
            archive.writestr(other, bytes(part) if other == name else content)
    try:
        table = read_xlsx(path)
    except WorkbookProblem as problem:
        assert "\n" not in str(problem)
        return
    plan_import("damaged.xlsx", table, (), (), CATALOGUE, REASONS)


# -- text -------------------------------------------------------------------------------------


@examples(200)
@given(st.text(any_char, max_size=60), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-be-bom"]))
def test_text_in_any_unicode_encoding_decodes_back(text: str, encoding: str) -> None:
    assume("\x00" not in text)
    data = codecs.BOM_UTF16_BE + text.encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
    if encoding == "utf-8" and text.startswith("\ufeff"):
        text = text[1:]  # a leading BOM is the BOM
    assert decode_text(data) == text


ascii_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=8, max_size=200)
latin_text = st.text(st.characters(min_codepoint=0xA0, max_codepoint=0x17F), max_size=2)


@examples(100)
@given(st.lists(st.tuples(ascii_text, latin_text), min_size=1, max_size=5), st.booleans())
@example([("abcdefgh", "\u0100\u0100")], False)  # two of ten characters with a NUL on the other side
@example([("abcdefgh", "\u0100"), ("ijklmnop", "\u0100")], True)
def test_utf16_without_a_byte_order_mark_is_recognised(parts: list[tuple[str, str]], big_endian: bool) -> None:
    """Mostly-Latin text saved as UTF-16 with no BOM (some exporters do): read, not refused as NULs."""
    text = "".join(a + b for a, b in parts)
    assert decode_text(text.encode("utf-16-be" if big_endian else "utf-16-le")) == text


@examples(100)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_give_a_sentence(data: bytes) -> None:
    try:
        text = decode_text(data)
    except ValueError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert "\x00" not in text


@examples(200)
@given(hostile_text)
def test_guarded_text_never_starts_a_formula_and_unguards_to_itself(text: str) -> None:
    guarded = guard_text(text)
    assert not guarded.startswith(FORMULA_STARTS)
    assert unguard_text(guarded) == text


@examples(200)
@given(st.text(st.one_of(any_char, nasty_char), max_size=80))
def test_visible_text_is_one_line_with_nothing_hidden(text: str) -> None:
    shown = visible(text)
    assert "\n" not in shown and "\r" not in shown
    assert not re.search("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]", shown)
    if not re.search("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]", text):
        assert shown == text


def excel_escape(text: str) -> str:
    """What Excel writes: "_x" that looks like an escape gets _x005F_ before it; controls become _xHHHH_."""
    text = re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", text)


@examples(200)
@given(
    st.lists(
        st.one_of(any_char, st.sampled_from(["_x", "_x0041_", "_x005F_", "_", "x", "0", "D", "\r"])), max_size=30
    ).map("".join)
)
def test_excel_escapes_read_back_as_the_text_excel_shows(text: str) -> None:
    assert excel_unescape(excel_escape(text)) == text


# -- the import plan and the rules ------------------------------------------------------------


@examples(60)
@given(exchange_target_sets(), exchange_target_sets())
def test_importing_twice_changes_nothing_the_second_time(
    tmp_path: Path, first: list[Target], second: list[Target]
) -> None:
    assume(second)
    existing = {t.code: t for t in exchange_targets(first)}
    path = tmp_path / "again.csv"
    write_exchange_csv(path, second, CATALOGUE)
    table = read_csv(path)
    plan, problems = plan_import("again.csv", table, tuple(existing.values()), (), CATALOGUE, REASONS)
    assert plan is not None, problems
    after = dict(existing)
    for change in plan.edit.changes:
        if isinstance(change, Put) and isinstance(change.after, Target):
            if change.before is not None:
                assert after[change.after.code] == change.before  # an update names what it replaces
            after[change.after.code] = change.after
    assert plan.added + plan.updated + plan.unchanged == len(table.rows)
    again, _ = plan_import("again.csv", table, tuple(after.values()), (), CATALOGUE, REASONS)
    assert again is not None
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(table.rows))
    undo = plan.edit.inverse()
    restored = dict(after)
    for change in undo.changes:
        if isinstance(change, Put) and isinstance(change.after, Target):
            restored[change.after.code] = change.after
        elif not isinstance(change, Put) and isinstance(change.record, Target):  # type: ignore[union-attr]
            del restored[change.record.code]  # type: ignore[union-attr]
    assert restored == existing


@st.composite
def any_targets(draw: st.DrawFn) -> tuple[Target, ...]:
    indicators = draw(st.lists(st.sampled_from(CATALOGUE.indicators), max_size=45, unique_by=lambda i: i.ni))
    targets = []
    for indicator in indicators:
        targets.append(
            Target(
                indicator.code,
                draw(st.sampled_from(list(Role))),
                status=draw(st.sampled_from(list(Status))),
                baseline=draw(level),
                target_2008_09=draw(level),
                target_2009_10=draw(level),
                target_2010_11=draw(level),
                lead_partner=draw(st.sampled_from(["", "Council"])),
                partners=draw(st.sampled_from([(), ("Council",)])),
                deferral_reason=draw(st.just("") | st.sampled_from(REASONS.wordings())),
                revisit_date=draw(st.none() | st.dates(date(2008, 1, 1), date(2011, 12, 31))),
            )
        )
    for number in range(1, draw(st.integers(0, 3)) + 1):
        targets.append(Target(f"L{number}", Role.LOCAL, title=draw(st.text(max_size=5))))
    return tuple(targets)


@examples(50)
@given(any_targets())
def test_the_rules_judge_any_set_of_targets(targets: tuple[Target, ...]) -> None:
    problems = check(targets, CATALOGUE)
    codes = {t.code for t in targets}
    for problem in problems:
        assert problem.severity in (Severity.ERROR, Severity.WARNING)
        assert problem.message
        assert problem.code is None or problem.code in codes
    # Errors come first, and "ready" means exactly "no errors".
    severities = [p.severity for p in problems]
    assert severities == sorted(severities, key=lambda s: s is Severity.WARNING)
    assert ready_for_sign_off(problems) == (Severity.ERROR not in severities)
    designated = sum(1 for t in targets if t.role is Role.DESIGNATED)
    assert ("designated-limit" in {p.rule for p in problems}) == (designated > 35)
    if any(i.withdrawn for i in CATALOGUE.indicators if i.code in {t.code for t in targets if t.chosen}):
        assert not ready_for_sign_off(problems)


def test_a_rule_message_is_one_line_whatever_the_title() -> None:
    target = Target("L1", Role.LOCAL, title="Empty homes\nbrought back into use")
    messages = [p.message for p in check((target,), CATALOGUE)]
    assert messages and all("\n" not in m for m in messages), messages


# -- the store --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("flip") / "small.laa", small_records())


@examples(40)
@given(st.lists(st.tuples(st.integers(100, 10**9), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_workbook_with_random_damage_opens_or_is_refused_in_a_sentence(
    tmp_path: Path, small_file: Path, flips: list[tuple[int, int]]
) -> None:
    """Bytes changed anywhere past the header: the file opens and reads, or one sentence - never a crash."""
    path = tmp_path / "flipped.laa"
    data = bytearray(small_file.read_bytes())
    for at, value in flips:
        data[at % len(data)] = value
    path.write_bytes(bytes(data))
    try:
        with Workbook.open(path, read_only=True) as workbook:
            workbook.snapshot()
            workbook.meta("created_at")
            _ = workbook.nis_edition
    except WorkbookProblem as problem:
        assert "\n" not in str(problem) and str(problem).startswith(str(path))


@examples(12)
@given(
    st.lists(hostile_text.filter(lambda t: len(t.strip()) >= 1), min_size=1, max_size=4),
    st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12), min_size=1, max_size=3),
)
def test_nothing_internal_survives_in_the_council_copys_bytes(
    tmp_path: Path, notes: list[str], floors: list[float]
) -> None:
    tag = uuid.uuid4().hex[:12]
    records: list[object] = list(small_records())
    texts = [f"NOTE{tag}{n}:{text}" for n, text in enumerate(notes)]
    for number, text in enumerate(texts):
        records.append(
            ChampionNote(
                f"x{number}",
                f"Champion {tag}",
                text,
                NoteKind.CHALLENGE,
                date(2008, 5, 1),
                visibility=Visibility.SHAREABLE,
            )
        )
    years = ("2008/09", "2009/10", "2010/11")
    for year, floor in zip(years, floors):
        records.append(Position("NI 152", year, area_proposal=1.0, government_position=2.0, floor=floor + 0.123456789))
    original = make_workbook(tmp_path / f"{tag}.laa", records)
    with Workbook.open(original, read_only=True) as workbook:
        save_council_copy(workbook, tmp_path / f"{tag}-copy.laa")
    data = (tmp_path / f"{tag}-copy.laa").read_bytes()
    for text in texts:
        assert text.encode() not in data and f"NOTE{tag}".encode() not in data
    for floor in floors:
        assert struct.pack(">d", floor + 0.123456789) not in data
    assert f"Champion {tag}".encode() not in data
    # And the copy is a workbook with everything the council may see.
    copied = tmp_path / f"{tag}-copy.laa"
    with Workbook.open(copied, read_only=True) as copy, Workbook.open(original, read_only=True) as source:
        assert copy.notes() == () and copy.positions() == () and copy.position_history() == ()
        assert copy.targets() == source.targets() and copy.story() == source.story()


def test_random_damage_is_not_all_refused(small_file: Path, tmp_path: Path) -> None:
    """The damage property above must be able to fail: some damage leaves a file that still opens."""
    rng = random.Random(1)
    opened = refused = 0
    size = small_file.stat().st_size
    for attempt in range(30):
        path = tmp_path / f"f{attempt}.laa"
        shutil.copyfile(small_file, path)
        data = bytearray(path.read_bytes())
        data[rng.randrange(size // 2, size)] ^= 0xFF  # late pages: indicator rows, often harmless
        path.write_bytes(bytes(data))
        try:
            with Workbook.open(path, read_only=True) as workbook:
                workbook.snapshot()
            opened += 1
        except WorkbookProblem:
            refused += 1
    assert opened > 0 and opened + refused == 30


def _rows_of(mapping: Mapping[str, str]) -> ExchangeRow:
    return ExchangeRow(2, mapping)


@examples(100)
@given(exchange_target_sets())
def test_each_exported_row_parses_back_to_its_own_fields(targets: list[Target]) -> None:
    """Row by row, without any file: target_row then parse_row is the identity on exchanged fields."""
    for target in exchange_targets(targets):
        code, values, problems = parse_row(_rows_of(target_row(target, CATALOGUE)), CATALOGUE, REASONS)
        assert problems == [] and code == target.code
        expected = as_exchanged(target)
        for field, value in values.items():
            if field == "title" and code.startswith("NI "):
                continue
            assert value == getattr(expected, field), field


def test_the_sqlite_used_here_stores_floats_as_big_endian_doubles(tmp_path: Path) -> None:
    """The council copy search looks for a floor as SQLite stores it; check that is how it does."""
    conn = sqlite3.connect(tmp_path / "f.db")
    conn.execute("CREATE TABLE t (x REAL)")
    conn.execute("INSERT INTO t VALUES (?)", (987654.321,))
    conn.commit()
    conn.close()
    assert struct.pack(">d", 987654.321) in (tmp_path / "f.db").read_bytes()
