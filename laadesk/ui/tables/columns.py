"""A column of a record table: what it shows, how it sorts, and the edit that typing into it makes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from laadesk.core.edits import Edit, set_fields

# Every function of a column takes the record and the workbook as it is now (a WorkbookSnapshot,
# or None for a table of things outside any workbook, such as backups).
Shown = Callable[[Any, Any], str]


class Editor(Enum):
    """How a cell is edited (a page picks a delegate for each)."""

    NONE = "read-only"
    TEXT = "text"
    NUMBER = "number"
    CHOICE = "choice"
    MANY = "many"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    """One column of a table of records.

    `edit` turns the typed text into an Edit (raising ValueError with a sentence to refuse it);
    `edit_text` is what the cell editor starts from (default: the text shown); `sort` gives a value
    that sorts as a person expects (default: the text, case-blind); `tooltip` (default: the text);
    `tip` is the header's tooltip; `merge` makes typing into the same cell again one undo step.
    """

    key: str
    title: str
    text: Shown
    edit: Callable[[Any, str, Any], Edit] | None = None
    edit_text: Shown | None = None
    sort: Callable[[Any, Any], Any] | None = None
    tooltip: Callable[[Any, Any], str | None] | None = None
    tip: str = ""
    numeric: bool = False
    merge: bool = False
    editor: Editor = Editor.TEXT  # which delegate edits the cell, when `edit` is set
    width: int = 0  # a starting width in characters, where a table does not fit columns to their contents

    @property
    def editable(self) -> bool:
        return self.edit is not None

    def shown(self, record: Any, snapshot: Any) -> str:
        return self.text(record, snapshot)

    def for_editor(self, record: Any, snapshot: Any) -> str:
        return (self.edit_text or self.text)(record, snapshot)

    def sort_value(self, record: Any, snapshot: Any) -> Any:
        if self.sort is not None:
            return self.sort(record, snapshot)
        text = self.text(record, snapshot)
        if self.numeric:
            try:
                return (0, float(text or 0))
            except ValueError:
                return (1, text.casefold())
        return text.casefold()

    def tooltip_text(self, record: Any, snapshot: Any) -> str | None:
        if self.tooltip is not None:
            return self.tooltip(record, snapshot)
        return self.text(record, snapshot) or None


def text_field(
    key: str,
    title: str,
    label: Callable[[Any], str],
    *,
    tidy: Callable[[str], str] = str.strip,  # or one_spaced
    width: int = 0,
    merge: bool = False,
) -> Column:
    """A record's own text field `key`, shown as it is; what is typed into it, tidied, is set on the
    record as one edit named by `label(record)`."""
    return Column(
        key,
        title,
        lambda record, _: getattr(record, key),
        edit=lambda record, text, _: set_fields(record, label(record), **{key: tidy(text)}),
        width=width,
        merge=merge,
    )


def column_index(columns: tuple[Column, ...], key: str) -> int:
    """Where the column with this key is; ValueError if there is none."""
    for number, column in enumerate(columns):
        if column.key == key:
            return number
    raise ValueError(f"no column {key!r}")
