"""Writing an output file so a reader never sees half of it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from laadesk.core.errors import WorkbookUnavailable


@contextmanager
def replacing(path: Path, mode: str = "w", **open_args: object) -> Iterator[IO[str]]:
    """Write to a temporary file beside path and move it into place only when complete."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, mode, **open_args) as handle:  # type: ignore[call-overload]  # mode is text or binary, chosen by the caller
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        _remove_quietly(partial)
        raise WorkbookUnavailable(f"Cannot write {path}: {error.strerror or error}.") from None
    except BaseException:
        _remove_quietly(partial)
        raise


def _remove_quietly(partial: Path) -> None:
    """On a read-only drive even removing the half-written file fails: nothing was written there."""
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)


def write_bytes_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    with replacing(path, "wb") as handle:
        write(handle)  # type: ignore[arg-type]  # opened with "wb", so the handle takes bytes
