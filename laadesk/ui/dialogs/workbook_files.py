"""Asking where a workbook file is, or where a new one goes: one filter, one suffix, for every dialog;
and where an exported file of another kind goes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from laadesk.store.workbook import WORKBOOK_SUFFIX

WORKBOOK_FILTER = f"laadesk workbooks (*{WORKBOOK_SUFFIX});;All files (*)"


def workbook_path(chosen: str, suffix: str = WORKBOOK_SUFFIX) -> Path | None:
    """The path a file dialog gave, with the suffix when none was typed; None if cancelled."""
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(suffix)


def ask_open_workbook(parent: QWidget | None, folder: Path) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, "Open a workbook", str(folder), WORKBOOK_FILTER)
    return Path(chosen) if chosen else None


def ask_new_workbook_file(
    parent: QWidget | None, title: str, suggested: Path, *, may_replace: bool = False
) -> Path | None:
    """Where to write a new workbook file. laadesk never overwrites a workbook it makes as a copy, a
    restore or a council copy, so unless `may_replace` the dialog does not offer to replace a file."""
    options = QFileDialog.Option(0) if may_replace else QFileDialog.Option.DontConfirmOverwrite
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), WORKBOOK_FILTER, options=options)
    return workbook_path(chosen)


def named_beside(path: Path, words: str) -> Path:
    """A name beside a workbook for a copy of it: "kingsmere copy.laa", "kingsmere - for the council.laa"."""
    return path.with_name(f"{path.stem}{words}{WORKBOOK_SUFFIX}")


def ask_export_file(parent: QWidget | None, title: str, suggested: Path, kind: str, suffix: str) -> Path | None:
    """Where an exported file goes ("CSV files", ".csv"): the suffix added when none was typed."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), f"{kind} (*{suffix});;All files (*)")
    return workbook_path(chosen, suffix)
