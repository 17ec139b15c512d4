"""Telling the officer that laadesk hit a bug: where its log is, and that the workbook is safe."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, SignalInstance, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from laadesk.store.crash_log import CrashNotice

TITLE = "Something went wrong"
HEADLINE = "Something went wrong inside laadesk."
SAFE_BECAUSE = "is safe: every edit is written to the file the moment you make it, so nothing is waiting to be saved."
NO_WORKBOOK = "No workbook was open, so none was affected."
WHAT_HAPPENED = (
    "The fault was in laadesk, not in your workbook, and laadesk is still running. What you did just now "
    "may not have taken effect: check it, and do it again if not."
)
SEND_LOG = "The details are in this file; please send it to the laadesk team:"
# Wide enough for the whole path of a log on Windows (C:\Users\...\AppData\Roaming\laadesk\logs\...).
WIDEST_PATH_PX = 720


def workbook_sentence(workbook: Path | None) -> str:
    return f"Your workbook {workbook.name} {SAFE_BECAUSE}" if workbook is not None else NO_WORKBOOK


def repeats_sentence(repeats: int) -> str:
    """Further faults while the dialog was up: counted here, never a dialog each."""
    if repeats <= 0:
        return ""
    times = "once more" if repeats == 1 else f"{repeats} more times"
    return f"It happened {times} since this message appeared; the details are in the same file."


class CrashDialog(QDialog):
    """One at a time: the crash reporter counts further faults into the dialog already shown."""

    def __init__(self, parent: QWidget | None, notice: CrashNotice) -> None:
        super().__init__(parent)
        self.notice = notice
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        from PySide6.QtWidgets import QStyle  # named only when a dialog shows: 5 ms off every start

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = _sentence(f"<b>{HEADLINE}</b>")
        self.what_happened = _sentence(WHAT_HAPPENED)
        self.workbook = _sentence(workbook_sentence(notice.workbook))
        self.repeats = _sentence("")
        self.log_path = QLineEdit(str(notice.log) if notice.log is not None else "")
        self.log_path.setReadOnly(True)
        self.log_path.setAccessibleName("Crash log file")
        self.log_path.setCursorPosition(0)
        path_width = self.log_path.fontMetrics().horizontalAdvance(self.log_path.text()) + 16
        self.log_path.setMinimumWidth(min(path_width, WIDEST_PATH_PX))
        self.copy_button = QPushButton("&Copy path")
        self.copy_button.setAccessibleName("Copy the crash log's path")
        self.copy_button.clicked.connect(self.copy_path)
        self.folder_button = QPushButton("&Open folder")
        self.folder_button.setAccessibleName("Open the folder holding the crash log")
        self.folder_button.clicked.connect(self.open_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setDefault(True)
        log_row = QHBoxLayout()
        log_row.addWidget(self.log_path, 1)
        log_row.addWidget(self.copy_button)
        log_row.addWidget(self.folder_button)
        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(self.headline)
        column.addWidget(self.workbook)  # first what the officer worries about: the work
        column.addWidget(self.what_happened)
        if notice.log is not None:
            column.addWidget(_sentence(SEND_LOG))
            column.addLayout(log_row)
        else:
            column.addWidget(_sentence(f"laadesk could not write the details to a file ({notice.log_problem})."))
            for widget in (self.log_path, self.copy_button, self.folder_button):
                widget.hide()
        column.addWidget(self.repeats)
        grid = QGridLayout(self)
        grid.addWidget(icon, 0, 0)
        grid.addLayout(column, 0, 1)
        grid.addWidget(buttons, 1, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        self.setMinimumWidth(560)
        self.count_repeats(notice.repeats)

    def text(self) -> str:
        """The dialog in one line, for the smoke test's report (it closes every dialog it meets)."""
        log = f"The details are in {self.notice.log}." if self.notice.log is not None else ""
        return f"{HEADLINE} {log}".strip()

    @Slot(int)
    def count_repeats(self, repeats: int) -> None:
        self.repeats.setText(repeats_sentence(repeats))
        self.repeats.setVisible(repeats > 0)
        self.fit_to_text()  # the dialog may be up already: grow it, or its sentences are cut short

    def fit_to_text(self) -> None:
        """As tall as the wrapped sentences need: Qt sizes a window by its width alone."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        width = max(self.width(), self.minimumSizeHint().width())
        height = self.heightForWidth(width)
        self.resize(width, height if height > 0 else self.sizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        self.fit_to_text()
        super().showEvent(event)

    @Slot()
    def copy_path(self) -> None:
        QGuiApplication.clipboard().setText(self.log_path.text())
        self.copy_button.setText("Copied")

    @Slot()
    def open_folder(self) -> None:
        if self.notice.log is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.notice.log.parent)))

    @classmethod
    def present(cls, parent: QWidget | None, notice: CrashNotice, repeated: SignalInstance) -> None:
        """Show the dialog until closed, counting the faults `repeated` announces (tests patch this)."""
        dialog = cls(parent, notice)
        repeated.connect(dialog.count_repeats)
        try:
            dialog.exec()
        finally:
            repeated.disconnect(dialog.count_repeats)
            dialog.deleteLater()


def _sentence(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
