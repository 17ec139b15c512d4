"""Real files failing as they do on a laptop: a small disk that fills up or is write-protected, a drive
pulled out, writes the operating system refuses. Shared by tests/faults and tests/gui/test_faults_gui.py.

The small disk is a tmpfs of a few hundred kilobytes mounted for one test. Mounting needs root
(CI runs as root) or password-less sudo; anywhere else the test fails and says so, rather than
pretending to have checked what it could not.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

MOUNT_NEEDS = (
    "this test mounts a small tmpfs to fill up or write-protect a real filesystem, which needs root "
    "or password-less sudo (CI runs as root)"
)


def _privileged(command: list[str]) -> subprocess.CompletedProcess[str]:
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    return subprocess.run(prefix + command, capture_output=True, text=True, check=False)


class SmallDisk:
    """A tmpfs of `size_kb` kilobytes mounted on `folder`: a real filesystem that fills up, turns
    read-only, or vanishes like a USB stick pulled out."""

    def __init__(self, folder: Path, size_kb: int) -> None:
        self.folder = folder
        self.size_kb = size_kb
        self.filler = folder / "filler.bin"
        self.mounted = False

    def mount(self, *, read_only: bool = False) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        options = f"size={self.size_kb}k,mode=0777" + (",ro" if read_only else "")
        done = _privileged(["mount", "-t", "tmpfs", "-o", options, "laadesk-small-disk", str(self.folder)])
        if done.returncode != 0:
            pytest.fail(f"{MOUNT_NEEDS}; mount said: {done.stderr.strip()}")
        self.mounted = True

    def free_bytes(self) -> int:
        stat = os.statvfs(self.folder)
        return stat.f_bavail * stat.f_frsize

    def fill(self, leave: int = 0) -> None:
        """Take every free block but `leave` bytes (rounded down to whole blocks by the filesystem)."""
        self.filler.unlink(missing_ok=True)
        with self.filler.open("wb") as handle:
            handle.write(b"\0" * max(self.free_bytes() - leave, 0))
        assert self.free_bytes() <= leave

    def make_room(self) -> None:
        self.filler.unlink(missing_ok=True)

    def write_protect(self) -> None:
        """Remount read-only, as a write-protected stick or a share mounted read-only (no file may be
        open for writing at the time: the kernel refuses, as it would for a real disk)."""
        done = _privileged(["mount", "-o", "remount,ro", str(self.folder)])
        assert done.returncode == 0, done.stderr

    def pull(self) -> None:
        """Take the filesystem away while files on it are open, as pulling a USB stick does: the path
        no longer leads to the file (the mount point is an empty folder again), while programs
        holding it open keep their handle (`umount --lazy`)."""
        done = _privileged(["umount", "--lazy", str(self.folder)])
        assert done.returncode == 0, done.stderr
        self.mounted = False

    def unmount(self) -> None:
        if self.mounted:
            _privileged(["umount", "--lazy", str(self.folder)])
            self.mounted = False


@contextmanager
def small_disk(folder: Path, size_kb: int, *, read_only: bool = False) -> Iterator[SmallDisk]:
    disk = SmallDisk(folder, size_kb)
    disk.mount(read_only=read_only)
    try:
        yield disk
    finally:
        disk.unmount()


@contextmanager
def writes_fail_beyond(limit: int) -> Iterator[None]:
    """The operating system refuses to write past `limit` bytes of any file (RLIMIT_FSIZE; Python
    ignores SIGXFSZ, so the write fails with EFBIG and SQLite reports a disk I/O error) - a drive
    failing under a save, cut at a chosen point."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def integrity(path: Path) -> str:
    """SQLite's full integrity check of the file as it is on disk (rolling back a hot journal first,
    as every opener does)."""
    conn = sqlite3.connect(path)
    try:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def stored(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Rows straight from the file, with a connection of its own."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [tuple(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()
