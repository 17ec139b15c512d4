"""One editor at a time: the lock file beside a workbook, who holds it, and clearing a crashed one's.

A workbook opened for editing gets `.NAME.laa.lock` beside it (LibreOffice's `.~lock.NAME#`
idea), created with O_CREAT|O_EXCL so exactly one process wins, holding JSON that says who
(user, computer, process and its start time, since when, which laadesk). A second laadesk
reads it and is told who has the workbook; it may open it read-only, never for writing.

A lock whose process is gone is stale: on the same computer, when its pid no longer runs,
or runs but started at another time (the pid was reused; the start time comes from
/proc/PID/stat on Linux and GetProcessTimes on Windows; elsewhere `os.kill(pid, 0)` only
says whether the pid exists). A stale lock is cleared and the person told. A lock from
another computer is never judged stale: on a network share this computer cannot see that
computer's processes.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import sys
import time
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from laadesk import __version__
from laadesk.core.errors import WorkbookUnavailable

LOCK_FORMAT = 1
# A lock file nobody can read (cut short by a crash between creating and writing it) that is
# older than this is abandoned; a younger one may be a laadesk writing it this very moment.
UNREADABLE_GRACE_SECONDS = 10.0


def lock_path(workbook: Path) -> Path:
    """`.x.laa.lock` beside `x.laa`: hidden on Linux and macOS, and moves with no other file."""
    return workbook.with_name(f".{workbook.name}.lock")


@dataclass(frozen=True)
class LockOwner:
    """Who holds a workbook: written into the lock file, read back by the next laadesk."""

    user: str
    host: str
    pid: int
    started: str  # when the process started, as the system tells it ("" where it cannot)
    since: str  # ISO time the lock was taken, with its UTC offset
    version: str

    @classmethod
    def this_process(cls, now: datetime | None = None) -> LockOwner:
        when = (now or datetime.now()).astimezone()
        pid = os.getpid()
        return cls(_user(), this_host(), pid, process_marker(pid), when.isoformat(timespec="seconds"), __version__)

    def to_text(self) -> str:
        return json.dumps({"laadesk_lock": LOCK_FORMAT, **asdict(self)}, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_text(cls, text: str) -> LockOwner | None:
        """The owner a lock file names, or None if it is not a lock laadesk can read."""
        try:
            data: Any = json.loads(text)
            owner = cls(**{f.name: data[f.name] for f in fields(cls)})
            datetime.fromisoformat(owner.since)
        except (ValueError, TypeError, KeyError):
            return None
        strings = (owner.user, owner.host, owner.started, owner.since, owner.version)
        if not all(isinstance(s, str) for s in strings) or type(owner.pid) is not int:
            return None
        return owner

    @property
    def on_this_host(self) -> bool:
        return self.host.casefold() == this_host().casefold()

    @property
    def taken(self) -> datetime:
        """When the lock was taken, in this computer's local time."""
        return datetime.fromisoformat(self.since).astimezone()

    def who(self) -> str:
        """ "alice on GO-LAPTOP-7" / "alice on this computer (GO-LAPTOP-7)", for sentences."""
        where = f"this computer ({self.host})" if self.on_this_host else self.host
        return f"{self.user} on {where}"


class WorkbookLocked(WorkbookUnavailable):
    """Another laadesk is editing the workbook: it may be opened read-only, not for writing."""

    def __init__(self, path: Path, owner: LockOwner | None, lock_file: Path) -> None:
        self.path = path
        self.owner = owner
        self.lock_file = lock_file
        if owner is None:
            message = (
                f"{path} is locked by another laadesk (its lock file {lock_file.name} cannot be read just "
                "now); try again in a moment, or open it read-only."
            )
        else:
            message = (
                f"{path} is being edited in laadesk by {owner.who()} since {describe_time(owner.taken)}; "
                "it can be opened read-only, but not changed until it is closed there."
            )
        super().__init__(message)


@dataclass
class WorkbookLock:
    """A lock this process holds; release() removes the file, if it is still ours."""

    path: Path
    owner: LockOwner
    cleared: LockOwner | None = None  # a stale lock found and cleared on the way in
    cleared_unreadable: bool = False
    released: bool = False

    def notice(self, workbook: Path) -> str | None:
        """The sentence to tell the person when a crashed laadesk's lock was cleared, else None."""
        if self.cleared is not None:
            who = "" if self.cleared.user == self.owner.user else f" (run by {self.cleared.user})"
            return (
                f"laadesk{who} on this computer stopped unexpectedly while editing {workbook} at "
                f"{describe_time(self.cleared.taken)}; its lock has been cleared. Every change made "
                "before then is in the file."
            )
        if self.cleared_unreadable:
            return (
                f"A damaged lock file beside {workbook}, left by a laadesk that stopped while opening it, "
                "has been cleared."
            )
        return None

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        with contextlib.suppress(OSError):
            if self.path.read_text(encoding="utf-8") == self.owner.to_text():
                self.path.unlink()


def acquire(workbook: Path, *, now: datetime | None = None) -> WorkbookLock | None:
    """Take the workbook's lock, clearing a stale one; raise WorkbookLocked if someone holds it.

    None when no lock file can be written at all (a read-only folder, say): SQLite cannot
    write its journal there either, so no change can reach the file from here anyway.
    """
    lock_file = lock_path(workbook)
    mine = LockOwner.this_process(now)
    cleared: LockOwner | None = None
    cleared_unreadable = False
    for _ in range(5):
        found = _read(lock_file)
        if found is None:
            try:
                _create(lock_file, mine.to_text())
            except FileExistsError:
                continue  # another laadesk took it between our look and our try: look again
            except OSError:
                return None
            return WorkbookLock(lock_file, mine, cleared, cleared_unreadable)
        text, age = found
        owner = LockOwner.from_text(text)
        if owner is None:
            if age < UNREADABLE_GRACE_SECONDS:
                raise WorkbookLocked(workbook, None, lock_file)
            cleared_unreadable = True
        elif is_held(owner):
            raise WorkbookLocked(workbook, owner, lock_file)
        else:
            cleared = owner
        _remove_if_unchanged(lock_file, text)
    raise WorkbookLocked(workbook, None, lock_file)


def holder(workbook: Path) -> LockOwner | None:
    """Who holds the workbook's lock now (None: nobody, or only a stale or unreadable lock)."""
    found = _read(lock_path(workbook))
    if found is None:
        return None
    owner = LockOwner.from_text(found[0])
    return owner if owner is not None and is_held(owner) else None


def is_held(owner: LockOwner) -> bool:
    """Whether the lock's process may still be editing: always so for another computer's lock."""
    if not owner.on_this_host:
        return True
    return process_running(owner.pid, owner.started)


def _read(lock_file: Path) -> tuple[str, float] | None:
    """The lock file's text and age in seconds, or None if there is none."""
    try:
        with open(lock_file, "rb") as handle:
            age = time.time() - os.fstat(handle.fileno()).st_mtime
            data = handle.read(64 * 1024)
    except FileNotFoundError:
        return None
    except OSError:
        return ("", 0.0)  # there, but unreadable: treat as held by someone just now
    return data.decode("utf-8", errors="replace"), age


def _create(lock_file: Path, text: str) -> None:
    """Create the lock file only if there is none: O_EXCL is atomic on local disks, SMB and NFSv3+."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(lock_file, flags, 0o644)
    try:
        os.write(handle, text.encode("utf-8"))
    except OSError:
        os.close(handle)
        lock_file.unlink(missing_ok=True)
        raise
    os.close(handle)


def _remove_if_unchanged(lock_file: Path, text: str) -> None:
    """Remove a stale lock, unless another laadesk replaced it since we read it."""
    with contextlib.suppress(OSError):
        found = _read(lock_file)
        if found is not None and found[0] == text:
            lock_file.unlink()


# -- this computer and its processes ----------------------------------------------------


def this_host() -> str:
    if hasattr(os, "uname"):  # the name gethostname() gives, without loading the socket module
        return os.uname().nodename or "unknown computer"
    import socket

    return socket.gethostname() or "unknown computer"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def process_marker(pid: int) -> str:
    """A mark that tells this process from a later one given the same pid ("" where unknown)."""
    if sys.platform == "win32":
        created = _windows_creation_time(pid)
        return f"windows:{created}" if created else ""
    stat = _linux_stat(pid)
    if stat is None:
        return ""
    return f"linux:{_boot_id()}:{stat[1]}"


def process_running(pid: int, marker: str) -> bool:
    """Whether pid runs and, when the marker says when it started, is the same process."""
    if pid <= 0:
        return False  # os.kill(0, ...) would mean our own process group
    if sys.platform == "win32":
        created = _windows_creation_time(pid)
        if created is None:
            return False
        return created == 0 or not marker.startswith("windows:") or marker == f"windows:{created}"
    stat = _linux_stat(pid)
    if stat is not None:
        state, started = stat
        if state in ("Z", "X"):
            return False  # killed, not yet reaped by its parent: it will never write again
        return not marker.startswith("linux:") or marker == f"linux:{_boot_id()}:{started}"
    return _pid_exists(pid)


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 only asks; never on Windows, where os.kill terminates
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    except OSError:
        return False
    return True


def _linux_stat(pid: int) -> tuple[str, str] | None:
    """The state and start time (clock ticks after boot) from /proc/PID/stat, or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # not Linux, no such process, or /proc hides other users' (hidepid)
    # The command name (field 2) is in parentheses and may hold spaces or ')': split after the last.
    fields = text[text.rfind(")") + 2 :].split()
    if len(fields) < 20:
        return None
    return fields[0], fields[19]  # fields 3 (state) and 22 (starttime)


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _windows_creation_time(pid: int) -> int | None:
    """The process's creation time (a FILETIME) if it still runs (0: runs, time unknown), else None."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        # Access denied means it exists but belongs to someone else; no start time then.
        return 0 if ctypes.get_last_error() == access_denied else None
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value != still_active:
            return None
        created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
        if not kernel32.GetProcessTimes(
            handle, ctypes.byref(created), ctypes.byref(exited), ctypes.byref(kernel), ctypes.byref(user)
        ):
            return 0
        return (created.dwHighDateTime << 32) | created.dwLowDateTime
    finally:
        kernel32.CloseHandle(handle)


# -- sentences -----------------------------------------------------------------------------


def describe_time(when: datetime, now: datetime | None = None) -> str:
    """ "14:02 today", "09:30 yesterday", "16:45 on 3 June", "16:45 on 3 June 2008"."""
    now = now or datetime.now(when.tzinfo)
    clock = f"{when:%H:%M}"
    day = when.date()
    today = now.date()
    if day == today:
        return f"{clock} today"
    if day == today - timedelta(days=1):
        return f"{clock} yesterday"
    return f"{clock} on {_day(day, with_year=day.year != today.year)}"


def _day(day: date, *, with_year: bool) -> str:
    text = f"{day.day} {day:%B}"
    return f"{text} {day.year}" if with_year else text
