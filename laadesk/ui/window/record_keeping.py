"""What the window offers for keeping the record of the negotiation: the officer's name for the
history (File), the history of the target in hand (View, a panel beside the pages) and freezing
the agreement as agreed (a Sign-off menu). The History and Compare pages are in ui/pages/."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget

from laadesk.ui.window.freeze_action import FreezeAsAgreed
from laadesk.ui.window.history_panel import TargetHistory
from laadesk.ui.window.host import Host
from laadesk.ui.window.target_watch import TargetWatch
from laadesk.ui.window.your_name import YourName


class RecordKeeping:
    """Builds the three controllers and puts their actions in the window's menus, after View."""

    def __init__(
        self,
        host: Host,
        window: QMainWindow,
        pages: QStackedWidget,
        menus: tuple[QMenu, QMenu],  # File, View
        quit_action: QAction,
    ) -> None:
        file_menu, view_menu = menus
        self.your_name = YourName(host)
        self.freeze = FreezeAsAgreed(host)
        self.watch = TargetWatch(pages)
        self.watch.moved.connect(host.target_moved)
        self.target_history = TargetHistory(host)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.target_history.dock)
        file_menu.insertAction(quit_action, self.your_name.action)
        file_menu.insertSeparator(quit_action)
        view_menu.addAction(self.target_history.action)
        window.menuBar().addMenu("&Sign-off").addAction(self.freeze.action)
