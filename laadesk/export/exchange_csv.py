"""The exchange layout as CSV: read what Excel on Windows saves, write what it opens."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from laadesk.core.catalogue import Catalogue
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.exchange import COLUMNS, EXTRA_CELLS, ExchangeRow, exchange_targets, target_row
from laadesk.core.model import Target
from laadesk.core.text import decode_text
from laadesk.export.atomic import replacing

MAX_SOURCE_BYTES = 50 * 1024 * 1024


class SourceUnreadable(WorkbookUnavailable):
    """An import file that cannot be read as a table at all."""


def read_source_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise SourceUnreadable(f"{path} is larger than 50 MB; that is not a targets file.")
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceUnreadable(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise SourceUnreadable(f"{path} is a folder, not a file.") from None
    except OSError as error:
        raise SourceUnreadable(f"{path} cannot be read: {error.strerror or error}.") from None


def read_exchange_csv(path: Path) -> tuple[list[str], list[ExchangeRow]]:
    """The header and the non-blank rows of an exchange CSV, numbered as a spreadsheet shows them."""
    try:
        text = decode_text(read_source_bytes(path))
    except ValueError as error:
        raise SourceUnreadable(f"{path} cannot be read: {error}.") from None
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise SourceUnreadable(f"{path} is not a readable CSV file ({error}).") from None
    if not records:
        raise SourceUnreadable(f"{path} is empty.")
    header = [h.strip().lower() for h in records[0]]
    rows = []
    for number, cells in enumerate(records[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        named = dict(zip(header, cells))
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            named[EXTRA_CELLS] = ",".join(extra)
        rows.append(ExchangeRow(number, named))
    return header, rows


def write_exchange_csv(path: Path, targets: Sequence[Target], catalogue: Catalogue) -> int:
    """Write the chosen targets in the exchange layout (UTF-8 with BOM, as Excel expects)."""
    chosen = exchange_targets(targets)
    with replacing(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(target_row(t, catalogue) for t in chosen)
    return len(chosen)
