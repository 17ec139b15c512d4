"""The Linux menu entry and workbook file type, checked with the tools a desktop uses."""

from __future__ import annotations

import configparser
import shutil
import sqlite3
from pathlib import Path

import pytest
from installer_helpers import REPO, content_type, desktop_env, run

from installers import product

LINUX = REPO / "installers" / "linux"


@pytest.fixture
def mime_home(tmp_path: Path) -> Path:
    """A home whose MIME database holds laadesk's type, built by update-mime-database."""
    home = tmp_path / "home"
    packages = home / ".local" / "share" / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy2(LINUX / "laadesk-workbook.xml", packages)
    done = run(["update-mime-database", packages.parent], env=desktop_env(home))
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr  # it warns about any XML it rejects
    return home


def test_the_desktop_file_passes_desktop_file_validate() -> None:
    done = run(["desktop-file-validate", LINUX / "laadesk.desktop"])
    assert done.returncode == 0
    assert done.stdout.strip() == ""  # not even a hint


def test_the_desktop_file_opens_workbooks_with_laadesk_and_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / "laadesk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == f"{product.NAME} %f"
    assert desktop["Icon"] == product.NAME
    assert desktop["MimeType"].split(";")[0] == product.WORKBOOK_MIME_TYPE


def test_a_workbook_is_known_by_its_name(mime_home: Path, workbook: Path) -> None:
    assert content_type(workbook, desktop_env(mime_home)) == product.WORKBOOK_MIME_TYPE


def test_a_workbook_is_known_by_its_content_when_renamed(mime_home: Path, workbook: Path) -> None:
    renamed = workbook.with_name("Kingsmere copy")
    shutil.copy2(workbook, renamed)
    assert content_type(renamed, desktop_env(mime_home)) == product.WORKBOOK_MIME_TYPE


def test_another_sqlite_file_is_not_taken_for_a_workbook(mime_home: Path, tmp_path: Path) -> None:
    other = tmp_path / "notes"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    assert content_type(other, desktop_env(mime_home)) == "application/vnd.sqlite3"


def test_xdg_mime_names_the_workbook_type(mime_home: Path, workbook: Path) -> None:
    done = run(["xdg-mime", "query", "filetype", workbook], env=desktop_env(mime_home))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == product.WORKBOOK_MIME_TYPE


def test_the_workbook_magic_matches_laadesk_application_id(workbook: Path) -> None:
    from laadesk.store.migrations import APPLICATION_ID

    xml = (LINUX / "laadesk-workbook.xml").read_text(encoding="utf-8")
    assert f'value="0x{APPLICATION_ID:08X}"' in xml
    assert workbook.read_bytes()[68:72] == APPLICATION_ID.to_bytes(4, "big")
