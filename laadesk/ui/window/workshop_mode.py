"""View > Workshop mode (F5): one target at a time in large type for a projector, and on leaving, what changed."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.window.host import Host

if TYPE_CHECKING:
    from laadesk.ui.widgets.workshop_view import WorkshopView


class WorkshopMode:
    """Owns the Workshop mode action; remembers what the workbook held when the session began, to
    say what changed."""

    def __init__(self, host: Host) -> None:
        self.host = host
        window = host.dialog_parent()
        self.action = QAction("&Workshop mode", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.action.setToolTip("One target at a time in large type, for a projector (F5)")
        self.action.toggled.connect(lambda on: self.enter() if on else self.leave())
        self.action.setEnabled(False)
        self.view: WorkshopView | None = None
        self.before: WorkbookSnapshot | None = None
        self.started: datetime | None = None
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        escape.setContext(Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(self.stop)
        host.workbook_opened.connect(lambda _workbook: self.action.setEnabled(True))
        host.workbook_closed.connect(lambda: self.action.setEnabled(False))

    @property
    def active(self) -> bool:
        return self.view is not None

    def stop(self) -> None:
        """Leave workshop mode if it is on (Escape, or another workbook being opened)."""
        if self.active:
            self.action.setChecked(False)

    def enter(self) -> None:
        session = self.host.session
        if session is None or self.active:
            self.action.setChecked(False)
            return
        self.before = session.snapshot()
        self.started = datetime.now()
        from laadesk.ui.widgets.workshop_view import WorkshopView  # loads when first used: a quicker start

        self.view = WorkshopView(session, self.host.current_code())
        self.host.take_over(self.view)
        self.view.setFocus()

    def leave(self) -> None:
        view, before, started = self.view, self.before, self.started
        if view is None or before is None or started is None:
            return
        self.view = None
        self.host.give_back(view, view.current_code)
        view.deleteLater()
        session = self.host.session
        if session is None:
            return
        from laadesk.core.workshop import summarise, summary_text
        from laadesk.ui.dialogs.workshop_summary_dialog import WorkshopSummaryDialog

        after = session.snapshot()
        text = summary_text(summarise(before, after, started, datetime.now()), after.area.name)
        path = session.workbook.path
        suggested = path.with_name(f"{path.stem} workshop {started:%Y-%m-%d %H%M}.txt")
        WorkshopSummaryDialog.present(self.host.dialog_parent(), text, suggested)
