"""Reading the start of a file a person named, refusing a folder, a pipe or a device before a read could hang."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MISSING = "missing"
FOLDER = "folder"
SPECIAL = "special"  # a pipe or a device: a read would never end, or never start
DENIED = "denied"


class NotAPlainFile(Exception):
    """Why a path could not be read as a plain file: one of the words above, or the system's reason."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def read_plain_file(path: Path, limit: int) -> tuple[bytes, int]:
    """Up to `limit` bytes from the start of a plain file, and the file's size."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise NotAPlainFile(FOLDER)
        if not stat.S_ISREG(status.st_mode):
            raise NotAPlainFile(SPECIAL)
        with path.open("rb") as handle:
            return handle.read(limit), status.st_size
    except FileNotFoundError:
        raise NotAPlainFile(MISSING) from None
    except IsADirectoryError:
        raise NotAPlainFile(FOLDER) from None
    except PermissionError:
        raise NotAPlainFile(DENIED) from None
    except OSError as error:
        raise NotAPlainFile(str(error.strerror or error)) from None


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (a link, another spelling); False when either cannot be reached."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
