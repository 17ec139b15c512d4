"""The main window: navigation between pages, the menus, and the live rules summary."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QListView, QMainWindow, QMessageBox, QStackedWidget, QWidget

from laadesk.core.edits import Edit
from laadesk.core.rules import Problem
from laadesk.core.sign_off import status_line
from laadesk.store.workbook import Workbook
from laadesk.ui import settings
from laadesk.ui.pages import PAGES, Page
from laadesk.ui.session import WorkbookSession
from laadesk.ui.widgets.controls import ClickableLabel
from laadesk.ui.window.backup_timer import BackupTimer
from laadesk.ui.window.file_actions import FileActions
from laadesk.ui.window.start_page import StartPage

# Built once the window has first painted (or when first asked for, as tests do): the menus' contents
# and the controllers behind them. Nothing of them shows until a menu opens, and importing and
# building them was a twentieth of the cold start.
DEFERRED = frozenset(
    {
        "pack_export",
        "council_copy",
        "table_import",
        "workshop",
        "workshop_action",
        "record_keeping",
        "undo_action",
        "redo_action",
    }
)
BUILD_AT_THE_LATEST_MS = 1000
SAVED_MESSAGE = "Every change is saved in the workbook file as you make it."
READ_ONLY_MESSAGE = "Read-only: you can read, export and save a copy, but changes cannot be saved to this workbook."


class MainWindow(QMainWindow):
    workbook_opened = Signal(object)
    workbook_closed = Signal()
    target_moved = Signal()  # the indicator in hand may have changed (window/target_watch.py)

    def __init__(self) -> None:
        super().__init__()
        self.session: WorkbookSession | None = None
        self.backup_timer: BackupTimer | None = None
        self._pages: dict[int, Page] = {}  # row -> page, built the first time it is shown
        self._target_in_hand: str | None = None  # the last indicator a page showed, for pages that show none
        self._row_before_take_over = 0
        self.navigation = QListView()
        self.navigation.setAccessibleName("Pages")
        self.navigation.setModel(QStringListModel([page.title for page in PAGES]))
        self.navigation.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.navigation.setSpacing(3)
        widest = max(self.navigation.fontMetrics().horizontalAdvance(page.title) for page in PAGES)
        self.navigation.setFixedWidth(widest + 40)  # every page name in full, never a scroll bar
        self.stack = QStackedWidget()
        self._start_page: StartPage | None = None  # built the first time it is shown
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.summary = ClickableLabel()
        self.summary.setAccessibleName("Rules summary")
        self.summary.setToolTip("Click to see every problem")
        self.summary.clicked.connect(lambda: self.show_page("Problems"))
        self.statusBar().addPermanentWidget(self.summary)
        self.files = FileActions(self)  # a workbook given to laadesk-gui opens through it before the first paint
        self._was_full_screen = False
        # The menu bar's titles are there at the first paint; what each menu holds comes just after.
        self.file_menu = self.menuBar().addMenu("&File")
        self.edit_menu = self.menuBar().addMenu("&Edit")
        self.view_menu = self.menuBar().addMenu("&View")
        self.sign_off_menu = self.menuBar().addMenu("&Sign-off")
        self.go_menu = self.menuBar().addMenu("&Go")
        self._built = False
        self._build_due = False
        QTimer.singleShot(BUILD_AT_THE_LATEST_MS, self, self.build_controllers)  # should no paint come first
        self.navigation.selectionModel().currentRowChanged.connect(lambda current, _: self._show_row(current.row()))
        geometry = settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self._fit_to_screen()
        self._show_workbook(None)

    @property
    def start_page(self) -> StartPage:
        """What the window shows with no workbook open: new, open, the demo, recent workbooks."""
        if self._start_page is None:
            page = self._start_page = StartPage()
            page.new_requested.connect(self.files.new_workbook)
            page.open_requested.connect(self.files.open_dialog)
            page.demo_requested.connect(self.files.open_demo)
            page.recent_requested.connect(self.files.open_recent)
            self.stack.addWidget(page)
        return self._start_page

    def _show_start_page(self) -> None:
        if self.session is None:
            self.start_page.refresh()
            self.stack.setCurrentWidget(self.start_page)

    def _fit_to_screen(self) -> None:
        """A first window that fits a laptop screen at any scaling (1366x768 at 125% is 1093x614)."""
        screen = self.screen().availableGeometry()
        self.resize(min(1280, int(screen.width() * 0.95)), min(800, int(screen.height() * 0.92)))

    # -- menus ---------------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        """A controller asked for before the first paint has built them (see DEFERRED)."""
        if name in DEFERRED and not self.__dict__.get("_built", True):
            self.build_controllers()
            return getattr(self, name)
        raise AttributeError(name)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._built and not self._build_due:
            self._build_due = True
            QTimer.singleShot(0, self, self.build_controllers)

    def build_controllers(self) -> None:
        """The controllers behind the menus, and the menus' contents, brought up to the window's state."""
        if self._built:
            return
        self._built = True
        from laadesk.ui.window.council_copy_action import CouncilCopy
        from laadesk.ui.window.pack_export import PackExport
        from laadesk.ui.window.table_import import TableImport
        from laadesk.ui.window.workshop_mode import WorkshopMode

        self.pack_export = PackExport(self)
        self.council_copy = CouncilCopy(self)
        self.table_import = TableImport(self)
        self.workshop = WorkshopMode(self)
        self.workshop_action = self.workshop.action
        self._build_menus()
        self._enable_for(self.session.workbook if self.session is not None else None)
        self._update_undo_actions()
        if self.session is not None:
            self.workbook_opened.emit(self.session.workbook)  # only the controllers just built hear it
        else:
            self.workbook_closed.emit()

    def _build_menus(self) -> None:
        from laadesk.ui.window.record_keeping import RecordKeeping

        file_menu = self.file_menu
        self.files.add_to_menu(file_menu, self.pack_export.action)
        file_menu.insertAction(self.files.restore_action, self.council_copy.action)
        file_menu.insertAction(self.pack_export.action, self.table_import.action)
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo_action.triggered.connect(self._undo)
        self.redo_action.triggered.connect(self._redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        view_menu = self.view_menu
        view_menu.addAction(self.workshop.action)
        menus = (file_menu, view_menu, self.sign_off_menu)
        self.record_keeping = RecordKeeping(self, self, self.stack, menus, self.files.quit_action)
        file_menu.insertAction(self.pack_export.action, self.record_keeping.merge.action)
        file_menu.insertSeparator(self.pack_export.action)
        go_menu = self.go_menu
        for number, page in enumerate(PAGES, start=1):
            action = QAction(page.title, self)
            # Ctrl+1 to Ctrl+9, then Ctrl+0 for the tenth page; Ctrl+Shift+1 and on for the pages after
            shift = "Shift+" if number > 10 else ""
            action.setShortcut(QKeySequence(f"Ctrl+{shift}{(number - 10 if shift else number) % 10}"))
            action.triggered.connect(lambda _=False, title=page.title: self.show_page(title))
            go_menu.addAction(action)

    def _undo(self) -> None:
        if self.session is not None:
            self.session.undo()

    def _redo(self) -> None:
        if self.session is not None:
            self.session.redo()

    def _update_undo_actions(self) -> None:
        if not self._built:
            return
        stack = self.session.undo_stack if self.session else None
        for action, can, text, verb in (
            (self.undo_action, stack and stack.canUndo(), stack and stack.undoText(), "Undo"),
            (self.redo_action, stack and stack.canRedo(), stack and stack.redoText(), "Redo"),
        ):
            action.setEnabled(bool(can))
            action.setText(f"&{verb} {text}" if can and text else f"&{verb}")

    # -- workbook --------------------------------------------------------------------

    def set_workbook(self, workbook: Workbook | None) -> None:
        """Show a workbook (or the start page); the previous one is closed."""
        if self._built:
            self.workshop.stop()
        if self.session is not None:
            self.session.close()
            self.session.deleteLater()
            self.session = None
            self.backup_timer = None
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages = {}
        self._target_in_hand = None
        self._show_workbook(workbook)

    def _show_workbook(self, workbook: Workbook | None) -> None:
        has_workbook = workbook is not None
        self.navigation.setVisible(has_workbook)
        self._enable_for(workbook)
        if workbook is None:
            self.setWindowTitle("laadesk")
            self.summary.setText("")
            self.statusBar().clearMessage()
            if self._start_page is None:
                # Not built yet: the event loop builds it, unless a workbook is shown first (a file
                # given to laadesk-gui opens before the window first paints) or the window is closing.
                QTimer.singleShot(0, self, self._show_start_page)
            else:
                self._show_start_page()
            self._update_undo_actions()
            self.workbook_closed.emit()
            return
        self.session = WorkbookSession(workbook, self)
        self.session.edited.connect(self._on_edited)
        self.session.edit_failed.connect(self._on_edit_failed)
        self.session.undo_stack.indexChanged.connect(self._update_undo_actions)
        self.backup_timer = BackupTimer(self.session, settings.backup_folder)  # dies with the session
        self.backup_timer.backup_failed.connect(lambda message: self.statusBar().showMessage(message, 15000))
        self._update_title()
        self.statusBar().showMessage(READ_ONLY_MESSAGE if workbook.read_only else SAVED_MESSAGE)
        self._update_summary()
        self._update_undo_actions()
        self.navigation.setCurrentIndex(self.navigation.model().index(0, 0))
        self.stack.setCurrentWidget(self.page_at(0))
        self.workbook_opened.emit(workbook)

    def _enable_for(self, workbook: Workbook | None) -> None:
        self.go_menu.setEnabled(workbook is not None)
        self.files.workbook_changed(workbook)
        if self._built:
            self.pack_export.action.setEnabled(workbook is not None)

    def _on_edited(self, edit: Edit) -> None:
        self._update_summary()
        self._update_title()
        self.statusBar().showMessage(f"Saved: {edit.label}. {SAVED_MESSAGE}", 5000)

    def _on_edit_failed(self, message: str) -> None:
        QMessageBox.warning(self, "Not saved", message)

    def _update_title(self) -> None:
        if self.session is not None:
            name = self.session.snapshot().area.name
            read_only = " (read-only)" if self.session.workbook.read_only else ""
            round_ = self.session.snapshot().refresh_round
            refresh = f" - refresh round “{round_.label}” open" if round_.open else ""
            self.setWindowTitle(f"{name} - {self.session.workbook.path.name}{read_only}{refresh} - laadesk")

    def _update_summary(self) -> None:
        if self.session is None:
            return
        snapshot = self.session.snapshot()
        self.summary.setText(status_line(snapshot, self.session.problems()))

    # -- what controllers may ask of the window (window/host.py) --------------------------------

    def dialog_parent(self) -> QWidget:
        return self

    def say(self, sentence: str, milliseconds: int = 0) -> None:
        self.statusBar().showMessage(sentence, milliseconds)

    def show_workbook(self, workbook: Workbook | None) -> None:
        self.set_workbook(workbook)

    def refresh_start_page(self) -> None:
        self.start_page.refresh()

    def current_code(self) -> str | None:
        page = self.stack.currentWidget()
        code = page.current_code() if isinstance(page, Page) else None
        return code or self._target_in_hand

    def take_over(self, view: QWidget) -> None:
        self._row_before_take_over = max(0, self.navigation.currentIndex().row())
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.navigation.hide()
        self._was_full_screen = self.isFullScreen()
        self.showFullScreen()

    def give_back(self, view: QWidget, code: str | None = None) -> None:
        self.stack.removeWidget(view)
        if not self._was_full_screen:
            self.showNormal()
        if self.session is not None:
            self.navigation.show()
            row = self._row_before_take_over
            self.stack.setCurrentWidget(self.page_at(row))
            self.navigation.setCurrentIndex(self.navigation.model().index(row, 0))
            if code is not None:
                self._target_in_hand = code
                self.page_at(row).show_target(code)

    # -- pages -------------------------------------------------------------------------

    def _show_row(self, row: int) -> None:
        if self.session is not None and 0 <= row < len(PAGES):
            leaving = self.stack.currentWidget()
            code = leaving.current_code() if isinstance(leaving, Page) else None
            self._target_in_hand = code or self._target_in_hand
            self.stack.setCurrentWidget(self.page_at(row))

    def page_at(self, row: int) -> Page:
        """The page in that row of the navigation, built the first time it is asked for."""
        page = self._pages.get(row)
        if page is None:
            assert self.session is not None, "pages exist only while a workbook is open"
            page = self._pages[row] = PAGES[row].page_class()(self.session)
            if self.session.workbook.read_only:
                page.make_read_only()
            self.stack.addWidget(page)
        return page

    @property
    def pages(self) -> list[Page]:
        """Every page, in navigation order (building any not yet shown); none without a workbook."""
        return [self.page_at(row) for row in range(len(PAGES))] if self.session is not None else []

    def show_page(self, title: str) -> Page | None:
        if self.session is None:
            return None
        row = [p.title for p in PAGES].index(title)
        self.navigation.setCurrentIndex(self.navigation.model().index(row, 0))
        return self.page_at(row)

    def show_problem(self, problem: Problem) -> None:
        """Jump to the page and field that cause a problem."""
        for page in self.pages:
            if page.show_problem(problem):
                self.show_page(page.title)
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        settings.save_window(self.saveGeometry(), self.saveState())
        self.set_workbook(None)
        event.accept()
