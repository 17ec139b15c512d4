"""The story of place as edits: ordering sections, their evidence, and links to indicators."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from laadesk.core.codes import is_national, parse_code, sort_key
from laadesk.core.edits import Change, Edit, Put, Remove
from laadesk.core.labels import listed
from laadesk.core.model import Evidence, StorySection, new_id
from laadesk.core.snapshot import WorkbookSnapshot

NEW_SECTION_TITLE = "New section"

# -- sections and their order ----------------------------------------------------------


def ordered(sections: Sequence[StorySection]) -> list[StorySection]:
    """Sections in reading order (as the workbook lists them: position, then title)."""
    return sorted(sections, key=lambda s: (s.position, s.title))


def reorder_sections(sections: Sequence[StorySection], order: Sequence[str], label: str) -> Edit:
    """One edit giving the sections positions 1, 2, 3... in `order` (their ids); only changed ones are written."""
    by_id = {s.id: s for s in sections}
    if sorted(order) != sorted(by_id):
        raise ValueError("the new order must name every section exactly once")
    changes: list[Change] = []
    for position, section_id in enumerate(order, start=1):
        section = by_id[section_id]
        if section.position != position:
            changes.append(Put(replace(section, position=position), section))
    return Edit(label, tuple(changes))


def move_section(sections: Sequence[StorySection], section_id: str, to_row: int) -> Edit:
    """Move one section so it is at `to_row` (0-based, clamped) in reading order."""
    ids = [s.id for s in ordered(sections)]
    ids.remove(section_id)
    ids.insert(max(0, min(to_row, len(ids))), section_id)
    return reorder_sections(sections, ids, "reorder story sections")


def new_section(sections: Sequence[StorySection], title: str = NEW_SECTION_TITLE) -> StorySection:
    """A fresh section placed after the last one."""
    last = max((s.position for s in sections), default=0)
    return StorySection(id=new_id(), position=last + 1, title=title)


def delete_section(section: StorySection, evidence: Sequence[Evidence]) -> Edit:
    """Delete a section and its evidence in one edit (evidence first: it refers to the section)."""
    own = tuple(Remove(e) for e in evidence if e.section_id == section.id)
    return Edit("delete story section", (*own, Remove(section)))


def check_title(text: str) -> str:
    """A section title, trimmed; a blank one is refused with a sentence."""
    title = " ".join(text.split())
    if not title:
        raise ValueError("A story section needs a title; the old title is kept")
    return title


# -- links to indicators --------------------------------------------------------------------


def linkable_code(text: str, snapshot: WorkbookSnapshot) -> str:
    """The indicator a person typed ("116", "NI 116 - Child poverty", "L2", "poverty"), if it can be linked.

    Words that are not a code pick the one chosen target whose title holds them.
    Raises ValueError with a sentence for an unknown, withdrawn or ambiguous indicator.
    """
    try:
        code = parse_code(text.split(" - ", 1)[0])
    except ValueError:
        code = _chosen_by_words(text, snapshot)
    if is_national(code):
        indicator = snapshot.catalogue.get(code)
        if indicator is None:
            raise ValueError(f"{code} is not in the National Indicator Set ({snapshot.catalogue.edition})")
        if indicator.withdrawn:
            raise ValueError(f"{code} was withdrawn from the National Indicator Set and cannot be linked")
    elif snapshot.target(code) is None:
        raise ValueError(f"{code} is not one of {snapshot.area.name}'s local indicators")
    return code


def _chosen_by_words(text: str, snapshot: WorkbookSnapshot) -> str:
    words = text.casefold().split()
    chosen = sorted((t for t in snapshot.targets if t.chosen), key=lambda t: sort_key(t.code))
    found = [t.code for t in chosen if words and all(w in snapshot.title_of(t.code).casefold() for w in words)]
    if len(found) == 1:
        return found[0]
    if found:
        raise ValueError(
            f"'{text.strip()}' is in the titles of {listed(found)}; pick one from the list or type its code"
        )
    return parse_code(text)  # raises the sentence about indicator codes


def link_indicator(section: StorySection, code: str) -> Edit:
    """Link an indicator to a section, keeping the links in indicator order."""
    if code in section.indicators:
        raise ValueError(f"{code} is already linked to '{section.title}'")
    codes = tuple(sorted((*section.indicators, code), key=sort_key))
    return Edit(f"link {code} to the story", (Put(replace(section, indicators=codes), section),))


def unlink_indicators(section: StorySection, codes: Sequence[str]) -> Edit:
    """Unlink some indicators from a section in one edit."""
    gone = [c for c in codes if c in section.indicators]
    if not gone:
        return Edit("unlink indicators from the story", ())
    label = f"unlink {gone[0]} from the story" if len(gone) == 1 else f"unlink {len(gone)} indicators from the story"
    kept = tuple(c for c in section.indicators if c not in gone)
    return Edit(label, (Put(replace(section, indicators=kept), section),))


# -- evidence ------------------------------------------------------------------------------


def evidence_of(section_id: str, evidence: Sequence[Evidence]) -> list[Evidence]:
    """A section's evidence: dated references in date order, then the undated ones."""
    own = [e for e in evidence if e.section_id == section_id]
    return sorted(own, key=lambda e: (e.date is None, e.date or date.min))


def new_evidence(section: StorySection) -> Evidence:
    return Evidence(id=new_id(), section_id=section.id, source="")
