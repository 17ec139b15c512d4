"""The Story of place page: ordered sections, each with its text, evidence and linked indicators."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QHideEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from laadesk.core.edits import add, set_fields
from laadesk.core.model import StorySection
from laadesk.core.rules import Problem
from laadesk.core.story import check_title, delete_section, move_section, new_section
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.story.editor import StoryTextEditor
from laadesk.ui.pages.story.models import SectionsModel
from laadesk.ui.pages.story.panels import EvidencePanel, LinksPanel
from laadesk.ui.pages.story.sections import SectionsPanel
from laadesk.ui.session import WorkbookSession
from laadesk.ui.widgets.attachments_panel import AttachmentsPanel
from laadesk.ui.widgets.controls import quiet
from laadesk.ui.widgets.layouts import split

STORY_FIELDS = ("story", "story_text", "evidence", "indicators")


class StoryPage(Page):
    title = "Story of place"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self._shown_id: str | None = None  # the section the title and text editor hold
        self._burst = 0  # typing between two loads of the editor merges into one undo step
        self.model = SectionsModel()
        self.sections = SectionsPanel(self.model, self.add_section, self.delete_section, self.move_section)
        self.view = self.sections.view
        self.view.dropped.connect(self._dropped)
        self.view.selectionModel().currentChanged.connect(lambda current, previous: self._show_current())
        self.heading = QLineEdit()
        self.heading.setAccessibleName("Section title")
        self.heading.setPlaceholderText("Section title")
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.editingFinished.connect(self._write_title)
        self.editor = StoryTextEditor()
        self.editor.settled.connect(self._write_text)
        self.editor.focused.connect(self._new_burst)
        self.editor.textChanged.connect(self._count_words)
        self.words = QLabel()
        self.words.setAccessibleName("Word count")
        quiet(self.words)
        self.evidence = EvidencePanel(session, self.current_section)
        self.links = LinksPanel(session, self.current_section)
        self.attachments = AttachmentsPanel(session, self._section_links, "Attached evidence (drop files here)")
        for part in (self.evidence, self.links, self.attachments):
            part.told.connect(self.tell)
        self._lay_out()
        session.settling.connect(self._settle)
        self.refresh()

    def _lay_out(self) -> None:
        writing = QWidget()
        column = QVBoxLayout(writing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.editor, 1)
        column.addWidget(self.words, 0, Qt.AlignmentFlag.AlignRight)
        below = split(Qt.Orientation.Horizontal, (self.evidence, 2), (self.links, 1))
        right = split(Qt.Orientation.Vertical, (writing, 3), (below, 2), (self.attachments, 1), collapsible=False)
        whole = split(Qt.Orientation.Horizontal, (self.sections, 0), (right, 1), collapsible=False)
        whole.setSizes([260, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(whole)
        order = [
            self.view,
            self.sections.add_button,
            self.sections.delete_button,
            self.sections.up_button,
            self.sections.down_button,
            self.heading,
            self.editor,
            self.evidence.view,
            self.evidence.add_button,
            self.evidence.remove_button,
            self.links.view,
            self.links.code,
            self.links.link_button,
            self.links.unlink_button,
            *self.attachments.tab_order(),
        ]
        for before, after in pairwise(order):
            self.setTabOrder(before, after)

    # -- showing ------------------------------------------------------------------------

    def _section_links(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A file attached here is evidence for the section in hand."""
        section = self.current_section()
        return ((), (section.id,) if section is not None else ())

    def current_section(self) -> StorySection | None:
        index = self.view.currentIndex()
        return self.model.section(index.row()) if index.isValid() else None

    def refresh(self) -> None:
        """Show the story now, keeping the section that was current (or the row it was on)."""
        kept = self.current_section()
        row = self.view.currentIndex().row()
        snapshot = self.session.snapshot()
        self.model.set_story(snapshot.story, snapshot.evidence)
        if kept is not None and (found := self.model.row_of(kept.id)) >= 0:
            row = found
        row = min(row, self.model.rowCount() - 1)
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0 and row != self.view.currentIndex().row():
            self.view.setCurrentIndex(self.model.index(row))
        self._show_current()

    def _show_current(self) -> None:
        """Load the current section into the title, editor and panels (writing any typing first)."""
        section = self.current_section()
        if self._shown_id is not None and (section is None or section.id != self._shown_id):
            self.editor.settle()  # the previous section's typing goes to the previous section
            section = self.current_section()
        self.sections.set_enabled_for(self.view.currentIndex().row(), self.model.rowCount())
        for widget in (self.heading, self.editor):
            widget.setEnabled(section is not None)
        if section is None:
            self._shown_id = None
            self.heading.clear()
            self.editor.load("")
            self.heading.setPlaceholderText("Add a section to start the story of place (Insert)")
        else:
            if section.id != self._shown_id:
                self._shown_id = section.id
                self._new_burst()
            self.heading.setPlaceholderText("Section title")
            if self.heading.text() != section.title:
                self.heading.setText(section.title)
            if not self.editor.pending and self.editor.load(section.text):
                self._new_burst()  # text from the file (another section, an undo): a fresh undo step
        self._count_words()
        self.evidence.refresh()
        self.links.refresh()

    def _count_words(self) -> None:
        count = len(self.editor.toPlainText().split())
        if self._shown_id is None:
            self.words.setText("")
        else:
            self.words.setText(f"{count} word{'s' if count != 1 else ''}, saved as you type")

    def _new_burst(self) -> None:
        self._burst += 1

    # -- writing ---------------------------------------------------------------------------

    def _shown(self) -> StorySection | None:
        """The section the title and text editor hold, as the file has it (None once the file has closed)."""
        if not self.session.is_open:
            return None  # an editor letting go after closing: its typing was written when the session settled
        return next((s for s in self.session.snapshot().story if s.id == self._shown_id), None)

    def _write_text(self) -> None:
        section = self._shown()
        if section is None:
            return
        edit = set_fields(section, "edit story text", text=self.editor.toPlainText())
        self.session.apply(edit, merge_key=("story text", section.id, self._burst))

    def _write_title(self) -> None:
        section = self._shown()
        if section is None:
            return
        try:
            title = check_title(self.heading.text())
        except ValueError as error:
            self.tell(f"{error}.")
            self.heading.setText(section.title)
            return
        self.session.apply(set_fields(section, "rename story section", title=title))

    def add_section(self) -> None:
        self.editor.settle()
        section = new_section(self.session.snapshot().story)
        self.session.apply(add(section, "add story section"))
        row = self.model.row_of(section.id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))
            self.heading.setFocus()
            self.heading.selectAll()

    def delete_section(self) -> None:
        self.editor.settle()
        section = self.current_section()
        if section is not None:
            self.session.apply(delete_section(section, self.session.snapshot().evidence))

    def move_section(self, step: int) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._move(self.model.section(index.row()).id, index.row() + step)

    def _dropped(self, section_id: str, before_row: int) -> None:
        row = self.model.row_of(section_id)
        self._move(section_id, before_row - 1 if before_row > row else before_row)

    def _move(self, section_id: str, to_row: int) -> None:
        self.editor.settle()
        self.session.apply(move_section(self.session.snapshot().story, section_id, to_row))
        row = self.model.row_of(section_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))

    # -- nothing typed is lost ---------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:
        self.editor.settle()  # going to another page writes the typing
        super().hideEvent(event)

    def _settle(self) -> None:
        """Before Save a Copy or closing: typing still waiting for its pause is written now, and so is a
        title being typed (unless blanked: the old title is kept then, as on leaving it blank)."""
        self.editor.settle()
        if self.heading.isModified() and self.heading.text().strip():
            self._write_title()

    def show_problem(self, problem: Problem) -> bool:
        """Problems about the story select the section linked to the problem's indicator (or the first)."""
        if problem.field not in STORY_FIELDS or not self.model.rowCount():
            return False
        linked = [row for row, s in enumerate(self.model.sections()) if problem.code in s.indicators]
        self.view.setCurrentIndex(self.model.index(linked[0] if linked else 0))
        self.editor.setFocus()
        return True
