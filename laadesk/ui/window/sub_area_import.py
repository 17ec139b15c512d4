"""File > Import Table for a CSV in the sub-area layout: known by its header, its summary read, then one
undo step with a backup taken before it (the column dialog is for council tables of targets)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from laadesk.core.errors import WorkbookProblem
from laadesk.core.sub_area_exchange import find_sub_area_header, plan_sub_area_import, read_sub_area_table
from laadesk.ui.window.host import Host
from laadesk.ui.window.import_backup import backed_up_before_import

SHOWN_LINES = 25


class SubAreaSummary:
    """Asks whether to import what the summary says; tests replace ask()."""

    @classmethod
    def ask(cls, parent: QWidget, title: str, text: str, detail: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Ok


def import_if_sub_areas(host: Host, path: Path) -> bool:
    """Import a CSV whose header is the sub-area layout's; False when it is not one (a targets table)."""
    from laadesk.export.exchange_csv import read_csv_table

    session = host.session
    if session is None or path.suffix.lower() != ".csv":
        return False
    parent = host.dialog_parent()
    try:
        table = read_csv_table(path)
    except WorkbookProblem:
        return False  # the table import says what is wrong with the file
    if find_sub_area_header(table) is None:
        return False
    snapshot = session.snapshot()
    plan, problems = plan_sub_area_import(read_sub_area_table(table), snapshot.sub_areas, snapshot.targets)
    if plan is None:
        lines = [str(p) for p in problems]
        more = f"\n... and {len(lines) - SHOWN_LINES} more" if len(lines) > SHOWN_LINES else ""
        QMessageBox.warning(
            parent, "Not imported", f"{path.name}: nothing was imported.\n\n" + "\n".join(lines[:SHOWN_LINES]) + more
        )
        return True
    if not plan.changes:
        host.say(f"{path.name}: the workbook already holds every sub-area figure in it; nothing was changed.", 10000)
        return True
    detail = "\n".join(plan.report[:SHOWN_LINES]) + ("\n..." if len(plan.report) > SHOWN_LINES else "")
    if not SubAreaSummary.ask(parent, "Import sub-area figures", f"{path.name}: {plan.totals()}.", detail):
        return True
    backup = backed_up_before_import(session, parent)
    if backup is None:
        return True
    session.apply(plan.edit(path.name))
    host.say(
        f"Imported {path.name}: {plan.totals()}. Backed up first as {backup.name}; Undo takes the import back "
        "in one step.",
        15000,
    )
    return True
