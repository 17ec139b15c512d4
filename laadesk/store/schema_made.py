"""What laadesk's migrations make at the current workbook format, written out once.

Opening a workbook compares its schema with this before anything else reads the file. Running
every migration in an in-memory database to learn it took a tenth of the work of opening a
workbook at each start; tests/unit/test_schema_made.py runs them and checks they still make
exactly this, so a migration added without writing its result out here fails the tests (which
show what to write), never an officer's start.
"""

from __future__ import annotations

FORMAT = 7

# table -> the SQL that made it, with spaces normalised
TABLES: dict[str, str] = {
    "meta": "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "indicators": "CREATE TABLE indicators ( ni INTEGER PRIMARY KEY, title TEXT NOT NULL, theme TEXT, "
    "department TEXT, survey TEXT, statutory INTEGER NOT NULL, polarity TEXT, polarity_basis "
    "TEXT, withdrawn INTEGER NOT NULL, title_basis TEXT, source TEXT)",
    "area": "CREATE TABLE area ( key TEXT PRIMARY KEY CHECK (key = 'area'), name TEXT NOT NULL, ons_code TEXT, "
    "go_region TEXT, type TEXT, tier TEXT NOT NULL, lsp_name TEXT, protective_marking TEXT, as_at TEXT)",
    "districts": "CREATE TABLE districts (name TEXT PRIMARY KEY, ons_code TEXT)",
    "partners": "CREATE TABLE partners (name TEXT PRIMARY KEY COLLATE NOCASE, sector TEXT, authority_kind TEXT "
    "NOT NULL DEFAULT '')",
    "story_sections": "CREATE TABLE story_sections ( id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT "
    "NOT NULL, text TEXT, indicators TEXT)",
    "evidence": "CREATE TABLE evidence ( id TEXT PRIMARY KEY, section_id TEXT NOT NULL REFERENCES "
    "story_sections(id), source TEXT NOT NULL, figure TEXT, date TEXT)",
    "targets": "CREATE TABLE targets ( code TEXT PRIMARY KEY, role TEXT NOT NULL, title TEXT, rationale TEXT, "
    "status TEXT NOT NULL, baseline REAL, baseline_period TEXT, baseline_source TEXT, target_2008_09 "
    "REAL, target_2009_10 REAL, target_2010_11 REAL, units TEXT, polarity TEXT, lead_partner TEXT, "
    "partners TEXT, districts TEXT, deferral_reason TEXT, revisit_date TEXT, reward INTEGER NOT NULL "
    "DEFAULT 0, comment TEXT, baseline_as_written TEXT NOT NULL DEFAULT '', "
    "target_2008_09_as_written TEXT NOT NULL DEFAULT '', target_2009_10_as_written TEXT NOT NULL "
    "DEFAULT '', target_2010_11_as_written TEXT NOT NULL DEFAULT '', deferral_note TEXT NOT NULL "
    "DEFAULT '')",
    "positions": "CREATE TABLE positions ( code TEXT NOT NULL REFERENCES targets(code), year TEXT NOT NULL, "
    "area_proposal REAL, government_position REAL, agreed_level REAL, floor REAL, PRIMARY KEY "
    "(code, year))",
    "position_history": "CREATE TABLE position_history ( id INTEGER PRIMARY KEY, code TEXT NOT NULL, year TEXT "
    'NOT NULL, field TEXT NOT NULL, value REAL, who TEXT NOT NULL, "when" TEXT NOT NULL)',
    "champion_notes": "CREATE TABLE champion_notes ( id TEXT PRIMARY KEY, author TEXT NOT NULL, text TEXT NOT "
    "NULL, kind TEXT NOT NULL, date TEXT NOT NULL, role TEXT, indicators TEXT, visibility "
    "TEXT NOT NULL, action_status TEXT NOT NULL, time TEXT NOT NULL DEFAULT '')",
    "adoptions": "CREATE TABLE adoptions ( id TEXT PRIMARY KEY, body TEXT NOT NULL, date TEXT, decision_maker "
    "TEXT, minute_reference TEXT)",
    "sign_off": "CREATE TABLE sign_off ( key TEXT PRIMARY KEY CHECK (key = 'sign_off'), go_recommendation_date "
    "TEXT, go_recommended_by TEXT, secretary_of_state_date TEXT, version TEXT)",
    "milestones": "CREATE TABLE milestones (id TEXT PRIMARY KEY, name TEXT NOT NULL, due TEXT, done TEXT)",
    "partner_agreements": "CREATE TABLE partner_agreements ( code TEXT NOT NULL, partner TEXT NOT NULL COLLATE "
    "NOCASE, state TEXT NOT NULL, date TEXT, who TEXT NOT NULL DEFAULT '', reference TEXT "
    "NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', PRIMARY KEY (code, partner))",
    "sub_area_targets": "CREATE TABLE sub_area_targets ( code TEXT NOT NULL, sub_area TEXT NOT NULL, kind TEXT "
    "NOT NULL, baseline REAL, baseline_period TEXT NOT NULL DEFAULT '', target_2008_09 "
    "REAL, target_2009_10 REAL, target_2010_11 REAL, units TEXT NOT NULL DEFAULT '', "
    "lead_partner TEXT NOT NULL DEFAULT '', comment TEXT NOT NULL DEFAULT '', "
    "baseline_as_written TEXT NOT NULL DEFAULT '', target_2008_09_as_written TEXT NOT NULL "
    "DEFAULT '', target_2009_10_as_written TEXT NOT NULL DEFAULT '', "
    "target_2010_11_as_written TEXT NOT NULL DEFAULT '', PRIMARY KEY (code, sub_area))",
    "history": "CREATE TABLE history ( id INTEGER PRIMARY KEY, change_id TEXT NOT NULL, at TEXT NOT NULL, who "
    "TEXT NOT NULL, how TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', action TEXT NOT NULL, kind "
    "TEXT NOT NULL, record_key TEXT NOT NULL, ni TEXT NOT NULL DEFAULT '', field TEXT NOT NULL "
    "DEFAULT '', op TEXT NOT NULL, before ANY, after ANY)",
    "agreed_versions": 'CREATE TABLE agreed_versions ( label TEXT PRIMARY KEY, "when" TEXT NOT NULL, who TEXT '
    "NOT NULL, sha256 TEXT NOT NULL, form TEXT NOT NULL, change_id TEXT NOT NULL)",
    "held_changes": "CREATE TABLE held_changes ( id INTEGER PRIMARY KEY, source TEXT NOT NULL, at TEXT NOT "
    "NULL, kind TEXT NOT NULL, record_key TEXT NOT NULL, ni TEXT NOT NULL DEFAULT '', field "
    "TEXT NOT NULL DEFAULT '', ours ANY, theirs ANY, theirs_record TEXT, change_id TEXT NOT "
    "NULL DEFAULT '')",
    "refresh_round": "CREATE TABLE refresh_round ( key TEXT PRIMARY KEY CHECK (key = 'refresh_round'), label "
    "TEXT NOT NULL DEFAULT '', from_version TEXT NOT NULL DEFAULT '', started TEXT, base_form "
    "TEXT NOT NULL DEFAULT '')",
    "change_reasons": "CREATE TABLE change_reasons ( code TEXT NOT NULL, field TEXT NOT NULL, reason TEXT NOT "
    "NULL DEFAULT '', PRIMARY KEY (code, field))",
    "qa_ticks": 'CREATE TABLE qa_ticks ( item TEXT PRIMARY KEY, who TEXT NOT NULL, "when" TEXT NOT NULL, '
    "comment TEXT NOT NULL DEFAULT '')",
    "attachments": "CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
    'size INTEGER NOT NULL, who TEXT NOT NULL, "when" TEXT NOT NULL, indicators TEXT NOT NULL '
    "DEFAULT '[]', sections TEXT NOT NULL DEFAULT '[]')",
    "attachment_files": "CREATE TABLE attachment_files (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "internal_attachments": "CREATE TABLE internal_attachments (sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, "
    'kind TEXT NOT NULL, size INTEGER NOT NULL, who TEXT NOT NULL, "when" TEXT NOT '
    "NULL, indicators TEXT NOT NULL DEFAULT '[]', sections TEXT NOT NULL DEFAULT '[]')",
    "internal_attachment_files": "CREATE TABLE internal_attachment_files (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)",
}
# index -> (its table, its SQL; "" for the index SQLite makes for a key)
INDEXES: dict[str, tuple[str, str]] = {
    "sqlite_autoindex_meta_1": ("meta", ""),
    "sqlite_autoindex_area_1": ("area", ""),
    "sqlite_autoindex_districts_1": ("districts", ""),
    "sqlite_autoindex_partners_1": ("partners", ""),
    "sqlite_autoindex_story_sections_1": ("story_sections", ""),
    "sqlite_autoindex_evidence_1": ("evidence", ""),
    "sqlite_autoindex_targets_1": ("targets", ""),
    "sqlite_autoindex_positions_1": ("positions", ""),
    "sqlite_autoindex_champion_notes_1": ("champion_notes", ""),
    "sqlite_autoindex_adoptions_1": ("adoptions", ""),
    "sqlite_autoindex_sign_off_1": ("sign_off", ""),
    "sqlite_autoindex_milestones_1": ("milestones", ""),
    "sqlite_autoindex_partner_agreements_1": ("partner_agreements", ""),
    "sqlite_autoindex_sub_area_targets_1": ("sub_area_targets", ""),
    "history_by_indicator": ("history", "CREATE INDEX history_by_indicator ON history (ni)"),
    "sqlite_autoindex_agreed_versions_1": ("agreed_versions", ""),
    "sqlite_autoindex_refresh_round_1": ("refresh_round", ""),
    "sqlite_autoindex_change_reasons_1": ("change_reasons", ""),
    "sqlite_autoindex_qa_ticks_1": ("qa_ticks", ""),
    "sqlite_autoindex_attachments_1": ("attachments", ""),
    "sqlite_autoindex_attachment_files_1": ("attachment_files", ""),
    "sqlite_autoindex_internal_attachments_1": ("internal_attachments", ""),
    "sqlite_autoindex_internal_attachment_files_1": ("internal_attachment_files", ""),
}
# name -> (type, table, SQL), as sqlite_schema lists them
SCHEMA: dict[str, tuple[str, str, str]] = {
    **{name: ("table", name, sql) for name, sql in TABLES.items()},
    **{name: ("index", table, sql) for name, (table, sql) in INDEXES.items()},
}

# table -> its columns, each "name TYPE", in order
COLUMNS_WRITTEN: dict[str, str] = {
    "meta": "key TEXT, value TEXT",
    "indicators": "ni INTEGER, title TEXT, theme TEXT, department TEXT, survey TEXT, statutory INTEGER, "
    "polarity TEXT, polarity_basis TEXT, withdrawn INTEGER, title_basis TEXT, source TEXT",
    "area": "key TEXT, name TEXT, ons_code TEXT, go_region TEXT, type TEXT, tier TEXT, lsp_name TEXT, "
    "protective_marking TEXT, as_at TEXT",
    "districts": "name TEXT, ons_code TEXT",
    "partners": "name TEXT, sector TEXT, authority_kind TEXT",
    "story_sections": "id TEXT, position INTEGER, title TEXT, text TEXT, indicators TEXT",
    "evidence": "id TEXT, section_id TEXT, source TEXT, figure TEXT, date TEXT",
    "targets": "code TEXT, role TEXT, title TEXT, rationale TEXT, status TEXT, baseline REAL, baseline_period "
    "TEXT, baseline_source TEXT, target_2008_09 REAL, target_2009_10 REAL, target_2010_11 REAL, "
    "units TEXT, polarity TEXT, lead_partner TEXT, partners TEXT, districts TEXT, deferral_reason "
    "TEXT, revisit_date TEXT, reward INTEGER, comment TEXT, baseline_as_written TEXT, "
    "target_2008_09_as_written TEXT, target_2009_10_as_written TEXT, target_2010_11_as_written TEXT, "
    "deferral_note TEXT",
    "positions": "code TEXT, year TEXT, area_proposal REAL, government_position REAL, agreed_level REAL, floor REAL",
    "position_history": "id INTEGER, code TEXT, year TEXT, field TEXT, value REAL, who TEXT, when TEXT",
    "champion_notes": "id TEXT, author TEXT, text TEXT, kind TEXT, date TEXT, role TEXT, indicators TEXT, "
    "visibility TEXT, action_status TEXT, time TEXT",
    "adoptions": "id TEXT, body TEXT, date TEXT, decision_maker TEXT, minute_reference TEXT",
    "sign_off": "key TEXT, go_recommendation_date TEXT, go_recommended_by TEXT, secretary_of_state_date TEXT, "
    "version TEXT",
    "milestones": "id TEXT, name TEXT, due TEXT, done TEXT",
    "partner_agreements": "code TEXT, partner TEXT, state TEXT, date TEXT, who TEXT, reference TEXT, note TEXT",
    "sub_area_targets": "code TEXT, sub_area TEXT, kind TEXT, baseline REAL, baseline_period TEXT, "
    "target_2008_09 REAL, target_2009_10 REAL, target_2010_11 REAL, units TEXT, "
    "lead_partner TEXT, comment TEXT, baseline_as_written TEXT, target_2008_09_as_written "
    "TEXT, target_2009_10_as_written TEXT, target_2010_11_as_written TEXT",
    "history": "id INTEGER, change_id TEXT, at TEXT, who TEXT, how TEXT, source TEXT, action TEXT, kind TEXT, "
    "record_key TEXT, ni TEXT, field TEXT, op TEXT, before ANY, after ANY",
    "agreed_versions": "label TEXT, when TEXT, who TEXT, sha256 TEXT, form TEXT, change_id TEXT",
    "held_changes": "id INTEGER, source TEXT, at TEXT, kind TEXT, record_key TEXT, ni TEXT, field TEXT, ours "
    "ANY, theirs ANY, theirs_record TEXT, change_id TEXT",
    "refresh_round": "key TEXT, label TEXT, from_version TEXT, started TEXT, base_form TEXT",
    "change_reasons": "code TEXT, field TEXT, reason TEXT",
    "qa_ticks": "item TEXT, who TEXT, when TEXT, comment TEXT",
    "attachments": "sha256 TEXT, name TEXT, kind TEXT, size INTEGER, who TEXT, when TEXT, indicators TEXT, "
    "sections TEXT",
    "attachment_files": "sha256 TEXT, data BLOB",
    "internal_attachments": "sha256 TEXT, name TEXT, kind TEXT, size INTEGER, who TEXT, when TEXT, indicators "
    "TEXT, sections TEXT",
    "internal_attachment_files": "sha256 TEXT, data BLOB",
}
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    table: tuple((name, kind) for name, _, kind in (column.partition(" ") for column in columns.split(", ")))
    for table, columns in COLUMNS_WRITTEN.items()
}
