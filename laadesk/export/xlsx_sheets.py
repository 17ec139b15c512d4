"""The narrative sheets of the Excel pack: story of place, partners, sign-off, and the internal positions and notes."""

from __future__ import annotations

import re
from typing import Any

from openpyxl.styles import Alignment

from laadesk.core.codes import sort_key
from laadesk.core.dates import format_date
from laadesk.core.pack import Pack
from laadesk.core.timetable import milestone_state
from laadesk.export.xlsx_styles import (
    BOLD_FONT,
    NOTE_FONT,
    OPEN_ACTION_FILL,
    Column,
    fit_row_height,
    level_format,
    put_date,
    put_number,
    put_text,
    restyle,
    start_table,
    style_row,
    write_header,
    write_heading,
    write_title,
)

LEFT_TOP = Alignment(horizontal="left", vertical="top")
STORY_COLUMNS = (
    Column("Section", 20, True),
    Column("Story of place and evidence", 90, True),
    Column("Evidence figure", 44, True),
    Column("Evidence date", 12),
)
# A paragraph longer than this is split over rows at a sentence, so no row outgrows the screen.
PARAGRAPH_CHUNK = 1500

PARTNER_COLUMNS = (
    Column("Partner", 34, True),
    Column("Sector", 24, True),
    Column("Leads", 30, True),
    Column("Signed up to", 60, True),
)

SIGN_OFF_COLUMNS = (
    Column("Responsible authority", 36, True),
    Column("Decision body", 30, True),
    Column("Date adopted", 14),
    Column("Minute reference", 18, True),
    Column("State", 22, True),
)
MILESTONE_HEADINGS = ("Milestone", "", "Due", "Done", "State")

POSITION_COLUMNS = (
    Column("NI", 8),
    Column("Indicator", 40, True),
    Column("Year", 9),
    Column("Area's proposal", 12, True),
    Column("Government's position", 14, True),
    Column("Agreed level", 12, True),
    Column("Floor (internal)", 12, True),
    Column("Target level now", 12, True),
    Column("Gap", 36, True),
)

NOTE_COLUMNS = (
    Column("Date", 12),
    Column("Time", 7),
    Column("Author", 20, True),
    Column("Role", 24, True),
    Column("Kind", 13, True),
    Column("Indicators", 16, True),
    Column("Visibility", 10),
    Column("Action", 8),
    Column("Note", 70, True),
)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a story section (blank lines separate them), each cut into row-sized chunks."""
    chunks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip()
        while len(paragraph) > PARAGRAPH_CHUNK:
            cut = paragraph.rfind(". ", 0, PARAGRAPH_CHUNK)
            cut = cut + 2 if cut > PARAGRAPH_CHUNK // 2 else PARAGRAPH_CHUNK
            chunks.append(paragraph[:cut])
            paragraph = paragraph[cut:]
        if paragraph:
            chunks.append(paragraph)
    return chunks


def write_story_sheet(sheet: Any, pack: Pack) -> None:
    sheet.title = "Story of place"
    sections = len(pack.story)
    note = f"{sections} {'section' if sections == 1 else 'sections'}, each with the evidence behind it."
    header_row = start_table(sheet, pack.marking, f"Story of place - {pack.area.name}", note, STORY_COLUMNS, frozen=0)
    row = header_row + 1
    if not pack.story:
        restyle(put_text(sheet, row, 1, "The story of place has not been written yet."), font=NOTE_FONT)
        return
    width = STORY_COLUMNS[1].width
    for number, part in enumerate(pack.story, start=1):
        write_heading(sheet, row, f"{number}. {part.section.title}", len(STORY_COLUMNS))
        row += 1
        for chunk in paragraphs(part.section.text) or [""]:
            style_row(sheet, row, STORY_COLUMNS)
            put_text(sheet, row, 2, chunk)
            fit_row_height(sheet, row, [(chunk, width)])
            row += 1
        if part.section.indicators:
            style_row(sheet, row, STORY_COLUMNS)
            put_text(sheet, row, 1, "Indicators it justifies")
            put_text(sheet, row, 2, ", ".join(part.section.indicators))
            restyle(sheet.cell(row=row, column=2), font=NOTE_FONT)
            row += 1
        for evidence in part.evidence:
            style_row(sheet, row, STORY_COLUMNS)
            put_text(sheet, row, 1, "Evidence")
            put_text(sheet, row, 2, evidence.source)
            put_text(sheet, row, 3, evidence.figure)
            put_date(sheet, row, 4, evidence.date)
            fit_row_height(sheet, row, [(evidence.source, width), (evidence.figure, STORY_COLUMNS[2].width)])
            row += 1


def write_partners_sheet(sheet: Any, pack: Pack) -> None:
    sheet.title = "Partners"
    note = "The partners each target relates to: who leads it and who has signed up to it."
    header_row = start_table(
        sheet, pack.marking, f"Partners and their targets - {pack.area.name}", note, PARTNER_COLUMNS, frozen=1
    )
    if not pack.partners:
        note_cell = put_text(sheet, header_row + 1, 1, "No partner leads or has signed up to a target yet.")
        restyle(note_cell, font=NOTE_FONT)
        return
    for row, partner in enumerate(pack.partners, start=header_row + 1):
        texts = (partner.name, partner.sector, ", ".join(partner.leads), ", ".join(partner.signed_up))
        style_row(sheet, row, PARTNER_COLUMNS)
        for column, text in enumerate(texts, start=1):
            put_text(sheet, row, column, text)
        fit_row_height(sheet, row, [(t, c.width) for t, c in zip(texts, PARTNER_COLUMNS)])


def write_sign_off_sheet(sheet: Any, pack: Pack) -> None:
    """The responsible authority's adoption, the partner authorities' agreement to their targets,
    the GO recommendation, the Secretary of State's sign-off and the timetable."""
    sheet.title = "Sign-off"
    row = write_title(sheet, pack.marking, f"Sign-off - {pack.area.name}", pack.sequence + ".")
    sheet.freeze_panes = sheet.cell(row=row, column=1).coordinate
    row += 1
    sign_off = pack.sign_off
    facts: tuple[tuple[str, Any], ...] = (
        ("Pack status", pack.status.value),
        ("Version", sign_off.version),
        ("GO recommendation", sign_off.go_recommendation_date or "pending"),
        ("Recommended by", sign_off.go_recommended_by),
        ("Secretary of State sign-off", sign_off.secretary_of_state_date or "pending"),
        ("Local Strategic Partnership", pack.area.lsp_name),
        ("Government Office region", pack.area.go_region),
        ("National Indicator Set", pack.nis_edition),
        ("As at", pack.as_at),
    )
    value_width = sum(c.width for c in SIGN_OFF_COLUMNS[1:])
    for label, value in facts:
        style_row(sheet, row, SIGN_OFF_COLUMNS)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(SIGN_OFF_COLUMNS))
        restyle(put_text(sheet, row, 1, label), font=BOLD_FONT)
        if isinstance(value, str):
            put_text(sheet, row, 2, value)
            fit_row_height(sheet, row, [(value, value_width)])
        else:
            restyle(put_date(sheet, row, 2, value), alignment=LEFT_TOP)
        row += 1

    row += 1
    write_heading(sheet, row, "Adoption by the responsible local authority", len(SIGN_OFF_COLUMNS))
    write_header(sheet, row + 1, SIGN_OFF_COLUMNS)
    row += 2
    if not pack.adoptions:
        restyle(put_text(sheet, row, 1, "No adoption is recorded yet."), font=NOTE_FONT)
        row += 1
    for adoption in pack.adoptions:
        style_row(sheet, row, SIGN_OFF_COLUMNS)
        put_text(sheet, row, 1, adoption.body)
        put_text(sheet, row, 2, adoption.decision_maker)
        put_date(sheet, row, 3, adoption.date)
        put_text(sheet, row, 4, adoption.minute_reference)
        put_text(sheet, row, 5, "adopted" if adoption.date else "to adopt")
        row += 1

    row += 1
    write_heading(sheet, row, "Partner authorities' agreement to their targets", len(SIGN_OFF_COLUMNS))
    headings = ("Partner authority", "NI", "Date", "Reference", "Their word")
    write_header(sheet, row + 1, [Column(h, c.width, c.wrap) for h, c in zip(headings, SIGN_OFF_COLUMNS)])
    row += 2
    if not pack.agreements:
        restyle(put_text(sheet, row, 1, "No target relates to a partner authority yet."), font=NOTE_FONT)
        row += 1
    for relation in sorted(pack.agreements, key=lambda r: (r.partner.casefold(), sort_key(r.code))):
        style_row(sheet, row, SIGN_OFF_COLUMNS)
        agreement = relation.agreement
        put_text(sheet, row, 1, relation.partner)
        put_text(sheet, row, 2, relation.code)
        put_date(sheet, row, 3, agreement.date if agreement else None)
        put_text(sheet, row, 4, agreement.reference if agreement else "")
        put_text(sheet, row, 5, relation.word)
        row += 1

    row += 1
    write_heading(sheet, row, "Milestones", len(SIGN_OFF_COLUMNS))
    row += 1
    headings = MILESTONE_HEADINGS if pack.internal else (*MILESTONE_HEADINGS[:-1], "")
    write_header(sheet, row, [Column(h, c.width, c.wrap) for h, c in zip(headings, SIGN_OFF_COLUMNS)])
    row += 1
    if not pack.milestones:
        restyle(put_text(sheet, row, 1, "No milestones are set."), font=NOTE_FONT)
    for milestone in pack.milestones:
        style_row(sheet, row, SIGN_OFF_COLUMNS)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        put_text(sheet, row, 1, milestone.name)
        put_date(sheet, row, 3, milestone.due)
        put_date(sheet, row, 4, milestone.done)
        if pack.internal:  # late or overdue is government's reading, not the council's copy
            put_text(sheet, row, 5, milestone_state(milestone, pack.as_at))
        row += 1
    sheet.print_title_rows = "1:2"


def write_positions_sheet(sheet: Any, pack: Pack) -> None:
    """Internal: each target-year's proposal, government position, agreed level, floor and the gap."""
    sheet.title = "Positions"
    note = (
        "Internal to government: floors are never shown to the council. "
        "A positive gap means the area is more ambitious than government."
    )
    header_row = start_table(
        sheet, pack.marking, f"Negotiating positions - {pack.area.name}", note, POSITION_COLUMNS, frozen=2
    )
    if not pack.positions:
        restyle(put_text(sheet, header_row + 1, 1, "No negotiating positions are recorded."), font=NOTE_FONT)
        return
    for row, line in enumerate(pack.positions, start=header_row + 1):
        position = line.position
        values = (
            position.area_proposal,
            position.government_position,
            position.agreed_level,
            position.floor,
            line.target_level,
        )
        title = pack.titles.get(position.code, "")
        style_row(sheet, row, POSITION_COLUMNS)
        put_text(sheet, row, 1, position.code)
        put_text(sheet, row, 2, title)
        put_text(sheet, row, 3, position.year)
        number_format = level_format(values)
        for column, value in enumerate(values, start=4):
            put_number(sheet, row, column, value, number_format)
        put_text(sheet, row, 9, line.gap)
        fit_row_height(sheet, row, [(title, POSITION_COLUMNS[1].width), (line.gap, POSITION_COLUMNS[8].width)])


def write_notes_sheet(sheet: Any, pack: Pack) -> None:
    """Internal: every champion note, open actions shaded so they can be picked out or filtered."""
    sheet.title = "Champion notes"
    count = len(pack.notes)
    note = (
        f"Internal to government. {count} {'note' if count == 1 else 'notes'}; "
        f"{len(pack.open_actions)} open {'action' if len(pack.open_actions) == 1 else 'actions'} (shaded)."
    )
    header_row = start_table(sheet, pack.marking, f"Champion notes - {pack.area.name}", note, NOTE_COLUMNS, frozen=0)
    if not pack.notes:
        restyle(put_text(sheet, header_row + 1, 1, "No champion notes are recorded."), font=NOTE_FONT)
        return
    for row, champion_note in enumerate(pack.notes, start=header_row + 1):
        action = champion_note.action_status.value
        texts = {
            2: champion_note.time,
            3: champion_note.author,
            4: champion_note.role,
            5: champion_note.kind.value,
            6: ", ".join(champion_note.indicators),
            7: champion_note.visibility.value,
            8: action,
            9: champion_note.text,
        }
        style_row(sheet, row, NOTE_COLUMNS, OPEN_ACTION_FILL if action == "open" else None)
        put_date(sheet, row, 1, champion_note.date)
        for column, text in texts.items():
            put_text(sheet, row, column, text)
        fit_row_height(sheet, row, [(t, NOTE_COLUMNS[c - 1].width) for c, t in texts.items()])
    last = header_row + count
    sheet.auto_filter.ref = f"A{header_row}:I{last}"


def describe(pack: Pack) -> str:
    """A footer line naming the pack: area, version and date."""
    return f"Local Area Agreement 2008-11 - {pack.area.name} - version {pack.version} - as at {format_date(pack.as_at)}"
