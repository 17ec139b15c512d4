"""Workshop sessions: capturing decisions as notes, and saying what changed while the room watched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from laadesk.core.codes import sort_key
from laadesk.core.edits import Edit, add
from laadesk.core.import_plan import shown_value
from laadesk.core.labels import TARGET_LABELS, position_words
from laadesk.core.model import ActionStatus, ChampionNote, NoteKind, PositionField, Target, Visibility, new_id
from laadesk.core.snapshot import WorkbookSnapshot


def capture_note(
    text: str, kind: NoteKind, code: str | None, author: str, now: datetime, visibility: Visibility
) -> Edit:
    """A decision or action said in the room, as a champion note stamped with the time."""
    note = ChampionNote(
        id=new_id(),
        author=author,
        text=text.strip(),
        kind=kind,
        date=now.date(),
        role="workshop",
        indicators=(code,) if code else (),
        visibility=visibility,
        action_status=ActionStatus.OPEN if kind is NoteKind.ACTION else ActionStatus.NONE,
        time=now.strftime("%H:%M"),
    )
    return add(note, f"capture {kind.value} in workshop")


@dataclass(frozen=True)
class WorkshopSummary:
    started: datetime
    ended: datetime
    target_changes: tuple[str, ...]
    position_changes: tuple[str, ...]
    decisions: tuple[ChampionNote, ...]
    actions: tuple[ChampionNote, ...]
    other_notes: tuple[ChampionNote, ...]

    @property
    def empty(self) -> bool:
        return not (self.target_changes or self.position_changes or self.decisions or self.actions or self.other_notes)


def _target_changes(before: WorkbookSnapshot, after: WorkbookSnapshot) -> list[str]:
    old = {t.code: t for t in before.targets}
    new = {t.code: t for t in after.targets}
    lines = []
    for code in sorted(old.keys() | new.keys(), key=sort_key):
        was, now = old.get(code), new.get(code)
        if was is None and now is not None:
            lines.append(f"{code}: added as {now.role.value}")
        elif now is None and was is not None:
            lines.append(f"{code}: removed")
        elif was is not None and now is not None and was != now:
            lines.extend(f"{code}: {change}" for change in _field_changes(was, now))
    return lines


def _field_changes(was: Target, now: Target) -> list[str]:
    return [
        f"{label.words} {shown_value(getattr(was, name))} -> {shown_value(getattr(now, name))}"
        for name, label in TARGET_LABELS.items()
        if name != "code" and getattr(was, name) != getattr(now, name)
    ]


def _position_changes(before: WorkbookSnapshot, after: WorkbookSnapshot) -> list[str]:
    old = {p.key: p for p in before.positions}
    lines = []
    for position in after.positions:
        was = old.get(position.key)
        for field in PositionField:
            label = position_words(field, marked=True)
            previous = getattr(was, field.value) if was else None
            current = getattr(position, field.value)
            if previous != current:
                lines.append(
                    f"{position.code} {position.year}: {label} {shown_value(previous)} -> {shown_value(current)}"
                )
    return lines


def summarise(before: WorkbookSnapshot, after: WorkbookSnapshot, started: datetime, ended: datetime) -> WorkshopSummary:
    """What changed between the start and the end of a workshop session."""
    known = {n.id for n in before.notes}
    added = [n for n in after.notes if n.id not in known]
    return WorkshopSummary(
        started=started,
        ended=ended,
        target_changes=tuple(_target_changes(before, after)),
        position_changes=tuple(_position_changes(before, after)),
        decisions=tuple(n for n in added if n.kind is NoteKind.DECISION),
        actions=tuple(n for n in added if n.kind is NoteKind.ACTION),
        other_notes=tuple(n for n in added if n.kind not in (NoteKind.DECISION, NoteKind.ACTION)),
    )


def _note_line(note: ChampionNote) -> str:
    about = f" ({', '.join(note.indicators)})" if note.indicators else ""
    stamp = f"{note.time} " if note.time else ""
    internal = " [internal]" if note.visibility is Visibility.INTERNAL else ""
    return f"- {stamp}{note.text}{about}{internal}"


def summary_text(summary: WorkshopSummary, area: str) -> str:
    """The summary as plain text, to copy into an email or save beside the workbook."""
    lines = [
        f"Workshop on {area}: {summary.started:%d %B %Y, %H:%M} to {summary.ended:%H:%M}",
        "",
    ]
    sections = (
        ("Decisions", [_note_line(n) for n in summary.decisions]),
        ("Actions", [_note_line(n) for n in summary.actions]),
        ("Targets changed", [f"- {line}" for line in summary.target_changes]),
        ("Negotiating positions changed", [f"- {line}" for line in summary.position_changes]),
        ("Other notes", [_note_line(n) for n in summary.other_notes]),
    )
    for heading, items in sections:
        if items:
            lines += [f"{heading} ({len(items)})", *items, ""]
    if summary.empty:
        lines.append("Nothing was changed or captured in this session.")
    return "\n".join(lines).rstrip() + "\n"
