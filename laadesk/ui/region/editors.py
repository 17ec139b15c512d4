"""Opening a region's workbook in an editor window, as File > Open does, and at a target when asked.

The region desk never imports the editor's window (ui/window/main_window.py): that window's File menu
opens the desk, so the desk is handed a way to make one (new_editor) and the window it was opened
from (home), and knows an editor by what it offers (EditorWindow).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from laadesk.plain_files import same_file
from laadesk.ui.pages.base import Page
from laadesk.ui.session import WorkbookSession


class FileOpening(Protocol):
    def open_path(self, path: Path) -> bool: ...


@runtime_checkable
class EditorWindow(Protocol):
    """What the desk asks of an editor window (MainWindow has it all)."""

    session: WorkbookSession | None

    @property
    def files(self) -> FileOpening: ...

    def show_page(self, title: str) -> Page | None: ...

    def say(self, sentence: str, milliseconds: int = 0) -> None: ...


class Editors:
    """The editor windows opened from one region desk: one per workbook, brought forward when asked again."""

    def __init__(self, new_editor: Callable[[], QWidget], home: QWidget | None = None) -> None:
        self.new_editor = new_editor
        self.home = home  # the window the desk was opened from: it takes the first workbook, if it has none
        self.windows: list[QWidget] = []

    def editor_of(self, path: Path) -> QWidget | None:
        for window in self.windows:
            if isinstance(window, EditorWindow) and window.session and same_file(window.session.workbook.path, path):
                return window
        return None

    def open(self, path: Path, code: str | None = None) -> QWidget | None:
        """The workbook in an editor window (None when it would not open: the editor has said why);
        with a code, on the Targets page at that indicator."""
        window = self.editor_of(path)
        if window is None:
            home = self.home if self.home is not None and shiboken6.isValid(self.home) else None
            if isinstance(home, EditorWindow) and home.session is None and home.isVisible():
                window = home
            else:
                window = self.new_editor()
                window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                window.destroyed.connect(lambda _=None, w=window: self._forget(w))
            assert isinstance(window, EditorWindow), f"{window!r} is not an editor window"
            window.show()
            if not window.files.open_path(path):
                if window is not home:
                    window.close()
                return None
            if window not in self.windows:
                self.windows.append(window)
        assert isinstance(window, EditorWindow)
        window.raise_()
        window.activateWindow()
        if code is not None:
            page = window.show_page("Targets")
            if page is not None and not page.show_target(code):
                window.say(f"{code} is not among this workbook's targets.", 8000)
        return window

    def _forget(self, window: QWidget) -> None:
        if window in self.windows:
            self.windows.remove(window)
