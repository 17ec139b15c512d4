"""Attachments: what a file is by its bytes (never its name), its name cleaned, and the limits."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook as Book

from laadesk.core.attachments import (
    MAX_FILE_BYTES,
    MAX_NAME,
    MAX_WORKBOOK_BYTES,
    AttachmentRefused,
    check_room,
    clean_name,
    sniff,
)


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def real_xlsx(tmp_path: Path) -> bytes:
    book = Book()
    book.active.append(["NI", "Baseline"])  # type: ignore[union-attr]
    book.save(tmp_path / "t.xlsx")
    return (tmp_path / "t.xlsx").read_bytes()


def test_each_kind_is_known_by_its_bytes(tmp_path: Path) -> None:
    assert sniff(b"%PDF-1.7\n...") == "PDF"
    assert sniff(b"\x89PNG\r\n\x1a\n\x00\x00") == "PNG"
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "JPEG"
    assert sniff(real_xlsx(tmp_path)) == "XLSX"
    assert sniff(zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})) == "DOCX"
    assert sniff(zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})) == "ODT"
    assert sniff(b"NI,Baseline,2010/11\nNI 116,22.0,20.0\n") == "CSV"
    assert sniff("NI;Niveau\nNI 116;22,0\n".encode("cp1252")) == "CSV"
    assert sniff("NI,Baseline\n".encode("utf-16")) == "CSV"


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows program named evidence.pdf
        b"#!/bin/sh\nrm -rf ~\n",
        b"",
        b"\x00\x01\x02\x03" * 100,
        zipped({"payload.exe": b"MZ"}),  # a zip that is no office document
        zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),  # ODS: not a kind laadesk keeps
        b"PK\x03\x04 not really a zip",
        b"just one line of text without a separator",
    ],
    ids=["exe", "script", "empty", "binary", "zip", "ods", "broken zip", "plain text"],
)
def test_what_laadesk_does_not_keep_is_refused_whatever_its_name(data: bytes) -> None:
    assert sniff(data) is None


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("evidence.pdf", "evidence.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\ruth\\Desktop\\DCSF pack.pdf", "DCSF pack.pdf"),
        ("minutes\x00\x07.pdf", "minutes.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # a right-to-left override hiding the real extension
        ("..", "attachment"),
        ("   ", "attachment"),
    ],
)
def test_names_lose_folders_and_control_characters(given: str, kept: str) -> None:
    assert clean_name(given) == kept


def test_a_long_name_keeps_its_extension() -> None:
    cleaned = clean_name("a" * 300 + ".xlsx")
    assert len(cleaned) <= MAX_NAME and cleaned.endswith(".xlsx")


def test_the_limits_are_25_mb_a_file_and_250_mb_a_workbook() -> None:
    check_room(MAX_FILE_BYTES, 0)
    check_room(MAX_FILE_BYTES, MAX_WORKBOOK_BYTES - MAX_FILE_BYTES)
    with pytest.raises(AttachmentRefused, match=re.escape("it is 25.0 MB; laadesk attaches files of up to 25.0 MB")):
        check_room(MAX_FILE_BYTES + 1, 0)
    with pytest.raises(
        AttachmentRefused, match=re.escape("already holds 249.0 MB of attachments and may hold 250.0 MB")
    ):
        check_room(2_000_000, 249_000_000)
