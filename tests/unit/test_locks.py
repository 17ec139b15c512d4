"""One editor at a time: the lock beside a workbook, held by real processes, cleared only when stale."""

from __future__ import annotations

import getpass
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.files import digest
from support.records import catalogue

from laadesk import __version__
from laadesk.core.edits import set_fields
from laadesk.core.errors import NotAWorkbook, WorkbookUnavailable
from laadesk.core.model import AreaProfile
from laadesk.store import locks
from laadesk.store.locks import LockOwner, WorkbookLocked, describe_time, lock_path
from laadesk.store.workbook import Workbook

HOST = socket.gethostname()
USER = getpass.getuser()

# Another laadesk editing the workbook: a real process holding it open until told to stop.
HOLDER = r"""
import sys
from laadesk.store.workbook import Workbook
workbook = Workbook.open(sys.argv[1])
print("HOLDING", flush=True)
sys.stdin.read()
workbook.close()
print("CLOSED", flush=True)
"""


@contextmanager
def holder(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another laadesk process with the workbook open for editing; it closes it on leaving."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None and process.stdin is not None
        try:
            assert process.stdout.readline().strip() == "HOLDING"
            yield process
        finally:
            if process.poll() is None:
                process.stdin.close()
                process.wait(timeout=30)


@contextmanager
def crashed_holder(path: Path, *, reap: bool = True) -> Iterator[subprocess.Popen[str]]:
    """A laadesk killed while editing (SIGKILL, as a flat battery or the task manager does)."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "HOLDING"
        process.send_signal(signal.SIGKILL)
        if reap:
            process.wait(timeout=30)
        yield process


def write_lock(path: Path, **fields: object) -> Path:
    """A lock file as another laadesk would have left it."""
    owner = {
        "laadesk_lock": 1,
        "user": "alice",
        "host": HOST,
        "pid": 999_999_999,
        "started": "",
        "since": datetime(2008, 6, 3, 14, 2).astimezone().isoformat(),
        "version": "0.1.0",
    }
    owner.update(fields)
    lock = lock_path(path)
    lock.write_text(json.dumps(owner), encoding="utf-8")
    return lock


# -- taken and released ---------------------------------------------------------------------


def test_opening_for_writing_takes_the_lock_and_closing_releases_it(path: Path) -> None:
    lock = lock_path(path)
    assert lock.name == ".area.laa.lock" and lock.parent == path.parent
    before = datetime.now().astimezone().replace(microsecond=0)
    with Workbook.open(path) as workbook:
        assert workbook.lock is not None and workbook.lock.notice(path) is None
        held = json.loads(lock.read_text(encoding="utf-8"))
        assert held["user"] == USER and held["host"] == HOST and held["pid"] == os.getpid()
        assert held["version"] == __version__
        assert held["started"].startswith("linux:")  # the process start marker, from /proc on Linux
        assert before <= datetime.fromisoformat(held["since"]) <= datetime.now().astimezone()
    assert not lock.exists()
    assert sorted(p.name for p in path.parent.iterdir()) == ["area.laa"]


def test_reading_needs_no_lock_and_takes_none(path: Path) -> None:
    with Workbook.open(path, read_only=True), Workbook.open(path, read_only=True):
        assert not lock_path(path).exists()
    with holder(path), Workbook.open(path, read_only=True) as workbook:
        assert workbook.area().name == "Kingsmere"  # another laadesk editing it does not stop a reader


def test_a_failed_open_leaves_no_lock(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIEW odd AS SELECT 1")
    conn.commit()
    conn.close()
    with pytest.raises(NotAWorkbook, match="contains a view"):
        Workbook.open(path)
    assert not lock_path(path).exists()


def test_a_new_workbook_is_created_unlocked_and_opened_locked(tmp_path: Path) -> None:
    path = tmp_path / "new.laa"
    with Workbook.create(path, AreaProfile("Kingsmere"), catalogue()) as workbook:
        assert workbook.lock is not None and lock_path(path).exists()
    assert not lock_path(path).exists()


# -- a second laadesk ------------------------------------------------------------------------


def test_a_second_laadesk_is_told_who_where_and_since_when(path: Path) -> None:
    with holder(path) as process:
        before = digest(path)
        with pytest.raises(WorkbookLocked) as raised:
            Workbook.open(path)
        owner = raised.value.owner
        assert owner is not None
        assert (owner.user, owner.host, owner.pid) == (USER, HOST, process.pid)
        since = describe_time(owner.taken)
        assert re.fullmatch(r"\d\d:\d\d today", since)
        assert str(raised.value) == (
            f"{path} is being edited in laadesk by {USER} on this computer ({HOST}) since {since}; "
            "it can be opened read-only, but not changed until it is closed there."
        )
        assert digest(path) == before
        assert lock_path(path).exists()  # the holder's lock is left alone
        assert locks.holder(path) == owner
    # Closed there: now it opens here.
    assert not lock_path(path).exists()
    with Workbook.open(path) as workbook:
        assert workbook.lock is not None and workbook.lock.cleared is None


def test_a_second_window_in_the_same_laadesk_is_refused_too(path: Path) -> None:
    with Workbook.open(path), pytest.raises(WorkbookLocked) as raised:
        Workbook.open(path)
    assert raised.value.owner is not None and raised.value.owner.pid == os.getpid()
    assert not lock_path(path).exists()


def test_a_writer_cannot_write_behind_a_read_only_reader_of_a_locked_file(path: Path) -> None:
    with holder(path), Workbook.open(path, read_only=True) as reader:
        before = digest(path)
        area = reader.area()
        with pytest.raises(WorkbookUnavailable, match=r"is open read-only; changes cannot be saved to it\.$"):
            reader.apply(set_fields(area, "rename", name="Elsewhere"))
        assert digest(path) == before


# -- stale locks -------------------------------------------------------------------------------


def test_a_crashed_laadesks_lock_is_cleared_with_a_sentence(path: Path) -> None:
    with crashed_holder(path):
        pass
    left = LockOwner.from_text(lock_path(path).read_text(encoding="utf-8"))
    assert left is not None and not locks.is_held(left)
    with Workbook.open(path) as workbook:
        assert workbook.lock is not None and workbook.lock.cleared == left
        assert workbook.lock.notice(Path("area.laa")) == (
            f"laadesk on this computer stopped unexpectedly while editing area.laa at {left.taken:%H:%M} today; "
            "its lock has been cleared. Every change made before then is in the file."
        )
        mine = json.loads(lock_path(path).read_text(encoding="utf-8"))
        assert mine["pid"] == os.getpid()
    assert not lock_path(path).exists()


def test_a_killed_laadesk_not_yet_reaped_is_stale_too(path: Path) -> None:
    with crashed_holder(path, reap=False) as process:
        deadline = time.monotonic() + 10
        while Path(f"/proc/{process.pid}/stat").read_text().split(") ")[1][0] != "Z":
            assert time.monotonic() < deadline, "the killed holder never became a zombie"
            time.sleep(0.01)
        with Workbook.open(path) as workbook:
            assert workbook.lock is not None and workbook.lock.cleared is not None
            assert workbook.lock.cleared.pid == process.pid


def test_a_dead_pid_on_this_computer_is_stale_and_another_users_is_named(path: Path) -> None:
    write_lock(path, user="bob")
    with Workbook.open(path) as workbook:
        assert workbook.lock is not None
        notice = workbook.lock.notice(Path("area.laa"))
    assert notice is not None
    assert notice.startswith(
        "laadesk (run by bob) on this computer stopped unexpectedly while editing area.laa at 14:02 on 3 June 2008;"
    )


def test_a_reused_pid_is_not_mistaken_for_the_laadesk_that_crashed(path: Path) -> None:
    # The pid runs (it is this test), but it started at another time than the lock says.
    marker = locks.process_marker(os.getpid())
    assert marker.startswith("linux:")
    write_lock(path, pid=os.getpid(), started=marker + "0")
    with Workbook.open(path) as workbook:
        assert workbook.lock is not None and workbook.lock.cleared is not None


def test_a_live_process_with_the_same_start_is_respected(path: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE) as other:
        assert other.stdin is not None
        try:
            lock = write_lock(path, pid=other.pid, started=locks.process_marker(other.pid))
            before = lock.read_bytes()
            with pytest.raises(WorkbookLocked):
                Workbook.open(path)
            assert lock.read_bytes() == before
        finally:
            other.stdin.close()
            other.wait(timeout=30)


def test_pid_zero_or_negative_is_never_running() -> None:
    assert not locks.process_running(0, "")
    assert not locks.process_running(-1, "")


# -- other computers -----------------------------------------------------------------------------


def test_a_lock_from_another_computer_is_respected_even_with_a_dead_pid(path: Path) -> None:
    lock = write_lock(path, host="GO-LAPTOP-7", user="alice.smith")
    before = lock.read_bytes()
    with pytest.raises(WorkbookLocked) as raised:
        Workbook.open(path)
    assert str(raised.value) == (
        f"{path} is being edited in laadesk by alice.smith on GO-LAPTOP-7 since 14:02 on 3 June 2008; "
        "it can be opened read-only, but not changed until it is closed there."
    )
    assert raised.value.lock_file == lock
    assert lock.read_bytes() == before  # never cleared from here
    with Workbook.open(path, read_only=True) as reader:  # never a dead end
        assert reader.area().name == "Kingsmere"


def test_host_names_compare_without_case(path: Path) -> None:
    write_lock(path, host=HOST.swapcase() if HOST.swapcase() != HOST else HOST)
    with Workbook.open(path) as workbook:
        assert workbook.lock is not None and workbook.lock.cleared is not None


# -- damaged lock files ------------------------------------------------------------------------------


def test_an_unreadable_lock_just_written_is_respected(path: Path) -> None:
    lock_path(path).write_bytes(b"")
    with pytest.raises(WorkbookLocked) as raised:
        Workbook.open(path)
    assert raised.value.owner is None
    assert str(raised.value) == (
        f"{path} is locked by another laadesk (its lock file .area.laa.lock cannot be read just now); "
        "try again in a moment, or open it read-only."
    )


def test_an_unreadable_lock_left_behind_is_cleared(path: Path) -> None:
    lock = lock_path(path)
    lock.write_bytes(b'{"user": "half')
    old = time.time() - 60
    os.utime(lock, (old, old))
    with Workbook.open(path) as workbook:
        assert workbook.lock is not None
        assert workbook.lock.notice(Path("area.laa")) == (
            "A damaged lock file beside area.laa, left by a laadesk that stopped while opening it, has been cleared."
        )


@pytest.mark.parametrize(
    "text",
    ["[]", '{"user": 1}', '{"user": "a", "host": "h", "pid": "12", "started": "", "since": "x", "version": ""}'],
)
def test_lock_text_of_the_wrong_shape_is_not_an_owner(text: str) -> None:
    assert LockOwner.from_text(text) is None


def test_release_leaves_a_lock_that_is_no_longer_ours(path: Path) -> None:
    workbook = Workbook.open(path)
    lock = write_lock(path, host="GO-LAPTOP-7")  # someone removed ours and took it: leave theirs
    workbook.close()
    assert lock.exists()


# -- sentences --------------------------------------------------------------------------------------


def test_times_are_told_as_people_say_them() -> None:
    now = datetime(2008, 6, 3, 16, 30)
    assert describe_time(datetime(2008, 6, 3, 14, 2), now) == "14:02 today"
    assert describe_time(datetime(2008, 6, 2, 9, 5), now) == "09:05 yesterday"
    assert describe_time(datetime(2008, 5, 28, 9, 5), now) == "09:05 on 28 May"
    assert describe_time(datetime(2007, 12, 31, 23, 59), now) == "23:59 on 31 December 2007"
    assert describe_time(now + timedelta(days=1), now) == "16:30 on 4 June"
