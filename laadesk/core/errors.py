"""Known conditions a person can act on, told apart from bugs by their type."""

from __future__ import annotations

from dataclasses import dataclass


class WorkbookProblem(Exception):
    """A condition the user can act on; str() is the one sentence they see."""


class NotAWorkbook(WorkbookProblem):
    """The file is not a laadesk workbook."""


class WorkbookTooNew(WorkbookProblem):
    """The file was written by a newer laadesk."""


class WorkbookCorrupt(WorkbookProblem):
    """SQLite cannot read the file, or its contents fail integrity checks."""


class WorkbookUnavailable(WorkbookProblem):
    """The file is missing, unreadable, read-only, or already exists where it must not."""


class CatalogueRejected(WorkbookProblem):
    """A National Indicator Set file could not be read."""


class ChecklistRejected(WorkbookProblem):
    """A QA checklist file (a region's own items) could not be read."""


@dataclass(frozen=True)
class CellProblem:
    """A problem with one cell of an imported file; row 1 is the header row."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ImportRejected(WorkbookProblem):
    """An imported file had bad rows; nothing was written."""

    def __init__(self, source: str, problems: list[CellProblem]) -> None:
        self.source = source
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{source}: {count} {noun}, nothing was imported.")
