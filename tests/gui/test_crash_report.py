"""A bug in the window is logged and shown once, the workbook stays open, and laadesk runs on.

pytest-qt catches exceptions raised in Qt slots and virtual methods itself (through sys.excepthook)
and fails the test; these tests raise them on purpose, so they turn that off
(qt_no_exception_capture) and install laadesk's own crash reporter instead. Any fault other than
the planted one would still show: as a dialog more than the tests expect.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, SignalInstance, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from support.gui import retype

from laadesk.app import main as laadesk_gui
from laadesk.core.pack import Audience, build_pack
from laadesk.export.packs import PackFormat
from laadesk.store.crash_log import MARKER
from laadesk.store.workbook import Workbook
from laadesk.ui.application import FileOpenRequests
from laadesk.ui.crash_report import MOST_REPEATS_LOGGED, CrashReporter, install_crash_reporter
from laadesk.ui.dialogs.crash_dialog import HEADLINE, SAFE_BECAUSE, CrashDialog, CrashNotice, repeats_sentence
from laadesk.ui.pages.area.page import AreaPage
from laadesk.ui.window.export_worker import ExportWorker, start_export
from laadesk.ui.window.main_window import MainWindow

pytestmark = pytest.mark.qt_no_exception_capture

PLANTED = "planted fault for the crash report test"
SAFE = f"Your workbook kingsmere.laa {SAFE_BECAUSE}"


class PlantedFault(RuntimeError):
    """The bug the tests plant; its name is looked for in the log's traceback."""


def fail(*_: object) -> None:
    raise PlantedFault(PLANTED)


@pytest.fixture
def reporter(window: MainWindow) -> Iterator[CrashReporter]:
    reporter = install_crash_reporter(window)
    yield reporter
    reporter.uninstall()


def crash_logs(user_data: Path) -> list[Path]:
    folder = user_data / "logs"
    return sorted(folder.glob("crash-*.txt")) if folder.is_dir() else []


def assert_one_dialog_for_the_log(dialogs: list[CrashDialog], log: Path) -> CrashDialog:
    """Exactly one dialog, naming that log and saying the workbook is safe."""
    assert len(dialogs) == 1
    (dialog,) = dialogs
    assert dialog.notice.log == log
    assert dialog.log_path.text() == str(log)
    assert dialog.workbook.text() == SAFE
    return dialog


@dataclass(frozen=True)
class Crashes:
    """What the crash reporter installed on the window did: the dialogs it presented, and its logs."""

    dialogs: list[CrashDialog]
    user_data: Path

    def logs(self) -> list[Path]:
        return crash_logs(self.user_data)

    def the_one_log(self) -> Path:
        """The one log written, named by the one dialog shown, which says the workbook is safe."""
        (log,) = self.logs()
        assert_one_dialog_for_the_log(self.dialogs, log)
        return log


@pytest.fixture
def crashes(reporter: CrashReporter, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, user_data: Path) -> Crashes:
    """Every crash dialog the installed reporter presents: built for real, then closed at once (no exec())."""
    dialogs: list[CrashDialog] = []

    def present(cls: type[CrashDialog], parent: object, notice: CrashNotice, repeated: SignalInstance) -> None:
        dialog = cls(None, notice)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)

    monkeypatch.setattr(CrashDialog, "present", classmethod(present))
    return Crashes(dialogs, user_data)


def lsp_name_in_file(path: Path) -> str:
    with Workbook.open(path, read_only=True) as workbook:
        return workbook.area().lsp_name


def assert_still_editable(window: MainWindow, qtbot: QtBot, demo_path: Path, text: str) -> None:
    """The window is up, the workbook open, and an edit typed now reaches the file."""
    assert window.isVisible()
    assert window.session is not None and window.session.is_open
    page = window.show_page("Area")
    assert isinstance(page, AreaPage)
    retype(qtbot, page.profile.lsp_name, text)
    assert lsp_name_in_file(demo_path) == text


def test_a_bug_in_a_slot_is_logged_and_shown_once_and_the_workbook_stays_open(
    window: MainWindow,
    crashes: Crashes,
    qtbot: QtBot,
    demo_path: Path,
) -> None:
    # A page that fails to refresh after an edit: the slot raises after the edit was written.
    assert window.session is not None
    window.session.edited.connect(fail)
    page = window.show_page("Area")
    assert isinstance(page, AreaPage)
    retype(qtbot, page.profile.lsp_name, "Kingsmere Partnership Board")
    qtbot.waitUntil(lambda: len(crashes.dialogs) == 1)
    log = crashes.the_one_log()
    text = log.read_text(encoding="utf-8")
    assert text.startswith(MARKER)
    assert "Traceback (most recent call last)" in text
    assert f"PlantedFault: {PLANTED}" in text and "in fail" in text
    assert f"workbook: {demo_path}" in text and "laadesk: 0.1.0" in text and "thread: MainThread" in text
    assert "Kingsmere Partnership Board" not in text  # the workbook's name is there, never what it holds
    assert lsp_name_in_file(demo_path) == "Kingsmere Partnership Board"  # the edit itself reached the file
    window.session.edited.disconnect(fail)
    assert_still_editable(window, qtbot, demo_path, "Kingsmere Together")
    assert len(crashes.dialogs) == 1


def test_a_bug_in_a_timer_callback_is_logged_and_shown(window: MainWindow, crashes: Crashes, qtbot: QtBot) -> None:
    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: len(crashes.dialogs) == 1)
    log = crashes.the_one_log()
    assert f"PlantedFault: {PLANTED}" in log.read_text(encoding="utf-8")


def test_a_bug_in_a_worker_thread_is_shown_on_the_gui_thread(
    window: MainWindow,
    reporter: CrashReporter,
    qtbot: QtBot,
    demo_path: Path,
    user_data: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []

    def present(cls: type[CrashDialog], parent: object, notice: CrashNotice, repeated: SignalInstance) -> None:
        threads.append(threading.current_thread())
        dialogs.append(cls(None, notice))
        qtbot.addWidget(dialogs[-1])

    dialogs: list[CrashDialog] = []
    monkeypatch.setattr(CrashDialog, "present", classmethod(present))
    worker = threading.Thread(target=fail, name="laadesk: a planted worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    assert threads == [threading.main_thread()]
    (log,) = crash_logs(user_data)
    assert_one_dialog_for_the_log(dialogs, log)
    text = log.read_text(encoding="utf-8")
    assert "thread: laadesk: a planted worker" in text and f"PlantedFault: {PLANTED}" in text
    assert_still_editable(window, qtbot, demo_path, "Kingsmere Together")


class ThreadEnded(QObject):
    """Hears a QThread end, on the GUI thread (the thread itself is deleted once it has ended)."""

    def __init__(self) -> None:
        super().__init__()
        self.ended = False

    @Slot()
    def note(self) -> None:
        self.ended = True


def test_a_bug_in_a_slot_on_the_export_thread_is_logged_and_shown_once(
    window: MainWindow,
    crashes: Crashes,
    qtbot: QtBot,
    demo_path: Path,
    tmp_path: Path,
) -> None:
    # The export worker on its QThread, with a faulty listener to its progress that runs on that thread.
    assert window.session is not None
    pack = build_pack(window.session.snapshot(), Audience.COUNCIL, date.today())
    worker = ExportWorker(pack, ((PackFormat.XLSX, tmp_path / "pack.xlsx"),))
    ran_on: list[str] = []

    def faulty_progress(done: int, total: int) -> None:
        ran_on.append(threading.current_thread().name)
        if len(ran_on) == 1:
            fail()

    worker.progressed.connect(faulty_progress, Qt.ConnectionType.DirectConnection)
    thread = start_export(worker, window)
    ended = ThreadEnded()
    thread.finished.connect(ended.note)  # the thread cannot end before this event loop runs
    qtbot.waitUntil(lambda: ended.ended and len(crashes.dialogs) == 1, timeout=20000)
    assert ran_on and threading.main_thread().name not in ran_on
    assert (tmp_path / "pack.xlsx").is_file()  # the export went on to the end
    log = crashes.the_one_log()
    text = log.read_text(encoding="utf-8")
    assert f"thread: {ran_on[0]}" in text and "in faulty_progress" in text and f"PlantedFault: {PLANTED}" in text
    assert_still_editable(window, qtbot, demo_path, "Kingsmere Together")


def test_a_flood_of_faults_brings_one_dialog_that_counts_them(
    window: MainWindow, reporter: CrashReporter, qtbot: QtBot, user_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs: list[CrashDialog] = []
    flood = 30

    def present(cls: type[CrashDialog], parent: object, notice: CrashNotice, repeated: SignalInstance) -> None:
        dialog = cls(None, notice)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        repeated.connect(dialog.count_repeats)
        # As while exec() shows the dialog: the event loop runs on, and the bug comes back at each repaint.
        for _ in range(flood):
            QTimer.singleShot(0, fail)
        qtbot.waitUntil(lambda: f"{flood} more times" in dialog.repeats.text())
        repeated.disconnect(dialog.count_repeats)

    monkeypatch.setattr(CrashDialog, "present", classmethod(present))
    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: len(dialogs) == 1)
    qtbot.wait(50)
    assert len(dialogs) == 1
    assert dialogs[0].repeats.isVisibleTo(dialogs[0])
    assert dialogs[0].repeats.text() == (
        f"It happened {flood} more times since this message appeared; the details are in the same file."
    )
    (log,) = crash_logs(user_data)  # one log, holding the first and the repeats, up to a limit
    text = log.read_text(encoding="utf-8")
    assert text.count(f"PlantedFault: {PLANTED}") == 1 + MOST_REPEATS_LOGGED
    assert text.count("--- and again at ") == MOST_REPEATS_LOGGED


def test_faults_from_threads_before_the_dialog_shows_are_counted_into_it(
    window: MainWindow, crashes: Crashes, qtbot: QtBot
) -> None:
    workers = [threading.Thread(target=fail, name=f"worker {n}") for n in range(12)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    qtbot.waitUntil(lambda: len(crashes.dialogs) == 1)
    qtbot.wait(50)
    assert len(crashes.dialogs) == 1
    assert crashes.dialogs[0].repeats.text().startswith("It happened 11 more times since this message appeared")
    assert len(crashes.logs()) == 1


def test_after_the_dialog_closes_the_next_bug_has_its_own_log_and_dialog(
    window: MainWindow, crashes: Crashes, qtbot: QtBot
) -> None:
    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: len(crashes.dialogs) == 1)
    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: len(crashes.dialogs) == 2)
    logs = crashes.logs()
    assert len(logs) == 2  # in the same second too: the second log does not overwrite the first
    assert {dialog.notice.log for dialog in crashes.dialogs} == set(logs)
    assert [dialog.repeats.isVisibleTo(dialog) for dialog in crashes.dialogs] == [False, False]


def test_interrupts_and_exits_go_to_the_handler_that_was_there_before(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, user_data: Path
) -> None:
    before: list[type[BaseException]] = []
    before_thread: list[type[BaseException]] = []

    def previous(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        before.append(kind)

    def previous_thread(args: threading.ExceptHookArgs) -> None:
        before_thread.append(args.exc_type)

    monkeypatch.setattr(sys, "excepthook", previous)
    monkeypatch.setattr(threading, "excepthook", previous_thread)
    reporter = install_crash_reporter(window)
    try:
        assert sys.excepthook == reporter.excepthook and threading.excepthook == reporter.thread_excepthook
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
        sys.excepthook(SystemExit, SystemExit(0), None)
        exiting = threading.Thread(target=sys.exit, args=(0,))
        exiting.start()
        exiting.join()
    finally:
        reporter.uninstall()
    assert (before, before_thread) == ([KeyboardInterrupt, SystemExit], [SystemExit])
    assert sys.excepthook is previous and threading.excepthook is previous_thread
    assert crash_logs(user_data) == []


def test_when_no_log_can_be_written_the_dialog_says_so(
    window: MainWindow,
    crashes: Crashes,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocked = tmp_path / "not a folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("LAADESK_DATA_DIR", str(blocked))
    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: len(crashes.dialogs) == 1)
    (dialog,) = crashes.dialogs
    assert dialog.notice.log is None and dialog.notice.log_problem
    said = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"laadesk could not write the details to a file ({dialog.notice.log_problem})." in said
    assert SAFE in said
    assert not dialog.log_path.isVisibleTo(dialog) and not dialog.copy_button.isVisibleTo(dialog)


def test_the_dialog_says_plainly_what_happened_where_the_log_is_and_that_the_workbook_is_safe(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "logs" / "crash-20261126-141502.txt"
    dialog = CrashDialog(None, CrashNotice(log, tmp_path / "kingsmere.laa"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = [label for label in dialog.findChildren(QLabel) if label.text()]
    said = [label.text() for label in labels]
    assert said == [
        f"<b>{HEADLINE}</b>",
        "Your workbook kingsmere.laa is safe: every edit is written to the file the moment you make it, "
        "so nothing is waiting to be saved.",
        "The fault was in laadesk, not in your workbook, and laadesk is still running. What you did just now "
        "may not have taken effect: check it, and do it again if not.",
        "The details are in this file; please send it to the laadesk team:",
    ]
    assert all(label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse for label in labels)
    assert dialog.log_path.text() == str(log) and dialog.log_path.isReadOnly()
    assert dialog.windowTitle() == "Something went wrong"
    assert dialog.text() == f"{HEADLINE} The details are in {log}."
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == str(log)
    assert opened == [QUrl.fromLocalFile(str(log.parent))]
    dialog.count_repeats(1)
    assert (
        dialog.repeats.text() == "It happened once more since this message appeared; the details are in the same file."
    )
    assert (
        all(button.accessibleName() for button in (dialog.copy_button, dialog.folder_button))
        and dialog.log_path.accessibleName()
    )


def test_present_shows_the_dialog_counting_repeats_until_it_is_closed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reporter = CrashReporter()  # not installed: only its signal is wanted
    seen: list[str] = []

    def exec_(dialog: CrashDialog) -> int:  # instead of blocking: what the officer would see meanwhile
        qtbot.addWidget(dialog)
        reporter.repeated.emit(2)
        seen.append(dialog.repeats.text())
        return 0

    monkeypatch.setattr(CrashDialog, "exec", exec_)
    CrashDialog.present(None, CrashNotice(tmp_path / "crash.txt", None, repeats=1), reporter.repeated)
    assert seen == [repeats_sentence(2)]
    reporter.repeated.emit(3)  # after the dialog closed: heard by nobody, and no error


def test_with_no_workbook_open_the_dialog_does_not_speak_of_one(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CrashDialog(None, CrashNotice(tmp_path / "crash.txt", None))
    qtbot.addWidget(dialog)
    assert dialog.workbook.text() == "No workbook was open, so none was affected."


def test_the_dialog_grows_to_show_every_sentence_whole_when_repeats_are_counted(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CrashDialog(None, CrashNotice(tmp_path / "logs" / "crash-20261126-141502.txt", tmp_path / "kingsmere.laa"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    def cut_short() -> list[str]:
        labels = [label for label in dialog.findChildren(QLabel) if label.isVisible() and label.wordWrap()]
        return [label.text() for label in labels if label.height() < label.heightForWidth(label.width())]

    assert cut_short() == []
    for repeats in (1, 7, 120):
        dialog.count_repeats(repeats)
        qtbot.waitUntil(lambda: cut_short() == [])
    assert dialog.repeats.isVisible()


def test_laadesk_gui_installs_the_reporter(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch, user_data: Path
) -> None:
    dialogs: list[CrashNotice] = []
    monkeypatch.setattr(
        CrashDialog, "present", classmethod(lambda cls, parent, notice, repeated: dialogs.append(notice))
    )
    hooks = (sys.excepthook, threading.excepthook)

    def run_until_the_dialog(app: QApplication) -> int:
        QTimer.singleShot(0, fail)
        qtbot.waitUntil(lambda: len(dialogs) == 1)
        return 0

    monkeypatch.setattr(QApplication, "exec", run_until_the_dialog)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        assert laadesk_gui([str(demo_path)]) == 0
    finally:
        reporter = getattr(sys.excepthook, "__self__", None)
        assert isinstance(reporter, CrashReporter)
        reporter.uninstall()
        for opener in app.findChildren(FileOpenRequests):
            app.removeEventFilter(opener)
            opener.deleteLater()
        for widget in app.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()
                widget.deleteLater()
    assert (sys.excepthook, threading.excepthook) == hooks
    (log,) = crash_logs(user_data)
    assert dialogs == [CrashNotice(log, demo_path)]
