"""The crash harness's child: edits a workbook through the window's own path and acknowledges each edit.

Run as `python edit_stream.py WORKBOOK SEED`. It opens the workbook in a WorkbookSession (the
object the main window edits through: apply -> QUndoStack.push -> EditCommand.redo ->
session.write -> Workbook.apply) and pushes a seeded stream of varied edits - target levels,
typing that merges into one undo step, champion notes added and removed, negotiating
positions with their history, paste-like edits of many cells, undo and redo - until it is
killed. Around every edit it prints one line to stdout and flushes:

    WILL <n> <json>   before the edit starts: exactly what it will write
    ACK <n>           after session.apply/undo/redo returned: the edit is on disk

The json holds "what" (a description), "changes" (each [table, key, row], row null for a
removal, in the order they are written), "history" (the position_history rows the edit
adds, without who and when) and, for freezing the agreement, "version" (its label). Besides
edits typed at the window the stream freezes the agreement as an agreed version, lands a council's
returned table after review (some of its changes accepted, a level on an agreed year as the area's
proposal, a comment as a champion note) and merges a colleague's copy made at start-up. The
parent (crash_harness.py) kills this process at a random moment and checks that every
acknowledged edit is in the file, and that every agreed version is whole and hashes true.

LAADESK_CRASH_LIE=N makes edit N acknowledged but never written (and the child then waits to
be killed): the harness's own test that it notices a lost edit.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from laadesk.core.edits import Edit, Put, Remove, add, remove, set_fields
from laadesk.core.model import ChampionNote, NoteKind, Position, PositionField, Record, Target
from laadesk.core.review import accepted_edit, review
from laadesk.store.merge import prepare_merge
from laadesk.store.rows import to_row
from laadesk.store.tables import spec_for
from laadesk.store.workbook import Workbook
from laadesk.ui.session import WorkbookSession
from laadesk.ui.undo import EditCommand

LEVELS = ("target_2008_09", "target_2009_10", "target_2010_11", "baseline")
YEARS = ("2008/09", "2009/10", "2010/11")
MOST_NOTES = 25
MOST_EDITS = 1_000_000  # killed long before; a bound so a forgotten child still ends


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def change_rows(changes: tuple[Put | Remove, ...]) -> list[list[Any]]:
    """Each change as [table, key, row] (row None for a removal), as the store will write it."""
    rows: list[list[Any]] = []
    for change in changes:
        record: Record = change.after if isinstance(change, Put) else change.record
        spec = spec_for(record)
        key = list(spec.key_values(record))
        rows.append([spec.name, key, to_row(record) if isinstance(change, Put) else None])
    return rows


def history_rows(changes: tuple[Put | Remove, ...], positions: dict[tuple[str, str], Position]) -> list[list[Any]]:
    """The position_history rows Workbook.apply adds for these changes, worked out independently.

    Every Put of a position records each field that differs from the position stored at that
    moment (a missing position counts as all blank); `positions` is updated as it goes.
    """
    added: list[list[Any]] = []
    for change in changes:
        if isinstance(change, Remove):
            if isinstance(change.record, Position):
                positions.pop(change.record.key, None)
            continue
        if not isinstance(change.after, Position):
            continue
        after = change.after
        before = positions.get(after.key, Position(after.code, after.year))
        for field in PositionField:
            if getattr(before, field.value) != getattr(after, field.value):
                added.append([after.code, after.year, field.value, getattr(after, field.value)])
        positions[after.key] = after
    return added


class EditStream:
    """Chooses the next edit from what the session shows now, as a person at the window would."""

    def __init__(self, session: WorkbookSession, rng: random.Random, copy: Path | None = None) -> None:
        self.session = session
        self.rng = rng
        self.copy = copy  # a colleague's copy to merge (once: merging it again changes nothing)
        self.versions = 0
        self.positions = {p.key: p for p in session.snapshot().positions}
        self.note_number = 0

    def level(self) -> float:
        return round(self.rng.uniform(0, 100), self.rng.choice((0, 1, 2)))

    def targets(self) -> tuple[Target, ...]:
        return self.session.snapshot().targets

    def next(self) -> tuple[str, Edit, Any]:
        """(what, the edit about to be written, how to make the window write it)."""
        stack = self.session.undo_stack
        roll = self.rng.random()
        if roll < 0.08 and stack.canUndo():
            command = stack.command(stack.index() - 1)
            assert isinstance(command, EditCommand)
            return f"undo {command.text()}", command.edit.inverse(), stack.undo
        if roll < 0.13 and stack.canRedo():
            command = stack.command(stack.index())
            assert isinstance(command, EditCommand)
            return f"redo {command.text()}", command.edit, stack.redo
        kind = self.rng.choice(
            ("level", "level", "typing", "note", "note", "position", "position", "paste", "review", "freeze", "merge")
        )
        return getattr(self, f"_{kind}")()

    def _apply(self, what: str, edit: Edit, merge_key: object = None) -> tuple[str, Edit, Any]:
        return what, edit, lambda: self.session.apply(edit, merge_key)

    def _level(self) -> tuple[str, Edit, Any]:
        target = self.rng.choice(self.targets())
        fields = self.rng.sample(LEVELS, self.rng.randint(1, 2))
        values = {field: self.level() for field in fields}
        edit = set_fields(target, f"Change {target.code} levels", **values)
        return self._apply(f"set {target.code} {values}", edit)

    def _typing(self) -> tuple[str, Edit, Any]:
        # Typing into one cell merges into one undo step (EditCommand.mergeWith).
        target = self.rng.choice(self.targets()[:3])
        text = (target.comment + self.rng.choice("abcdefgh ")).lstrip()[-60:] or "x"
        edit = set_fields(target, f"Type in {target.code} comment", comment=text)
        return self._apply(f"type {target.code} comment={text!r}", edit, ("comment", target.code))

    def _note(self) -> tuple[str, Edit, Any]:
        notes = self.session.snapshot().notes
        if notes and (len(notes) >= MOST_NOTES or self.rng.random() < 0.3):
            note = self.rng.choice(notes)
            return self._apply(f"remove note {note.id}", remove(note, "Delete note"))
        self.note_number += 1
        note = ChampionNote(
            id=f"n{os.getpid()}-{self.note_number}",
            author="Crash Harness",
            text=f"Note {self.note_number}: " + "agreed subject to floor " * self.rng.randint(1, 20),
            kind=self.rng.choice(list(NoteKind)),
            date=date(2008, 3, self.rng.randint(1, 31)),
            indicators=(self.rng.choice(self.targets()).code,),
        )
        return self._apply(f"add note {note.id}", add(note, "Add note"))

    def _position(self) -> tuple[str, Edit, Any]:
        target = self.rng.choice(self.targets())
        year = self.rng.choice(YEARS)
        field = self.rng.choice(list(PositionField)).value
        current = self.session.snapshot().positions
        existing = next((p for p in current if p.key == (target.code, year)), None)
        if existing is None:
            edit = add(Position(target.code, year, **{field: self.level()}), "Add position")
        else:
            edit = set_fields(existing, f"Change {field}", **{field: self.level()})
        return self._apply(f"position {target.code} {year} {field}", edit)

    def _paste(self) -> tuple[str, Edit, Any]:
        # A block pasted from a spreadsheet: many targets, several cells each, one transaction.
        chosen = self.rng.sample(self.targets(), self.rng.randint(2, len(self.targets())))
        changes = tuple(Put(replace(t, **{f: self.level() for f in LEVELS}), t) for t in chosen)
        return self._apply(f"paste {len(changes)} rows", Edit(f"Paste {len(changes) * 4} cells", changes))

    def _review(self) -> tuple[str, Edit, Any]:
        # A council's returned table, reviewed: a few targets' levels and comments, some accepted.
        snapshot = self.session.snapshot()
        chosen = self.rng.sample(snapshot.targets, self.rng.randint(1, 5))
        planned = Edit(
            "returned table",
            tuple(Put(replace(t, target_2010_11=self.level(), comment=f"returned {self.level()}"), t) for t in chosen),
        )
        found = review(snapshot, planned, "returned.xlsx", lambda code: None)
        numbers = [p.number for p in found.proposals if self.rng.random() < 0.7]
        edit = accepted_edit(snapshot, found, numbers, today=date(2008, 6, 20))
        return self._apply(f"review {len(numbers)} of {len(found.proposals)} changes", edit)

    def _freeze(self) -> tuple[str, Edit, Any]:
        self.versions += 1
        label = f"Version {os.getpid()}-{self.versions}"
        return f"freeze {label}", Edit(label, ()), lambda: self.session.freeze(label)

    def _merge(self) -> tuple[str, Edit, Any]:
        if self.copy is None:
            return self._level()
        prepared = prepare_merge(self.session.workbook, self.copy)
        self.copy = None
        return (
            "merge the colleague's copy",
            prepared.edit,
            lambda: self.session.apply(prepared.edit, also=prepared.carry, undo_also=prepared.uncarry),
        )


def colleagues_copy(path: Path, rng: random.Random) -> Path:
    """A copy of the workbook as it is now, in which a colleague changes a few targets' rationales."""
    copy = path.with_name(f"{path.stem}-colleague-{os.getpid()}.laa")
    shutil.copy(path, copy)
    with Workbook.open(copy, author="colleague") as other:
        for target in rng.sample(other.targets(), 3):
            other.apply(set_fields(target, "colleague's rationale", rationale=f"colleague {rng.random():.6f}"))
    return copy


def main(argv: list[str]) -> int:
    path, seed = Path(argv[1]), int(argv[2])
    app = QGuiApplication([])
    rng = random.Random(seed)
    copy = colleagues_copy(path, rng)
    session = WorkbookSession(Workbook.open(path, author="crash-harness"))
    failed: list[str] = []
    session.edit_failed.connect(failed.append)
    stream = EditStream(session, rng, copy)
    lie_at = int(os.environ.get("LAADESK_CRASH_LIE", "0"))
    say("READY")
    for number in range(1, MOST_EDITS):
        what, edit, write = stream.next()
        freezing = what.startswith("freeze ")
        if edit.empty and not freezing:
            continue
        history = history_rows(edit.changes, stream.positions)
        report: dict[str, Any] = {"what": what, "changes": change_rows(edit.changes), "history": history}
        if freezing:
            report["version"] = edit.label
        say(f"WILL {number} {json.dumps(report)}")
        if number == lie_at:
            say(f"ACK {number}")
            time.sleep(600)
        write()
        if failed:
            say(f"FAILED {number} {failed[0]}")
            return 1
        say(f"ACK {number}")
    session.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
