"""The region desk's window: the overview, heat map and ambition of every workbook in a folder, read-only.

Reading runs on a thread of its own (region/reading.py); each line arrives as it is read and the
window shows it at once. A watcher on the folder, its sub-folders and its workbooks reads again,
half a second after the last change, only the files whose stamp, size or lock changed.
Nothing in the folder is written, locked or changed: a workbook is opened for editing only when
the officer asks, in an editor window of its own, which takes its lock as File > Open does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.errors import WorkbookProblem
from laadesk.core.region import AreaOverview, Skipped, one_line_per_area
from laadesk.store.folder_reading import region_folder
from laadesk.ui.region.ambition import AmbitionPanel
from laadesk.ui.region.area_filter import AreaFilter
from laadesk.ui.region.editors import Editors
from laadesk.ui.region.heat_map import CODE_ROLE, PATH_ROLE, HeatMapPanel
from laadesk.ui.region.overview import OverviewPanel
from laadesk.ui.region.reading import FolderReading, Signature, WorkbookRead
from laadesk.ui.widgets.layouts import split

# The watcher's signals come in bursts (a save touches the file, its journal and the folder): the
# folder is read again this long after the last of them.
SETTLE_MS = 500
# While lines arrive, the view in sight (heat map or ambition) is redrawn at most this often; a view
# out of sight is redrawn when it is next shown.
REDRAW_MS = 400
# Lines read are put in the overview together at most this often (the first at once): painting the
# table after each of 150 workbooks kept the window from answering for a twentieth of a second each time.
SHOW_MS = 100
VIEWS = ("Overview", "Heat map", "Ambition")


class RegionWindow(QMainWindow):
    """Every area's workbook in a folder (and its sub-folders), read-only."""

    workbook_read = Signal(object)  # WorkbookRead: each file as it was read
    reading_finished = Signal()  # a reading (the first, or one after a change) is over

    def __init__(self, folder: Path, new_editor: Callable[[], QWidget], home: QWidget | None = None) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.folder = folder
        self.found: dict[Path, AreaOverview | Skipped] = {}  # each file's reading, as it came
        self.order: dict[Path, int] = {}  # each file's place in the folder's listing (store.folder_reading)
        self.areas: dict[Path, AreaOverview] = {}  # the lines shown: each area once, as `laadesk region` lists them
        self.skipped: dict[Path, Skipped] = {}
        self.signatures: dict[Path, Signature] = {}
        self.reads: list[Path] = []  # every file read, in order (the benchmark and tests count them)
        self.editors = Editors(new_editor, home)  # the editor windows opened from here
        self._reading: FolderReading | None = None
        self._again = False
        self._closed = False
        self._stale: set[QWidget] = set()  # views whose lines changed since they were drawn
        self.setWindowTitle(f"Region desk - {folder} - laadesk")
        self.filter = AreaFilter()
        self.filter.changed.connect(self._filter)
        self.overview = OverviewPanel()
        self.heat_map = HeatMapPanel()
        self.ambition = AmbitionPanel()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Region views")
        self.tabs.addTab(self.overview, "&Overview")
        self.tabs.addTab(self.heat_map, "&Heat map")
        self.tabs.addTab(self.ambition, "&Ambition")
        self.tabs.currentChanged.connect(self._view_changed)
        self.skipped_list = QListWidget()
        self.skipped_list.setAccessibleName("Could not read")
        self.skipped_list.setWordWrap(True)
        self.skipped_box = QGroupBox("Could not read")
        box = QVBoxLayout(self.skipped_box)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.skipped_list)
        self.skipped_box.hide()
        splitter = split(Qt.Orientation.Vertical, (self.tabs, 5), (self.skipped_box, 1), collapsible=False)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 0)
        layout.addWidget(self.filter)
        layout.addWidget(splitter)
        self.setCentralWidget(body)
        self.state = QLabel()
        self.state.setAccessibleName("Reading state")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Workbooks read")
        self.progress.setFormat("%v of %m workbooks read")
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.statusBar().addWidget(self.state, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.watcher.fileChanged.connect(self._changed)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.refresh)
        self.redraw = QTimer(self)
        self.redraw.setSingleShot(True)
        self.redraw.setInterval(REDRAW_MS)
        self.redraw.timeout.connect(self._redraw)
        self.lines_due = QTimer(self)
        self.lines_due.setSingleShot(True)
        self.lines_due.setInterval(SHOW_MS)
        self.lines_due.timeout.connect(self._show_areas)
        self.overview.open_requested.connect(lambda path: self.open_workbook(path))
        self.heat_map.view.target_chosen.connect(lambda path, code: self.open_workbook(path, code))
        self.ambition.target_chosen.connect(self._open_area_target)
        self._build_menus()
        screen = self.screen().availableGeometry()  # fits a laptop's screen, as the editor's first window does
        self.resize(min(1400, int(screen.width() * 0.95)), min(860, int(screen.height() * 0.92)))
        self.overview.view.setFocus()

    # -- menus: every action has its key ------------------------------------------------------------

    def _action(self, text: str, keys: list[QKeySequence], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _build_menus(self) -> None:
        key = QKeySequence
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action("&Open Selected Workbook", [key(Qt.Key.Key_F3)], lambda: self._open_current())
        self.refresh_action = self._action(
            "&Read Changed Workbooks Again", [key(key.StandardKey.Refresh)], self.refresh
        )
        self.close_action = self._action("&Close Region Desk", [key(key.StandardKey.Close)], self.close)
        for action in (self.open_action, self.refresh_action, self.close_action):
            file_menu.addAction(action)
        view_menu = self.menuBar().addMenu("&View")
        self.view_actions: list[QAction] = []
        for number, title in enumerate(VIEWS):
            action = QAction(title, self)
            action.setShortcut(key(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _=False, n=number: self.tabs.setCurrentIndex(n))
            view_menu.addAction(action)
            self.view_actions.append(action)
        view_menu.addSeparator()
        self.next_action = self._action(
            "&Next View", [key(key.StandardKey.NextChild), key("Ctrl+PgDown")], lambda: self._step(1)
        )
        self.previous_action = self._action(
            "&Previous View", [key(key.StandardKey.PreviousChild), key("Ctrl+PgUp")], lambda: self._step(-1)
        )
        self.filter_action = self._action("&Filter Areas", [key(key.StandardKey.Find)], self._focus_filter)
        self.skipped_action = self._action(
            "&Go to Could Not Read", [key("Ctrl+Shift+L")], lambda: self.skipped_list.setFocus()
        )
        for action in (self.next_action, self.previous_action, self.filter_action, self.skipped_action):
            view_menu.addAction(action)

    def _step(self, by: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + by) % self.tabs.count())

    def _focus_filter(self) -> None:
        self.filter.box.setFocus()
        self.filter.box.selectAll()

    def _filter(self, words: str) -> None:
        """The words keep the same areas in every view: the overview at once, the others redrawn."""
        self.overview.filter_by(words)
        self._say_count()
        self._redraw()

    def _view_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget in self._stale:
            self._redraw_view(widget)
        focus: QWidget = self.ambition.indicator
        if widget is self.overview:
            focus = self.overview.view
        elif widget is self.heat_map:
            focus = self.heat_map.view
        focus.setFocus()
        if widget is self.heat_map and not self.heat_map.view.currentIndex().isValid():
            self.heat_map.view.setCurrentIndex(self.heat_map.model.index(0, 1))

    def _open_current(self) -> None:
        """F3: the heat map's current cell opens its target; elsewhere the overview's current workbook."""
        if self.tabs.currentWidget() is self.heat_map:
            index = self.heat_map.view.currentIndex()
            path, code = index.data(PATH_ROLE), index.data(CODE_ROLE)
            if path and code:
                self.open_workbook(str(path), str(code))
        elif (path := self.overview.current_path()) is not None:
            self.open_workbook(path)

    # -- reading ------------------------------------------------------------------------------------

    def start(self) -> None:
        self.state.setText(f"Reading the workbooks in {self.folder}...")
        self.refresh()

    def refresh(self) -> None:
        """Read again the files that changed, came or went (all of them the first time)."""
        if self._closed:
            return
        if self._reading is not None:
            self._again = True
            return
        known = {**self.signatures}
        reading = self._reading = FolderReading(self.folder, known, self)
        reading.listed.connect(self._listed)
        reading.found.connect(self._found)
        reading.gone.connect(self._gone)
        reading.read.connect(self._read)
        reading.finished.connect(self._finished)
        reading.start()

    def is_reading(self) -> bool:
        return self._reading is not None or self.settle.isActive()

    def _listed(self, paths: list[Path], folders: list[Path]) -> None:
        self.order = {path: place for place, path in enumerate(paths)}
        wanted = {str(p) for p in [*paths, *folders]}
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        if stale := sorted(watched - wanted):
            self.watcher.removePaths(stale)
        if new := sorted(wanted - watched):
            self.watcher.addPaths(new)

    def _found(self, count: int) -> None:
        self.progress.setRange(0, max(count, 1))
        self.progress.setValue(0)
        self.progress.setVisible(count > 0)

    def _gone(self, paths: list[Path]) -> None:
        for path in paths:
            self.found.pop(path, None)
            self.signatures.pop(path, None)
        self._sort_lines()
        if paths:
            self._show_areas()

    def _read(self, read: WorkbookRead) -> None:
        self.reads.append(read.path)
        self.signatures[read.path] = read.signature
        self.found[read.path] = read.result
        self._sort_lines()
        self.progress.setValue(self.progress.value() + 1)
        if self.overview.model.rowCount() == 0 or not self.areas:
            self._show_areas()
        elif not self.lines_due.isActive():
            self.lines_due.start()
        self.workbook_read.emit(read)

    def _finished(self) -> None:
        reading, self._reading = self._reading, None
        if reading is not None:
            reading.deleteLater()
        self.progress.hide()
        self._show_areas()
        self.overview.fit_columns()
        self._redraw()
        self.state.setText(self.summary())
        if self._again:
            self._again = False
            self.refresh()
            return
        self.reading_finished.emit()

    def _sort_lines(self) -> None:
        """Lines and files not read, from what each file gave: a second workbook of an area already
        listed, or one with no ONS code, is named among those not read (core.region.one_line_per_area)."""
        paths = sorted(self.found, key=lambda p: (self.order.get(p, len(self.order)), p))  # as the command
        lines = one_line_per_area([self.found[p] for p in paths])
        self.areas = {p: line for p, line in zip(paths, lines, strict=True) if isinstance(line, AreaOverview)}
        self.skipped = {p: line for p, line in zip(paths, lines, strict=True) if isinstance(line, Skipped)}

    def summary(self) -> str:
        skipped = f"; {len(self.skipped)} could not be read" if self.skipped else ""
        return f"{len(self.areas)} workbooks read from {self.folder}{skipped}. Read-only: nothing here is changed."

    def _changed(self, _path: str) -> None:
        self.settle.start()  # restarted by each signal of a burst

    def _show_areas(self) -> None:
        self.lines_due.stop()
        self.overview.show_areas(self.area_lines())
        self._say_count()
        self._show_skipped()
        if len(self.areas) == 1:
            self.overview.fit_columns()  # the first line sets the columns' widths while the rest are read
        if not self.redraw.isActive():
            self.redraw.start()

    def area_lines(self) -> list[AreaOverview]:
        return [self.areas[p] for p in sorted(self.areas)]

    def shown_lines(self) -> list[AreaOverview]:
        """The lines the filter keeps (all of them when nothing is typed), in the folder's order."""
        if not self.filter.box.text().split():
            return self.area_lines()
        kept = {line.path for line in self.overview.shown_areas()}
        return [line for line in self.area_lines() if line.path in kept]

    def _say_count(self) -> None:
        self.filter.say_count(self.overview.proxy.rowCount(), len(self.areas))

    def _show_skipped(self) -> None:
        sentences = [self.skipped[p].why for p in sorted(self.skipped)]
        if sentences != [self.skipped_list.item(i).text() for i in range(self.skipped_list.count())]:
            self.skipped_list.clear()
            self.skipped_list.addItems(sentences)
        self.skipped_box.setTitle(f"Could not read ({len(sentences)}): the rest are shown")
        self.skipped_box.setVisible(bool(sentences))

    def _redraw(self) -> None:
        """The view in sight drawn again now; the others when next shown."""
        self.redraw.stop()
        self._stale = {self.heat_map, self.ambition}
        self._redraw_view(self.tabs.currentWidget())

    def _redraw_view(self, view: QWidget) -> None:
        if view is self.heat_map:
            self.heat_map.show_areas(self.shown_lines())
        elif view is self.ambition:
            self.ambition.show_areas(self.shown_lines())
        self._stale.discard(view)

    # -- opening a workbook in the editor -----------------------------------------------------------

    def open_workbook(self, shown_path: str, code: str | None = None) -> QWidget | None:
        """The workbook (by its path within the folder) in an editor window, as File > Open opens it;
        with a code, on the Targets page at that indicator."""
        return self.editors.open(self.folder / shown_path, code)

    def _open_area_target(self, area: str, code: str) -> None:
        path = next((line.path for line in self.areas.values() if line.area == area), None)
        if path is not None:
            self.open_workbook(path, code)

    def closeEvent(self, event: QCloseEvent) -> None:
        """No reading starts from here on, and the one under way stops after its file: the thread must
        be done before the window (its parent) is deleted, or Qt aborts the program."""
        if not self._closed:
            self._closed = True
            for timer in (self.settle, self.redraw, self.lines_due):
                timer.stop()
            self.watcher.blockSignals(True)
            if self._reading is not None:
                self._reading.requestInterruption()
                self._reading.wait()
        event.accept()


def open_region_window(
    folder: Path, new_editor: Callable[[], QWidget], parent: QWidget | None = None, home: QWidget | None = None
) -> RegionWindow | None:
    """A region desk on the folder, shown and reading; None (and a message) when it is not a folder to read.
    new_editor makes an editor window (MainWindow) for a workbook opened from the desk."""
    try:
        folder = region_folder(folder.expanduser())
    except WorkbookProblem as problem:
        QMessageBox.warning(parent, "Cannot open region folder", str(problem))
        return None
    window = RegionWindow(folder.resolve(), new_editor, home)
    window.show()
    window.start()
    return window
