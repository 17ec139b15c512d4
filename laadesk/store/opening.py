"""Opening a workbook file defensively, and naming what is wrong with one that will not open."""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from pathlib import Path

from laadesk.core.errors import NotAWorkbook, WorkbookCorrupt, WorkbookProblem, WorkbookTooNew, WorkbookUnavailable
from laadesk.core.snapshot import list_fields
from laadesk.plain_files import DENIED, FOLDER, MISSING, SPECIAL, NotAPlainFile, read_plain_file
from laadesk.store import schema_made
from laadesk.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from laadesk.store.tables import CONTENTS_OF, all_tables, unread_at_opening

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_DBCONFIG_DEFENSIVE = 1010

# Objects SQLite itself may add to any database (ANALYZE, AUTOINCREMENT): data only, harmless.
SQLITE_OWN_TABLES = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"})


_KIND_WORDS = {"TEXT": "text", "REAL": "a number", "INTEGER": "a whole number"}
# The storage classes each declared column type may hold in a file laadesk wrote.
_ALLOWED_CLASSES = {
    "TEXT": ("text", "null"),
    "REAL": ("real", "integer", "null"),
    "INTEGER": ("integer", "null"),
}


def inspect_header(path: Path, *, recover: bool = True) -> int:
    """The workbook's schema version, read from the file header without opening it in SQLite.

    Refuses files that are not laadesk workbooks, are too new, or are cut short, so that
    SQLite never touches (or writes a journal beside) a file that is not ours.

    A save cut short (laadesk killed, the power or the drive gone mid-commit) leaves a hot
    journal beside a workbook whose header may already count pages not yet written, or give
    the format a migration had not finished: the journal is rolled back first and the header
    read again, so such a file opens as it was last saved instead of being called damaged. A reader
    that must never write (the region desk, the roll-up) passes recover=False and leaves it alone.
    """
    try:
        header, size = read_plain_file(path, 100)
    except NotAPlainFile as refused:
        if refused.why == SPECIAL:
            raise NotAWorkbook(f"{path} is not a laadesk workbook (it is a device or a pipe, not a file).") from None
        sentence = {
            MISSING: "does not exist.",
            FOLDER: "is a folder, not a workbook file.",
            DENIED: "cannot be read: permission denied.",
        }.get(refused.why, f"cannot be read: {refused.why}.")
        raise WorkbookUnavailable(f"{path} {sentence}") from None
    if size == 0:
        raise NotAWorkbook(f"{path} is empty, not a laadesk workbook.")
    if not header.startswith(SQLITE_MAGIC):
        raise NotAWorkbook(f"{path} is not a laadesk workbook (it is not an SQLite database file).")
    if len(header) < 100:
        raise WorkbookCorrupt(f"{path} is damaged: the file is cut short. Restore it from a backup.")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID:
        raise NotAWorkbook(f"{path} is not a laadesk workbook (it is an SQLite database from another application).")
    version = int.from_bytes(header[60:64], "big", signed=True)  # PRAGMA user_version is signed
    if version > SCHEMA_VERSION:
        raise WorkbookTooNew(
            f"{path} was written by a newer laadesk (workbook format {version}; this laadesk "
            f"reads formats up to {SCHEMA_VERSION}). Update laadesk to open it."
        )
    if recover and recover_interrupted_save(path):
        return inspect_header(path, recover=False)
    if version == 0:
        raise WorkbookCorrupt(f"{path} is damaged: it was never completely created. Restore it from a backup.")
    if version < 0:
        raise WorkbookCorrupt(f"{path} is damaged: its workbook format number is not valid. Restore it from a backup.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_size < 512 or page_size & (page_size - 1):
        raise WorkbookCorrupt(f"{path} is damaged: its header is not valid. Restore it from a backup.")
    if size < page_size * page_count:
        raise WorkbookCorrupt(f"{path} is damaged: the file is cut short. Restore it from a backup.")
    return version


def connect(path: Path, *, read_only: bool, create: bool = False) -> sqlite3.Connection:
    """A connection with laadesk's defensive settings.

    Journal mode DELETE, not WAL: workbooks live on USB sticks and network shares, where
    WAL's shared-memory index does not work (https://www.sqlite.org/wal.html, "WAL does not
    work over a network filesystem") and its -wal file is easily left behind when a file is
    copied. synchronous=FULL makes every committed edit durable before it is acknowledged.
    """
    mode = "rwc" if create else ("ro" if read_only else "rw")
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    if read_only and in_wal_mode(path):
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
    except (sqlite3.Error, UnicodeDecodeError) as error:
        raise translate(error, path) from None
    try:
        if sys.version_info >= (3, 12):
            conn.setconfig(SQLITE_DBCONFIG_DEFENSIVE, True)
        for pragma in (
            "trusted_schema = OFF",
            "cell_size_check = ON",
            "foreign_keys = ON",
            "secure_delete = ON",
            "synchronous = FULL",
        ):
            conn.execute(f"PRAGMA {pragma}")
        if not read_only:
            conn.execute("PRAGMA journal_mode = DELETE")
    except (sqlite3.Error, UnicodeDecodeError) as error:
        conn.close()
        raise translate(error, path) from None
    return conn


def in_wal_mode(path: Path) -> bool:
    """Whether another program switched the file to WAL (laadesk never does).

    Reading such a file even read-only makes SQLite create -wal and -shm files beside it, so a
    read-only open reads it as immutable instead - unless changes still wait in a -wal file,
    which only an open for editing folds back in (and turns the file back to a rollback journal).
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    if len(header) < 20 or not header.startswith(SQLITE_MAGIC) or 2 not in (header[18], header[19]):
        return False
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise WorkbookUnavailable(
            f"{path} was switched to WAL journal mode by another program and changes to it still wait in "
            f"{path.name}-wal; open it in laadesk for editing (not read-only) to fold them back in."
        )
    return True


def check_contents(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose schema is not exactly laadesk's, that SQLite finds damaged, or that
    holds values of a kind laadesk never stores.

    The schema is compared before anything else reads the file, so an expression planted in it
    (a CHECK, a generated column, a default, an index on an expression) is never run.
    """
    version = check_schema(conn, path)
    try:
        # Every table, each with its indexes, but the history (100,000 entries are 18 MB): it is
        # checked, with the whole file, the first time it is read; and the attached files' contents
        # (up to 250 MB), each checked against its SHA-256 when it is extracted.
        for table in _expected_columns(version):
            if table != HISTORY_TABLE and table not in CONTENT_TABLE_NAMES:
                _quick_check(conn, path, table)
        _check_values(conn, version, path)
    except (sqlite3.Error, UnicodeDecodeError) as error:
        raise translate(error, path) from None


def check_schema(conn: sqlite3.Connection, path: Path, schema: str = "main") -> int:
    """Refuse a file whose schema is not exactly laadesk's at its format (so nothing planted in it runs);
    the format. schema names the database of the connection that holds the file (an attached one)."""
    try:
        version = int(conn.execute(f'PRAGMA "{schema}".user_version').fetchone()[0])
        found = conn.execute(f'SELECT type, name, tbl_name, sql FROM "{schema}".sqlite_schema').fetchall()
    except (sqlite3.Error, UnicodeDecodeError) as error:
        raise translate(error, path) from None
    _check_schema(found, expected_schema(version), path)
    return version


def _quick_check(conn: sqlite3.Connection, path: Path, table: str = "") -> None:
    """SQLite's quick check of one table and its indexes (of the whole file when no table is named)."""
    result = conn.execute(f'PRAGMA quick_check("{table}")' if table else "PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise WorkbookCorrupt(f"{path} is damaged ({_one_line(result)}). Restore it from a backup.")


HISTORY_TABLE = "history"
CONTENT_TABLE_NAMES = frozenset(CONTENTS_OF.values())


def check_whole_file(conn: sqlite3.Connection, path: Path) -> None:
    """The quick check of the whole file, the history included (run when the history is first read)."""
    try:
        _quick_check(conn, path)
    except (sqlite3.Error, UnicodeDecodeError) as error:
        raise translate(error, path) from None


def _normal_sql(sql: str | None) -> str:
    return " ".join((sql or "").split())


# name -> (type, table, SQL with spaces normalised), and table -> (column, declared type)
Made = tuple[dict[str, tuple[str, str, str]], dict[str, tuple[tuple[str, str], ...]]]


@functools.cache
def _made(version: int) -> Made:
    if version == SCHEMA_VERSION == schema_made.FORMAT:
        # Written out once (store/schema_made.py; a test runs the migrations and checks it), not
        # learnt by running every migration in memory at each start.
        return schema_made.SCHEMA, schema_made.COLUMNS
    return made_by_migrations(version)


def made_by_migrations(version: int) -> Made:
    """What laadesk's migrations make at one schema version, from one run of them in memory."""
    conn = sqlite3.connect(":memory:")
    try:
        for migration in MIGRATIONS[: max(0, min(version, SCHEMA_VERSION))]:
            migration(conn)
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema").fetchall()
        columns = {
            table: tuple((str(c[1]), str(c[2]).upper()) for c in conn.execute(f'PRAGMA table_info("{table}")'))
            for kind, table, _, _ in rows
            if kind == "table"
        }
    finally:
        conn.close()
    return {name: (kind, table, _normal_sql(sql)) for kind, name, table, sql in rows}, columns


def expected_schema(version: int) -> dict[str, tuple[str, str, str]]:
    """name -> (type, table, SQL with spaces normalised) of what laadesk's migrations make at version."""
    return _made(version)[0]


def _expected_columns(version: int) -> dict[str, tuple[tuple[str, str], ...]]:
    """table -> (column, declared type) of each table laadesk makes at version."""
    return _made(version)[1]


def _check_schema(
    found: list[tuple[str, str, str, str | None]], expected: dict[str, tuple[str, str, str]], path: Path
) -> None:
    names = set()
    for kind, name, table, sql in found:
        names.add(name)
        if name in expected:
            if expected[name] != (kind, table, _normal_sql(sql)):
                raise NotAWorkbook(
                    f"{path} is not a laadesk workbook: its {expected[name][0]} '{name}' is not the one laadesk "
                    "creates (another program changed it), so it was not opened."
                )
        elif not (kind == "table" and name in SQLITE_OWN_TABLES):
            raise NotAWorkbook(
                f"{path} is not a laadesk workbook: it contains a {kind} ('{name}') that laadesk never creates, "
                "so it was not opened."
            )
    missing = sorted(name for name in expected if name not in names)
    if missing:
        kind = expected[missing[0]][0]
        raise WorkbookCorrupt(f"{path} is damaged: its {kind} '{missing[0]}' is missing. Restore it from a backup.")


def _check_values(conn: sqlite3.Connection, version: int, path: Path) -> None:
    """Every stored value is of the kind its column holds (a blob or a list that is not a list is damage)."""
    for table, columns in _expected_columns(version).items():
        if table in unread_at_opening():
            continue  # read (and checked) only when the history, the versions or a file are asked for
        typed = [(column, _ALLOWED_CLASSES[d]) for column, d in columns if d in _ALLOWED_CLASSES]
        # One statement a table says whether any value is of the wrong kind; only then is the
        # column found, for the sentence (opening runs this on every table at every start).
        wrong = " OR ".join(f'typeof("{c}") NOT IN ({", ".join(repr(k) for k in kinds)})' for c, kinds in typed)
        if typed and conn.execute(f'SELECT 1 FROM "{table}" WHERE {wrong} LIMIT 1').fetchone() is not None:
            for column, allowed in typed:
                marks = ", ".join(f"'{c}'" for c in allowed)
                bad = conn.execute(
                    f'SELECT typeof("{column}") FROM "{table}" WHERE typeof("{column}") NOT IN ({marks}) LIMIT 1'
                ).fetchone()
                if bad is not None:
                    declared = dict(columns)[column]
                    raise WorkbookCorrupt(
                        f"{path} is damaged (the column '{column}' of '{table}' holds a {bad[0]}, not "
                        f"{_KIND_WORDS[declared]}). Restore it from a backup."
                    )
        _check_utf8(conn, table, [column for column, declared in columns if declared == "TEXT"], path)
        for column in _json_list_columns().get(table, set()) & {column for column, _ in columns}:
            bad = conn.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}" IS NOT NULL AND (NOT json_valid("{column}") '
                f"OR json_type(\"{column}\") != 'array' "
                f'OR EXISTS (SELECT 1 FROM json_each("{table}"."{column}") WHERE type != \'text\')) LIMIT 1'
            ).fetchone()
            if bad is not None:
                raise WorkbookCorrupt(
                    f"{path} is damaged (the column '{column}' of '{table}' holds something that is not a list "
                    "of names). Restore it from a backup."
                )


@functools.cache
def _json_list_columns() -> dict[str, set[str]]:
    """table -> the columns holding a JSON list of text: the tuple fields of the records it keeps."""
    return {spec.name: set(list_fields(spec.kept.record)) for spec in all_tables() if spec.kept is not None}


def _check_utf8(conn: sqlite3.Connection, table: str, columns: list[str], path: Path) -> None:
    """Every text is UTF-8: read as bytes once here, so no later read fails on a damaged byte."""
    if not columns:
        return
    previous = conn.text_factory
    conn.text_factory = bytes
    try:
        names = ", ".join(f'"{column}"' for column in columns)
        found = [v for row in conn.execute(f'SELECT {names} FROM "{table}"') for v in row if isinstance(v, bytes)]
        try:  # all at once: a line break between values cannot complete a damaged sequence of bytes
            b"\n".join(found).decode("utf-8")
        except UnicodeDecodeError:
            for row in conn.execute(f'SELECT {names} FROM "{table}"'):
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, bytes):
                        try:
                            value.decode("utf-8")
                        except UnicodeDecodeError:
                            raise WorkbookCorrupt(
                                f"{path} is damaged (the column '{column}' of '{table}' holds text that is not "
                                "valid UTF-8). Restore it from a backup."
                            ) from None
    finally:
        conn.text_factory = previous


def _one_line(report: str) -> str:
    """The first real finding of an SQLite report, on one line and short enough to read."""
    lines = [line.strip() for line in report.splitlines() if line.strip() and not line.startswith("***")]
    first = " ".join((lines[0] if lines else report).split())
    return first if len(first) <= 100 else first[:97] + "..."


def recover_interrupted_save(path: Path) -> bool:
    """Roll back a save that a crash cut short, so a read-only open sees the last complete one.

    A leftover non-empty `-journal` is SQLite's record of an unfinished transaction; only a
    connection that can write may roll it back (https://www.sqlite.org/atomiccommit.html).
    False when there was no journal to look at.
    """
    journal = Path(f"{path}-journal")
    try:
        if not journal.exists() or journal.stat().st_size == 0:
            return False
    except OSError:
        return False
    conn = connect(path, read_only=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except (sqlite3.Error, UnicodeDecodeError) as error:
        raise translate(error, path) from None
    finally:
        conn.close()
    return True


def translate(error: sqlite3.Error | UnicodeDecodeError, path: Path) -> WorkbookProblem:
    """A sentence a person can act on for an SQLite failure on this file.

    A UnicodeDecodeError is what Python raises when SQLite's own error message quotes damaged
    bytes (a schema whose text is no longer UTF-8): damage too.
    """
    if isinstance(error, UnicodeDecodeError):
        return WorkbookCorrupt(f"{path} is damaged (it holds text that is not valid UTF-8). Restore it from a backup.")
    name = getattr(error, "sqlite_errorname", "")
    text = _one_line(str(error))
    if name == "SQLITE_READONLY_ROLLBACK":
        return WorkbookUnavailable(
            f"{path} was left half-saved when a program stopped, and the folder it is in cannot be "
            f"written to recover it; copy it together with {path.name}-journal beside it (the record "
            "that puts it right) to a folder you can write to, and open it there."
        )
    if "decode to UTF-8" in text or "Could not decode" in text:
        return WorkbookCorrupt(f"{path} is damaged (it holds text that is not valid UTF-8). Restore it from a backup.")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return WorkbookUnavailable(f"The disk holding {path} is full; the last change was not saved.")
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return WorkbookUnavailable(f"{path} is read-only; changes cannot be saved to it.")
    if name.startswith("SQLITE_BUSY") or "locked" in text:
        return WorkbookUnavailable(f"{path} is in use by another program; try again in a moment.")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        folder = path.parent if path.parent.exists() else "its folder"
        return WorkbookUnavailable(f"{path} cannot be opened (check {folder} exists and can be written).")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text:
        return WorkbookCorrupt(f"{path} is damaged ({text}). Restore it from a backup.")
    if name.startswith("SQLITE_IOERR"):
        return WorkbookUnavailable(f"{path} could not be read or written ({text}); is the drive still there?")
    return WorkbookCorrupt(f"{path} could not be read ({text}).")


def is_workbook_file(path: Path) -> bool:
    """Whether path holds a laadesk workbook (by its header), so nothing overwrites it by accident."""
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def file_exists_problem(path: Path) -> WorkbookUnavailable | None:
    if os.path.lexists(path):
        return WorkbookUnavailable(f"{path} already exists; laadesk will not overwrite it.")
    return None
