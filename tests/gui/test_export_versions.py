"""The export dialog's "Made from:" (the workbook now, or an agreed version: its label, day and hash
on the cover) and "Changes since:" (a section of the PDF listing each change since a version)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from support.gui import export_drafts

from laadesk.core.edits import set_fields
from laadesk.core.pack import Audience
from laadesk.store.versions import versions
from laadesk.ui.dialogs.export_dialog import NOW, ExportDialog, ExportRequest
from laadesk.ui.window.main_window import MainWindow

SIGNED = "Signed by the Secretary of State"


def pdf_text(path: Path, *pages: str) -> str:
    run = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout


def export_with(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, out: Path, made_from: str, since: str
) -> tuple[list[list[str]], ExportRequest]:
    offered: list[list[str]] = []
    requests: list[ExportRequest] = []

    def ask(cls, parent, folder, stem, partners=(), versions=()):  # type: ignore[no-untyped-def]
        offered.append(list(versions))
        dialog = cls(out, stem, parent, partners, versions)
        assert dialog.made_from.itemText(0) == NOW
        dialog.xlsx.setChecked(False)
        dialog.made_from.setCurrentIndex(dialog.made_from.findData(made_from))
        dialog.since.setCurrentIndex(dialog.since.findData(since))
        requests.append(dialog.request())
        return requests[-1]

    monkeypatch.setattr(ExportDialog, "ask", classmethod(ask))
    export_drafts(monkeypatch)
    window.pack_export.action.trigger()
    qtbot.waitUntil(lambda: not window.pack_export.running, timeout=60000)
    return offered, requests[0]


@pytest.fixture
def agreed_then_changed(window: MainWindow) -> MainWindow:
    """The agreement frozen as signed, then NI 16's 2010/11 level changed."""
    session = window.session
    assert session is not None
    session.freeze(SIGNED)
    found = session.snapshot().target("NI 16")
    assert found is not None
    session.apply(set_fields(found, "change NI 16", target_2010_11=12.1))
    return window


def test_a_pack_made_from_an_agreed_version_prints_it_on_the_cover(
    agreed_then_changed: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = agreed_then_changed
    assert window.session is not None
    (frozen,) = versions(window.session.workbook)
    offered, request = export_with(window, qtbot, monkeypatch, tmp_path, SIGNED, "")
    assert offered == [[SIGNED]] and (request.made_from, request.changes_since) == (SIGNED, "")
    (written,) = window.pack_export.last_written
    cover = " ".join(pdf_text(written.path, "-l", "1").split())
    assert SIGNED in cover and frozen.short_hash in cover
    assert "Changes since the agreed version" not in pdf_text(written.path)


def test_changes_since_adds_the_section_to_the_pdf(
    agreed_then_changed: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, request = export_with(agreed_then_changed, qtbot, monkeypatch, tmp_path, "", SIGNED)
    assert request.audience is Audience.COUNCIL and (request.made_from, request.changes_since) == ("", SIGNED)
    (written,) = agreed_then_changed.pack_export.last_written
    text = " ".join(pdf_text(written.path).split())
    assert "Changes since the agreed version" in text and "NI 16" in text
    assert SIGNED not in pdf_text(written.path, "-l", "1")  # made from the workbook now


def test_changes_since_is_for_the_pdf_alone_and_is_off_without_versions(window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path, "Kingsmere", window, versions=[SIGNED])
    dialog.since.setCurrentIndex(1)
    assert dialog.request().changes_since == SIGNED
    dialog.pdf.setChecked(False)
    assert not dialog.since.isEnabled() and dialog.request().changes_since == ""
    bare = ExportDialog(tmp_path, "Kingsmere", window)
    assert not bare.made_from.isEnabled() and not bare.since.isEnabled()
    assert (bare.request().made_from, bare.request().changes_since) == ("", "")
