"""The exchange layout as CSV: read what Excel on Windows saves, write what it opens."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from laadesk.core.catalogue import Catalogue
from laadesk.core.council_table import SourceTable, table_of_rows
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.exchange import COLUMNS, MAX_ROWS, NOTE_COLUMN, exchange_targets, target_row
from laadesk.core.model import SubAreaTarget, Target
from laadesk.core.sub_area_exchange import SUB_AREA_COLUMNS, ordered, sub_area_cells
from laadesk.core.text import decode_text, visible
from laadesk.export.atomic import replacing
from laadesk.plain_files import DENIED, FOLDER, MISSING, SPECIAL, NotAPlainFile, read_plain_file

MAX_SOURCE_BYTES = 50 * 1024 * 1024


class SourceUnreadable(WorkbookUnavailable):
    """An import file that cannot be read as a table at all."""


def read_source_bytes(path: Path) -> bytes:
    """The whole of a file to import, refusing what is not a plain file or is far too big to be one."""
    try:
        data, size = read_plain_file(path, MAX_SOURCE_BYTES + 1)
    except NotAPlainFile as refused:
        sentence = {
            MISSING: "does not exist.",
            FOLDER: "is a folder, not a file.",
            SPECIAL: "is a device or a pipe, not a file; save the table as a file to import it.",
            DENIED: "cannot be read: permission denied.",
        }.get(refused.why, f"cannot be read: {refused.why}.")
        raise SourceUnreadable(f"{path} {sentence}") from None
    if max(size, len(data)) > MAX_SOURCE_BYTES:
        raise SourceUnreadable(f"{path} is larger than 50 MB; that is not a targets file.")
    return data


def read_csv_table(path: Path) -> SourceTable:
    """Every row of a CSV file that holds anything, numbered as a spreadsheet shows them."""
    try:
        text = decode_text(read_source_bytes(path), allow_nul=True)
    except ValueError as error:
        raise SourceUnreadable(f"{path} cannot be read: {error}.") from None
    # A cell may hold as much as the file does: what `export --csv` writes must read back.
    if csv.field_size_limit() < MAX_SOURCE_BYTES:
        csv.field_size_limit(MAX_SOURCE_BYTES)
    # strict: a quote never closed would otherwise swallow the rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as error:
        raise SourceUnreadable(
            f"{path} is not a readable CSV file (line {reader.line_num}: {visible(str(error))})."
        ) from None
    if not records:
        raise SourceUnreadable(f"{path} is empty.")
    if "\x00" in text:
        raise SourceUnreadable(_nul_sentence(path, text, records))
    if len(records) > MAX_ROWS + 1:
        raise SourceUnreadable(f"{path} has more than {MAX_ROWS} rows; that is not a targets file.")
    return table_of_rows(path.name, records)


def _nul_sentence(path: Path, text: str, records: list[list[str]]) -> str:
    """Where the first NUL character is: a text file never holds one, a damaged or binary file does."""
    line = text[: text.index("\x00")].count("\n") + 1
    header = [h.strip().lower() for h in records[0]]
    for number, cells in enumerate(records, start=1):
        for position, value in enumerate(cells):
            if "\x00" in value:
                name = header[position] if position < len(header) and header[position] else f"{position + 1}"
                return (
                    f"{path} cannot be read: the file contains a NUL byte on line {line} (row {number}, "
                    f"column {visible(name)}), so it is not a text file."
                )
    return f"{path} cannot be read: the file contains a NUL byte on line {line}, so it is not a text file."


def write_exchange_csv(path: Path, targets: Sequence[Target], catalogue: Catalogue) -> int:
    """Write the chosen targets in the exchange layout (UTF-8 with BOM, as Excel expects), with the
    officer's note column last (an unverified title says so; the import passes over it)."""
    chosen = exchange_targets(targets)
    with replacing(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=(*COLUMNS, NOTE_COLUMN))
        writer.writeheader()
        writer.writerows(target_row(t, catalogue) for t in chosen)
    return len(chosen)


def write_sub_area_csv(path: Path, sub_areas: Sequence[SubAreaTarget]) -> int:
    """Write sub-area figures in the sub-area layout (UTF-8 with BOM), by indicator then sub-area."""
    rows = ordered(sub_areas)
    with replacing(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SUB_AREA_COLUMNS)
        writer.writeheader()
        writer.writerows(sub_area_cells(s) for s in rows)
    return len(rows)
