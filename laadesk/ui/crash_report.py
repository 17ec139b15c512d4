"""Catching a bug in the window: its crash log written, one dialog on the GUI thread, laadesk running on.

A windowed build has no console, so without this an exception in a slot, in one of Qt's virtual
methods (PySide6 hands both to sys.excepthook, on whichever thread they ran) or in a worker thread
(threading.excepthook) was printed nowhere, and the officer saw a click do nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QObject, Qt, Signal, Slot, qVersion
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from laadesk.store.crash_log import CrashNotice
    from laadesk.ui.window.main_window import MainWindow

PROGRAM = "laadesk window"
# While a dialog is up, faults that follow go into its log up to this many, and are counted after
# that: a fault in a paint event comes back at every repaint, and must not fill the disk.
MOST_REPEATS_LOGGED = 20


class CrashReporter(QObject):
    """Takes every uncaught exception, from any thread; made on the GUI thread, where its dialog shows."""

    fault_logged = Signal()  # a first fault: its dialog is on its way (always queued to the GUI thread)
    repeated = Signal(int)  # how many faults followed the first since its dialog was asked for

    def __init__(self, window: MainWindow | None = None) -> None:
        super().__init__()
        self.window = window
        self.details = (
            ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
            ("display", QApplication.platformName()),
        )
        self._lock = threading.Lock()
        self._notice: CrashNotice | None = None  # the fault whose dialog is up or on its way
        self._repeats = 0
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.fault_logged.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashReporter:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def excepthook(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if not isinstance(error, Exception):  # Ctrl+C, an exit: not a bug
            self._previous_hook(kind, error, trace)
            return
        if error.__traceback__ is None and trace is not None:
            error = error.with_traceback(trace)
        try:
            self.report(error, threading.current_thread().name)
        except Exception:  # the reporter failing: better the plain traceback than nothing
            self._previous_hook(kind, error, trace)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if not isinstance(args.exc_value, Exception):
            self._previous_thread_hook(args)
            return
        try:
            self.report(args.exc_value, args.thread.name if args.thread is not None else None)
        except Exception:
            self._previous_thread_hook(args)

    def report(self, error: Exception, thread: str | None) -> None:
        """Log a fault (from any thread); the first since the last dialog closed asks for a dialog."""
        from laadesk.store import crash_log  # loaded with the first fault: every start is quicker

        with self._lock:
            first = self._notice is None
            if self._notice is None:
                self._notice = self._write_log(error, thread)
            else:
                self._repeats += 1
                if self._notice.log is not None and self._repeats <= MOST_REPEATS_LOGGED:
                    with contextlib.suppress(OSError):
                        crash_log.add_to_crash_log(self._notice.log, error, thread=thread)
            repeats = self._repeats
        if first:
            self.fault_logged.emit()
        else:
            self.repeated.emit(repeats)

    def workbook(self) -> Path | None:
        """The open workbook's path (its name goes in the log; nothing it holds does)."""
        try:
            session = self.window.session if self.window is not None else None
            return session.workbook.path if session is not None else None
        except Exception:  # a window half torn down: the log is worth more than the name
            return None

    def _write_log(self, error: Exception, thread: str | None) -> CrashNotice:
        from laadesk.store import crash_log

        workbook = self.workbook()
        try:
            log = crash_log.write_crash_log(
                error, program=PROGRAM, workbook=workbook, thread=thread, details=self.details
            )
        except OSError as problem:
            return crash_log.CrashNotice(None, workbook, log_problem=problem.strerror or str(problem))
        return crash_log.CrashNotice(log, workbook)

    @Slot()
    def _show_dialog(self) -> None:
        with self._lock:
            if self._notice is None:
                return
            notice = dataclasses.replace(self._notice, repeats=self._repeats)
        parent = QApplication.activeModalWidget() or self.window
        from laadesk.store import crash_log

        try:
            from laadesk.ui.dialogs.crash_dialog import CrashDialog  # loads with the first fault: a quicker start

            CrashDialog.present(parent, notice, self.repeated)
        except Exception as error:
            # A dialog that fails must not bring up another dialog, that fails...: its fault goes in the log.
            if notice.log is not None:
                with contextlib.suppress(OSError):
                    crash_log.add_to_crash_log(notice.log, error)
        finally:
            with self._lock:
                self._notice = None
                self._repeats = 0


def install_crash_reporter(window: MainWindow | None = None) -> CrashReporter:
    """Catch every uncaught exception from now on (call after the QApplication exists)."""
    return CrashReporter(window).install()
