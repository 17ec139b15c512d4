"""Entering and leaving workshop mode in the main window, and the session summary on leaving."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut

from laadesk.core.snapshot import WorkbookSnapshot

if TYPE_CHECKING:
    from laadesk.ui.widgets.workshop_view import WorkshopView
    from laadesk.ui.window.main_window import MainWindow


class WorkshopMode:
    """Remembers what the workbook held when the session began, to say what changed."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view: WorkshopView | None = None
        self.before: WorkbookSnapshot | None = None
        self.started: datetime | None = None
        self.was_full_screen = False
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        escape.setContext(Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(lambda: self.active and window.workshop_action.setChecked(False))

    @property
    def active(self) -> bool:
        return self.view is not None

    def enter(self) -> None:
        window = self.window
        if window.session is None or self.active:
            window.workshop_action.setChecked(False)
            return
        self.before = window.session.snapshot()
        self.started = datetime.now()
        start = getattr(window.stack.currentWidget(), "current_code", None)
        from laadesk.ui.widgets.workshop_view import WorkshopView  # loads when first used: a quicker start

        self.view = WorkshopView(window.session, start if isinstance(start, str) else None)
        window.stack.addWidget(self.view)
        window.stack.setCurrentWidget(self.view)
        window.navigation.hide()
        self.was_full_screen = window.isFullScreen()
        window.showFullScreen()
        self.view.setFocus()

    def leave(self) -> None:
        window = self.window
        view, before, started = self.view, self.before, self.started
        if view is None or before is None or started is None:
            return
        self.view = None
        window.stack.removeWidget(view)
        view.deleteLater()
        if not self.was_full_screen:
            window.showNormal()
        if window.session is None:
            return
        window.navigation.show()
        window.stack.setCurrentWidget(window.page_at(0))
        window.navigation.setCurrentIndex(window.navigation.model().index(0, 0))
        from laadesk.core.workshop import summarise, summary_text
        from laadesk.ui.dialogs.workshop_summary_dialog import WorkshopSummaryDialog

        summary = summarise(before, window.session.snapshot(), started, datetime.now())
        text = summary_text(summary, window.session.snapshot().area.name)
        path = window.session.workbook.path
        suggested = path.with_name(f"{path.stem} workshop {started:%Y-%m-%d %H%M}.txt")
        WorkshopSummaryDialog.present(window, text, suggested)
