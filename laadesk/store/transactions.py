"""Transactions and dict rows on a plain sqlite3 connection.

The workbook needs three things from its connection: statements, rows by column name and
all-or-nothing blocks. sqlite-utils offered them, but importing it (with click, dateutil and
pluggy) cost a third of the editor's cold start; these few lines are all laadesk used.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_savepoints = itertools.count(1)


def rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Every row of a query as a dict keyed by column name."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction (a savepoint when nested): everything in the block is written or nothing is.

    Python's implicit transactions are left alone (default isolation level): an explicit BEGIN
    makes `in_transaction` true, so the module never opens or commits one of its own in between.
    """
    if conn.in_transaction:
        name = f"laadesk_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # an error may already have ended the whole transaction
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
