"""File > Import Returned Table: a council's table into the open workbook, as `laadesk import` does
from the command line - read and shown first, the columns confirmed, the summary read, then each
change it would make reviewed (accepted or rejected; a level for an agreed year lands as the area's
proposal, a comment as a shareable champion note), and only the accepted ones land, as one undo
step with a backup taken before it. Nothing from the file is written straight in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from laadesk.core.errors import WorkbookProblem
from laadesk.ui import settings
from laadesk.ui.window.host import Host
from laadesk.ui.window.import_backup import backed_up_before_import

if TYPE_CHECKING:  # the import's code loads when first used: a quicker start
    from laadesk.core.council_table import ReadTable
    from laadesk.core.edits import Edit
    from laadesk.core.errors import CellProblem
    from laadesk.core.import_plan import ImportPlan

TITLE = "Import a table"
TABLE_FILES = "Tables (*.xlsx *.xlsm *.csv);;Excel workbooks (*.xlsx *.xlsm);;CSV files (*.csv)"


class ImportFileDialog:
    """Asks which file to import; tests replace ask()."""

    @classmethod
    def ask(cls, parent: QWidget, folder: Path) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(parent, TITLE, str(folder), TABLE_FILES)
        return Path(chosen) if chosen else None


def sheets_of(path: Path) -> list[str]:
    """The sheets to choose from, laadesk's own 'Targets' first; none for a CSV."""
    from laadesk.export.exchange_xlsx import SHEET, sheet_names
    from laadesk.export.table_files import SPREADSHEETS

    if path.suffix.lower() not in SPREADSHEETS:
        return []

    names = sheet_names(path)
    return sorted(names, key=lambda name: name != SHEET)


class TableImport:
    """The File menu action; enabled while a workbook that may be written is open."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.action = QAction("&Import Returned Table...", host.dialog_parent())
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setToolTip(
            "Bring in a council's returned table of targets (Excel or CSV): see it, say which column is which, "
            "then accept or reject each change it would make; the accepted ones land as one step Undo takes back"
        )
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda _=False: self.start())
        self.action.setEnabled(False)
        host.workbook_opened.connect(lambda workbook: self.action.setEnabled(not workbook.read_only))
        host.workbook_closed.connect(lambda: self.action.setEnabled(False))
        self.dialog: QDialog | None = None  # the dialog while it is open (tests drive it)
        self.last_imported: tuple[int, int] | None = None  # changes accepted, changes the file would make

    def start(self) -> ImportPlan | None:
        """Choose a file, show it, and import it if the officer says so; the plan applied, or None."""
        session = self.host.session
        if session is None or session.workbook.read_only:
            return None
        session.settle()
        parent = self.host.dialog_parent()
        folder = settings.import_folder() or session.workbook.path.resolve().parent
        path = ImportFileDialog.ask(parent, folder)
        if path is None:
            return None
        settings.remember_import_folder(path.resolve().parent)
        try:
            sheets = sheets_of(path)
        except WorkbookProblem as problem:
            QMessageBox.warning(parent, "Not imported", str(problem))
            return None
        from laadesk.ui.window.sub_area_import import import_if_sub_areas

        if import_if_sub_areas(self.host, path):  # a CSV in the sub-area layout: its own summary
            return None
        from laadesk.export.table_files import read_table_file  # loads when first used: a quicker start
        from laadesk.ui.dialogs.import_dialog import ImportDialog

        dialog = self.dialog = ImportDialog(
            parent,
            path,
            sheets,
            lambda sheet: read_table_file(path, sheet),
            self._planner(path),
            settings.column_choices,
        )
        try:
            if not dialog.load() and not sheets:
                QMessageBox.warning(parent, "Not imported", dialog.found.text())
                return None
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.plan is None:
                return None
            assert dialog.table is not None and dialog.layout_chosen is not None
            plan, table, layout, shape = dialog.plan, dialog.table, dialog.layout_chosen, dialog.shape
        finally:
            self.dialog = None
            dialog.deleteLater()
        from laadesk.core.council_table import layout_choices

        return self._apply(plan, path, layout_choices(table, layout), shape)

    def _planner(self, path: Path) -> Callable[[ReadTable], tuple[ImportPlan | None, list[CellProblem]]]:
        session = self.host.session
        assert session is not None
        workbook = session.workbook

        def plan(table: ReadTable) -> tuple[ImportPlan | None, list[CellProblem]]:
            from laadesk.core.import_plan import plan_import
            from laadesk.store.reference import deferral_reasons

            return plan_import(
                path.name, table, workbook.targets(), workbook.partners(), workbook.catalogue(), deferral_reasons()
            )

        return plan

    def _apply(self, plan: ImportPlan, path: Path, choices: dict[str, str], shape: str) -> ImportPlan | None:
        """Review what the plan would change; land the accepted changes (a backup first) as one undo step."""
        session = self.host.session
        if session is None:
            return None
        parent = self.host.dialog_parent()
        if plan.edit.empty:
            self.host.say(f"{path.name}: the workbook already holds every figure in it; nothing was changed.", 10000)
            return plan
        from laadesk.core.review import accepted_edit, review
        from laadesk.ui.dialogs.review_dialog import ReviewDialog
        from laadesk.ui.pages.compare.model import polarity_lookup

        settings.remember_column_choices(shape, choices)
        snapshot = session.snapshot()
        found = review(snapshot, plan.edit, path.name, polarity_lookup(snapshot))
        if not found.proposals:
            self.host.say(f"{path.name}: the workbook already holds every figure in it; nothing was changed.", 10000)
            return plan
        chosen = ReviewDialog.ask(parent, found)
        if chosen is None:
            self.host.say(f"{path.name}: nothing was imported.", 10000)
            return None
        accepted, overwrite = chosen
        today = snapshot.area.as_at or date.today()
        edit: Edit = accepted_edit(snapshot, found, accepted, overwrite_agreed=overwrite, today=today)
        total = len(found.proposals)
        if edit.empty:
            self.host.say(f"{path.name}: no change was accepted; nothing was imported.", 10000)
            return None
        backup = backed_up_before_import(session, parent)
        if backup is None:
            return None
        session.apply(edit)
        kept = sum(1 for p in found.proposals if p.number in set(accepted))
        self.last_imported = (kept, total)
        self.host.say(
            f"Imported {kept} of {total} change{'s' if total != 1 else ''} from {path.name}. Backed up first as "
            f"{backup.name}; Undo takes the import back in one step.",
            15000,
        )
        return plan
