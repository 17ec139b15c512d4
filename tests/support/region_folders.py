"""Region folders for the region desk and roll-up tests: generated workbooks, every kind of file that is
not one (or cannot be read), a workbook locked by another process, a colleague editing one, canaries."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from laadesk.core.edits import Edit, Put
from laadesk.core.model import ChampionNote, NoteKind, Position, Role, Visibility
from laadesk.store.migrations import SCHEMA_VERSION
from laadesk.store.reference import ReferenceArea
from laadesk.store.region_demo import build_region, file_name, region_areas
from laadesk.store.tables import internal_tables
from laadesk.store.workbook import Workbook
from support.cli import Cli, Result
from support.damage import leave_half_saved, sqlite_execute
from support.locks import write_lock

HUGE = (1 << 30) + 4096  # just over the 1 GiB a workbook can never reach; sparse, so it costs no disk


@dataclass(frozen=True)
class BadFile:
    """A file in the folder that must be named once, with words its sentence must hold."""

    name: str  # as the region's lists show it: relative to the folder
    words: str


def set_area(path: Path, **fields: object) -> None:
    """Change the workbook's area profile through laadesk's own Workbook API."""
    with Workbook.open(path, author="Test Officer") as workbook:
        workbook.apply(Edit("change the area for a test", (Put(replace(workbook.area(), **fields)),)))


def not_a_workbook(path: Path) -> None:
    path.write_text("Notes from the North West away day.\nNot a workbook at all.\n", encoding="utf-8")


def empty(path: Path) -> None:
    path.write_bytes(b"")


def truncated(path: Path, good: Path) -> None:
    """The first half of a good workbook, as a copy cut short leaves it."""
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def too_new(path: Path, good: Path) -> None:
    """A good workbook whose header says a newer laadesk wrote it (PRAGMA user_version at offset 60)."""
    data = bytearray(good.read_bytes())
    data[60:64] = (SCHEMA_VERSION + 1).to_bytes(4, "big")
    path.write_bytes(bytes(data))


def huge(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(HUGE)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def dangling(path: Path) -> None:
    path.symlink_to(path.with_name("gone-for-good.laa"))


def unreadable(path: Path, good: Path) -> None:
    """A workbook nobody may read (mode 000). Root reads it anyway: only an unprivileged run proves it."""
    shutil.copyfile(good, path)
    path.chmod(0)


def unreadable_folder(folder: Path, good: Path) -> None:
    """A sub-folder nobody may list, with a workbook in it."""
    folder.mkdir()
    shutil.copyfile(good, folder / "hidden-away.laa")
    folder.chmod(0)


def hidden_things(folder: Path, good: Path) -> list[str]:
    """Files a region folder holds that are not workbooks of the region; each would show if read."""
    shutil.copyfile(good, folder / ".hidden-copy.laa")
    backups = folder / ".backups"
    backups.mkdir()
    shutil.copyfile(good, backups / "older.laa")
    write_lock(folder / good.name)
    (folder / f".~lock.{good.name}#").write_text("LibreOffice,alice,GO-LAPTOP-7,03.06.2008 14:02;", encoding="utf-8")
    (folder / "readme.txt").write_text("the North West's workbooks", encoding="utf-8")
    shutil.copyfile(good, folder / f"{good.stem}.laa.bak")
    return [".hidden-copy.laa", ".backups/older.laa", f".{good.name}.lock"]


# -- a workbook another process holds ----------------------------------------------------------------

HOLD_EXCLUSIVE = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")  # in a rollback-journal file: no new reader may start until it ends
conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
conn.close()
"""


@contextmanager
def held_exclusively(path: Path) -> Iterator[None]:
    """Another process holds the workbook's EXCLUSIVE lock (as a save in progress does) until the block ends.

    It writes nothing: no journal is made beside it and the file is unchanged afterwards."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_EXCLUSIVE, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "locked"
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.1)
        try:
            try:
                probe.execute("SELECT count(*) FROM sqlite_schema").fetchone()
                raise AssertionError(f"{path} is not locked against readers")
            except sqlite3.OperationalError as busy:
                assert "locked" in str(busy), busy
        finally:
            probe.close()
        try:
            yield
        finally:
            holder.stdin.close()
            assert holder.wait(timeout=10) == 0


# -- a colleague editing a workbook meanwhile ----------------------------------------------------------

EDITOR = r"""
import sys, time
from dataclasses import replace
from laadesk.core.edits import Edit, Put
from laadesk.store.workbook import Workbook

path, code, seconds, pause = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
edits = 0
with Workbook.open(path, author="Colleague Editing") as workbook:
    target = next(t for t in workbook.targets() if t.code == code)
    print("editing", flush=True)
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        edits += 1
        level = 1000.0 + edits
        # Two fields changed together in one edit: a reader sees both or neither.
        changed = replace(target, target_2009_10=level, target_2010_11=level + 0.5, lead_partner=f"Edit {edits}")
        workbook.apply(Edit(f"edit {edits}", (Put(changed),)))
        time.sleep(pause)
print(edits, flush=True)
"""


@contextmanager
def being_edited(path: Path, code: str, seconds: float, pause: float = 0.02) -> Iterator[subprocess.Popen[str]]:
    """A process editing one target of the workbook with laadesk's Workbook API, over and over, for seconds,
    pause seconds between saves (a person at a keyboard; with none at all a writer saving back to back can
    keep a rollback-journal file's new readers out for longer than their 2 s wait: SQLite's locking).

    Each edit sets target_2009_10 = n, target_2010_11 = n + 0.5 and lead_partner = "Edit n" at once."""
    command = [sys.executable, "-c", EDITOR, str(path), code, str(seconds), str(pause)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as editor:
        assert editor.stdout is not None
        assert editor.stdout.readline().strip() == "editing"
        yield editor


# -- canaries ------------------------------------------------------------------------------------------

CANARY = "GOVSIDECANARY"  # every internal canary starts so
CANARY_FLOOR = 987654.321
SHAREABLE_CANARY = "SHAREABLECANARY Lead Partnership"


def write_canaries(path: Path) -> str:
    """A canary in every internal table (notes, positions and their floors, position history, history,
    agreed versions, held changes) and one in a chosen target's shareable lead partner; the target's code."""
    with Workbook.open(path, author=f"{CANARY}-author") as workbook:
        target = next(t for t in workbook.targets() if t.role is Role.DESIGNATED)
        workbook.apply(
            Edit(
                f"{CANARY}-history: negotiate",
                (
                    Put(
                        ChampionNote(
                            "c1", f"{CANARY}-champion", f"{CANARY}-note", NoteKind.STICKING_POINT, date(2008, 5, 2)
                        )
                    ),
                    Put(
                        ChampionNote(
                            "c2",
                            f"{CANARY}-champion",
                            f"{CANARY}-shareable-note",
                            NoteKind.DECISION,
                            date(2008, 5, 3),
                            visibility=Visibility.SHAREABLE,
                        )
                    ),
                    Put(Position(target.code, "2009/10", 123.0, 876543.25, None, CANARY_FLOOR)),
                    Put(replace(target, lead_partner=SHAREABLE_CANARY)),
                ),
            )
        )
    sqlite_execute(
        path,
        'INSERT INTO agreed_versions (label, "when", who, sha256, form, change_id) VALUES '
        f"('{CANARY}-label', '2008-06-01T10:00:00+00:00', '{CANARY}-who', '{CANARY}-sha', 'xlsx', '{CANARY}-id')",
        "INSERT INTO held_changes (source, at, kind, record_key, ours, theirs, theirs_record, change_id) VALUES "
        f"('{CANARY}-source', '2008-06-01T10:00:00+00:00', 'targets', 'NI 1', '{CANARY}-ours', "
        f"'{CANARY}-theirs', '{CANARY}-record', '{CANARY}-id')",
    )
    canary_every_other_internal_table(path)
    return target.code


def canary_every_other_internal_table(path: Path) -> None:
    """A row of canaries in each internal table that has none yet (one added to laadesk later too):
    text in every text column, the canary floor in every number column."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for table in internal_tables():
            if CANARY in repr(conn.execute(f'SELECT * FROM "{table}"').fetchall()):
                continue
            columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()  # cid, name, type, notnull, default, pk
            values = {
                name: (
                    None
                    if pk and kind == "INTEGER"
                    else 1
                    if kind == "INTEGER"
                    else CANARY_FLOOR
                    if kind == "REAL"
                    else f"{CANARY}-{table}-{name}"
                )
                for _, name, kind, _, _, pk in columns
            }
            names = ", ".join(f'"{n}"' for n in values)
            conn.execute(
                f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(values))})', tuple(values.values())
            )
    finally:
        conn.close()


# -- the folder, unchanged -----------------------------------------------------------------------------


def fingerprint(folder: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under folder, hidden ones too: its kind, mode, size and modification time, and for a
    regular file of a workbook's size its content digest. Pipes and unreadable folders are not opened."""
    found: dict[str, tuple[object, ...]] = {}
    for root, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            path = Path(root) / name
            status = path.lstat()
            digest = ""
            if stat.S_ISREG(status.st_mode) and status.st_size < (64 << 20):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[path.relative_to(folder).as_posix()] = (
                stat.S_IFMT(status.st_mode),
                stat.S_IMODE(status.st_mode),
                status.st_size,
                status.st_mtime_ns,
                digest,
            )
    return found


# -- the folder with every bad file -------------------------------------------------------------------

BAD_REGION = "North West"  # 22 areas, three of them two-tier counties with districts (sub-area rows)
SUB_FOLDER = "merseyside"
LOCKED = "wirral.laa"  # held EXCLUSIVE by another process while the commands run
DUPLICATED = "bolton.laa"


@dataclass(frozen=True)
class BadRegion:
    """A folder of generated workbooks with one of every file that cannot be rolled up."""

    folder: Path
    areas: dict[str, ReferenceArea]  # each area that must be read, by its workbook's name as shown
    bad: tuple[BadFile, ...]
    ignored: tuple[str, ...]  # hidden files and folders (a workbook among them): never read, never named
    locked: Path


def build_bad_region(folder: Path) -> BadRegion:
    """22 areas' workbooks (3 in a sub-folder; one locked while the commands run) and every bad file.

    More than store/rollup.PARALLEL_FROM files, so the roll-up reads them in more than one process."""
    areas = region_areas(BAD_REGION)
    top, sub = areas[:18] + areas[21:], areas[18:21]
    build_region(folder, top)
    build_region(folder / SUB_FOLDER, sub)
    good = folder / DUPLICATED
    # Two more copies of an area, both read by the second process of the roll-up: each names the first.
    shutil.copyfile(good, folder / "zz-second-copy.laa")
    shutil.copyfile(good, folder / "zz-third-copy.laa")
    shutil.copyfile(folder / file_name(areas[3]), folder / "no-ons-code.laa")
    set_area(folder / "no-ons-code.laa", ons_code="", name="Nameless Borough")
    not_a_workbook(folder / "notes.laa")
    empty(folder / "empty.laa")
    truncated(folder / "truncated.laa", good)
    too_new(folder / "too-new.laa", good)
    huge(folder / "huge.laa")
    fifo(folder / "pipe.laa")
    dangling(folder / "dangling.laa")
    unreadable(folder / "unreadable.laa", good)
    unreadable_folder(folder / "locked-away", good)
    ignored = hidden_things(folder, good)
    bad = (
        BadFile("dangling.laa", "is a link to a file that no longer exists"),
        BadFile("empty.laa", "is empty"),
        BadFile("huge.laa", "far larger than any workbook"),
        BadFile("locked-away", "is a folder that cannot be read (Permission denied)"),
        BadFile("no-ons-code.laa", "has no ONS code"),
        BadFile("notes.laa", "is not a laadesk workbook"),
        BadFile("pipe.laa", "is a pipe or a device"),
        BadFile("too-new.laa", "written by a newer laadesk"),
        BadFile("truncated.laa", "is damaged"),
        BadFile("unreadable.laa", "cannot be read: permission denied"),
        BadFile(LOCKED, "is in use by another program"),
        BadFile("zz-second-copy.laa", f"holds the same area (Bolton, 00BL) as {DUPLICATED}; only {DUPLICATED} is"),
        BadFile("zz-third-copy.laa", f"holds the same area (Bolton, 00BL) as {DUPLICATED}; only {DUPLICATED} is"),
    )
    read = {file_name(a): a for a in top if file_name(a) != LOCKED}
    read.update({f"{SUB_FOLDER}/{file_name(a)}": a for a in sub})
    return BadRegion(folder, read, bad, tuple(ignored), folder / LOCKED)


@dataclass(frozen=True)
class BadRun:
    """A command run twice on a bad region's folder (read_bad_region): its output with --json and plain,
    the folder's fingerprint before and after."""

    region: BadRegion
    cli: Cli
    json: Result
    plain: Result
    before: dict[str, tuple[object, ...]]
    after: dict[str, tuple[object, ...]]

    def named_skipped(self) -> list[dict[str, str]]:
        """Each bad file named once on stderr by both runs, neither waiting long on the locked workbook, and
        the JSON's list of skipped files giving the same sentences in the same order: that list."""
        assert self.json.seconds < 20 and self.plain.seconds < 20  # the locked workbook: 2 s, not for ever
        named_once(skipped_lines(self.json), self.region.bad)
        named_once(skipped_lines(self.plain), self.region.bad)
        skipped: list[dict[str, str]] = json.loads(self.json.out)["skipped"]
        assert [s["reason"] for s in skipped] == skipped_lines(self.json)
        return skipped

    def assert_the_folder_is_unchanged(self) -> None:
        """Every file of the folder as it was before the runs, and nothing made beside any workbook."""
        assert self.after == self.before
        no_sqlite_leftovers(self.region.folder)


def read_bad_region(base: Path, command: str, json_options: tuple[str, ...], plain_options: tuple[str, ...]) -> BadRun:
    """A bad region built in base/North West, and the command run on it twice (with json_options and --json;
    with plain_options), each expected to exit 1, as an officer without root's powers over files, while
    another process holds one workbook's EXCLUSIVE lock; the command line works in base/work.

    Unprivileged here is what support.cli does: root's account without CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH, so a file or folder with mode 000 cannot be read, as for any officer (were the
    run privileged, unreadable.laa would be read and named as a second Bolton instead, and the tests fail)."""
    region = build_bad_region(base / "North West")
    cli = Cli(base / "work", base / "data")
    before = fingerprint(region.folder)
    with held_exclusively(region.locked):
        shown = cli(command, region.folder, *json_options, "--json", expect=1, unprivileged=True, timeout=60)
        plain = cli(command, region.folder, *plain_options, expect=1, unprivileged=True, timeout=60)
    return BadRun(region, cli, shown, plain, before, fingerprint(region.folder))


def skipped_lines(result: Result) -> list[str]:
    """What the command said on stderr of each file it skipped: every line of it, without "skipped: "."""
    assert all(line.startswith("skipped: ") for line in result.err_lines), result.describe()
    return [line.removeprefix("skipped: ") for line in result.err_lines]


def named_once(lines: list[str], bad: tuple[BadFile, ...]) -> None:
    """Each bad file has exactly one sentence, which starts with its name and holds its words; no other."""
    assert len(lines) == len(bad), "\n".join(lines)
    for one in bad:
        saying = [line for line in lines if line.startswith(f"{one.name} ")]
        assert len(saying) == 1, (one.name, lines)
        assert one.words in saying[0], (one.words, saying[0])
        assert "\n" not in saying[0] and saying[0].endswith("."), saying[0]


def no_sqlite_leftovers(folder: Path) -> None:
    """No journal, WAL, shared-memory or laadesk lock file made anywhere in the folder."""
    made = [
        p
        for p in folder.rglob("*")
        if p.name.endswith(("-journal", "-wal", "-shm", ".partial", ".new"))
        or (p.name.endswith(".lock") and "bolton" not in p.name)
    ]
    assert made == []


# -- workbooks of older formats, switched to WAL, or left half-saved ------------------------------------

FORMATS = Path(__file__).resolve().parents[1] / "data"


def build_legacy_folder(folder: Path) -> tuple[dict[str, str], str]:
    """A copy of the fixture workbook of every older format (each given an ONS code of its own with plain
    sqlite3, its format unchanged), an older one and a current one switched to WAL by another program, and
    a current one left half-saved (a hot journal beside it). The readable ones by name -> ONS code, and the
    half-saved one's name."""
    folder.mkdir(parents=True)
    codes: dict[str, str] = {}
    for fixture in sorted(FORMATS.glob("workbook-format-*.laa")):
        version = int(fixture.stem.rsplit("-", 1)[1])
        if version >= SCHEMA_VERSION:
            continue
        copy = folder / f"format-{version}.laa"
        shutil.copyfile(fixture, copy)
        sqlite_execute(copy, f"UPDATE area SET ons_code = '98F{version}', name = 'Format {version} Area'")
        codes[copy.name] = f"98F{version}"
    older = folder / "format-1.laa"
    shutil.copyfile(older, folder / "older-wal.laa")
    sqlite_execute(folder / "older-wal.laa", "UPDATE area SET ons_code = '98W1'", "PRAGMA journal_mode = WAL")
    codes["older-wal.laa"] = "98W1"
    current, half = build_region(folder, region_areas("North East")[:2])
    sqlite_execute(current, "PRAGMA journal_mode = WAL")
    codes[current.name] = next(a.ons_code for a in region_areas("North East")[:1])
    leave_half_saved(half)
    assert not list(folder.glob("*-wal")) and Path(f"{half}-journal").exists()
    return codes, half.name


def user_version(path: Path) -> int:
    with open(path, "rb") as handle:
        return int.from_bytes(handle.read(64)[60:64], "big")


IN_USE = "format-2.laa"  # of the legacy folder: an older workbook a colleague's laadesk is saving meanwhile


@dataclass(frozen=True)
class LegacyRun:
    """A command run on the legacy folder (read_legacy_folder)."""

    folder: Path
    codes: dict[str, str]  # each workbook the command must read (all but IN_USE) -> its ONS code
    versions: dict[str, int]  # each readable workbook's format before the command ran, IN_USE's too
    result: Result


def read_legacy_folder(cli: Cli, command: str, *options: str) -> LegacyRun:
    """build_legacy_folder in cli's folder as 'legacy', and the command run on it (with options; expected
    to exit 1) while another process holds IN_USE: the command must name IN_USE and the half-saved
    workbook, each in its one sentence, and leave every file of the folder as it was (not upgraded, not
    rolled back, no -wal or -shm made)."""
    folder = cli.path("legacy")
    codes, half_saved = build_legacy_folder(folder)
    versions = {name: user_version(folder / name) for name in codes}
    before = fingerprint(folder)
    with held_exclusively(folder / IN_USE):
        done = cli(command, folder, *options, expect=1, timeout=30)
    assert sorted(skipped_lines(done)) == sorted(
        [
            f"{IN_USE} is in use by another program; try again in a moment.",
            f"{half_saved} was left half-saved when a program stopped ({half_saved}-journal beside it is the "
            "record that puts it right); it was not read, and opening it in laadesk for editing puts it right.",
        ]
    )
    assert fingerprint(folder) == before
    del codes[IN_USE]
    return LegacyRun(folder, codes, versions, done)
