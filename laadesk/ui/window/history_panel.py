"""View > History of This Target: a panel beside the pages listing every change to the target in
the officer's hand, newest first; it follows the officer from target to target and page to page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from laadesk.store.workbook import Workbook
from laadesk.ui.window.host import Host

if TYPE_CHECKING:
    from laadesk.ui.pages.history.model import HistoryModel

TITLE = "History of This Target"
NO_TARGET = "Choose a target on a page (Targets, Negotiation, Indicators...) to see every change made to it."
PANEL_WIDTH = 440


class TargetHistory:
    """The dock and the View menu's action that shows and hides it (Ctrl+H)."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.code: str | None = None
        self.model: HistoryModel | None = None
        self._sized = False
        self.dock = QDockWidget(TITLE, host.dialog_parent())
        self.dock.setObjectName("target_history")
        self.dock.setAccessibleName(TITLE)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.empty = QLabel(NO_TARGET)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.view = QTableView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        body.setMinimumWidth(320)
        self.dock.setWidget(body)
        self.dock.hide()
        self.action = QAction("&History of This Target", host.dialog_parent())
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+H"))
        self.action.setToolTip("Show beside the pages every change made to the target in hand, newest first")
        self.action.setStatusTip(self.action.toolTip())
        self.action.setEnabled(False)
        self.action.toggled.connect(self.dock.setVisible)
        self.dock.visibilityChanged.connect(self._shown_or_hidden)
        host.workbook_opened.connect(self._opened)
        host.workbook_closed.connect(self._closed)
        host.target_moved.connect(lambda: self.follow())

    def _opened(self, workbook: Workbook) -> None:
        self.action.setEnabled(True)
        self.code, self.model = None, None
        session = self.host.session
        if session is not None:
            session.edited.connect(lambda _edit: self.catch_up())
            session.frozen.connect(lambda _version: self.catch_up())
        self.follow()

    def _closed(self) -> None:
        self.action.setEnabled(False)
        self.view.setModel(None)
        self.code, self.model = None, None
        self._show()

    def _shown_or_hidden(self, visible: bool) -> None:
        self.action.setChecked(not self.dock.isHidden())
        window = self.dock.parentWidget()
        if visible and not self._sized and isinstance(window, QMainWindow) and not self.dock.isFloating():
            self._sized = True  # wide enough for its columns the first time; the officer's width after
            window.resizeDocks([self.dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)
        if visible:
            self.follow()

    def follow(self) -> None:
        """Show the history of the target in hand now (read only while the panel shows)."""
        if self.dock.isHidden() or self.host.session is None:
            return
        code = self.host.current_code()
        if code == self.code and (self.model is not None or code is None):
            return
        self.code = code
        if code is None:
            self.view.setModel(None)
            self.model = None
        else:
            self._read(code)
        self._show()

    def _read(self, code: str) -> None:
        from laadesk.core.history import HistoryFilter  # the panel's table loads when first shown
        from laadesk.ui.pages.history.model import PANEL_COLUMNS, HistoryModel
        from laadesk.ui.tables.views import record_view

        session = self.host.session
        assert session is not None
        if self.model is None or self.model.file is not session.workbook:
            self.model = HistoryModel(session.workbook, HistoryFilter(ni=code), PANEL_COLUMNS)
            name = f"History of {code}"
            record_view(name, self.model, editable=False, rows=True, stretch=0, fit=False, view=self.view)
            self.view.setAlternatingRowColors(True)
            # The change takes the spare width and wraps onto more lines rather than being cut off;
            # when and who fit their two short lines.
            self.view.setWordWrap(True)
            header = self.view.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        else:
            self.model.read_afresh(HistoryFilter(ni=code))
        self.view.scrollToTop()

    def catch_up(self) -> None:
        if self.model is not None and not self.dock.isHidden():
            self.model.catch_up()
            self._show()
        elif self.model is not None:
            self.code = None  # read again when the panel next shows

    def _show(self) -> None:
        code, rows = self.code, self.model.rowCount() if self.model is not None else 0
        self.dock.setWindowTitle(f"History of {code}" if code else TITLE)
        if self.model is not None and self.model.problem:
            self.heading.setText(f"The history cannot be shown: {_escape(self.model.problem)}")
            return
        if code is None:
            self.heading.setText("")
        else:
            session = self.host.session
            title = _escape(session.snapshot().title_of(code)) if session is not None else ""
            named = f"<b>{_escape(code)}</b> {title}<br>"
            if rows == 0:
                self.heading.setText(f"{named}No changes recorded to {_escape(code)} yet.")
            else:
                more = "+" if self.model is not None and self.model.canFetchMore() else ""
                self.heading.setText(f"{named}{rows}{more} change{'s' if rows != 1 else ''}, newest first.")
        self.heading.setVisible(code is not None)
        self.stack.setCurrentWidget(self.view if code else self.empty)


def _escape(text: str) -> str:
    import html  # loads when a target's history is first shown (with its table of entities): a quicker start

    return html.escape(text)
