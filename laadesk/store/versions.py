"""Agreed versions: the whole agreement frozen under a label, with a hash anyone can recompute.

A version is written once, with a history entry carrying its hash, and laadesk has no way to
change or delete one. `verify` recomputes each hash from the stored form and compares it with
the stored hash and with the one its history entry recorded, so a version altered by another
tool is named (docs/agreed-versions.md).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from laadesk.core.agreement import (
    PARTS,
    agreement_form,
    agreement_hash,
    canonical_bytes,
    form_from_rows,
    stored_columns,
)
from laadesk.core.dates import format_date
from laadesk.core.edits import Edit, Put
from laadesk.core.errors import WorkbookCorrupt, WorkbookProblem
from laadesk.core.history import ADDED, AGREED
from laadesk.core.rounds import RefreshRound
from laadesk.core.snapshot import WorkbookSnapshot, kinds
from laadesk.store.history import EditLedger
from laadesk.store.rows import from_row
from laadesk.store.workbook import Workbook

LONGEST_LABEL = 80
SHORT_HASH = 12  # what a pack's cover prints


class VersionRefused(WorkbookProblem):
    """A version that cannot be frozen as asked (no label, a label already used)."""


@dataclass(frozen=True)
class AgreedVersion:
    label: str
    when: str  # ISO 8601, UTC
    who: str
    sha256: str
    form: dict[str, Any]
    verified: bool  # its form still hashes to its recorded hash

    @property
    def short_hash(self) -> str:
        return self.sha256[:SHORT_HASH]

    def as_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "when": self.when,
            "who": self.who,
            "sha256": self.sha256,
            "verified": self.verified,
        }


def clean_label(label: str) -> str:
    text = " ".join(label.split())
    if not text:
        raise VersionRefused('An agreed version needs a label (for example "Signed by the Secretary of State").')
    if len(text) > LONGEST_LABEL:
        raise VersionRefused(
            f"An agreed version's label is at most {LONGEST_LABEL} characters; this one has {len(text)}."
        )
    return text


def freeze(workbook: Workbook, label: str) -> AgreedVersion:
    """Record the agreement as it stands now under `label`; refused if the label is taken."""
    text = clean_label(label)
    if any(same_label(v.label, text) for v in versions(workbook)):
        raise VersionRefused(
            f'{workbook.path.name} already has an agreed version labelled "{text}"; versions are never replaced, '
            "so give this one another label."
        )
    snapshot = workbook.snapshot()
    form = agreement_form(snapshot)
    digest = agreement_hash(form)
    # Freezing ends a refresh round that is open: the round's agreement is the one frozen.
    ending = (Put(RefreshRound(), snapshot.refresh_round),) if snapshot.refresh_round.open else ()
    made: list[str] = []

    def record(db: sqlite3.Connection, ledger: EditLedger) -> None:
        change_id, when = ledger.common[0], ledger.common[1]
        db.execute(
            'INSERT INTO agreed_versions (label, "when", who, sha256, form, change_id) VALUES (?, ?, ?, ?, ?, ?)',
            (text, when, workbook.author, digest, canonical_bytes(form).decode(), change_id),
        )
        ledger.note_row("agreed_versions", [text], "", ADDED, None, json.dumps({"label": text, "sha256": digest}))
        made.append(when)

    workbook.apply(Edit(f'freeze the agreement as agreed version "{text}"', ending, AGREED), also=record)
    when = made[0]
    return AgreedVersion(text, when, workbook.author, digest, form, True)


def versions(workbook: Workbook) -> tuple[AgreedVersion, ...]:
    """Every agreed version, oldest first, each checked against its hash."""
    workbook.check_history()  # each version's hash is checked against its entry in the history
    rows = workbook.query('SELECT label, "when", who, sha256, form, change_id FROM agreed_versions ORDER BY rowid')
    recorded = dict(
        workbook.query(
            "SELECT change_id, after FROM history WHERE kind = 'agreed_versions' AND op = 'added'"
        ).fetchall()
    )
    return tuple(_version(workbook, tuple(row), recorded) for row in rows)


def _version(workbook: Workbook, row: tuple[Any, ...], recorded: dict[str, Any]) -> AgreedVersion:
    if not all(isinstance(v, str) for v in row):  # altered by another tool: named, as any other altered version
        label, when, who, digest = (v if isinstance(v, str) else repr(v) for v in row[:4])
        return AgreedVersion(label, when, who, digest, {}, False)
    label, when, who, digest, text, change_id = row
    try:
        form = json.loads(text)
    except ValueError:
        return AgreedVersion(label, when, who, digest, {}, False)
    if not isinstance(form, dict):
        return AgreedVersion(label, when, who, digest, {}, False)
    verified = agreement_hash(form) == digest and canonical_bytes(form).decode() == text
    entry = recorded.get(change_id)
    try:
        verified = verified and entry is not None and json.loads(entry).get("sha256") == digest
    except (ValueError, AttributeError, TypeError):
        verified = False
    return AgreedVersion(label, when, who, digest, form, verified)


def same_label(stored: str, asked: str) -> bool:
    """Whether a label asked for names a stored version: spaces tidied, case aside (in any alphabet)."""
    return stored.casefold() == " ".join(asked.split()).casefold()


def version(workbook: Workbook, label: str, found: tuple[AgreedVersion, ...] | None = None) -> AgreedVersion:
    """The version with that label (of `found`, the versions already read, when given); a sentence
    naming the labels there are if none."""
    found = versions(workbook) if found is None else found
    for item in found:
        if same_label(item.label, label):
            return item
    there = ", ".join(f'"{v.label}"' for v in found) or "none yet"
    raise VersionRefused(f'{workbook.path.name} has no agreed version labelled "{label}" (its versions: {there}).')


def latest(workbook: Workbook) -> AgreedVersion | None:
    found = versions(workbook)
    return found[-1] if found else None


def version_snapshot(snapshot: WorkbookSnapshot, found: AgreedVersion) -> WorkbookSnapshot:
    """The workbook as the version holds its agreement: the area, targets, sub-area figures, partner
    authorities' agreements, story, adoptions and sign-off from the version; the rest (the indicator
    set, districts, partners, timetable) as the workbook has them now."""
    parts: dict[str, Any] = {}
    for kind in kinds():
        if kind.field not in found.form:
            continue
        stored = found.form[kind.field]
        rows = [stored] if kind.single else stored
        records: tuple[Any, ...] = tuple(from_row(kind.record, _row(r)) for r in rows if isinstance(r, dict))
        parts[kind.field] = records[0] if kind.single else records
    return dataclasses.replace(snapshot, **parts)


def _row(form: dict[str, Any]) -> dict[str, Any]:
    """A record's canonical form as the store keeps it (lists of names as JSON text)."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in form.items()}


def cover_line(found: AgreedVersion) -> str:
    """What a pack made from a version prints on its cover."""
    day = found.when[:10]
    return f'"{found.label}", frozen {format_date(date.fromisoformat(day))} by {found.who}, SHA-256 {found.short_hash}'


def agreement_now(workbook: Workbook, *, ordered: bool = True) -> dict[str, Any]:
    """The workbook's agreement now in the canonical form, read straight from its rows (the same
    form agreement_form(workbook.snapshot()) gives, without reading every record of the workbook;
    with ordered=False its lists are as read, enough for compare)."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for field, sql in _agreement_reads():
        cursor = workbook.query(sql)
        names = [column[0] for column in cursor.description]
        rows[field] = [dict(zip(names, row)) for row in cursor]  # a row has every column the cursor names
    return form_from_rows(rows, ordered=ordered)


@functools.cache
def _agreement_reads() -> tuple[tuple[str, str], ...]:
    """(snapshot field, SELECT) of each part of the agreement: worked out from the record types
    once, not at every compare (the Compare page reads the agreement at each change)."""
    wanted = {"area", "sign_off", *(part for part, _ in PARTS)}
    return tuple(
        (kind.field, f'SELECT {", ".join(stored_columns(kind.field))} FROM "{kind.table}"')
        for kind in kinds()
        if kind.field in wanted
    )


def version_form(workbook: Workbook, label: str | None = None) -> tuple[str, str, dict[str, Any]] | None:
    """(label, when, form) of the version with that label, or of the latest; None when there is none.
    Read for comparing, without checking its hash (`versions` does that)."""
    if label is None:
        found = workbook.query('SELECT label, "when", form FROM agreed_versions ORDER BY rowid DESC LIMIT 1').fetchone()
    else:
        rows = workbook.query('SELECT label, "when", form FROM agreed_versions ORDER BY rowid')
        found = next((r for r in rows if isinstance(r[0], str) and same_label(r[0], label)), None)
    if found is None:
        return None
    try:
        form = json.loads(found[2])
    except (TypeError, ValueError):
        raise WorkbookCorrupt(f'{workbook.path} is damaged (the agreed version "{found[0]}" cannot be read).') from None
    return str(found[0]), str(found[1]), form
