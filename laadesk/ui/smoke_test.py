"""`laadesk --smoke-test`: the real main window on a throw-away workbook, both packs exported and read back.

The installers run it on the frozen program (installers/build.py and the CI workflows) to prove
that a bundle finds its resources, Qt plugins, QtCharts and the export libraries. It prints one
line per step (and writes them to a report file when asked: a windowed program on Windows has no
console), exits 0 when every step passed and 1 with one sentence when a step failed. The details
of a failure go to a file in the smoke test's folder, never a traceback on screen. Nothing of the
person's own is touched: settings, backups and files all live in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from laadesk import __version__
from laadesk.core.errors import WorkbookProblem
from laadesk.core.pack import Audience, Pack, build_pack
from laadesk.resources import resource_path
from laadesk.store.reference import deferral_reasons

if TYPE_CHECKING:
    from laadesk.ui.crash_report import CrashReporter
    from laadesk.ui.window.main_window import MainWindow

# Epoch seconds at which whoever started this process launched it (installers/build.py sets it),
# so the first paint can be reported as time from launch, not just from the smoke test's start.
LAUNCHED_AT = "LAADESK_LAUNCHED_AT"
WATCHDOG_SECONDS = 180.0  # a hung step (a dialog nobody answers) must not hang CI for hours
PAINT_TIMEOUT_MS = 30000
WORKBOOK_NAME = "Kingsmere smoke test.laa"
# What the offscreen platform says about every window; harmless, and not what the test is about.
OFFSCREEN_NOISE = "This plugin does not support"


class StepFailed(Exception):
    """A step found something wrong; str() is the sentence the person reads."""


class Report:
    """The smoke test's lines: to standard output and, when asked, to a report file."""

    def __init__(self, report_file: Path | None) -> None:
        self.report_file = report_file
        if report_file is not None:
            report_file.write_text("", encoding="utf-8")

    def say(self, line: str) -> None:
        # In a windowed Windows build sys.stdout is None and print() then writes nothing.
        print(line, flush=True)
        if self.report_file is not None:
            with self.report_file.open("a", encoding="utf-8") as file:
                file.write(line + "\n")


class FirstPaint(QObject):
    """Ends an event loop at the first paint of the watched widget."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.time()
            QTimer.singleShot(0, self.loop.quit)
        return False


class SmokeTest:
    """The steps, in order; each returns what it proved, in a few words."""

    def __init__(self, folder: Path, started_at: float) -> None:
        self.folder = folder
        self.started_at = started_at
        self.app: QApplication | None = None
        self.window: MainWindow | None = None
        self.workbook_path = folder / WORKBOOK_NAME
        self.pack: Pack | None = None
        self.written: dict[str, Path] = {}
        self.dialog_texts: list[str] = []
        self.demo_build_s = 0.0
        self.crash_reporter: CrashReporter | None = None

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("starting Qt", self.start_qt),
            ("building the demo workbook", self.build_workbook),
            ("opening the main window", self.open_window),
            ("visiting every page", self.visit_pages),
            ("exporting the council pack", self.export),
            ("reading the PDF pack back", self.check_pdf),
            ("reading the Excel pack back", self.check_xlsx),
            ("closing the window", self.close_window),
        ]

    # -- the steps ---------------------------------------------------------------------

    def start_qt(self) -> str:
        from laadesk.ui import settings
        from laadesk.ui.application import application
        from laadesk.ui.crash_report import install_crash_reporter

        # Settings go to the smoke test's folder: recent files and window state stay untouched.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(self.folder / "settings"))
        qInstallMessageHandler(_qt_message)
        self.app = application()
        # As the window does: a bug in a slot or a worker is logged (in the smoke test's folder) and shown,
        # and the dialog watch below closes that dialog and fails the step with its sentence.
        self.crash_reporter = install_crash_reporter()
        settings.upgrade()
        # A message box would wait for a click nobody gives: note its text, close it, fail the step.
        self.dialog_watch = QTimer()
        self.dialog_watch.setInterval(100)
        self.dialog_watch.timeout.connect(self._close_dialogs)
        self.dialog_watch.start()
        return f"Qt {qVersion()} on the {self.app.platformName()} platform"

    def build_workbook(self) -> str:
        from laadesk.store.demo import DEMO_SOURCE, build_demo

        source = resource_path(DEMO_SOURCE)
        if not source.is_file():
            raise StepFailed(f"the demo workbook's source {source} is missing, so this installation is incomplete")
        started = time.time()
        build_demo(self.workbook_path).close()
        self.demo_build_s = time.time() - started  # a person's workbook exists already: not start-up time
        return f"{self.workbook_path.name}, {_size(self.workbook_path)}"

    def open_window(self) -> str:
        from laadesk.ui.window.main_window import MainWindow

        window = self.window = MainWindow()
        if self.crash_reporter is not None:
            self.crash_reporter.window = window
        if not window.files.open_path(self.workbook_path) or window.session is None:
            raise StepFailed(self._dialog_sentence("the main window did not open the workbook"))
        loop = QEventLoop()
        watcher = FirstPaint(loop)
        window.installEventFilter(watcher)
        QTimer.singleShot(PAINT_TIMEOUT_MS, loop.quit)
        window.show()
        loop.exec()
        window.removeEventFilter(watcher)
        if watcher.painted_at is None:
            raise StepFailed(f"the main window was not painted within {PAINT_TIMEOUT_MS // 1000} seconds")
        area = window.session.snapshot().area.name
        return f"{area}; first paint {self._since_launch(watcher.painted_at)}"

    def visit_pages(self) -> str:
        from laadesk.ui.pages import PAGES

        window = self._window()
        shown = {}
        for entry in PAGES:  # pages are imported when first shown: a bundle missing one fails here
            shown[entry.title] = window.show_page(entry.title)
            QApplication.processEvents()
        targets = shown["Targets"]
        from laadesk.ui.pages.targets.page import TargetsPage

        if not isinstance(targets, TargetsPage):
            raise StepFailed("the Targets page did not open")
        session = window.session
        charted = next((t for t in session.snapshot().targets if t.baseline is not None), None) if session else None
        if charted is None or not targets.select(charted.code):
            raise StepFailed("the demo workbook has no target with a baseline to chart")
        QApplication.processEvents()
        lines = len(targets.chart.chart_series())
        if lines == 0:
            raise StepFailed(f"the trajectory chart of {charted.code} drew no line (is QtCharts in the bundle?)")
        self._check_dialogs()
        return f"{len(shown)} pages shown; the {charted.code} trajectory chart drew {lines} line(s)"

    def export(self) -> str:
        from laadesk.export.packs import PackFormat, write_packs

        session = self._window().session
        if session is None:
            raise StepFailed("the workbook is no longer open in the main window")
        self.pack = build_pack(session.snapshot(), Audience.COUNCIL, date.today(), deferral_reasons().wordings())
        outputs = [
            (PackFormat.PDF, self.folder / "Kingsmere council pack.pdf"),
            (PackFormat.XLSX, self.folder / "Kingsmere council pack.xlsx"),
        ]
        written = write_packs(self.pack, outputs)
        self.written = {w.format.value: w.path for w in written}
        return "; ".join(f"{w.path.name} ({w.detail})" for w in written)

    def check_pdf(self) -> str:
        path = self.written.get("pdf")
        if path is None or not path.is_file() or path.stat().st_size == 0:
            raise StepFailed(f"the PDF pack {path} was not written or is empty")
        data = path.read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise StepFailed(f"{path} is not a complete PDF file")
        if b"/FontFile2" not in data:
            raise StepFailed(f"{path} embeds no TrueType font: the bundle lacks the PDF fonts")
        return f"{path.name}: {_size(path)}, complete, TrueType fonts embedded"

    def check_xlsx(self) -> str:
        from laadesk.core.council_table import read_table
        from laadesk.export.exchange_xlsx import read_xlsx_table

        path = self.written.get("xlsx")
        if path is None or not path.is_file() or path.stat().st_size == 0:
            raise StepFailed(f"the Excel pack {path} was not written or is empty")
        rows = read_table(read_xlsx_table(path)).rows
        expected = len(self.pack.targets) if self.pack is not None else -1
        if len(rows) != expected:
            raise StepFailed(f"{path} holds {len(rows)} target rows where the pack has {expected}")
        return f"{path.name}: {_size(path)}, {len(rows)} target rows read back"

    def close_window(self) -> str:
        window = self._window()
        window.close()
        QApplication.processEvents()
        if window.session is not None:
            raise StepFailed("closing the main window left the workbook open")
        self._check_dialogs()
        return "the workbook was closed with the window"

    # -- helpers -------------------------------------------------------------------------

    def _window(self) -> MainWindow:
        if self.window is None:
            raise StepFailed("the main window is not open")
        return self.window

    def _since_launch(self, moment: float) -> str:
        """Start-up time to the first paint, less the time spent building the demo workbook."""
        launched = os.environ.get(LAUNCHED_AT, "")
        try:
            since, start = float(launched), "launch"
        except ValueError:
            since, start = self.started_at, "the smoke test started"
        return f"{(moment - since - self.demo_build_s) * 1000:.0f} ms after {start} (not counting the demo's building)"

    def _close_dialogs(self) -> None:
        from laadesk.ui.dialogs.crash_dialog import CrashDialog

        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        text = dialog.text() if isinstance(dialog, QMessageBox | CrashDialog) else dialog.windowTitle()
        self.dialog_texts.append(" ".join(text.split()))
        dialog.close()

    def _dialog_sentence(self, fallback: str) -> str:
        return f"laadesk said: {self.dialog_texts[-1]}" if self.dialog_texts else fallback

    def _check_dialogs(self) -> None:
        if self.dialog_texts:
            raise StepFailed(self._dialog_sentence(""))


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own messages go to standard error, less the offscreen platform's chatter."""
    if OFFSCREEN_NOISE not in message and sys.stderr is not None:
        print(f"Qt: {message}", file=sys.stderr, flush=True)


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.0f} kB"


def _use_offscreen_without_display() -> None:
    """No display (a server, a CI container): draw offscreen rather than fail to start."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _sentence(error: BaseException) -> str:
    if isinstance(error, StepFailed | WorkbookProblem):
        return str(error)
    return f"laadesk hit a fault ({type(error).__name__}: {error})"


def run_smoke_test(report_file: Path | None = None) -> int:
    """Run every step; 0 when all passed, 1 after the first that failed."""
    started_at = time.time()
    try:
        report = Report(report_file)
    except OSError as error:
        print(f"laadesk smoke test: cannot write the report file {report_file} ({error.strerror}).", file=sys.stderr)
        return 1
    _use_offscreen_without_display()
    folder = Path(tempfile.mkdtemp(prefix="laadesk-smoke-"))
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    report.say(f"laadesk {__version__} smoke test ({frozen}, Python {sys.version.split()[0]}) in {folder}")
    watchdog = threading.Timer(WATCHDOG_SECONDS, _give_up, args=(report,))
    watchdog.daemon = True
    watchdog.start()
    data_dir = os.environ.get("LAADESK_DATA_DIR")
    os.environ["LAADESK_DATA_DIR"] = str(folder / "data")  # backups and the demo stay in the folder
    smoke = SmokeTest(folder, started_at)
    try:
        for name, step in smoke.steps():
            try:
                done = step()
            except Exception as error:
                log = folder / "smoke-test-failure.txt"
                log.write_text(f"step: {name}\n\n{traceback.format_exc()}", encoding="utf-8")
                report.say(f"FAILED {name}: {_sentence(error)}.")
                report.say(f"laadesk smoke test failed; details are in {log}")
                return 1
            report.say(f"ok     {name}: {done}")
        report.say(f"laadesk smoke test passed in {time.time() - started_at:.1f} s")
        shutil.rmtree(folder, ignore_errors=True)
        return 0
    finally:
        watchdog.cancel()
        if smoke.crash_reporter is not None:
            smoke.crash_reporter.uninstall()
        if data_dir is None:
            os.environ.pop("LAADESK_DATA_DIR", None)
        else:
            os.environ["LAADESK_DATA_DIR"] = data_dir


def _give_up(report: Report) -> None:
    report.say(f"FAILED: the smoke test did not finish within {WATCHDOG_SECONDS:.0f} seconds (a step hung).")
    os._exit(1)
