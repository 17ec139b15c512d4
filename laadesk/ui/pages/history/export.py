"""History > Export to CSV...: the entries the filter shows, oldest first, for a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from laadesk.core.errors import WorkbookProblem
from laadesk.core.history import HistoryFilter
from laadesk.core.labels import counted
from laadesk.export.history_csv import write_history_csv
from laadesk.store.history import read_entries
from laadesk.store.workbook import Workbook
from laadesk.ui import settings
from laadesk.ui.dialogs.workbook_files import ask_export_file


class HistoryCsvDialog:
    """Asks where the CSV file goes; tests replace ask()."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: Path) -> Path | None:
        return ask_export_file(parent, "Export the history to CSV", suggested, "CSV files", ".csv")


def suggested_name(workbook: Workbook, wanted: HistoryFilter) -> Path:
    about = f" {wanted.ni}" if wanted.ni else ""
    folder = settings.export_folder() or workbook.path.parent
    return folder / f"{workbook.path.stem} history{about}.csv"


def export_history(parent: QWidget, workbook: Workbook, wanted: HistoryFilter) -> str | None:
    """Ask where, write the file, and return the sentence saying what was written (None if cancelled
    or refused; a refusal is explained in a message box)."""
    path = HistoryCsvDialog.ask(parent, suggested_name(workbook, wanted))
    if path is None:
        return None
    try:
        count = write_history_csv(path, read_entries(workbook, wanted))
    except (OSError, WorkbookProblem) as problem:
        reason = problem.strerror if isinstance(problem, OSError) and problem.strerror else str(problem)
        QMessageBox.warning(parent, "History not exported", f"{path.name} was not written: {reason}.")
        return None
    settings.remember_export_folder(path.parent)
    which = f" ({wanted.describe()})" if wanted.describe() else ""
    return f"Exported {counted(count, 'change')}{which} to {path}, oldest first."
