"""Crash logs: the details of a bug in laadesk, written to the per-user logs folder."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType

from laadesk import __version__
from laadesk.store.paths import user_data_dir

LOGS_FOLDER = "logs"
# The first line of every crash log: what the file is, for whoever it is sent to.
MARKER = "laadesk crash log: a fault inside laadesk (a bug), not a problem with any workbook."
# Two crashes in one second (two processes, or the window and the command line) each get a file.
MOST_FILES_PER_SECOND = 1000


def logs_folder() -> Path:
    return user_data_dir() / LOGS_FOLDER


def describe_crash(
    error: BaseException,
    *,
    program: str,
    when: datetime,
    workbook: Path | None = None,
    thread: str | None = None,
    details: Sequence[tuple[str, str]] = (),
) -> str:
    """The log's text: the marker, where and when it ran, and the traceback.

    The workbook is named by its path only: nothing it holds is written here.
    """
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    lines = [
        MARKER,
        "",
        f"time: {when.astimezone().isoformat(timespec='seconds')}",
        f"laadesk: {__version__} ({frozen})",
        f"program: {program}",
        f"python: {_platform().python_version()} ({_platform().python_implementation()})",
        f"platform: {_platform().platform()}",
        *(f"{name}: {value}" for name, value in details),
        f"workbook: {workbook if workbook is not None else '(none open)'}",
    ]
    if thread is not None:
        lines.append(f"thread: {thread}")
    return "\n".join([*lines, "", _traceback(error)])


def write_crash_log(
    error: BaseException,
    *,
    program: str,
    workbook: Path | None = None,
    thread: str | None = None,
    details: Sequence[tuple[str, str]] = (),
    when: datetime | None = None,
) -> Path:
    """Write a new crash log and return its path; OSError when none can be written."""
    moment = when or datetime.now()
    text = describe_crash(error, program=program, when=moment, workbook=workbook, thread=thread, details=details)
    folder = logs_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"crash-{moment:%Y%m%d-%H%M%S}"
    for number in range(1, MOST_FILES_PER_SECOND + 1):
        path = folder / (f"{stem}.txt" if number == 1 else f"{stem}-{number}.txt")
        try:
            # "x": created here or not at all, so a log written in the same second is never overwritten.
            with path.open("x", encoding="utf-8", errors="backslashreplace") as file:
                file.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder} already holds {MOST_FILES_PER_SECOND} crash logs from {moment:%H:%M:%S}")


def add_to_crash_log(
    path: Path, error: BaseException, *, thread: str | None = None, when: datetime | None = None
) -> None:
    """Add a fault that followed the first to its log (OSError when the log cannot be written)."""
    moment = (when or datetime.now()).astimezone().isoformat(timespec="seconds")
    heading = f"--- and again at {moment}" + (f" (thread: {thread})" if thread is not None else "") + " ---"
    with path.open("a", encoding="utf-8", errors="backslashreplace") as file:
        file.write(f"\n{heading}\n\n{_traceback(error)}")


def _traceback(error: BaseException) -> str:
    import traceback  # loaded when a fault is logged: it costs every start a few milliseconds

    return "".join(traceback.format_exception(error))


@dataclass(frozen=True)
class CrashNotice:
    """What the dialog says: the log written (None when it could not be) and the workbook then open."""

    log: Path | None
    workbook: Path | None
    log_problem: str = ""  # why no log could be written
    repeats: int = 0  # faults that followed before the dialog showed


def _platform() -> ModuleType:
    """The platform module, loaded when a log is written: it costs every start a few milliseconds."""
    import platform

    return platform
