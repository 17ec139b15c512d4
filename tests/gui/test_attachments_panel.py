"""Attaching evidence in the window: by dropping files on the Story page (linked to the section in hand),
one undo step each, internal unless ticked shareable; opening a private read-only copy; refusals named."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from support.gui import shown_page

from laadesk.store.workbook import Workbook
from laadesk.ui.pages.signoff.page import SignOffPage
from laadesk.ui.pages.story.page import StoryPage
from laadesk.ui.widgets import attachments_panel
from laadesk.ui.widgets.attachments_panel import AttachmentsPanel
from laadesk.ui.window.main_window import MainWindow


def drop(panel: AttachmentsPanel, *paths: Path) -> None:
    """Files dragged from the file manager and dropped on the panel: its handlers get the events a drag
    delivers (the offscreen platform runs no drag loop of its own to send them)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    at = QPoint(10, 10)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, data, buttons, keys)
    panel.dragEnterEvent(enter)
    assert enter.isAccepted(), "the panel refused the drag"
    event = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, data, buttons, keys)
    panel.dropEvent(event)
    assert event.isAccepted()


@pytest.fixture
def story(window: MainWindow) -> StoryPage:
    return shown_page(window, "Story of place", StoryPage)


def evidence(tmp_path: Path) -> tuple[Path, Path]:
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% council minutes\n%%EOF\n")
    csv = tmp_path / "levels.csv"
    csv.write_bytes(b"NI,baseline\nNI 116,22.0\n")
    return pdf, csv


def test_dropped_files_are_attached_internal_and_linked_to_the_section(
    story: StoryPage, window: MainWindow, demo_path: Path, tmp_path: Path
) -> None:
    section = story.current_section()
    assert section is not None
    pdf, csv = evidence(tmp_path)
    drop(story.attachments, pdf, csv)
    assert story.attachments.model.rowCount() == 2
    with Workbook.open(demo_path, read_only=True) as workbook:
        held = workbook.snapshot()
    assert {a.name for a in held.internal_attachments} == {"minutes.pdf", "levels.csv"}
    assert held.attachments == ()
    assert all(a.sections == (section.id,) for a in held.internal_attachments)
    assert window.session is not None
    window.session.undo()  # one step each: the CSV goes first
    with Workbook.open(demo_path, read_only=True) as workbook:
        assert [a.name for a in workbook.snapshot().internal_attachments] == ["minutes.pdf"]
    assert story.attachments.model.rowCount() == 1


def test_ticked_shareable_files_go_to_the_shareable_side(story: StoryPage, demo_path: Path, tmp_path: Path) -> None:
    story.attachments.shareable.setChecked(True)
    drop(story.attachments, evidence(tmp_path)[0])
    with Workbook.open(demo_path, read_only=True) as workbook:
        held = workbook.snapshot()
    assert [a.name for a in held.attachments] == ["minutes.pdf"] and held.internal_attachments == ()


def test_a_refused_file_is_named_and_the_others_attached(story: StoryPage, window: MainWindow, tmp_path: Path) -> None:
    program = tmp_path / "report.pdf"
    program.write_bytes(b"MZ\x90\x00 a program")
    drop(story.attachments, program, evidence(tmp_path)[1])
    said = window.statusBar().currentMessage()
    assert said.startswith("Attached levels.csv. Cannot attach report.pdf: its content is not a PDF")
    assert story.attachments.model.rowCount() == 1


def test_open_hands_a_private_read_only_copy_to_the_viewer(
    story: StoryPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(attachments_panel, "open_in_viewer", opened.append)
    drop(story.attachments, evidence(tmp_path)[0])
    story.attachments.view.setCurrentIndex(story.attachments.model.index(0, 0))
    story.attachments.open_button.click()
    (copy,) = opened
    assert copy.read_bytes() == evidence(tmp_path)[0].read_bytes() and copy.suffix == ".pdf"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o400
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700


def test_the_sign_off_page_attaches_papers_too(window: MainWindow, demo_path: Path, tmp_path: Path) -> None:
    page = shown_page(window, "Sign-off and timetable", SignOffPage)
    drop(page.attachments, evidence(tmp_path)[0])
    with Workbook.open(demo_path, read_only=True) as workbook:
        (letter,) = workbook.snapshot().internal_attachments
    assert (letter.name, letter.sections, letter.indicators) == ("minutes.pdf", (), ())
