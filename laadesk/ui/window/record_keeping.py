"""What the window offers for keeping the record of the negotiation: the officer's name for the
history and merging a colleague's copy (File), the history of the target in hand (View, a panel
beside the pages), and a Sign-off menu: freezing the agreement as agreed, the refresh round, the
changes a merge held. The History and Compare pages are in ui/pages/."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget

from laadesk.ui.window.freeze_action import FreezeAsAgreed
from laadesk.ui.window.history_panel import TargetHistory
from laadesk.ui.window.host import Host
from laadesk.ui.window.merge_action import HeldChanges, MergeCopy
from laadesk.ui.window.refresh_action import StartRefreshRound
from laadesk.ui.window.target_watch import TargetWatch
from laadesk.ui.window.your_name import YourName


class RecordKeeping:
    """Builds the controllers and puts their actions in the window's menus (Sign-off is theirs alone)."""

    def __init__(
        self,
        host: Host,
        window: QMainWindow,
        pages: QStackedWidget,
        menus: tuple[QMenu, QMenu, QMenu],  # File, View, Sign-off
        quit_action: QAction,
    ) -> None:
        file_menu, view_menu, sign_off = menus
        self.your_name = YourName(host)
        self.freeze = FreezeAsAgreed(host)
        self.refresh_round = StartRefreshRound(host)
        self.held_changes = HeldChanges(host)
        self.merge = MergeCopy(host, self.held_changes)
        self.watch = TargetWatch(pages)
        self.watch.moved.connect(host.target_moved)
        self.target_history = TargetHistory(host)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.target_history.dock)
        file_menu.insertAction(quit_action, self.your_name.action)
        file_menu.insertSeparator(quit_action)
        view_menu.addAction(self.target_history.action)
        self.sign_off_menu = sign_off
        sign_off.addAction(self.freeze.action)
        sign_off.addAction(self.refresh_round.action)
        sign_off.addSeparator()
        sign_off.addAction(self.held_changes.action)
        sign_off.aboutToShow.connect(self._sign_off_showing)
        host.workbook_opened.connect(lambda _workbook: self._watch(host))

    def _sign_off_showing(self) -> None:
        self.refresh_round.update()
        self.held_changes.update()

    def _watch(self, host: Host) -> None:
        """A freeze (which ends a round), an undo of a merge: the Sign-off actions follow."""
        session = host.session
        if session is not None:
            session.frozen.connect(lambda _version: self._sign_off_showing())
