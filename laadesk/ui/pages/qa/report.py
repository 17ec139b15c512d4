"""Quality assurance > Save the QA report...: the internal QA report as PDF, written on a thread of its
own (reportlab lays it out), so the window never waits for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from laadesk.core.errors import WorkbookProblem
from laadesk.core.model import AreaProfile
from laadesk.core.qa import QaState
from laadesk.store.opening import is_workbook_file
from laadesk.ui import settings
from laadesk.ui.collector import collect_on_gui_thread_while
from laadesk.ui.dialogs.workbook_files import ask_export_file


class QaReportDialog:
    """Asks where the report goes; tests replace ask()."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: Path) -> Path | None:
        return ask_export_file(parent, "Save the QA report", suggested, "PDF files", ".pdf")


def suggested_name(workbook_path: Path) -> Path:
    folder = settings.export_folder() or workbook_path.parent
    return folder / f"{workbook_path.stem} QA report.pdf"


class QaReportWriter(QThread):
    """Writes the report; `written` gives the number of pages, `failed` a sentence."""

    written = Signal(int)
    failed = Signal(str)

    def __init__(self, area: AreaProfile, states: list[QaState], as_at: date, path: Path, parent: QObject) -> None:
        super().__init__(parent)
        self.area, self.states, self.as_at, self.path = area, states, as_at, path

    def run(self) -> None:
        try:
            if is_workbook_file(self.path):
                self.failed.emit(f"{self.path.name} is a laadesk workbook; the report is not written over it.")
                return
            from laadesk.export.pdf_qa import write_qa_report  # reportlab: loaded off the window's thread

            self.written.emit(write_qa_report(self.area, self.states, self.as_at, self.path))
        except (OSError, WorkbookProblem) as problem:
            reason = problem.strerror if isinstance(problem, OSError) and problem.strerror else str(problem)
            self.failed.emit(f"The QA report was not written: {reason}")
        except Exception as fault:  # a bug: said plainly, never a traceback on screen
            self.failed.emit(f"The QA report was not written because of a fault in laadesk ({type(fault).__name__}).")


def start_writing(writer: QaReportWriter) -> None:
    writer.finished.connect(writer.deleteLater)
    collect_on_gui_thread_while(writer)
    writer.start()
