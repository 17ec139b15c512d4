"""Backups: complete copies from the open workbook, thinned as they age, restored only into new files."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.files import digest
from support.records import catalogue, complete

from laadesk.core.edits import add
from laadesk.core.errors import WorkbookCorrupt, WorkbookUnavailable
from laadesk.core.model import AreaProfile
from laadesk.store import backups, opening, restoring
from laadesk.store.backups import Backup, BackupFailed, backups_to_keep, list_backups, take_backup, thin_folder
from laadesk.store.locks import lock_path
from laadesk.store.migrations import SCHEMA_VERSION
from laadesk.store.workbook import Workbook

DATA = Path(__file__).resolve().parent.parent / "data"
NOW = datetime(2008, 6, 3, 14, 2, 5)


def dump(path: Path) -> list[str]:
    """Every table, row and setting of a file, as SQL: equal dumps, equal workbooks."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        pragmas = [str(conn.execute(f"PRAGMA {p}").fetchone()[0]) for p in ("user_version", "application_id")]
        return pragmas + list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "area.laa"
    with Workbook.create(file, AreaProfile("Kingsmere"), catalogue(), author="tester") as workbook:
        workbook.apply(add(complete(), "add NI 116"))
    return file


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "backups"


# -- the thinning policy, with fake times --------------------------------------------------------


def test_every_backup_from_the_last_hour_is_kept() -> None:
    times = [NOW - timedelta(minutes=m) for m in range(0, 60, 5)]
    assert backups_to_keep(times, NOW) == set(times)


def test_one_an_hour_for_a_day_the_newest_of_each_hour() -> None:
    times = [datetime(2008, 6, 3, 9, m) for m in (0, 20, 40)] + [datetime(2008, 6, 2, 16, m) for m in (5, 55)]
    assert backups_to_keep(times, NOW) == {datetime(2008, 6, 3, 9, 40), datetime(2008, 6, 2, 16, 55)}


def test_one_a_day_for_a_month_then_one_a_week() -> None:
    times = [
        datetime(2008, 6, 1, 9, 0),
        datetime(2008, 6, 1, 17, 30),  # the newest of 1 June
        datetime(2008, 5, 6, 10, 0),  # 28 days old: its own day
        datetime(2008, 4, 28, 9, 0),  # Monday, ISO week 18
        datetime(2008, 5, 2, 16, 0),  # Friday, week 18: the newest of the week
        datetime(2008, 4, 27, 9, 0),  # Sunday, week 17
    ]
    assert backups_to_keep(times, NOW) == {
        datetime(2008, 6, 1, 17, 30),
        datetime(2008, 5, 6, 10, 0),
        datetime(2008, 5, 2, 16, 0),
        datetime(2008, 4, 27, 9, 0),
    }


def test_backups_from_the_future_after_a_clock_change_are_kept() -> None:
    ahead = [NOW + timedelta(hours=2), NOW + timedelta(hours=2, minutes=5)]
    assert backups_to_keep(ahead, NOW) == set(ahead)


def test_two_months_of_work_thinned_as_it_goes() -> None:
    """Every 5 minutes of an 8-hour working day for 60 days, thinned after each backup as laadesk does."""
    start = datetime(2008, 4, 1, 9, 0)
    kept: set[datetime] = set()
    taken: list[datetime] = []
    for day in range(60):
        for step in range(8 * 12):
            now = start + timedelta(days=day, minutes=5 * step)
            taken.append(now)
            kept = backups_to_keep(kept | {now}, now)
    now = taken[-1]
    # Thinning as it goes keeps exactly what thinning everything at the end would: nothing is lost
    # that the policy promises (the newest of every hour, day and week).
    assert kept == backups_to_keep(taken, now)
    last_hour = [t for t in kept if now - t < timedelta(hours=1)]
    hourly = [t for t in kept if timedelta(hours=1) <= now - t < timedelta(days=1)]
    daily = [t for t in kept if timedelta(days=1) <= now - t < timedelta(days=30)]
    weekly = [t for t in kept if now - t >= timedelta(days=30)]
    assert len(last_hour) == 12
    assert len(hourly) == 7  # 9:00 to 15:59 today (yesterday's last, 16:55, is exactly a day old)
    assert len(daily) == 29 and len({t.date() for t in daily}) == 29
    assert len({t.isocalendar()[:2] for t in weekly}) == len(weekly)
    assert 4 <= len(weekly) <= 6
    assert len(kept) < 60 and len(taken) == 5760


# -- taking a backup ----------------------------------------------------------------------------


def test_a_backup_is_a_complete_workbook_named_by_time_and_reason(path: Path, root: Path) -> None:
    with Workbook.open(path) as workbook:
        backup = take_backup(workbook, backups.PERIODIC, root, now=NOW)
        expected = workbook.snapshot()
        # The workbook stays open and writable after its backup.
        workbook.apply(add(complete("NI 117"), "add NI 117"))
    assert backup == Backup(root / "area" / "area 2008-06-03 140205 periodic.laa", "area", NOW, "periodic")
    assert Backup.from_path(backup.path) == backup
    with Workbook.open(backup.path, read_only=True) as copy:
        assert copy.snapshot() == expected
        assert [t.code for t in copy.targets()] == ["NI 116"]
    assert opening.inspect_header(backup.path) == SCHEMA_VERSION
    assert sorted(p.name for p in backup.path.parent.iterdir()) == [backup.path.name]  # no partial file
    assert stat.S_IMODE(backup.path.parent.stat().st_mode) == 0o700  # backups hold internal notes


def test_two_backups_in_one_second_both_kept(path: Path, root: Path) -> None:
    with Workbook.open(path) as workbook:
        first = take_backup(workbook, backups.BEFORE_IMPORT, root, now=NOW)
        second = take_backup(workbook, backups.BEFORE_IMPORT, root, now=NOW)
    assert first.path.name == "area 2008-06-03 140205 before-import.laa"
    assert second.path.name == "area 2008-06-03 140205 before-import 2.laa"
    assert Backup.from_path(second.path) is not None


def test_a_backup_that_cannot_be_written_is_a_sentence(path: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    with Workbook.open(path) as workbook, pytest.raises(BackupFailed) as raised:
        take_backup(workbook, backups.PERIODIC, blocked, now=NOW)
    assert str(raised.value) == f"Could not back up {path} to {blocked / 'area'}: not a directory."


def test_taking_a_backup_thins_the_older_ones(path: Path, root: Path) -> None:
    with Workbook.open(path) as workbook:
        morning = [take_backup(workbook, backups.PERIODIC, root, now=NOW.replace(hour=9, minute=m)) for m in (0, 30)]
        migration = take_backup(workbook, backups.BEFORE_MIGRATION, root, now=NOW.replace(hour=9, minute=10))
        latest = take_backup(workbook, backups.PERIODIC, root, now=NOW)
    assert not morning[0].path.exists()  # 9:00 and 9:30 share an hour: only the newer stays
    assert morning[1].path.exists() and latest.path.exists()
    assert migration.path.exists()  # never thinned


def test_thinning_leaves_files_that_are_not_backups_alone(root: Path, path: Path) -> None:
    folder = root / "area"
    folder.mkdir(parents=True)
    for name in ("notes.txt", "area 2008-06-03 090000 periodic.laa.bak", "other 2008-06-03 090000 periodic.laa"):
        (folder / name).write_text("mine")
    for minute in (0, 30):
        shutil.copyfile(path, folder / f"area 2008-06-03 09{minute:02d}00 periodic.laa")
    removed = thin_folder(folder, now=NOW)
    assert removed == [folder / "area 2008-06-03 090000 periodic.laa"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "area 2008-06-03 090000 periodic.laa.bak",
        "area 2008-06-03 093000 periodic.laa",
        "notes.txt",
        "other 2008-06-03 090000 periodic.laa",
    ]


def test_backups_are_listed_newest_first_for_one_workbook_or_all(path: Path, root: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.laa"
    shutil.copyfile(path, other)
    with Workbook.open(path) as workbook:
        early = take_backup(workbook, backups.BEFORE_IMPORT, root, now=NOW - timedelta(minutes=10))
        late = take_backup(workbook, backups.PERIODIC, root, now=NOW)
    with Workbook.open(other) as workbook:
        middle = take_backup(workbook, backups.PERIODIC, root, now=NOW - timedelta(minutes=5))
    assert list_backups(root, "area") == [late, early]
    assert list_backups(root) == [late, middle, early]
    assert list_backups(root, "nothing") == [] and list_backups(tmp_path / "missing") == []
    assert early.why == "before an import" and late.why == "while editing"


# -- before a migration --------------------------------------------------------------------------


def test_opening_an_older_format_backs_it_up_before_migrating(tmp_path: Path, root: Path) -> None:
    copy = tmp_path / "workbook-format-1.laa"
    shutil.copyfile(DATA / "workbook-format-1.laa", copy)
    original = dump(copy)
    with Workbook.open(copy, backup_folder=root) as workbook:
        assert workbook.schema_version == SCHEMA_VERSION
    [backup] = list_backups(root, "workbook-format-1")
    assert backup.reason == backups.BEFORE_MIGRATION
    assert opening.inspect_header(backup.path) == 1
    conn = sqlite3.connect(f"{backup.path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        conn.close()
    assert dump(backup.path) == original  # the workbook exactly as the older laadesk left it
    assert restoring.summarise(backup.path).area == "Fixtureshire"
    # Opened again, nothing more to migrate and no second backup.
    Workbook.open(copy, backup_folder=root).close()
    assert len(list_backups(root, "workbook-format-1")) == 1


def test_the_default_backup_folder_is_in_the_user_data_folder(tmp_path: Path, user_data: Path) -> None:
    copy = tmp_path / "old.laa"
    shutil.copyfile(DATA / "workbook-format-1.laa", copy)
    Workbook.open(copy).close()
    assert backups.default_folder() == user_data / "backups"
    assert [b.reason for b in list_backups(user_data / "backups", "old")] == [backups.BEFORE_MIGRATION]


def test_no_migration_without_its_backup(tmp_path: Path) -> None:
    copy = tmp_path / "old.laa"
    shutil.copyfile(DATA / "workbook-format-1.laa", copy)
    before = copy.read_bytes()
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    with pytest.raises(WorkbookUnavailable) as raised:
        Workbook.open(copy, backup_folder=blocked)
    assert str(raised.value) == (
        f"{copy} was not upgraded to this laadesk's format: backing it up first to {blocked / 'old'} "
        "failed (not a directory), so nothing was changed."
    )
    assert copy.read_bytes() == before
    assert not lock_path(copy).exists()
    with Workbook.open(copy, read_only=True) as workbook:  # still readable: migrated in memory only
        assert workbook.area().name == "Fixtureshire"


# -- summaries and restoring ----------------------------------------------------------------------


def test_a_summary_is_read_from_the_backup_itself(path: Path, root: Path) -> None:
    with Workbook.open(path) as workbook:
        backup = take_backup(workbook, backups.PERIODIC, root, now=NOW)
        workbook.apply(add(complete("NI 117"), "add NI 117"))
    summary = restoring.summarise(backup.path)
    assert summary.line() == "Kingsmere: 1 target chosen, 0 champion notes"


def test_restore_writes_a_new_file_and_never_overwrites(path: Path, root: Path, tmp_path: Path) -> None:
    with Workbook.open(path) as workbook:
        backup = take_backup(workbook, backups.PERIODIC, root, now=NOW)
        workbook.apply(add(complete("NI 117"), "add NI 117"))
    restored = tmp_path / "restored.laa"
    restoring.restore(backup.path, restored)
    assert digest(restored) == digest(backup.path)
    with Workbook.open(restored) as workbook:
        assert [t.code for t in workbook.targets()] == ["NI 116"]
    before = digest(path)
    with pytest.raises(WorkbookUnavailable) as raised:
        restoring.restore(backup.path, path)
    assert str(raised.value) == f"{path} already exists; laadesk restores only into a new file. Choose a new name."
    assert digest(path) == before
    with pytest.raises(WorkbookUnavailable, match=r"the folder .* does not exist"):
        restoring.restore(backup.path, tmp_path / "missing" / "x.laa")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["area.laa", "backups", "restored.laa"]


def test_a_damaged_backup_is_not_restored(path: Path, root: Path, tmp_path: Path) -> None:
    with Workbook.open(path) as workbook:
        backup = take_backup(workbook, backups.PERIODIC, root, now=NOW)
    data = backup.path.read_bytes()
    backup.path.write_bytes(data[: len(data) // 2])
    target = tmp_path / "restored.laa"
    with pytest.raises(WorkbookCorrupt, match=r"cut short\. Restore it from a backup\.$") as raised:
        restoring.restore(backup.path, target)
    assert str(raised.value).startswith(str(backup.path))
    assert not target.exists()
