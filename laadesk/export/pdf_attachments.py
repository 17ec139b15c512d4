"""The packs' annex of attached evidence: each file by name, kind, size and SHA-256, so a reader can
check the copy they were sent is the one attached. Only in a pack whose workbook has attachments; the
council pack lists only the shareable ones (its council view holds no internal ones)."""

from __future__ import annotations

from typing import Any

from laadesk.core.attachments import describe_size
from laadesk.core.pack import Pack
from laadesk.export.pdf_pages import PORTRAIT, frame_width, turn_to
from laadesk.export.pdf_sections import section_heading
from laadesk.export.pdf_styles import Paragraph, Styles, text
from laadesk.export.pdf_tables import grid

HEADER = ("File", "Kind", "Size", "SHA-256")
WIDTHS = (120, 30, 45, 300)  # the hash on one line, in the small cell type


def attachments_section(pack: Pack, styles: Styles) -> list[Any]:
    if not pack.attachments:
        return []
    intro = (
        "Files attached to the agreement as evidence. The SHA-256 of a copy you hold, computed with any "
        "standard tool, matches the one here when it is the same file."
    )
    rows = []
    for one in sorted(pack.attachments, key=lambda a: a.name.casefold()):
        name = f"{one.name} (internal to government)" if one.internal else one.name
        rows.append(
            [
                Paragraph(text(name), styles.cell),
                Paragraph(text(one.kind), styles.cell),
                Paragraph(text(describe_size(one.size)), styles.cell_number),
                Paragraph(text(one.sha256), styles.cell_small),
            ]
        )
    return [
        *turn_to(PORTRAIT),
        *section_heading("Attached evidence", styles, "attachments", intro),
        grid(styles, HEADER, rows, WIDTHS, frame_width(PORTRAIT), (2,)),
    ]
