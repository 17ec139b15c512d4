"""Numbered, append-only schema migrations. Never edit one that has shipped: add the next."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from laadesk.store.transactions import Atomic

# "LAAd": written to PRAGMA application_id so `file` and laadesk can tell a workbook apart.
APPLICATION_ID = 0x4C414164


def m0001_initial(db: sqlite3.Connection) -> None:
    """0001_initial: area, story, targets, positions with history, notes, sign-off, timetable."""
    _run(
        db,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE indicators (
            ni INTEGER PRIMARY KEY, title TEXT NOT NULL, theme TEXT, department TEXT,
            survey TEXT, statutory INTEGER NOT NULL, polarity TEXT, polarity_basis TEXT,
            withdrawn INTEGER NOT NULL, title_basis TEXT, source TEXT);
        CREATE TABLE area (
            key TEXT PRIMARY KEY CHECK (key = 'area'), name TEXT NOT NULL, ons_code TEXT,
            go_region TEXT, type TEXT, tier TEXT NOT NULL, lsp_name TEXT,
            protective_marking TEXT);
        CREATE TABLE districts (name TEXT PRIMARY KEY, ons_code TEXT);
        CREATE TABLE partners (name TEXT PRIMARY KEY COLLATE NOCASE, sector TEXT);
        CREATE TABLE story_sections (
            id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, text TEXT,
            indicators TEXT);
        CREATE TABLE evidence (
            id TEXT PRIMARY KEY, section_id TEXT NOT NULL REFERENCES story_sections(id),
            source TEXT NOT NULL, figure TEXT, date TEXT);
        CREATE TABLE targets (
            code TEXT PRIMARY KEY, role TEXT NOT NULL, title TEXT, rationale TEXT,
            status TEXT NOT NULL, baseline REAL, baseline_period TEXT, baseline_source TEXT,
            target_2008_09 REAL, target_2009_10 REAL, target_2010_11 REAL, units TEXT,
            polarity TEXT, lead_partner TEXT, partners TEXT, districts TEXT,
            deferral_reason TEXT, revisit_date TEXT, reward INTEGER NOT NULL DEFAULT 0,
            comment TEXT);
        CREATE TABLE positions (
            code TEXT NOT NULL REFERENCES targets(code), year TEXT NOT NULL,
            area_proposal REAL, government_position REAL, agreed_level REAL, floor REAL,
            PRIMARY KEY (code, year));
        CREATE TABLE position_history (
            id INTEGER PRIMARY KEY, code TEXT NOT NULL, year TEXT NOT NULL,
            field TEXT NOT NULL, value REAL, who TEXT NOT NULL, "when" TEXT NOT NULL);
        CREATE TABLE champion_notes (
            id TEXT PRIMARY KEY, author TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
            date TEXT NOT NULL, role TEXT, indicators TEXT, visibility TEXT NOT NULL,
            action_status TEXT NOT NULL);
        CREATE TABLE adoptions (
            id TEXT PRIMARY KEY, body TEXT NOT NULL, date TEXT, decision_maker TEXT,
            minute_reference TEXT);
        CREATE TABLE sign_off (
            key TEXT PRIMARY KEY CHECK (key = 'sign_off'), go_recommendation_date TEXT,
            go_recommended_by TEXT, secretary_of_state_date TEXT, version TEXT);
        CREATE TABLE milestones (id TEXT PRIMARY KEY, name TEXT NOT NULL, due TEXT, done TEXT);
        """,
    )


def m0002_note_time(db: sqlite3.Connection) -> None:
    """0002_note_time: champion notes captured in a workshop carry the time of day."""
    db.execute("ALTER TABLE champion_notes ADD COLUMN time TEXT NOT NULL DEFAULT ''")


def m0003_as_written_as_at_other_reasons(db: sqlite3.Connection) -> None:
    """0003_as_written_as_at_other_reasons: levels kept as a table wrote them, the workbook's "as at"
    date, and a sentence for a deferral reason of "other"."""
    for level in ("baseline", "target_2008_09", "target_2009_10", "target_2010_11"):
        db.execute(f"ALTER TABLE targets ADD COLUMN {level}_as_written TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE targets ADD COLUMN deferral_note TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE area ADD COLUMN as_at TEXT")


def m0004_partner_authorities_sub_areas(db: sqlite3.Connection) -> None:
    """0004_partner_authorities_sub_areas: a partner's kind of partner authority, each partner
    authority's word on the targets that relate to it, and targets split by sub-area. What was
    recorded as a district council's adoption becomes that district's agreement to the targets it
    leads or is named on; the responsible authority's adoption stays an adoption."""
    db.execute("ALTER TABLE partners ADD COLUMN authority_kind TEXT NOT NULL DEFAULT ''")
    _run(
        db,
        """
        CREATE TABLE partner_agreements (
            code TEXT NOT NULL, partner TEXT NOT NULL COLLATE NOCASE, state TEXT NOT NULL,
            date TEXT, who TEXT NOT NULL DEFAULT '', reference TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '', PRIMARY KEY (code, partner));
        CREATE TABLE sub_area_targets (
            code TEXT NOT NULL, sub_area TEXT NOT NULL, kind TEXT NOT NULL, baseline REAL,
            baseline_period TEXT NOT NULL DEFAULT '', target_2008_09 REAL, target_2009_10 REAL,
            target_2010_11 REAL, units TEXT NOT NULL DEFAULT '', lead_partner TEXT NOT NULL DEFAULT '',
            comment TEXT NOT NULL DEFAULT '', baseline_as_written TEXT NOT NULL DEFAULT '',
            target_2008_09_as_written TEXT NOT NULL DEFAULT '',
            target_2009_10_as_written TEXT NOT NULL DEFAULT '',
            target_2010_11_as_written TEXT NOT NULL DEFAULT '', PRIMARY KEY (code, sub_area))
        """,
    )
    districts = [name for (name,) in db.execute("SELECT name FROM districts")]
    targets = [
        (code, lead or "", json.loads(partners) if partners else [])
        for code, lead, partners in db.execute(
            "SELECT code, lead_partner, partners FROM targets WHERE role != 'candidate'"
        )
    ]
    adoptions = db.execute("SELECT id, body, date, decision_maker, minute_reference FROM adoptions").fetchall()
    for adoption_id, body, day, decision_maker, minute in adoptions:
        if not _district_council(body, districts):
            continue
        related = [
            code
            for code, lead, partners in targets
            if body.casefold() in {lead.casefold(), *map(str.casefold, partners)}
        ]
        if not related:
            continue  # nothing to agree to: kept as it was recorded, never dropped
        for code in related:
            db.execute(
                "INSERT OR IGNORE INTO partner_agreements (code, partner, state, date, who, reference, note) "
                "VALUES (?, ?, 'agreed', ?, ?, ?, ?)",
                (code, body, day, decision_maker or "", minute or "", ADOPTION_MOVED),
            )
        db.execute("UPDATE partners SET authority_kind = 'district council' WHERE name = ?", (body,))
        db.execute("DELETE FROM adoptions WHERE id = ?", (adoption_id,))


ADOPTION_MOVED = (
    "recorded as this council's adoption of the agreement before laadesk kept partner authorities' agreements"
)


def _district_council(body: str, districts: list[str]) -> bool:
    """Whether an adopting body is one of the area's district councils ("Wenmoor District Council")."""
    name = " ".join(body.casefold().split())
    if not name.endswith("council") or name.endswith("county council"):
        return False
    return any(name.startswith(d.casefold()) for d in districts if d.strip())


def m0005_history_versions(db: sqlite3.Connection) -> None:
    """0005_history_versions: every change recorded field by field (what, from, to, who, when,
    how), the agreed versions, the other side's values of a merge's conflicts (held for the
    officer to choose), the refresh round with a reason for each change, and the workbook's
    identity that all its copies share."""
    _run(
        db,
        """
        CREATE TABLE history (
            id INTEGER PRIMARY KEY, change_id TEXT NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL,
            how TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', action TEXT NOT NULL,
            kind TEXT NOT NULL, record_key TEXT NOT NULL, ni TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '', op TEXT NOT NULL, before ANY, after ANY);
        CREATE INDEX history_by_indicator ON history (ni);
        CREATE TABLE agreed_versions (
            label TEXT PRIMARY KEY, "when" TEXT NOT NULL, who TEXT NOT NULL, sha256 TEXT NOT NULL,
            form TEXT NOT NULL, change_id TEXT NOT NULL);
        CREATE TABLE held_changes (
            id INTEGER PRIMARY KEY, source TEXT NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL,
            record_key TEXT NOT NULL, ni TEXT NOT NULL DEFAULT '', field TEXT NOT NULL DEFAULT '',
            ours ANY, theirs ANY, theirs_record TEXT, change_id TEXT NOT NULL DEFAULT '');
        CREATE TABLE refresh_round (
            key TEXT PRIMARY KEY CHECK (key = 'refresh_round'), label TEXT NOT NULL DEFAULT '',
            from_version TEXT NOT NULL DEFAULT '', started TEXT, base_form TEXT NOT NULL DEFAULT '');
        CREATE TABLE change_reasons (
            code TEXT NOT NULL, field TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (code, field))
        """,
    )
    # Copies of one workbook made before it had an identity must still know each other: the
    # moment it was created (kept since format 1, to the second) stands for it.
    created = db.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
    if created is not None:
        import hashlib  # an older file only: opening runs the migrations in memory to know the schema

        identity = hashlib.sha256(f"laadesk workbook created {created[0]}".encode()).hexdigest()[:32]
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('workbook_id', ?)", (identity,))


def m0006_qa_ticks(db: sqlite3.Connection) -> None:
    """0006_qa_ticks: the GO reviewer's ticks on the QA checklist's judgement items (government's side)."""
    _run(
        db,
        """
        CREATE TABLE qa_ticks (
            item TEXT PRIMARY KEY, who TEXT NOT NULL, "when" TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '')
        """,
    )


def m0007_attachments(db: sqlite3.Connection) -> None:
    """0007_attachments: files attached as evidence, shareable and internal kept in tables of their
    own (each with its contents), so an internal file cannot reach the council by a mark on a row."""
    columns = (
        "sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, size INTEGER NOT NULL, "
        "who TEXT NOT NULL, \"when\" TEXT NOT NULL, indicators TEXT NOT NULL DEFAULT '[]', "
        "sections TEXT NOT NULL DEFAULT '[]'"
    )
    for side in ("", "internal_"):
        db.execute(f"CREATE TABLE {side}attachments ({columns})")
        db.execute(f"CREATE TABLE {side}attachment_files (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)")


def _run(db: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT first and break the migration's transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    m0001_initial,
    m0002_note_time,
    m0003_as_written_as_at_other_reasons,
    m0004_partner_authorities_sub_areas,
    m0005_history_versions,
    m0006_qa_ticks,
    m0007_attachments,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection) -> None:
    """Bring a workbook up to SCHEMA_VERSION, one migration per transaction."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    for number, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        with Atomic(db):
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
