"""The QA report: the GO's quality assurance checklist for one agreement, each item with its state and
evidence, and the reviewer's sign-off (`laadesk export FILE --pdf OUT --qa`). Internal to government,
marked so on every page; nothing of it goes to the council."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from reportlab.platypus import Spacer

from laadesk.core.dates import format_date, format_moment
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.model import AreaProfile
from laadesk.core.pack import internal_marking
from laadesk.core.qa import QaKind, QaState, summary
from laadesk.export.atomic import write_bytes_atomically
from laadesk.export.pdf_pages import PORTRAIT, Furniture, frame_width, laid_out
from laadesk.export.pdf_sections import section_heading
from laadesk.export.pdf_styles import Paragraph, Styles, text
from laadesk.export.pdf_tables import grid

REPORT_TITLE = "Quality assurance report"
SIGN_OFF_ITEM = "reviewer-sign-off"  # the judgement item whose tick is the reviewer's own sign-off
HEADER = ("Item", "Kind", "State", "Evidence")
WIDTHS = (200, 60, 40, 220)
WIDTH = frame_width(PORTRAIT)


def qa_flow(area: AreaProfile, states: Sequence[QaState], as_at: date, styles: Styles) -> list[Any]:
    region = f", {area.go_region}" if area.go_region else ""
    flow: list[Any] = [
        Paragraph(text(REPORT_TITLE), styles.cover_title),
        Paragraph(text(f"{area.name}{region}"), styles.cover_area),
        Paragraph(text(f"As at {format_date(as_at)}. {summary(states)}."), styles.cover_line),
        Paragraph(
            text("Internal to government: the GO's own check of the agreement before recommending it."),
            styles.cover_warning,
        ),
        Spacer(1, 8),
        *section_heading(
            "The checklist",
            styles,
            "checklist",
            "Automatic items are checked by laadesk against the workbook as it stands; judgement items are "
            "met when a reviewer ticks them, with a comment.",
        ),
    ]
    rows = []
    for state in states:
        evidence: list[Any] = [Paragraph(text(state.evidence), styles.cell)]
        evidence += [Paragraph(text(f"- {finding}"), styles.cell_small) for finding in state.findings]
        rows.append(
            [
                Paragraph(text(state.item.item), styles.cell),
                Paragraph(text(state.item.kind.value), styles.cell),
                Paragraph(text(state.state), styles.cell_bold if not state.met else styles.cell),
                evidence,
            ]
        )
    flow.append(grid(styles, HEADER, rows, WIDTHS, WIDTH))
    flow += section_heading("Reviewer's sign-off", styles, "sign-off")
    signed = next((s for s in states if s.item.id == SIGN_OFF_ITEM and s.item.kind is QaKind.JUDGEMENT), None)
    if signed is not None and signed.tick is not None:
        words = f"Signed off by {signed.tick.who} on {format_moment(signed.tick.when)}."
        flow.append(Paragraph(text(words), styles.body))
        if signed.tick.comment:
            flow.append(Paragraph(text(signed.tick.comment), styles.body))
    else:
        flow.append(Paragraph(text("Not signed off yet: the reviewer has not ticked the last item."), styles.none))
    return flow


def write_qa_report(area: AreaProfile, states: Sequence[QaState], as_at: date, path: Path) -> int:
    """Lay the report out and write it to path atomically; the number of pages."""
    if not path.parent.is_dir():
        raise WorkbookUnavailable(f"Cannot write {path}: the folder {path.parent} does not exist.")
    furniture = Furniture(
        marking=internal_marking(area),
        internal=True,
        running_title=f"{area.name} - {REPORT_TITLE}",
        edition="Internal to government",
        as_at=f"As at {format_date(as_at)}",
    )
    data, pages = laid_out(
        qa_flow(area, states, as_at, Styles()),
        furniture,
        title=f"{area.name} - {REPORT_TITLE}",
        subject=area.name,
        keywords=[REPORT_TITLE, area.name, "internal to government"],
    )

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    write_bytes_atomically(path, write)
    return pages
