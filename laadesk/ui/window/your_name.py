"""File > Your Name for the History...: who the history says made each change from this window."""

from __future__ import annotations

from PySide6.QtGui import QAction

from laadesk.store.workbook import default_author
from laadesk.ui import settings
from laadesk.ui.window.host import Host


def author() -> str:
    """The name the window's changes are recorded under: the officer's, else the account's."""
    return settings.your_name() or default_author()


class YourName:
    """The File menu action; the name is kept in the preferences and used at once."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.action = QAction("Your &Name for the History...", host.dialog_parent())
        self.action.setToolTip("The name recorded beside each change you make and each version you freeze")
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda _=False: self.ask())

    def ask(self) -> None:
        from laadesk.ui.dialogs.your_name_dialog import YourNameDialog  # loads when first asked

        typed = YourNameDialog.ask(self.host.dialog_parent(), settings.your_name(), default_author())
        if typed is None:
            return
        settings.remember_your_name(typed)
        name = author()
        session = self.host.session
        if session is not None:
            session.workbook.author = name  # the open workbook's next change is recorded under it
        if settings.your_name():
            self.host.say(f"Changes you make are recorded in the history as made by {name}.", 10000)
        else:
            self.host.say(f"Changes you make are recorded in the history under your account name, {name}.", 10000)
