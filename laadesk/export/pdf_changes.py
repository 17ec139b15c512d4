"""The refresh pack's section: every change to the targets since an agreed version, the agreed and
the proposed level side by side with the reason for each - what the re-approval at the refresh
needed to read (`laadesk export FILE --pdf OUT --changes-since LABEL`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.platypus import Spacer

from laadesk.core.dates import format_date
from laadesk.core.pack import Pack
from laadesk.export.pdf_pages import LANDSCAPE, frame_width, turn_to
from laadesk.export.pdf_sections import none_line, section_heading
from laadesk.export.pdf_styles import Paragraph, Styles, text
from laadesk.export.pdf_tables import grid

HEADER = ("Target", "What changed", "Agreed", "Proposed", "Ambition", "Reason")
WIDTHS = (190, 130, 70, 70, 80, 230)
WIDTH = frame_width(LANDSCAPE)
NO_REASON = "no reason given yet"


def changes_section(pack: Pack, styles: Styles) -> list[Any]:
    """Nothing at all unless the pack was asked for the changes since a version."""
    since = pack.changes_since
    if since is None:
        return []
    frozen = format_date(datetime.fromisoformat(since.when).date()) if since.when else ""
    intro = (
        f'What has changed in the targets since the agreed version "{since.label}"'
        + (f", frozen on {frozen}" if frozen else "")
        + (f" (SHA-256 {since.short_hash})" if since.short_hash else "")
        + ": the level agreed then, the level proposed now, and the reason for the change."
    )
    flow: list[Any] = [
        *turn_to(LANDSCAPE),
        *section_heading("Changes since the agreed version", styles, "changes", intro),
    ]
    if not since.lines:
        return [*flow, none_line("None: the targets are as agreed.", styles)]
    rows = []
    for line in since.lines:
        title = pack.titles.get(line.ni, "")
        reason = line.reason.strip()
        rows.append(
            [
                Paragraph(text(f"{line.ni} {title}".strip()), styles.cell),
                Paragraph(text(line.what), styles.cell),
                Paragraph(text(line.agreed), styles.cell_number),
                Paragraph(text(line.proposed), styles.cell_number),
                Paragraph(text(line.ambition), styles.cell),
                Paragraph(text(reason or NO_REASON), styles.cell if reason else styles.none),
            ]
        )
    unexplained = len(since.unexplained)
    flow += [grid(styles, HEADER, rows, WIDTHS, WIDTH, (2, 3)), Spacer(1, 6)]
    if unexplained:
        verb = "has" if unexplained == 1 else "have"
        flow.append(Paragraph(text(f"{unexplained} of {len(since.lines)} changes {verb} no reason yet."), styles.intro))
    return flow
