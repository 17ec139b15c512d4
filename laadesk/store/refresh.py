"""Opening a refresh round from the latest agreed version, and recording the reason for a change.

The round keeps the version's agreement (its canonical form) on its own record, so the rules can
list each change since then without reading the versions table (core/refresh.py). Freezing the
agreement again ends the round (store/versions.py).
"""

from __future__ import annotations

from datetime import date

from laadesk.core.agreement import canonical_bytes
from laadesk.core.edits import Edit, Put, Remove
from laadesk.core.errors import WorkbookProblem
from laadesk.core.rounds import RefreshRound
from laadesk.store.versions import clean_label, latest
from laadesk.store.workbook import Workbook


class RefreshRefused(WorkbookProblem):
    """A round that cannot be started (no agreed version yet, one already open)."""


def start_round(workbook: Workbook, label: str, today: date | None = None) -> RefreshRound:
    """Open a refresh round from the latest agreed version (one undo step)."""
    text = clean_label(label)
    snapshot = workbook.snapshot()
    if snapshot.refresh_round.open:
        raise RefreshRefused(
            f'{workbook.path.name} already has the refresh round "{snapshot.refresh_round.label}" open; it ends '
            "when the agreement is frozen again (laadesk agree, or Sign-off > Freeze as Agreed...)."
        )
    base = latest(workbook)
    if base is None:
        raise RefreshRefused(
            f"{workbook.path.name} has no agreed version to refresh from: freeze the signed agreement first "
            "(laadesk agree, or Sign-off > Freeze as Agreed...)."
        )
    made = RefreshRound(
        text, base.label, today or snapshot.area.as_at or date.today(), canonical_bytes(base.form).decode()
    )
    # A reason belongs to the round it was given in: the last round's are let go (the history keeps them).
    forgotten = tuple(Remove(reason) for reason in snapshot.change_reasons)
    label = f'start the refresh round "{text}" from "{base.label}"'
    workbook.apply(Edit(label, (Put(made, snapshot.refresh_round), *forgotten)))
    return made
