"""The Excel sign-off pack: the Targets sheet in the exchange layout first, then readable sheets for the pack.

A council edits the Targets sheet and sends it back; `laadesk import` reads it. Every other
sheet is for reading and printing. The pack is already cut to its audience, so a council
pack has no Positions or Champion notes sheet because it has nothing to put in one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import IO, Any

from laadesk.core.pack import PACK_TITLE, Pack
from laadesk.export.atomic import write_bytes_atomically

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class XlsxResult:
    """What was written: the sheets in order and the number of target rows on the Targets sheet."""

    path: Path
    sheets: tuple[str, ...]
    targets: int


def _properties(book: Any, pack: Pack) -> None:
    properties = book.properties
    area = pack.area.name
    audience = "internal brief" if pack.internal else "council pack"
    properties.title = f"{PACK_TITLE} - {area}"
    properties.subject = f"{area}: {audience}, version {pack.version} ({pack.status.value})"
    properties.keywords = f"Local Area Agreement; LAA 2008-11; {area}; version {pack.version}; {audience}"
    properties.description = f"{pack.marking}. Targets sheet in the exchange layout: edit it and return it to import."
    properties.category = pack.marking
    properties.creator = "laadesk"
    properties.lastModifiedBy = "laadesk"
    properties.version = pack.version
    properties.created = datetime.combine(pack.generated, time())


def write_xlsx_pack(pack: Pack, path: Path, progress: Progress | None = None) -> XlsxResult:
    """Write the pack as an .xlsx at path (atomically); progress(done, total) follows the sheets."""
    # openpyxl is slow to import; load it (and the sheet writers) only when a pack is written.
    from openpyxl import Workbook

    from laadesk.export.xlsx_sheets import (
        describe,
        write_notes_sheet,
        write_partners_sheet,
        write_positions_sheet,
        write_sign_off_sheet,
        write_story_sheet,
    )
    from laadesk.export.xlsx_styles import page_setup
    from laadesk.export.xlsx_sub_areas import write_sub_area_sheet
    from laadesk.export.xlsx_targets import write_deferred_sheet, write_exchange_sheet, write_target_view

    writers: list[Callable[[Any], object]] = [
        lambda s: write_exchange_sheet(s, pack),
        lambda s: write_story_sheet(s, pack),
        lambda s: write_target_view(s, pack, "Designated", pack.designated, "Designated improvement targets"),
        lambda s: write_target_view(
            s, pack, "Statutory", pack.statutory, "Statutory early years and education targets"
        ),
        lambda s: write_target_view(s, pack, "Local", pack.local, "Local targets"),
        *([lambda s: write_sub_area_sheet(s, pack)] if pack.sub_areas else []),
        lambda s: write_deferred_sheet(s, pack),
        lambda s: write_partners_sheet(s, pack),
        lambda s: write_sign_off_sheet(s, pack),
    ]
    if pack.internal:
        writers += [lambda s: write_positions_sheet(s, pack), lambda s: write_notes_sheet(s, pack)]
    total = len(writers) + 1  # the last step is saving the file

    book = Workbook()
    footer = describe(pack)
    for done, write in enumerate(writers, start=1):
        sheet = book.active if done == 1 else book.create_sheet()
        write(sheet)
        page_setup(sheet, pack.marking, footer)
        if progress is not None:
            progress(done, total)
    _properties(book, pack)
    book.active = 0

    def save(handle: IO[bytes]) -> None:
        book.save(handle)

    write_bytes_atomically(path, save)
    if progress is not None:
        progress(total, total)
    return XlsxResult(path, tuple(book.sheetnames), len(pack.targets))
