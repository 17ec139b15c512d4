"""What a controller behind the menus may ask of the main window - and nothing more.

File actions, pack export, the council copy and workshop mode each take a Host, never the
MainWindow itself: they cannot reach into its widgets, and the window can change its layout
without them. MainWindow implements it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from laadesk.store.workbook import Workbook
from laadesk.ui.session import WorkbookSession


class Host(Protocol):
    workbook_opened: SignalInstance  # the Workbook just shown
    workbook_closed: SignalInstance
    target_moved: SignalInstance  # the indicator in hand may have changed (another page, another row)

    @property
    def session(self) -> WorkbookSession | None:
        """The open workbook as the window edits it; None on the start page."""

    def dialog_parent(self) -> QWidget:
        """The widget a dialog or a progress window belongs to."""

    def say(self, sentence: str, milliseconds: int = 0) -> None:
        """A sentence in the status bar (0: until the next one)."""

    def show_workbook(self, workbook: Workbook | None) -> None:
        """Show this workbook (the one shown before is closed), or the start page."""

    def refresh_start_page(self) -> None:
        """The start page lists recent files again."""

    def current_code(self) -> str | None:
        """The indicator in the officer's hand: the one the page shows, else the last one a page showed."""

    def take_over(self, view: QWidget) -> None:
        """Give the whole window, full screen, to one view (workshop mode)."""

    def give_back(self, view: QWidget, code: str | None = None) -> None:
        """End take_over(): the pages and the navigation come back, the window as it was, the page
        that was showing now showing `code` where it can (the target the view ended on)."""

    def close(self) -> bool: ...
