"""Attaching files to a workbook, listing them and extracting them byte for byte.

A file's content goes into its side's content table (`attachment_files` or the internal one), keyed
by its SHA-256, in the same transaction as its record: the same file twice is stored once, and an
undone attachment's content stays (its redo needs it) until the file is compacted. Nothing of an
attachment is read when a workbook opens; its content is read, and checked against its hash, only
when it is extracted.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from laadesk.core.attachments import (
    MAX_FILE_BYTES,
    Attachment,
    AttachmentRefused,
    InternalAttachment,
    check_room,
    clean_name,
    sniff,
    viewing_name,
)
from laadesk.core.edits import Edit, Put
from laadesk.core.errors import WorkbookCorrupt, WorkbookUnavailable
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.file_steps import link_into_place, os_reason, remove_quietly
from laadesk.store.history import EditLedger
from laadesk.store.tables import CONTENTS_OF, spec_for
from laadesk.store.workbook import Workbook


def content_table(attachment: Attachment) -> str:
    """The table holding the attachment's content: its records' side's."""
    return CONTENTS_OF[spec_for(attachment).name]


def every_attachment(snapshot: WorkbookSnapshot) -> list[Attachment]:
    """Shareable and internal alike, by name."""
    both: list[Attachment] = [*snapshot.attachments, *snapshot.internal_attachments]
    return sorted(both, key=lambda a: (a.name.casefold(), a.internal, a.sha256))


def held_bytes(snapshot: WorkbookSnapshot) -> int:
    return sum(a.size for a in every_attachment(snapshot))


@dataclass(frozen=True)
class PlannedAttachment:
    """An attachment ready to write: the edit adding its record, and `also`, which stores its content in
    the same transaction (the window puts both on its undo stack as one step). `already`: the same
    content is attached on that side, and nothing is to be written."""

    attachment: Attachment
    already: bool
    edit: Edit
    also: Callable[[sqlite3.Connection, EditLedger], None]


def read_file(path: Path) -> bytes:
    """The file's bytes, or WorkbookUnavailable with a sentence (not a file, unreadable, too large)."""
    try:
        status = path.stat()
    except OSError as error:
        raise WorkbookUnavailable(f"Cannot attach {path}: {error.strerror or error}.") from None
    if not stat.S_ISREG(status.st_mode):
        raise WorkbookUnavailable(f"Cannot attach {path}: it is not a file.")
    if status.st_size > MAX_FILE_BYTES:
        _make_room(status.st_size, 0, path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise WorkbookUnavailable(f"Cannot attach {path}: {error.strerror or error}.") from None
    return data


def _make_room(size: int, held: int, where: Path | str) -> None:
    """WorkbookUnavailable naming the file unless it fits (core/attachments.check_room)."""
    try:
        check_room(size, held)
    except AttachmentRefused as refused:
        raise WorkbookUnavailable(f"Cannot attach {where}: {refused}.") from None


def attach(
    workbook: Workbook,
    path: Path,
    *,
    internal: bool,
    indicators: tuple[str, ...] = (),
    sections: tuple[str, ...] = (),
) -> PlannedAttachment:
    """Attach the file at path (its content and its record in one transaction); WorkbookUnavailable with
    a sentence if it is refused. `already`: the same file was attached on that side, nothing was written."""
    data = read_file(path)
    return attach_bytes(
        workbook, data, path.name, internal=internal, indicators=indicators, sections=sections, shown=path
    )


def attach_bytes(
    workbook: Workbook,
    data: bytes,
    name: str,
    *,
    internal: bool,
    indicators: tuple[str, ...] = (),
    sections: tuple[str, ...] = (),
    shown: Path | str = "",
) -> PlannedAttachment:
    """Attach these bytes (the record and the content in one transaction)."""
    planned = plan_attachment(
        workbook.snapshot(),
        data,
        name,
        internal=internal,
        indicators=indicators,
        sections=sections,
        who=workbook.author,
        when=workbook.clock(),
        shown=shown,
    )
    if not planned.already:
        workbook.apply(planned.edit, also=planned.also)
    return planned


def plan_attachment(
    snapshot: WorkbookSnapshot,
    data: bytes,
    name: str,
    *,
    internal: bool,
    who: str,
    when: str,
    indicators: tuple[str, ...] = (),
    sections: tuple[str, ...] = (),
    shown: Path | str = "",
) -> PlannedAttachment:
    """What attaching these bytes would do; WorkbookUnavailable with a sentence if laadesk refuses them."""
    where = shown or name
    kind = sniff(data)
    if kind is None:
        raise WorkbookUnavailable(
            f"Cannot attach {where}: its content is not a PDF, Excel (.xlsx), Word (.docx), OpenDocument text "
            "(.odt), CSV, PNG or JPEG file, whatever its name says."
        )
    digest = hashlib.sha256(data).hexdigest()
    side: list[Attachment] = list(snapshot.internal_attachments if internal else snapshot.attachments)
    same = next((a for a in side if a.sha256 == digest), None)
    if same is not None:
        return PlannedAttachment(same, True, Edit("attach nothing", ()), _nothing)
    _make_room(len(data), held_bytes(snapshot), where)
    record_type = InternalAttachment if internal else Attachment
    record = record_type(digest, clean_name(name), kind, len(data), who, when, indicators, sections)
    table = content_table(record)

    def store_content(conn: sqlite3.Connection, _ledger: EditLedger) -> None:
        conn.execute(f'INSERT OR IGNORE INTO "{table}" (sha256, data) VALUES (?, ?)', (digest, data))

    return PlannedAttachment(record, False, attach_edit(record), store_content)


def _nothing(_conn: sqlite3.Connection, _ledger: EditLedger) -> None:
    """Nothing more to write."""


def attach_edit(record: Attachment) -> Edit:
    side = "an internal" if record.internal else "a shareable"
    return Edit(f"attach {record.name} ({side} {record.kind})", (Put(record),), how="attached", source=record.name)


def find_attachment(snapshot: WorkbookSnapshot, wanted: str) -> Attachment:
    """The attachment a person names: by its name (any case) or the start of its SHA-256 (8 or more digits)."""
    every = every_attachment(snapshot)
    named = [a for a in every if a.name.casefold() == wanted.strip().casefold()]
    if not named and len(wanted.strip()) >= 8:
        named = [a for a in every if a.sha256.startswith(wanted.strip().lower())]
    if len(named) == 1:
        return named[0]
    if not named:
        raise WorkbookUnavailable(
            f"The workbook has no attachment called {wanted!r}; `laadesk attachments FILE` lists them."
        )
    hashes = ", ".join(a.sha256[:12] for a in named)
    raise WorkbookUnavailable(f"Several attachments are called {wanted!r}; name one by its SHA-256 ({hashes}).")


def content_of(workbook: Workbook, attachment: Attachment) -> bytes:
    """The attached file's bytes, checked against its SHA-256 (WorkbookCorrupt if they were altered)."""
    found = workbook.read_content(content_table(attachment), attachment.sha256)
    if found is None or hashlib.sha256(found).hexdigest() != attachment.sha256:
        raise WorkbookCorrupt(
            f"{workbook.path} is damaged: the attached file {attachment.name} is missing or altered "
            "(its content no longer gives its SHA-256). Restore the workbook from a backup."
        )
    return found


def extract(workbook: Workbook, attachment: Attachment, out: Path) -> None:
    """Write the attached file to out, byte for byte, whole or not at all; never over an existing file."""
    if os.path.lexists(out):
        raise WorkbookUnavailable(f"{out} already exists; laadesk will not overwrite it. Choose another name.")
    if not out.parent.is_dir():
        raise WorkbookUnavailable(f"Cannot write {out}: the folder {out.parent} does not exist.")
    data = content_of(workbook, attachment)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        with open(partial, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        link_into_place(partial, out)
    except FileExistsError:
        raise WorkbookUnavailable(
            f"{out} already exists; laadesk will not overwrite it. Choose another name."
        ) from None
    except OSError as error:
        raise WorkbookUnavailable(f"Cannot write {out}: {os_reason(error)}.") from None
    finally:
        remove_quietly(partial)


def private_copy(workbook: Workbook, attachment: Attachment, folder: Path) -> Path:
    """A read-only copy of the attached file in folder (the caller's private one, mode 0700), named for
    what its bytes are, for the system's viewer to open; laadesk itself never runs or reads it."""
    data = content_of(workbook, attachment)
    target = folder / f"{attachment.sha256[:8]}-{viewing_name(attachment)}"
    if not target.exists():
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        partial.chmod(0o400)
        os.replace(partial, target)
    return target
