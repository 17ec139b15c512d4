"""One area's workbook: a single SQLite file, every edit committed the moment it is made."""

from __future__ import annotations

import functools
import getpass
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from laadesk import __version__
from laadesk.core import model
from laadesk.core.catalogue import Catalogue, Indicator
from laadesk.core.edits import Edit, Put, Remove
from laadesk.core.errors import WorkbookCorrupt, WorkbookProblem, WorkbookUnavailable
from laadesk.core.history import CHANGED, MIGRATED
from laadesk.core.snapshot import WorkbookSnapshot, kind_of, kinds
from laadesk.store import locks, opening
from laadesk.store.clock import now
from laadesk.store.file_steps import identity, place_new_file, remove_quietly, words
from laadesk.store.history import EditLedger, new_change_id
from laadesk.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from laadesk.store.rows import from_row, to_row
from laadesk.store.tables import CONTENTS_OF, spec_for
from laadesk.store.transactions import Atomic, rows

R = TypeVar("R")

WORKBOOK_SUFFIX = ".laa"


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Workbook:
    """An open workbook file. Reads return frozen records; writes go through apply()."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool, author: str) -> None:
        self.path = path
        self.read_only = read_only
        self.author = author
        self.clock: Callable[[], str] = now  # when a change to a position is recorded (ISO 8601, UTC)
        self._db = conn
        self._catalogue: Catalogue | None = None
        self._identity = identity(path)
        self.lock: locks.WorkbookLock | None = None  # held while open for writing
        self._history_checked = False  # the whole file's quick check, run when the history is first read
        self._translate = functools.partial(opening.translate, path=path)  # an SQLite error as its sentence

    # -- opening and creating -------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        read_only: bool = False,
        author: str | None = None,
        backup_folder: Path | None = None,
    ) -> Workbook:
        """Open an existing workbook; raises a WorkbookProblem with one sentence if it cannot.

        Opening for writing takes the workbook's lock (locks.WorkbookLocked if another laadesk
        holds it; read-only opening needs no lock), and an older format is backed up into
        backup_folder (default: backups.backup_folder(), the chosen one) before it is migrated.
        """
        path = Path(path)
        version = opening.inspect_header(path)
        if read_only:
            opening.recover_interrupted_save(path)
        if read_only and version < SCHEMA_VERSION:
            return cls._open_migrated_copy(path, author)
        lock = None if read_only else locks.acquire(path)
        try:
            conn = opening.connect(path, read_only=read_only)
            try:
                opening.check_contents(conn, path)
                workbook = cls(path, conn, read_only=read_only, author=author or default_author())
                workbook.lock = lock
                if version < SCHEMA_VERSION:
                    workbook._back_up_before_migration(backup_folder)
                    workbook._write(lambda: migrate(workbook._db))
                    workbook._note_migration(version)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return workbook

    def _note_migration(self, version: int) -> None:
        import hashlib  # only an older workbook needs it

        # The same change id in every copy that was upgraded alike: copies of an older workbook,
        # each upgraded on its own laptop, still part from this shared point when merged.
        made = f"{self.workbook_id} upgraded from format {version} to {SCHEMA_VERSION}"
        change_id = hashlib.sha256(made.encode()).hexdigest()[:32]
        action = f"upgrade the workbook from format {version} to format {SCHEMA_VERSION}"
        with self.recording(action, MIGRATED, change_id=change_id) as (_, ledger):
            ledger.note_row("meta", ["format"], "format", CHANGED, version, SCHEMA_VERSION)

    def _back_up_before_migration(self, folder: Path | None) -> None:
        from laadesk.store import backups  # only an older workbook needs it

        try:
            backups.take_backup(self, backups.BEFORE_MIGRATION, folder)
        except backups.BackupFailed as failed:
            raise WorkbookUnavailable(
                f"{self.path} was not upgraded to this laadesk's format: backing it up first to {failed.folder} "
                f"failed ({failed.why}), so nothing was changed."
            ) from None

    @classmethod
    def _open_migrated_copy(cls, path: Path, author: str | None) -> Workbook:
        """An older workbook opened read-only: migrate a copy in memory, never the file."""
        source = opening.connect(path, read_only=True)
        try:
            opening.check_contents(source, path)
            memory = sqlite3.connect(":memory:")
            source.backup(memory)
        except sqlite3.Error as error:
            raise opening.translate(error, path) from None
        finally:
            source.close()
        workbook = cls(path, memory, read_only=True, author=author or default_author())
        migrate(workbook._db)
        return workbook

    @classmethod
    def create(
        cls,
        path: Path | str,
        area: model.AreaProfile,
        catalogue: Catalogue,
        *,
        districts: tuple[model.District, ...] = (),
        author: str | None = None,
    ) -> Workbook:
        """Make a new workbook; refuses to overwrite. The file appears only once complete."""
        path = Path(path)
        problem = opening.file_exists_problem(path)
        if problem:
            raise problem
        if not path.parent.is_dir():
            raise WorkbookUnavailable(f"Cannot create {path}: the folder {path.parent} does not exist.")
        partial = path.with_name(f".{path.name}.{os.getpid()}.creating")
        try:
            conn = opening.connect(partial, read_only=False, create=True)
        except WorkbookProblem:
            remove_quietly(partial)
            raise WorkbookUnavailable(f"Cannot create {path}: the folder {path.parent} cannot be written to.") from None
        try:
            try:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                migrate(conn)
                workbook = cls(partial, conn, read_only=False, author=author or default_author())
                with workbook._transaction():
                    workbook._set_meta("created_at", now())
                    workbook._set_meta("created_by", f"laadesk {__version__}")
                    workbook._set_meta("workbook_id", new_change_id())
                    workbook._store_catalogue(catalogue)
                    workbook._put(area)
                    workbook._put(model.SignOff())
                    for district in districts:
                        workbook._put(district)
            finally:
                conn.close()
            place_new_file(partial, path)
        except sqlite3.Error as error:
            remove_quietly(partial)
            raise opening.translate(error, path) from None
        except WorkbookProblem as problem:
            remove_quietly(partial)
            # The sentence names the hidden file being built; the person knows only the real name.
            raise type(problem)(str(problem).replace(str(partial), str(path))) from None
        except BaseException:
            remove_quietly(partial)
            raise
        return cls.open(path, author=author)

    def close(self) -> None:
        self._db.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # -- reading ----------------------------------------------------------------

    def _read(self, cls: type[R], sql: str, params: tuple[Any, ...] = ()) -> list[R]:
        try:
            return [from_row(cls, row) for row in rows(self._db, sql, params)]
        except sqlite3.Error as error:
            raise opening.translate(error, self.path) from None
        except (ValueError, TypeError, KeyError):
            # A value no laadesk writes (an unknown role, a broken date or list): damage.
            raise WorkbookCorrupt(
                f"{self.path} is damaged (a stored {words(cls.__name__)} cannot be read). Restore it from a backup."
            ) from None

    def meta(self, key: str) -> str | None:
        try:
            row = next(iter(rows(self._db, "SELECT value FROM meta WHERE key = ?", (key,))), None)
        except sqlite3.Error as error:
            raise opening.translate(error, self.path) from None
        return None if row is None else str(row["value"])

    @property
    def nis_edition(self) -> str:
        return self.meta("nis_edition") or "unknown edition"

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            indicators = self._read(Indicator, "SELECT * FROM indicators ORDER BY ni")
            self._catalogue = Catalogue(self.nis_edition, tuple(indicators))
        return self._catalogue

    def records(self, record_type: type[R]) -> tuple[R, ...]:
        """Every record of one kind, listed as the snapshot lists them."""
        kind = kind_of(record_type)
        found = self._read(record_type, f'SELECT * FROM "{kind.table}" ORDER BY rowid')
        return tuple(sorted(found, key=kind.order) if kind.order else found)

    def _single(self, record_type: type[R]) -> R:
        """The one record of a kind a workbook has one of; a new one where it has none yet."""
        found = self.records(record_type)
        if found:
            return found[0]
        try:
            return record_type()
        except TypeError:  # a record that needs values (the area's name): every workbook has one
            noun = kind_of(record_type).nouns[0]
            raise WorkbookCorrupt(f"{self.path} is damaged (it has no {noun}). Restore it from a backup.") from None

    def area(self) -> model.AreaProfile:
        return self._single(model.AreaProfile)

    def sign_off(self) -> model.SignOff:
        return self._single(model.SignOff)

    def targets(self) -> tuple[model.Target, ...]:
        return self.records(model.Target)

    def target(self, code: str) -> model.Target | None:
        rows = self._read(model.Target, "SELECT * FROM targets WHERE code = ?", (code,))
        return rows[0] if rows else None

    def districts(self) -> tuple[model.District, ...]:
        return self.records(model.District)

    def partners(self) -> tuple[model.Partner, ...]:
        return self.records(model.Partner)

    def story(self) -> tuple[model.StorySection, ...]:
        return self.records(model.StorySection)

    def evidence(self) -> tuple[model.Evidence, ...]:
        return self.records(model.Evidence)

    def positions(self) -> tuple[model.Position, ...]:
        return self.records(model.Position)

    def position_history(self) -> tuple[model.PositionChange, ...]:
        return self.records(model.PositionChange)

    def notes(self) -> tuple[model.ChampionNote, ...]:
        return self.records(model.ChampionNote)

    def adoptions(self) -> tuple[model.Adoption, ...]:
        return self.records(model.Adoption)

    def milestones(self) -> tuple[model.Milestone, ...]:
        return self.records(model.Milestone)

    def snapshot(self) -> WorkbookSnapshot:
        """Every record of every kind the workbook holds, and its indicator set."""
        parts: dict[str, Any] = {}
        for kind in kinds():
            parts[kind.field] = self._single(kind.record) if kind.single else self.records(kind.record)
        return WorkbookSnapshot(catalogue=self.catalogue(), **parts)

    def read_content(self, table: str, sha256: str) -> bytes | None:
        """An attached file's bytes from its side's content table (store/attachments.py checks them)."""
        if table not in CONTENTS_OF.values():
            raise ValueError(f"{table} holds no attached files")
        try:
            row = self._db.execute(f'SELECT data FROM "{table}" WHERE sha256 = ?', (sha256,)).fetchone()
        except sqlite3.Error as error:
            raise opening.translate(error, self.path) from None
        return bytes(row[0]) if row is not None and isinstance(row[0], bytes) else None

    def backup_to(self, target: sqlite3.Connection) -> None:
        """Copy the whole workbook into another connection with SQLite's online backup API."""
        try:
            self._db.backup(target)
        except sqlite3.Error as error:
            raise opening.translate(error, self.path) from None

    # -- writing ----------------------------------------------------------------

    def apply(self, edit: Edit, *, also: Callable[[sqlite3.Connection, EditLedger], None] | None = None) -> None:
        """Apply every change of an edit in one transaction: all of it is on disk, or none.

        Its history entries (store/history.py) are written in the same transaction, and so is
        whatever `also` writes beyond records (an agreed version, a merge's held conflicts and
        carried history), with the ledger for any entries of its own.
        """
        if edit.empty and also is None:
            return
        with self._transaction():
            ledger = EditLedger(self._db, edit, who=self.author, at=self.clock())
            ledger.prefetch(edit.changes)
            # A run of records written by one statement (an import's two hundred targets) goes to
            # SQLite in one executemany, in order: a third of the time of one execute each.
            statement = ""
            rows: list[tuple[Any, ...]] = []
            for change in edit.changes:
                noted = ledger.note(change)
                if isinstance(change, Put) and not isinstance(change.after, model.Position):
                    spec = spec_for(change.after)
                    row = noted if noted is not None else spec.row(change.after)
                    upsert = spec.upsert(tuple(row))
                    if upsert != statement:
                        self._write_rows(statement, rows)
                        statement, rows = upsert, []
                    rows.append(tuple(row.values()))
                    continue
                self._write_rows(statement, rows)
                statement, rows = "", []
                if isinstance(change, Put):
                    self._put(change.after)
                elif isinstance(change, Remove):
                    self._remove(change.record)
            self._write_rows(statement, rows)
            if also is not None:
                also(self._db, ledger)
            ledger.write()

    @contextmanager
    def recording(
        self, action: str, how: str, *, change_id: str = ""
    ) -> Iterator[tuple[sqlite3.Connection, EditLedger]]:
        """One transaction for a store module writing beyond records (an agreed version), with the
        ledger its history entries go into."""
        with self._transaction():
            ledger = EditLedger(self._db, Edit(action, (), how), who=self.author, at=self.clock(), change_id=change_id)
            yield self._db, ledger
            ledger.write()

    def check_history(self) -> None:
        """The whole file's quick check, once, before the history is first read: opening checks every
        table but the history, so that a long history costs nothing at start-up."""
        if not self._history_checked:
            opening.check_whole_file(self._db, self.path)
            self._history_checked = True

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """Rows as the store's own modules read them beyond records (the history, the agreed versions,
        the held changes, the agreement's rows for compare); read as they are iterated."""
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as error:
            raise opening.translate(error, self.path) from None

    @property
    def workbook_id(self) -> str:
        """The identity every copy of this workbook shares (Save a Copy As, a copied file, a backup)."""
        return self.meta("workbook_id") or ""

    def replace_catalogue(self, catalogue: Catalogue) -> None:
        """Load another edition of the National Indicator Set into this workbook."""
        with self._transaction():
            self._db.execute("DELETE FROM indicators")
            self._store_catalogue(catalogue)
        self._catalogue = None

    def _transaction(self) -> Atomic:
        if self.read_only:
            raise WorkbookUnavailable(f"{self.path} is open read-only; changes cannot be saved to it.")
        self._check_still_there()
        return Atomic(self._db, self._translate)

    def _check_still_there(self) -> None:
        """Refuse to write once the file was moved, deleted or its drive pulled: SQLite would
        go on writing to a file nobody can find again. The open connection still reads, so the
        editor keeps everything and Save a Copy As can rescue it."""
        if self._identity is None:
            return
        if identity(self.path) != self._identity:
            raise WorkbookUnavailable(
                f"{self.path} was moved, renamed or deleted while open (or its drive was removed), so the last "
                "change was not saved. Nothing is lost from the window: use Save a Copy As to keep your work."
            )

    def _write(self, action: Any) -> None:
        try:
            action()
        except sqlite3.Error as error:
            raise opening.translate(error, self.path) from None

    def _write_rows(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        if len(rows) == 1:  # one typed edit: execute costs a third of executemany's set-up
            self._db.execute(statement, rows[0])
        elif rows:
            self._db.executemany(statement, rows)

    def _put(self, record: Any) -> None:
        spec = spec_for(record)
        row = spec.row(record)
        if isinstance(record, model.Position):
            self._record_position_history(record)
        self._db.execute(spec.upsert(tuple(row)), tuple(row.values()))

    def _remove(self, record: Any) -> None:
        spec = spec_for(record)
        self._db.execute(spec.delete(), spec.key_values(record))

    def _record_position_history(self, position: model.Position) -> None:
        from laadesk.core.negotiation import position_changes

        current = self._read(
            model.Position, "SELECT * FROM positions WHERE code = ? AND year = ?", (position.code, position.year)
        )
        before = current[0] if current else model.Position(position.code, position.year)
        for change in position_changes(before, position, self.author, self.clock()):
            self._db.execute(
                'INSERT INTO position_history (code, year, field, value, who, "when") VALUES (?, ?, ?, ?, ?, ?)',
                tuple(to_row(change).values()),
            )

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _store_catalogue(self, catalogue: Catalogue) -> None:
        self._set_meta("nis_edition", catalogue.edition)
        for indicator in catalogue.indicators:
            row = to_row(indicator)
            columns = ", ".join(row)
            self._db.execute(
                f"INSERT INTO indicators ({columns}) VALUES ({', '.join('?' for _ in row)})",
                tuple(row.values()),
            )
