"""The schema written out in store/schema_made.py is exactly what the migrations make."""

from __future__ import annotations

import pprint

from laadesk.store import opening, schema_made
from laadesk.store.migrations import SCHEMA_VERSION


def test_the_written_out_schema_is_what_the_migrations_make() -> None:
    schema, columns = opening.made_by_migrations(SCHEMA_VERSION)
    assert schema_made.FORMAT == SCHEMA_VERSION, "a new format: write its schema out in store/schema_made.py"
    tables = {name: sql for name, (kind, _, sql) in schema.items() if kind == "table"}
    indexes = {name: (table, sql) for name, (kind, table, sql) in schema.items() if kind == "index"}
    assert schema == schema_made.SCHEMA, (
        f"write this out as TABLES:\n{pprint.pformat(tables, sort_dicts=False)}\n"
        f"and INDEXES:\n{pprint.pformat(indexes, sort_dicts=False)}"
    )
    written = {table: ", ".join(f"{name} {kind}".strip() for name, kind in made) for table, made in columns.items()}
    assert columns == schema_made.COLUMNS, "write this out as COLUMNS_WRITTEN:\n" + pprint.pformat(
        written, sort_dicts=False
    )


def test_opening_checks_against_the_written_out_schema() -> None:
    assert opening.expected_schema(SCHEMA_VERSION) is schema_made.SCHEMA


def test_an_older_format_is_still_learnt_from_its_migrations() -> None:
    assert opening.expected_schema(SCHEMA_VERSION - 1) == opening.made_by_migrations(SCHEMA_VERSION - 1)[0]
    assert opening.expected_schema(SCHEMA_VERSION - 1) != schema_made.SCHEMA
