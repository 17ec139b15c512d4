"""Writing a pack in the formats asked for: one entry point for the CLI and the editor."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from laadesk.core.pack import Pack


class PackFormat(StrEnum):
    """The files a pack can be written as."""

    PDF = "pdf"
    XLSX = "xlsx"


Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class WrittenPack:
    """What was written where, in words for a person ("PDF, 24 pages")."""

    format: PackFormat
    path: Path
    detail: str


def write_pack(pack: Pack, format: PackFormat, path: Path, progress: Progress | None = None) -> WrittenPack:
    """Write one pack file. reportlab and openpyxl load here, on first use, not at start-up."""
    if format is PackFormat.PDF:
        from laadesk.export.pdf_pack import write_pdf_pack

        pdf = write_pdf_pack(pack, path, progress)
        return WrittenPack(format, path, f"PDF, {pdf.pages} page{'s' if pdf.pages != 1 else ''}")
    from laadesk.export.xlsx_pack import write_xlsx_pack

    book = write_xlsx_pack(pack, path, progress)
    return WrittenPack(format, path, f"Excel, sheets {', '.join(book.sheets)}")


def load_pack_writers() -> None:
    """Load reportlab, openpyxl, the PDF fonts and laadesk's writers now rather than at the first
    export (the editor does this on a background thread once its window is up)."""
    from laadesk.export.pdf_fonts import BOLD, ITALIC, REGULAR, coverage, register_fonts
    from laadesk.export.pdf_pack import write_pdf_pack  # noqa: F401
    from laadesk.export.xlsx_sheets import write_story_sheet  # noqa: F401 - and openpyxl with it
    from laadesk.export.xlsx_targets import write_exchange_sheet  # noqa: F401

    register_fonts()
    for font in (REGULAR, BOLD, ITALIC):
        coverage(font)


def write_packs(
    pack: Pack, outputs: Sequence[tuple[PackFormat, Path]], progress: Progress | None = None
) -> list[WrittenPack]:
    """Write several formats of one pack, reporting progress across all of them."""
    written = []
    count = len(outputs)
    for number, (format, path) in enumerate(outputs):

        def scaled(done: int, total: int, number: int = number) -> None:
            if progress is not None and total:
                progress(number * 1000 + done * 1000 // total, count * 1000)

        written.append(write_pack(pack, format, path, scaled))
    if progress is not None:
        progress(count * 1000, count * 1000)
    return written
