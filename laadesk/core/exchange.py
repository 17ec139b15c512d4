"""The exchange layout: the columns councils and the Data Interchange Hub trade targets in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from laadesk.core.catalogue import Catalogue
from laadesk.core.codes import is_national, read_code, sort_key
from laadesk.core.deferral import DeferralReasons, written
from laadesk.core.errors import CellProblem
from laadesk.core.model import AS_WRITTEN, CHOSEN_ROLES, FIGURES, YEAR_FIELDS, Role, Status, Target
from laadesk.core.numbers import format_level, parse_level
from laadesk.core.text import CONTROL_CHARACTERS, visible, without_controls

COLUMNS = (
    "ni",
    "title",
    "kind",
    "status",
    *FIGURES,
    "lead_partner",
    "partners",
    "deferred_reason",
    "comment",
)
NUMBER_COLUMNS = ("baseline", *YEAR_FIELDS)
DASHES = ("-", "\u2013", "\u2014")  # a cell that says "none" (hyphen, en dash, em dash)
# The officer's own CSV adds a last column of notes for the reader (a title the catalogue only
# recalls); it is laadesk's, derived from the catalogue, so the import passes over it in silence.
NOTE_COLUMN = "laadesk_note"
UNVERIFIED_NOTE = "title unverified: the catalogue recalls it, no source has confirmed it yet"
KINDS = {"designated": Role.DESIGNATED, "statutory": Role.STATUTORY, "local": Role.LOCAL}
STATUSES = {s.value: s for s in Status}
# Characters that make a spreadsheet treat a cell as a formula. Text starting with one
# is written with a leading apostrophe and read back without it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Readers put cells found beyond the last named column under this key.
EXTRA_CELLS = "\x00extra"

# More rows than this is not a targets file (there are 198 national indicators); readers refuse it.
MAX_ROWS = 10_000

# A problem message quoting a cell is shortened to about this many characters.
MESSAGE_LIMIT = 400

# The Target fields a row of the exchange layout sets; everything else is kept on import.
EXCHANGE_FIELDS = (
    "role",
    "title",
    "status",
    "baseline",
    "baseline_period",
    *YEAR_FIELDS,
    "units",
    "lead_partner",
    "partners",
    "deferral_reason",
    "deferral_note",
    "comment",
    *AS_WRITTEN.values(),
)


@dataclass(frozen=True)
class ExchangeRow:
    """One row read from a file: its number (header is 1), its cells as text, and what the
    reader already found wrong with a cell (a formula, an error value, merged or hidden cells)."""

    number: int
    cells: Mapping[str, str]
    problems: tuple[CellProblem, ...] = field(default=())


def guard_text(text: str) -> str:
    """Text safe to put in a spreadsheet cell: never executed as a formula.

    Text that already starts with an apostrophe gets one more, so unguard_text() gives
    back exactly what was guarded.
    """
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def unguard_text(text: str) -> str:
    if text.startswith("'") and text[1:].startswith((*FORMULA_STARTS, "'")):
        return text[1:]
    return text


def _unguarded(text: str) -> str:
    """unguard_text, without a call for the text that has no apostrophe to take off."""
    return unguard_text(text) if text[:1] == "'" else text


def check_header(header: Sequence[str]) -> list[CellProblem]:
    """Problems with a header row: missing, repeated or unknown columns."""
    names = [h.strip().lower() for h in header]
    problems = [CellProblem(1, name, f"column '{name}' is missing") for name in COLUMNS if name not in names]
    for position, name in enumerate(names, start=1):
        shown = _shortened(visible(name))
        if name and name not in COLUMNS:
            problems.append(
                CellProblem(1, shown, f"'{shown}' (column {position}) is not a column of the exchange layout")
            )
        elif name and names.index(name) != position - 1:
            problems.append(CellProblem(1, shown, f"column '{shown}' appears twice"))
    return problems


def parse_row(
    row: ExchangeRow, catalogue: Catalogue, reasons: DeferralReasons
) -> tuple[str | None, dict[str, Any], list[CellProblem]]:
    """The code and the Target field values one row sets, or what is wrong with it.

    Only the columns the row has are read: a field whose column the table lacks is not set (an
    existing target keeps it). The code is "" for a dash (an indicator with no code of its own).
    A level that is not plainly a number is kept exactly as written, and its number left blank.
    """
    problems: list[CellProblem] = list(row.problems)
    failed = {p.column for p in problems}
    present = [name for name in COLUMNS if name in row.cells]
    raw = {name: row.cells.get(name) or "" for name in present}
    # Each cell trimmed and without its apostrophe guard (a level's words are kept whole, below).
    texts = {name: _unguarded(text.strip()) for name, text in raw.items()}

    def fail(column: str, message: str) -> None:
        # One problem per cell: the first found is the one to fix.
        if column in failed and column:
            return
        failed.add(column)
        problems.append(CellProblem(row.number, column, _shortened(visible(message))))

    if row.cells.get(EXTRA_CELLS):
        fail("", f"cells beyond the last column of the header ({row.cells[EXTRA_CELLS][:40]})")
    if CONTROL_CHARACTERS.search("".join(raw.values())):  # one search for the row; each cell only if it holds one
        for name, text in raw.items():
            control = CONTROL_CHARACTERS.search(text)
            if control is not None:
                fail(name, f"holds an invisible control character ({visible(control.group())}); remove it")
    code: str | None = None
    try:
        code = read_code(texts.get("ni", ""))
    except ValueError as error:
        fail("ni", str(error))
    values: dict[str, Any] = {}

    kind = texts.get("kind", "").lower()
    if kind and kind not in KINDS:
        fail("kind", f"'{texts['kind']}' should be designated, statutory or local")
    elif kind:
        values["role"] = KINDS[kind]
    elif code is not None:
        values["role"] = _kind_of(code, catalogue)
    status = texts.get("status", "").lower()
    if status and status not in STATUSES:
        fail("status", f"'{texts['status']}' should be proposed, agreed or deferred")
    elif "status" in texts:
        values["status"] = STATUSES.get(status, Status.PROPOSED)

    if code:
        if is_national(code):
            indicator = catalogue.get(code)
            if indicator is None:
                fail("ni", f"{code} is not in the National Indicator Set ({catalogue.edition})")
            elif indicator.withdrawn:
                fail("ni", f"{code} was withdrawn from the National Indicator Set and cannot be chosen")
            values["title"] = ""
        else:
            if kind in KINDS and kind != "local":
                fail("kind", f"{code} is a local indicator, so its kind must be local")
            if texts.get("title"):
                values["title"] = texts["title"]
    elif code == "" and texts.get("title"):
        values["title"] = texts["title"]

    for column in NUMBER_COLUMNS:
        if column in texts:
            values[column], values[AS_WRITTEN[column]] = read_level(raw[column])

    if "deferred_reason" in texts:
        try:
            reason, note = reasons.read(texts["deferred_reason"])
        except ValueError as error:
            fail("deferred_reason", str(error))
        else:
            if reason and status and status != Status.DEFERRED.value:
                fail("deferred_reason", f"a deferral reason is given but the status is {status}, not deferred")
            elif reason:
                values["status"] = Status.DEFERRED
            values["deferral_reason"], values["deferral_note"] = reason, note

    for column in ("baseline_period", "units", "comment"):
        if column in texts:
            values[column] = texts[column]
    # A dash where a partner is named means none is yet, as it means no figure in a level.
    if "lead_partner" in texts:
        values["lead_partner"] = "" if texts["lead_partner"] in DASHES else texts["lead_partner"]
    if "partners" in texts:
        named = (p.strip() for p in texts["partners"].split(";"))
        values["partners"] = tuple(dict.fromkeys(p for p in named if p and p not in DASHES))
    return code, values, problems


def _kind_of(code: str, catalogue: Catalogue) -> Role:
    """The kind a table that says none gives a code: statutory for the statutory set, else designated;
    an area's own indicator is local."""
    if not code or not is_national(code):
        return Role.LOCAL
    indicator = catalogue.get(code)
    return Role.STATUTORY if indicator is not None and indicator.statutory else Role.DESIGNATED


def read_level(cell: str) -> tuple[float | None, str]:
    """A level cell: (the number, "") when it plainly is one (12.5%, 1,234, -3), (None, "") when blank,
    else (None, the cell exactly as written) - "TBC", "12-14%", "55.7 (for 2009)", "+2%" (a rise on
    something the table does not say). Never a guess."""
    text = cell.strip()
    if not text:
        return None, ""
    if _unguarded(text).startswith("+"):
        # "+2%" beside a baseline of "42,300 a week" is a rise, not a level of 2: kept as written.
        return None, unguard_text(cell)
    try:
        return parse_level(_unguarded(text)), ""
    except ValueError:
        return None, unguard_text(cell)


def _shortened(message: str) -> str:
    """A message quoting a huge cell, cut in the middle so its explanation still shows."""
    if len(message) <= MESSAGE_LIMIT:
        return message
    return message[: MESSAGE_LIMIT // 2] + " … " + message[-MESSAGE_LIMIT // 3 :]


def exchange_title(target: Target, catalogue: Catalogue) -> str:
    """The title the exchange layout carries: the catalogue's own wording, or the local title."""
    indicator = catalogue.get(target.code)
    return indicator.title if indicator is not None else target.title


def target_row(target: Target, catalogue: Catalogue) -> dict[str, str]:
    """A chosen target as a row of the exchange layout (text guarded against formulas), with the
    officer's note column."""
    indicator = catalogue.get(target.code)
    note = UNVERIFIED_NOTE if indicator is not None and indicator.title_unverified else ""
    return {**target_cells(target, exchange_title(target, catalogue)), NOTE_COLUMN: note}


def target_cells(target: Target, title: str, *, guard: bool = True) -> dict[str, str]:
    """The exchange layout's cells for a target whose title is already known.

    guard=True (a CSV) puts an apostrophe before text that starts like a formula, the only mark a
    CSV has; guard=False gives the text exactly as typed, for a spreadsheet that marks such a cell
    its own way (Excel's quote prefix)."""
    mark = guard_text if guard else _as_is
    cells = {
        "ni": target.code,
        "title": title,
        "kind": target.role.value,
        "status": target.status.value,
        **{level: level_text(target, level) for level in NUMBER_COLUMNS},
        "baseline_period": target.baseline_period,
        "units": target.units,
        "lead_partner": target.lead_partner,
        "partners": "; ".join(target.partners),
        "deferred_reason": written(target.deferral_reason, target.deferral_note),
        "comment": target.comment,
    }
    # The layout trims a cell (the import does too), so a guard is never left before nothing; a level
    # written in words goes out exactly as written.
    out = {}
    for column, text in cells.items():
        if column in NUMBER_COLUMNS and not target.as_written(column):
            out[column] = text  # a number, or blank
        elif column in NUMBER_COLUMNS:
            out[column] = mark(without_controls(text))  # words, exactly as written
        else:
            out[column] = mark(without_controls(text).strip())
    return out


def _as_is(text: str) -> str:
    return text


def level_text(target: Target, level: str) -> str:
    """A level as the exchange layout and the packs write it: the number, or the words a table gave."""
    value: float | None = getattr(target, level)
    return format_level(value) if value is not None else target.as_written(level)


def exchange_targets(targets: Sequence[Target]) -> list[Target]:
    """The targets that travel in the exchange layout, in the order packs list them."""
    order = {Role.DESIGNATED: 0, Role.STATUTORY: 1, Role.LOCAL: 2}
    chosen = [t for t in targets if t.role in CHOSEN_ROLES]
    return sorted(chosen, key=lambda t: (order[t.role], sort_key(t.code)))
