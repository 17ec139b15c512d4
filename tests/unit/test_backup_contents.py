"""Attached files are kept once across a workbook's backups, and put back whole when one is restored."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

import pytest
from support.records import catalogue, complete

from laadesk.core.edits import add, remove
from laadesk.core.errors import WorkbookCorrupt
from laadesk.core.model import AreaProfile
from laadesk.store import backups, restoring
from laadesk.store.attachments import attach_bytes, content_of, find_attachment
from laadesk.store.backup_contents import FOLDER
from laadesk.store.backups import take_backup
from laadesk.store.workbook import Workbook

NOW = datetime(2008, 6, 3, 14, 2, 5)
PACK = b"%PDF-1.4\n" + os.urandom(2_000_000)  # a department's evidence pack, 2 MB
LETTER = b"%PDF-1.4\n" + os.urandom(300_000)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "area.laa"
    with Workbook.create(file, AreaProfile("Kingsmere"), catalogue(), author="tester") as workbook:
        workbook.apply(add(complete(), "add NI 116"))
        attach_bytes(workbook, PACK, "dcsf pack.pdf", internal=True)
        attach_bytes(workbook, LETTER, "adoption letter.pdf", internal=False)
    return file


def test_each_attached_file_is_kept_once_however_many_backups(path: Path, tmp_path: Path) -> None:
    root = tmp_path / "backups"
    with Workbook.open(path) as workbook:
        taken = [take_backup(workbook, backups.PERIODIC, root, now=NOW.replace(minute=m)) for m in (1, 2, 3)]
    store = root / "area" / FOLDER
    assert sorted(p.name for p in store.iterdir()) == sorted(hashlib.sha256(d).hexdigest() for d in (PACK, LETTER))
    for backup in taken:  # the records, not the 2.3 MB of contents
        assert backup.path.stat().st_size < path.stat().st_size - 2_000_000


def test_a_restored_backup_has_every_attached_file_back_byte_for_byte(path: Path, tmp_path: Path) -> None:
    root = tmp_path / "backups"
    with Workbook.open(path) as workbook:
        backup = take_backup(workbook, backups.PERIODIC, root, now=NOW)
    restored = tmp_path / "restored.laa"
    restoring.restore(backup.path, restored)
    with Workbook.open(restored, read_only=True) as workbook:
        snapshot = workbook.snapshot()
        assert content_of(workbook, find_attachment(snapshot, "dcsf pack.pdf")) == PACK
        assert content_of(workbook, find_attachment(snapshot, "adoption letter.pdf")) == LETTER
    assert restored.stat().st_size > 2_000_000


def test_a_backup_whose_kept_file_was_altered_is_not_restored_half(path: Path, tmp_path: Path) -> None:
    root = tmp_path / "backups"
    with Workbook.open(path) as workbook:
        backup = take_backup(workbook, backups.PERIODIC, root, now=NOW)
    (root / "area" / FOLDER / hashlib.sha256(PACK).hexdigest()).write_bytes(b"altered")
    with pytest.raises(WorkbookCorrupt, match=r"the attached file dcsf pack\.pdf is missing or altered"):
        restoring.restore(backup.path, tmp_path / "restored.laa")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["area.laa", "backups"]


def test_thinning_removes_a_file_no_kept_backup_names(path: Path, tmp_path: Path) -> None:
    root = tmp_path / "backups"
    store = root / "area" / FOLDER
    draft = b"%PDF-1.4\na draft, attached for an afternoon\n"
    with Workbook.open(path) as workbook:
        attach_bytes(workbook, draft, "draft.pdf", internal=True)
        morning = take_backup(workbook, backups.PERIODIC, root, now=NOW.replace(hour=9))
        (held,) = [a for a in workbook.snapshot().internal_attachments if a.name == "draft.pdf"]
        workbook.apply(remove(held, "remove the draft"))
        take_backup(workbook, backups.PERIODIC, root, now=NOW.replace(hour=10))
        assert hashlib.sha256(draft).hexdigest() in {p.name for p in store.iterdir()}  # 9:00 still names it
        morning.path.unlink()  # as thinning does when the morning's backup ages out
        take_backup(workbook, backups.PERIODIC, root, now=NOW.replace(hour=11))
    kept = {p.name for p in store.iterdir()}
    assert hashlib.sha256(draft).hexdigest() not in kept
    assert {hashlib.sha256(PACK).hexdigest(), hashlib.sha256(LETTER).hexdigest()} <= kept
