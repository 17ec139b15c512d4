"""The Quality assurance page: each item of the GO's checklist met or open, its evidence, and the
reviewer's tick (with a comment) on the items laadesk cannot judge. Government's side only."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QVBoxLayout

from laadesk.core.edits import Edit
from laadesk.core.errors import ChecklistRejected
from laadesk.core.qa import QaItem, QaKind, QaState, open_items, qa_states, summary, tick_edit, untick_edit
from laadesk.store.reference import qa_checklist
from laadesk.ui import settings
from laadesk.ui.pages.base import REFUSED_STYLE, Page
from laadesk.ui.pages.problems.page import NOT_READY_STYLE, READY_STYLE
from laadesk.ui.pages.qa.model import QaModel
from laadesk.ui.pages.qa.report import QaReportDialog, QaReportWriter, start_writing, suggested_name
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.views import record_view
from laadesk.ui.widgets.controls import button

HINT = "Select an item to see what laadesk found, or to tick a judgement item as met with your comment."


class QaPage(Page):
    title = "Quality assurance"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        try:
            self.items = qa_checklist()
            trouble = ""
        except ChecklistRejected as refused:
            self.items = qa_checklist(own=False)
            trouble = f"{refused} Only the shipped items are shown."
        self.summary = QLabel()
        self.summary.setAccessibleName("Quality assurance summary")
        font = QFont(self.summary.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)
        self.notice = QLabel(trouble)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(REFUSED_STYLE)
        self.notice.setVisible(bool(trouble))
        self.model = QaModel(self._states())
        self.view = record_view(
            "Quality assurance checklist", self.model, editable=False, rows=True, stretch=3, fit=False
        )
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        for key, width in {"state": 70, "kind": 90, "item": 420}.items():
            header.resizeSection(self.model.column_of(key), width)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_detail())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("What laadesk found")
        self.detail.setMaximumHeight(220)
        self.comment = QLineEdit()
        self.comment.setAccessibleName("Reviewer's comment")
        self.comment.setPlaceholderText("Your comment on this item (who confirmed it, where the evidence is)")
        self.comment.returnPressed.connect(self.tick)
        self.tick_button = button("&Tick as met", "Record that this item is met, with your name and comment", self.tick)
        self.untick_button = button("Take the tick &back", "This item is not met after all", self.untick)
        self.report_button = button(
            "Save the QA &report...",
            "The checklist, its evidence and the sign-off as a PDF, internal",
            self.save_report,
        )
        self.writer: QaReportWriter | None = None  # held while it writes: Python owns it
        ticking = QHBoxLayout()
        ticking.addWidget(self.comment, 1)
        ticking.addWidget(self.tick_button)
        ticking.addWidget(self.untick_button)
        ticking.addSpacing(24)
        ticking.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addWidget(QLabel(HINT))
        layout.addWidget(self.detail)
        layout.addLayout(ticking)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view.resizeRowsToContents()  # now the stretched column has its width, wrapped text fits

    def _states(self) -> list[QaState]:
        return qa_states(self.session.snapshot(), self.items, self.session.problems())

    def refresh(self) -> None:
        states = self._states()
        self.model.show(states)
        ready = not open_items(states)
        self.summary.setText(summary(states))
        self.summary.setStyleSheet(READY_STYLE if ready else NOT_READY_STYLE)
        self.view.resizeRowsToContents()
        if not self.view.currentIndex().isValid() and states:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.show_detail()

    def current_state(self) -> QaState | None:
        index = self.view.currentIndex()
        return self.model.state(index.row()) if index.isValid() else None

    def show_detail(self) -> None:
        state = self.current_state()
        judgement = state is not None and state.item.kind is QaKind.JUDGEMENT
        self.comment.setEnabled(judgement)
        self.tick_button.setEnabled(judgement)
        self.untick_button.setEnabled(judgement and state is not None and state.tick is not None)
        if state is None:
            self.detail.clear()
            return
        lines = [f"<p><b>{html.escape(state.item.item)}</b> - {state.state}</p>"]
        if state.item.guidance:
            lines.append(f"<p>{html.escape(state.item.guidance)}</p>")
        if state.findings:
            lines.append("<ul>" + "".join(f"<li>{html.escape(f)}</li>" for f in state.findings) + "</ul>")
        else:
            lines.append(f"<p>{html.escape(state.evidence)}</p>")
        self.detail.setHtml("".join(lines))
        if judgement and state.tick is not None and not self.comment.hasFocus():
            self.comment.setText(state.tick.comment)
        elif judgement and state.tick is None and not self.comment.hasFocus():
            self.comment.clear()

    def _judgement_item(self) -> QaItem | None:
        state = self.current_state()
        return state.item if state is not None and state.item.kind is QaKind.JUDGEMENT else None

    def tick(self) -> None:
        item = self._judgement_item()
        if item is None:
            return
        workbook = self.session.workbook
        self._apply(tick_edit(self.session.snapshot(), item, workbook.author, workbook.clock(), self.comment.text()))

    def untick(self) -> None:
        item = self._judgement_item()
        if item is not None:
            self._apply(untick_edit(self.session.snapshot(), item))

    def _apply(self, edit: Edit) -> None:
        self.session.apply(edit)
        self.view.setFocus()

    def save_report(self) -> None:
        if self.writer is not None:
            return  # one at a time
        workbook = self.session.workbook
        path = QaReportDialog.ask(self, suggested_name(workbook.path))
        if path is None:
            return
        snapshot = self.session.snapshot()
        as_at = snapshot.area.as_at or date.today()
        self.writer = QaReportWriter(snapshot.area, self._states(), as_at, path, self)
        self.writer.written.connect(lambda pages: self._report_done(path, pages))
        self.writer.failed.connect(lambda sentence: self._report_done(path, 0, sentence))
        self.report_button.setEnabled(False)
        start_writing(self.writer)

    def _report_done(self, path: Path, pages: int, refused: str = "") -> None:
        self.writer = None
        self.report_button.setEnabled(True)
        if refused:
            self.tell(refused, refused=True)
            return
        settings.remember_export_folder(path.parent)
        self.tell(f"Saved the QA report ({pages} page{'s' if pages != 1 else ''}, internal to government) to {path}.")
