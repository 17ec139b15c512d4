"""Agreed versions: the whole agreement frozen under a label, with a hash anyone can recompute.

A version is written once, with a history entry carrying its hash, and laadesk has no way to
change or delete one. `verify` recomputes each hash from the stored form and compares it with
the stored hash and with the one its history entry recorded, so a version altered by another
tool is named (docs/agreed-versions.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from laadesk.core.agreement import agreement_form, agreement_hash, canonical_bytes
from laadesk.core.errors import WorkbookCorrupt, WorkbookProblem
from laadesk.core.history import ADDED, AGREED
from laadesk.store.history import new_change_id
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
    if any(v.label.casefold() == text.casefold() for v in versions(workbook)):
        raise VersionRefused(
            f'{workbook.path.name} already has an agreed version labelled "{text}"; versions are never replaced, '
            "so give this one another label."
        )
    form = agreement_form(workbook.snapshot())
    digest = agreement_hash(form)
    change_id = new_change_id()
    with workbook.recording(f'freeze the agreement as agreed version "{text}"', AGREED, change_id=change_id) as (
        db,
        ledger,
    ):
        when = ledger.common[1]
        db.execute(
            'INSERT INTO agreed_versions (label, "when", who, sha256, form, change_id) VALUES (?, ?, ?, ?, ?, ?)',
            (text, when, workbook.author, digest, canonical_bytes(form).decode(), change_id),
        )
        ledger.note_row("agreed_versions", [text], "", ADDED, None, json.dumps({"label": text, "sha256": digest}))
    return AgreedVersion(text, when, workbook.author, digest, form, True)


def versions(workbook: Workbook) -> tuple[AgreedVersion, ...]:
    """Every agreed version, oldest first, each checked against its hash."""
    rows = workbook.query('SELECT label, "when", who, sha256, form, change_id FROM agreed_versions ORDER BY rowid')
    recorded = dict(
        workbook.query(
            "SELECT change_id, after FROM history WHERE kind = 'agreed_versions' AND op = 'added'"
        ).fetchall()
    )
    return tuple(_version(workbook, tuple(row), recorded) for row in rows)


def _version(workbook: Workbook, row: tuple[Any, ...], recorded: dict[str, Any]) -> AgreedVersion:
    label, when, who, digest, text, change_id = row
    if not all(isinstance(v, str) for v in row):
        raise WorkbookCorrupt(f"{workbook.path} is damaged (an agreed version holds something that is not text).")
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


def version(workbook: Workbook, label: str) -> AgreedVersion:
    """The version with that label (case aside); a sentence naming the labels there are if none."""
    found = versions(workbook)
    for item in found:
        if item.label.casefold() == " ".join(label.split()).casefold():
            return item
    there = ", ".join(f'"{v.label}"' for v in found) or "none yet"
    raise VersionRefused(f'{workbook.path.name} has no agreed version labelled "{label}" (its versions: {there}).')


def latest(workbook: Workbook) -> AgreedVersion | None:
    found = versions(workbook)
    return found[-1] if found else None
