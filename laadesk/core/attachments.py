"""Evidence attached to a workbook: departments' evidence packs, council minutes, the signed adoption
letter - what each file is (sniffed from its bytes, never from its name), and the limits.

An attachment is internal to government or shareable, and the two are kept apart by construction:
two kinds of record in two tables (with their contents in two more), so the council copy and every
council-bound output leave the internal ones out as they leave out every internal kind. laadesk
stores, lists and extracts an attachment; it never runs or interprets one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_FILE_BYTES = 25 * 1000 * 1000  # 25 MB a file
MAX_WORKBOOK_BYTES = 250 * 1000 * 1000  # 250 MB a workbook, internal and shareable together
MAX_NAME = 120
KINDS = ("PDF", "XLSX", "DOCX", "ODT", "CSV", "PNG", "JPEG")
# The extension a private copy opened in the system's viewer gets: from what the bytes are, so a file
# named "minutes.pdf.exe" that is a PDF opens as a PDF, and nothing is ever opened as a program.
EXTENSIONS = {
    "PDF": ".pdf",
    "XLSX": ".xlsx",
    "DOCX": ".docx",
    "ODT": ".odt",
    "CSV": ".csv",
    "PNG": ".png",
    "JPEG": ".jpg",
}


@dataclass(frozen=True)
class Attachment:
    """A file attached to the workbook that may go to the council (listed, with its hash, in its pack)."""

    sha256: str  # of the content: the same file twice is stored once
    name: str  # cleaned of path parts and control characters
    kind: str  # one of KINDS, sniffed from the content
    size: int  # bytes
    who: str
    when: str  # ISO 8601, UTC
    indicators: tuple[str, ...] = ()  # targets it is evidence for ("NI 153")
    sections: tuple[str, ...] = ()  # story sections it is evidence for (their ids)

    @property
    def key(self) -> str:
        return self.sha256

    @property
    def internal(self) -> bool:
        return False


@dataclass(frozen=True)
class InternalAttachment(Attachment):
    """A file attached for government's eyes only (a department's evidence pack): never to the council."""

    @property
    def internal(self) -> bool:
        return True


class AttachmentRefused(ValueError):
    """A file laadesk will not attach, with the sentence that says why."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_name(name: str) -> str:
    """The file's own name without any folder part ("../../x.pdf", "C:\\x\\y.pdf"), control or direction
    characters, at most MAX_NAME characters (keeping its extension)."""
    base = re.split(r"[/\\]", name)[-1]
    base = _CONTROL.sub("", base).strip().strip(".").strip()
    if len(base) > MAX_NAME:
        _stem, dot, extension = base.rpartition(".")
        extension = extension if dot and len(extension) <= 8 else ""
        base = base[: MAX_NAME - len(extension) - 1].rstrip() + ("." + extension if extension else "")
    return base or "attachment"


def sniff(data: bytes) -> str | None:
    """What the bytes are, among KINDS, by their own signature; None when laadesk does not keep that kind."""
    if data.startswith(b"%PDF-"):
        return "PDF"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return "CSV" if _looks_like_csv(data) else None


def _office_kind(data: bytes) -> str | None:
    """A zip is an Office Open XML or OpenDocument file by the parts it names (nothing is extracted)."""
    import io
    import zipfile  # only when a file is attached: the record types load at every start

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                return "ODT" if mimetype == b"application/vnd.oasis.opendocument.text" else None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    if "[Content_Types].xml" in names:
        if "xl/workbook.xml" in names:
            return "XLSX"
        if "word/document.xml" in names:
            return "DOCX"
    return None


def _looks_like_csv(data: bytes) -> bool:
    """Text (UTF-8, UTF-16 with its mark, or Windows-1252) in lines, with a separator on the first."""
    if not data or (b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return False
    head = data[:65536]
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return False
    if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    first = text.splitlines()[0] if text.splitlines() else ""
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return printable >= 0.98 * len(text) and any(sep in first for sep in ",;\t")


def viewing_name(attachment: Attachment) -> str:
    """The private copy's name: the attachment's own stem with its kind's extension."""
    stem = attachment.name.rsplit(".", 1)[0] if "." in attachment.name else attachment.name
    return (stem.strip() or "attachment") + EXTENSIONS[attachment.kind]


def describe_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} KB"
    return f"{size} bytes"


def check_room(size: int, held: int) -> None:
    """AttachmentRefused unless a file of `size` bytes fits, beside `held` bytes already attached."""
    if size > MAX_FILE_BYTES:
        raise AttachmentRefused(
            f"it is {describe_size(size)}; laadesk attaches files of up to {describe_size(MAX_FILE_BYTES)}"
        )
    if held + size > MAX_WORKBOOK_BYTES:
        raise AttachmentRefused(
            f"the workbook already holds {describe_size(held)} of attachments and may hold "
            f"{describe_size(MAX_WORKBOOK_BYTES)}; remove one first"
        )
