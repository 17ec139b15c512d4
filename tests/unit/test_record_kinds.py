"""Every table of a workbook says whether it is government's side, and everything bound for the
council is derived from that one mark: the council copy, the council pack, the snapshot they use."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date

from support.records import complete, snapshot

from laadesk.core.attachments import InternalAttachment
from laadesk.core.model import ChampionNote, NoteKind, Position, PositionChange, PositionField
from laadesk.core.pack import council_pack, internal_brief
from laadesk.core.qa_ticks import QaTick
from laadesk.core.snapshot import WorkbookSnapshot, kinds, list_fields
from laadesk.store.migrations import MIGRATIONS
from laadesk.store.tables import all_tables, internal_tables


def schema_columns() -> dict[str, dict[str, str]]:
    """table -> column -> declared type, as laadesk's migrations make them."""
    conn = sqlite3.connect(":memory:")
    for migration in MIGRATIONS:
        migration(conn)
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    found = {t: {str(c[1]): str(c[2]) for c in conn.execute(f'PRAGMA table_info("{t}")')} for t in tables}
    conn.close()
    return found


def test_every_table_the_migrations_make_is_classified_once() -> None:
    """A new table must be declared (a record kind in core/snapshot.py, or a reference table in
    store/tables.py) with its internal mark before anything can be written to it or copied."""
    names = [spec.name for spec in all_tables()]
    assert len(names) == len(set(names))
    assert set(names) == set(schema_columns())


def test_government_side_is_notes_positions_the_history_and_the_agreed_versions() -> None:
    assert set(internal_tables()) == {
        "champion_notes",
        "positions",
        "position_history",
        "history",
        "agreed_versions",
        "held_changes",
        "qa_ticks",
        "internal_attachments",
        "internal_attachment_files",
    }


def test_every_record_field_is_a_column_and_lists_are_text() -> None:
    columns = schema_columns()
    for kind in kinds():
        fields = {f.name for f in dataclasses.fields(kind.record) if f.init}
        assert fields <= set(columns[kind.table]), kind.table
        for name in list_fields(kind.record):
            assert columns[kind.table][name] == "TEXT", (kind.table, name)


def planted() -> WorkbookSnapshot:
    """A snapshot with a record of every internal kind, each carrying a canary."""
    note = ChampionNote("n1", "Champion", "CANARY note", NoteKind.DECISION, date(2008, 5, 1))
    position = Position("NI 116", "2008/09", area_proposal=21.0, government_position=20.0, floor=99.125)
    change = PositionChange("NI 116", "2008/09", PositionField.FLOOR, 99.125, "CANARY who", "2008-05-01T10:00:00+00:00")
    tick = QaTick("peer-review", "CANARY reviewer", "2008-05-01T10:00:00+00:00", "CANARY comment")
    pack = InternalAttachment("f" * 64, "CANARY pack.pdf", "PDF", 10, "Rita", "2008-05-01T10:00:00+00:00")
    return snapshot(
        complete(),
        notes=(note,),
        positions=(position,),
        position_history=(change,),
        qa_ticks=(tick,),
        internal_attachments=(pack,),
    )


def test_the_council_view_empties_every_internal_kind_and_keeps_the_rest() -> None:
    snapshot = planted()
    council = snapshot.for_council()
    for kind in kinds():
        value = getattr(council, kind.field)
        if kind.internal:
            assert value == (), kind.field
            assert getattr(snapshot, kind.field) != (), f"the test plants no {kind.field}"
        else:
            assert value == getattr(snapshot, kind.field), kind.field


def test_the_council_pack_is_built_from_the_council_view() -> None:
    pack = council_pack(planted(), date(2008, 6, 1))
    assert (pack.notes, pack.positions, pack.position_history, pack.open_actions) == ((), (), (), ())
    assert "CANARY" not in repr(pack)
    brief = internal_brief(planted(), date(2008, 6, 1))
    assert "CANARY" in repr(brief)
