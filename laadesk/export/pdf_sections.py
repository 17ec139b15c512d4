"""The prose sections of the PDF pack: cover, contents, story of place, target notes and sign-off."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from laadesk.core.dates import format_date
from laadesk.core.pack import PACK_TITLE, Pack
from laadesk.export.pdf_contents import ContentsList, heading
from laadesk.export.pdf_styles import (
    HEADER_FILL,
    INTERNAL_RED,
    MUTED,
    NAVY,
    REGULAR,
    RULE,
    Paragraph,
    Styles,
    make_table,
    text,
)
from laadesk.export.pdf_tables import codes, grid


def government_office(region: str) -> str:
    """ "Government Office for the East Midlands" from "East Midlands"."""
    region = region.strip()
    if not region:
        return "Government Office"
    if region.lower().startswith(("government office", "go ")):
        return region
    article = "" if region.lower().startswith(("london", "yorkshire")) else "the "
    return f"Government Office for {article}{region}"


def status_words(pack: Pack) -> str:
    return pack.status.value[:1].upper() + pack.status.value[1:]


def audience_words(pack: Pack) -> str:
    if pack.for_partner:
        return "Partner authority pack"
    return "Internal brief" if pack.internal else "Council pack"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def cover(pack: Pack, styles: Styles, width: float) -> list[Any]:
    area = pack.area
    facts = [
        ("Status", status_words(pack)),
        ("Version", pack.version.strip() or "not numbered"),
        ("As at", format_date(pack.as_at)),
        ("Audience", audience_words(pack)),
        ("Government Office", government_office(area.go_region)),
    ]
    if area.lsp_name.strip():
        facts.insert(0, ("Partnership", area.lsp_name))
    if pack.agreed_version:
        facts.insert(
            facts.index(("Version", pack.version.strip() or "not numbered")) + 1,
            ("Agreed version", pack.agreed_version),
        )
    table = make_table(
        [[Paragraph(text(k), styles.cell_head), Paragraph(text(v), styles.cover_line)] for k, v in facts],
        [120, width - 120],
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("LINEABOVE", (0, 0), (-1, 0), 1.2, NAVY),
            ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ],
        hAlign="LEFT",
    )
    deferred = len([t for t in pack.designated if t.deferred])
    designated = _count(len(pack.designated), "designated improvement target")
    if deferred:
        designated += f" ({deferred} deferred)"
    summary = (
        f"{designated}; {_count(len(pack.statutory), 'statutory early years and education target')}; "
        f"{_count(len(pack.local), 'local target')}."
    )
    flow: list[Any] = [Spacer(1, 75)]  # the marking is in the page's header: once is enough
    flow += [
        Paragraph(text(PACK_TITLE), styles.cover_title),
        Paragraph(text(area.name), styles.cover_area),
        *([Paragraph(text(f"for {pack.for_partner}"), styles.cover_area)] if pack.for_partner else []),
        Spacer(1, 28),
        table,
        Spacer(1, 20),
        Paragraph(text(summary), styles.body),
        Paragraph(text(pack.sequence + "."), styles.body),
    ]
    if pack.internal:
        words = Paragraph(
            "INTERNAL BRIEF - NOT FOR THE COUNCIL OR PARTNERS<br/>"
            f'<font name="{REGULAR}" size="9.5">This brief holds government\'s negotiating positions, '
            "private floors, champion notes and open actions. Send the council pack, "
            "never this brief, to the area.</font>",
            styles.cover_warning,
        )
        warning = make_table(
            [[words]],
            [width],
            [
                ("BOX", (0, 0), (-1, -1), 1.5, INTERNAL_RED),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ],
        )
        flow += [Spacer(1, 24), warning]
    flow += [Spacer(1, 40), Paragraph(text(f"Indicator titles: {pack.edition_name}."), styles.small)]
    return flow


def contents(styles: Styles) -> list[Any]:
    return [Paragraph("Contents", styles.h1), Spacer(1, 6), ContentsList([styles.toc1, styles.toc2])]


def section_heading(title: str, styles: Styles, key: str, intro: str = "") -> list[Any]:
    """A level-0 heading (never orphaned at a page foot) and an optional grey introduction."""
    flow: list[Any] = [CondPageBreak(170), heading(title, styles.h1, 0, key)]
    if intro:
        flow.append(Paragraph(text(intro), styles.intro))
    return flow


def none_line(words: str, styles: Styles) -> Any:
    return Paragraph(text(words), styles.none)


# reportlab lays a paragraph out again on every page it spans, so one huge paragraph costs
# quadratic time; longer ones are cut into pieces of about this many characters.
PARAGRAPH_PIECE = 2000


def _paragraph_texts(value: str) -> list[str]:
    """Blank lines separate paragraphs; single newlines stay as line breaks inside one."""
    parts = [p.strip() for p in value.replace("\r\n", "\n").split("\n\n")]
    return [piece for p in parts if p for piece in _pieces(p)]


def _pieces(paragraph: str) -> list[str]:
    """A long paragraph in pieces of about PARAGRAPH_PIECE characters, cut at line ends or spaces."""
    if len(paragraph) <= PARAGRAPH_PIECE:
        return [paragraph]
    pieces: list[str] = []
    rest = paragraph
    while len(rest) > PARAGRAPH_PIECE:
        cut = rest.rfind("\n", 0, PARAGRAPH_PIECE)
        if cut < PARAGRAPH_PIECE // 2:
            cut = rest.rfind(" ", 0, PARAGRAPH_PIECE)
        if cut < PARAGRAPH_PIECE // 2:
            cut = PARAGRAPH_PIECE
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    return [p for p in [*pieces, rest] if p]


def _prose(value: str, styles: Styles) -> list[Any]:
    return [Paragraph(text(p), styles.body) for p in _paragraph_texts(value)]


def story_of_place(pack: Pack, styles: Styles, width: float) -> list[Any]:
    flow = section_heading(
        "Story of place", styles, "story", "The partnership's evidence-based account of the area and its priorities."
    )
    if not pack.story:
        return [*flow, none_line("No story of place has been written yet.", styles)]
    for number, part in enumerate(pack.story, start=1):
        section = part.section
        flow += [CondPageBreak(80), heading(section.title or "Untitled section", styles.h2, 1, f"story-{number}")]
        flow += _prose(section.text, styles) or [none_line("No text yet.", styles)]
        if section.indicators:
            codes = ", ".join(section.indicators)
            flow.append(Paragraph(f"<b>Indicators this supports:</b> {text(codes)}", styles.small))
            flow.append(Spacer(1, 4))
        if part.evidence:
            rows = [
                [
                    Paragraph(text(e.source), styles.cell),
                    Paragraph(text(e.figure), styles.cell),
                    Paragraph(text(format_date(e.date)), styles.cell),
                ]
                for e in part.evidence
            ]
            # Left to split (header repeated): moved whole, a table would lose sight of its section.
            flow += [Spacer(1, 2), grid(styles, ("Evidence", "Figure", "Date"), rows, (200, 230, 65), width)]
        flow.append(Spacer(1, 6))
    return flow


def target_notes(pack: Pack, styles: Styles) -> list[Any]:
    """Why each target was chosen, its baseline source and any comment, in full."""
    flow = section_heading(
        "Rationale and comments",
        styles,
        "notes-on-targets",
        "Why each target was chosen, where its baseline comes from, and comments recorded against it.",
    )
    written = 0
    for target in pack.targets:
        parts = [
            ("Why chosen", target.rationale),
            ("Baseline source", target.baseline_source),
            ("Comment", target.comment),
        ]
        parts = [(label, value) for label, value in parts if value.strip()]
        if not parts:
            continue
        written += 1
        title = pack.titles.get(target.code, target.title)
        block: list[Any] = [CondPageBreak(70), Paragraph(f"{text(target.code)}&nbsp; {text(title)}", styles.h3)]
        for label, value in parts:
            first, *rest = _paragraph_texts(value)
            block.append(Paragraph(f'<font color="#6B6B6B">{text(label)}:</font> {text(first)}', styles.body))
            block += [Paragraph(text(p), styles.body) for p in rest]
        flow += block
    if not written:
        flow.append(none_line("None: no rationale or comment has been recorded against any target.", styles))
    return flow


def _signature_block(title: str, details: list[tuple[str, str]], styles: Styles, width: float) -> Any:
    """The authority, what is recorded of its decision, and lines to sign, name, position and date."""
    label = 92.0
    line = (width - 2 * label) / 2
    rows: list[list[Any]] = [
        [Paragraph(text(k), styles.cell_head), Paragraph(text(v), styles.cell), "", ""] for k, v in details
    ]
    for left, right in (("Signed", "Date"), ("Name", "Position")):
        rows.append([Paragraph(left, styles.cell_head), "", Paragraph(right, styles.cell_head), ""])
    first_blank = len(details)
    spans = [("SPAN", (1, n), (3, n)) for n in range(first_blank)]
    table = make_table(
        rows,
        [label, line, label, line],
        [
            *spans,
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (1, first_blank), (1, -1), 0.6, MUTED),
            ("LINEBELOW", (3, first_blank), (3, -1), 0.6, MUTED),
            ("TOPPADDING", (0, first_blank), (-1, -1), 16),
            ("TOPPADDING", (0, 0), (-1, first_blank - 1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("LEFTPADDING", (2, first_blank), (2, -1), 10),
        ],
        hAlign="LEFT",
    )
    return KeepTogether([Paragraph(text(title), styles.h3), table, Spacer(1, 12)])


def _agreements(pack: Pack, styles: Styles, width: float) -> list[Any]:
    """The partner authorities' word on their targets: one row per partner authority and word
    (agreed on one day under one reference, asked, objected...), with the targets it covers."""
    groups: dict[tuple[str, str, str, str], list[str]] = {}
    for row in pack.agreements:
        agreement = row.agreement
        day = format_date(agreement.date) if agreement else ""
        reference = agreement.reference if agreement else ""
        groups.setdefault((row.partner, row.word, day, reference), []).append(row.code)
    flow: list[Any] = [CondPageBreak(90), Paragraph("Partner authorities' agreement to their targets", styles.h3)]
    if not groups:
        return [*flow, none_line("No partner authority is named on a target.", styles)]
    rows = [
        [
            Paragraph(text(partner), styles.cell),
            codes(targets, styles),
            Paragraph(text(word), styles.cell),
            Paragraph(text(day), styles.cell),
            Paragraph(text(reference), styles.cell),
        ]
        for (partner, word, day, reference), targets in sorted(groups.items(), key=lambda g: g[0][0].casefold())
    ]
    header = ("Partner authority", "Targets", "Their word", "Date", "Reference")
    return [*flow, grid(styles, header, rows, (29, 36, 12, 14, 14), width), Spacer(1, 12)]


def _partner_block(pack: Pack, styles: Styles, width: float) -> Any:
    """The partner authority's agreement to the targets that relate to it: its word on each as recorded."""
    kind = next((row.kind for row in pack.agreements), "")
    words: dict[str, list[str]] = {}
    for row in pack.agreements:
        words.setdefault(row.word, []).append(row.code)
    details = [("Partner authority", f"{pack.for_partner} ({kind})" if kind else pack.for_partner)]
    details += [(word[:1].upper() + word[1:], ", ".join(targets)) for word, targets in words.items()]
    if not pack.agreements:
        details.append(("Targets", "no target relates to it yet"))
    title = f"{pack.for_partner} agrees to the targets that relate to it"
    return _signature_block(title, details, styles, width)


def sign_off(pack: Pack, styles: Styles, width: float) -> list[Any]:
    flow = section_heading(
        "Sign-off",
        styles,
        "sign-off",
        "The responsible local authority adopts the agreement and each partner authority agrees to the targets "
        "that relate to it; the Government Office then recommends it to the Secretary of State, who signs it off.",
    )
    flow.append(Paragraph(text(pack.sequence + "."), styles.body))
    if pack.for_partner:
        return flow + _agreements(pack, styles, width) + [_partner_block(pack, styles, width)]
    adoption = pack.responsible
    if adoption is None:
        flow.append(none_line("No responsible local authority is recorded yet.", styles))
    else:
        if adoption.date is not None:
            adopted = f"adopted on {format_date(adoption.date)}"
            if adoption.minute_reference.strip():
                adopted += f" (minute {adoption.minute_reference.strip()})"
        else:
            adopted = "not yet adopted"
        details = [("Decision by", adoption.decision_maker or "not recorded"), ("Adoption", adopted)]
        flow.append(_signature_block(f"{adoption.body} (responsible local authority)", details, styles, width))
    flow += _agreements(pack, styles, width)
    recommended = (
        f"recommended on {format_date(pack.sign_off.go_recommendation_date)}"
        if pack.sign_off.go_recommendation_date
        else "not yet recommended"
    )
    details = [("Recommended by", pack.sign_off.go_recommended_by or "not recorded"), ("Recommendation", recommended)]
    secretary = pack.sign_off.secretary_of_state_date
    details.append(("Secretary of State", f"signed off on {format_date(secretary)}" if secretary else "pending"))
    flow.append(_signature_block(government_office(pack.area.go_region), details, styles, width))
    return flow
