"""Transactions and dict rows on a plain sqlite3 connection.

The workbook needs three things from its connection: statements, rows by column name and
all-or-nothing blocks. sqlite-utils offered them, but importing it (with click, dateutil and
pluggy) cost a third of the editor's cold start; these few lines are all laadesk used.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from types import TracebackType
from typing import Any

_savepoints = itertools.count(1)
_BUGS = (sqlite3.IntegrityError, sqlite3.ProgrammingError)  # an edit breaking the schema's rules: not a condition


def rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Every row of a query as a dict keyed by column name."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


class Atomic:
    """One transaction (a savepoint when nested): everything in the block is written or nothing is.

    Python's implicit transactions are left alone (default isolation level): an explicit BEGIN
    makes `in_transaction` true, so the module never opens or commits one of its own in between.
    With `translate`, an SQLite error (but a broken schema rule, which is a bug) is raised as what it
    gives: the workbook's sentence for it. A class, not a generator: every typed edit opens one.
    """

    def __init__(self, conn: sqlite3.Connection, translate: Callable[[sqlite3.Error], Exception] | None = None):
        self.conn = conn
        self.translate = translate
        self.savepoint = ""

    def __enter__(self) -> None:
        try:
            if self.conn.in_transaction:
                self.savepoint = f"laadesk_{next(_savepoints)}"
                self.conn.execute(f"SAVEPOINT {self.savepoint}")
            else:
                self.conn.execute("BEGIN")
        except sqlite3.Error as error:
            self._raise(error)

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            self._end(failed=kind is not None)
        except sqlite3.Error as error:
            self._raise(error)
        if isinstance(value, sqlite3.Error) and self.translate is not None and not isinstance(value, _BUGS):
            raise self.translate(value) from None

    def _end(self, *, failed: bool) -> None:
        conn, name = self.conn, self.savepoint
        if failed:
            if conn.in_transaction:  # an error may already have ended the whole transaction
                if name:
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                else:
                    conn.execute("ROLLBACK")
        elif name:
            conn.execute(f"RELEASE SAVEPOINT {name}")
        else:
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _raise(self, error: sqlite3.Error) -> None:
        if self.translate is None or isinstance(error, _BUGS):
            raise error
        raise self.translate(error) from None
