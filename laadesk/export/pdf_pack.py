"""The sign-off pack as PDF: the council pack for adoption, or the protectively marked internal brief.

The writer gets a Pack already cut to its audience (see laadesk.core.pack), lays it out with
reportlab and writes the file atomically. Layout lives in the pdf_* modules beside this one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab.platypus import CondPageBreak

from laadesk.core.dates import format_date
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.model import Position
from laadesk.core.pack import PACK_TITLE, ChartChoice, Pack
from laadesk.export.atomic import write_bytes_atomically
from laadesk.export.pdf_attachments import attachments_section
from laadesk.export.pdf_changes import changes_section
from laadesk.export.pdf_charts import chart_grid
from laadesk.export.pdf_internal import actions_table, notes_table, positions_table
from laadesk.export.pdf_pages import LANDSCAPE, PORTRAIT, Furniture, frame_width, laid_out, turn_to
from laadesk.export.pdf_sections import (
    audience_words,
    contents,
    cover,
    none_line,
    section_heading,
    sign_off,
    status_words,
    story_of_place,
    target_notes,
)
from laadesk.export.pdf_styles import Styles
from laadesk.export.pdf_sub_areas import sub_area_section
from laadesk.export.pdf_tables import milestones_table, partners_table
from laadesk.export.pdf_targets import deferred_table, target_partners_table, targets_table


@dataclass(frozen=True)
class PdfResult:
    """What the CLI and GUI report after writing a PDF pack."""

    path: Path
    pages: int
    audience: str


Section = Callable[[Pack, Styles], list[Any]]
PORTRAIT_WIDTH = frame_width(PORTRAIT)
LANDSCAPE_WIDTH = frame_width(LANDSCAPE)


def _cover(pack: Pack, styles: Styles) -> list[Any]:
    return cover(pack, styles, PORTRAIT_WIDTH)


def _contents(pack: Pack, styles: Styles) -> list[Any]:
    return [*turn_to(PORTRAIT), *contents(styles)]


def _story(pack: Pack, styles: Styles) -> list[Any]:
    return [*turn_to(PORTRAIT), *story_of_place(pack, styles, PORTRAIT_WIDTH)]


def _targets(pack: Pack, styles: Styles) -> list[Any]:
    flow: list[Any] = turn_to(LANDSCAPE)
    groups = (
        (
            "Designated improvement targets",
            "designated",
            pack.designated,
            "The up to 35 improvement targets designated for the agreement. Deferred targets are left blank "
            "on purpose and set at review and refresh.",
        ),
        (
            "Statutory early years and education targets",
            "statutory",
            pack.statutory,
            "Agreed with the children's department under separate law; they sit beside the agreement, outside the 35.",
        ),
        ("Local targets", "local", pack.local, "The partnership's own indicators."),
    )
    for title, key, targets, intro in groups:
        flow += section_heading(title, styles, key, intro)
        if targets:
            flow.append(targets_table(pack, targets, styles, LANDSCAPE_WIDTH))
        else:
            flow.append(none_line("None.", styles))
    if pack.targets:
        flow += section_heading(
            "Partners and spatial level",
            styles,
            "target-partners",
            "The partners signed up to each target besides its lead partner, and the part of the area it covers.",
        )
        flow.append(target_partners_table(pack, styles, LANDSCAPE_WIDTH))
    return flow


@dataclass(frozen=True)
class TableSection:
    """A section that is a heading, an introduction and one table - or a sentence saying there is nothing."""

    title: str
    key: str
    intro: str
    rows: Callable[[Pack], Sequence[Any]]  # what the table lists; none: the `empty` sentence instead
    table: Callable[[Pack, Styles, float], Any]
    empty: str
    page: Any = None  # the orientation to turn to first (None: stay on the page it follows)
    width: float = LANDSCAPE_WIDTH

    def __call__(self, pack: Pack, styles: Styles) -> list[Any]:
        flow = [*turn_to(self.page)] if self.page is not None else []
        flow += section_heading(self.title, styles, self.key, self.intro)
        flow.append(self.table(pack, styles, self.width) if self.rows(pack) else none_line(self.empty, styles))
        return flow


_deferred = TableSection(
    "Deferred targets",
    "deferred",
    "Targets that could not be set yet. Their baselines and levels are blank on purpose, not missing; "
    "each is revisited at review and refresh.",
    lambda pack: pack.deferred,
    deferred_table,
    "None: no target is deferred.",
)
_partners = TableSection(
    "Partners signing up",
    "partners",
    "Each partner, the targets it leads and the targets it has signed up to.",
    lambda pack: pack.partners,
    lambda pack, styles, width: partners_table(pack.partners, styles, width),
    "None: no partner leads or has signed up to a target yet.",
)


def _notes(pack: Pack, styles: Styles) -> list[Any]:
    return [*turn_to(PORTRAIT), *target_notes(pack, styles)]


def _charts(pack: Pack, styles: Styles) -> list[Any]:
    """Small multiples, for the targets the officer chose at export (ChartChoice)."""
    if pack.charts is ChartChoice.NONE:
        return []
    intro = (
        "Baseline (open circle) and the three annual targets, with the figures under each chart. A scale "
        "that does not start at zero shows a break at the foot of its axis."
    )
    if pack.charts is ChartChoice.FLAGGED:
        intro = f"Charts for {pack.charts.words}; every target's figures are in the tables above. " + intro
    if pack.internal:
        intro += " Where the area's proposal and government's position differ, both are drawn dashed."
    flow = [*turn_to(PORTRAIT), *section_heading("Trajectories", styles, "charts", intro)]
    positions: dict[str, list[Position]] = {}
    for line in pack.positions:
        positions.setdefault(line.position.code, []).append(line.position)
    groups = [
        (title, pack.charted(targets))
        for title, targets in (
            ("Designated improvement targets", pack.designated),
            ("Statutory early years and education targets", pack.statutory),
            ("Local targets", pack.local),
        )
    ]
    if not pack.targets:
        return [*flow, none_line("None: no targets have been chosen yet.", styles)]
    if not any(targets for _, targets in groups):
        return [*flow, none_line("None: every target is agreed, and none is a reward target or contested.", styles)]
    for title, targets in groups:
        if targets:
            flow += [
                CondPageBreak(260),
                styles.markup(title, styles.h2),
                chart_grid(pack, targets, positions, styles, PORTRAIT_WIDTH),
            ]
    return flow


def _sign_off(pack: Pack, styles: Styles) -> list[Any]:
    return [*turn_to(PORTRAIT), *sign_off(pack, styles, PORTRAIT_WIDTH)]


_milestones = TableSection(
    "Milestones",
    "milestones",
    "The negotiating timetable and where each step stands.",
    lambda pack: pack.milestones,
    lambda pack, styles, width: milestones_table(pack.milestones, pack, styles, width),
    "None: no milestones have been set.",
    width=PORTRAIT_WIDTH,
)
_positions = TableSection(
    "Negotiating positions and gaps",
    "positions",
    "Internal to government. The area's proposal and government's position for each target-year, "
    "with government's private floor. Never share the floors with the area.",
    lambda pack: pack.positions,
    positions_table,
    "None: no negotiating positions have been recorded.",
    page=LANDSCAPE,
)
_champion_notes = TableSection(
    "Champion notes",
    "champion-notes",
    "Notes from Negotiating Champions and GO staff, internal and shareable alike.",
    lambda pack: pack.notes,
    lambda pack, styles, width: notes_table(pack.notes, styles, width),
    "None: no champion notes have been recorded.",
)
_open_actions = TableSection(
    "Open actions",
    "open-actions",
    "Actions from champion notes not yet done.",
    lambda pack: pack.open_actions,
    lambda pack, styles, width: actions_table(pack.open_actions, styles, width),
    "None: every action is done.",
)


COUNCIL_SECTIONS: tuple[Section, ...] = (
    _cover,
    _contents,
    changes_section,
    _story,
    _targets,
    sub_area_section,
    _deferred,
    _partners,
    _notes,
    _charts,
    _sign_off,
    _milestones,
    attachments_section,
)
INTERNAL_SECTIONS: tuple[Section, ...] = (_positions, _champion_notes, _open_actions)


def sections(pack: Pack) -> Sequence[Section]:
    if pack.for_partner:  # the council pack's sections over the partner's targets, without the area's story
        return tuple(s for s in COUNCIL_SECTIONS if s is not _story)
    return COUNCIL_SECTIONS + INTERNAL_SECTIONS if pack.internal else COUNCIL_SECTIONS


def furniture(pack: Pack) -> Furniture:
    version = f"Version {pack.version.strip()}" if pack.version.strip() else "Unnumbered version"
    return Furniture(
        marking=pack.marking,
        internal=pack.internal,
        running_title=f"{pack.area.name} - {PACK_TITLE} - {audience_words(pack).lower()}",
        edition=f"{version} · {status_words(pack)}",
        as_at=f"As at {format_date(pack.as_at)}",
    )


def write_pdf_pack(pack: Pack, path: Path, progress: Callable[[int, int], None] | None = None) -> PdfResult:
    """Lay the pack out and write it to path atomically; raises WorkbookUnavailable if path cannot be written."""
    if not path.parent.is_dir():
        raise WorkbookUnavailable(f"Cannot write {path}: the folder {path.parent} does not exist.")
    steps = sections(pack)
    total = len(steps) + 2  # each section, then the layout, then the file
    report = progress or (lambda done, total: None)
    styles = Styles()
    story: list[Any] = []
    for done, section in enumerate(steps, start=1):
        story += section(pack, styles)
        report(done, total)
    data, pages = laid_out(
        story,
        furniture(pack),
        title=f"{pack.area.name} - {PACK_TITLE} ({audience_words(pack).lower()})",
        subject=pack.area.name,
        keywords=[PACK_TITLE, pack.area.name, audience_words(pack)],
    )
    report(total - 1, total)

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    write_bytes_atomically(path, write)
    report(total, total)
    return PdfResult(path, pages, pack.audience.value)
