"""The package side of an .xlsx a council sends back: a zip archive of a sane size, the sheets it
lists and its shared strings, each read once and only as far as the import needs, and the parser
of the sheet chosen.

openpyxl reads XML with defusedxml when it is installed (it is a dependency), which refuses
entity expansion and external entities. It does not guard against zip bombs, so the
uncompressed sizes are checked first: in all, and of each part (openpyxl parses some parts
whole; 25 MB of sheet XML takes it several seconds).
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from laadesk.core.text import visible
from laadesk.export.exchange_csv import SourceUnreadable, read_source_bytes

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART = 25 * 1024 * 1024
MAX_PARTS = 10_000
# Old .xls files, and .xlsx files saved with a password, are OLE2 compound documents.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A string item's plain text (<t> in SpreadsheetML's namespace, openpyxl's SHEET_MAIN_NS).
PLAIN_TEXT = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t"


def check_xlsx_container(path: Path) -> bytes:
    """The file's bytes, once they are known to be a zip archive of a sane size."""
    data = read_source_bytes(path)
    if data.startswith(OLE2_MAGIC):
        raise SourceUnreadable(
            f"{path} is an old-style Excel .xls file or a workbook saved with a password; save it in Excel "
            "as an .xlsx workbook without a password to import it."
        )
    if not data.startswith(b"PK"):
        raise SourceUnreadable(f"{path} is not an Excel .xlsx file (it is not a zip archive).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise SourceUnreadable(f"{path} is not an Excel .xlsx file (the zip archive is damaged).") from None
    total = sum(info.file_size for info in parts)
    if total > MAX_UNCOMPRESSED:
        raise SourceUnreadable(
            f"{path} would unpack to {total // (1024 * 1024)} MB, more than a targets workbook ever holds; refused."
        )
    if len(parts) > MAX_PARTS:
        raise SourceUnreadable(f"{path} holds {len(parts)} parts, more than a targets workbook ever holds; refused.")
    biggest = max(parts, key=lambda info: info.file_size, default=None)
    if biggest is not None and biggest.file_size > MAX_PART:
        raise SourceUnreadable(
            f"{path} holds a part ({visible(biggest.filename[:80])}) that would unpack to "
            f"{biggest.file_size // (1024 * 1024)} MB, more than a targets workbook ever holds; refused."
        )
    return data


@dataclass(frozen=True)
class SheetPart:
    """A sheet as the workbook lists it: its name, how Excel shows it, where its XML is, whether it is a chart."""

    title: str
    state: str | None
    part: str
    chart: bool


@functools.cache
def package_reader() -> Any:
    """openpyxl's reader of the package, taking only what the import reads, and each part once: the
    shared strings as stored (see raw_shared_strings), and the list of sheets without opening any
    (openpyxl would read into each one for its size, and parse chart sheets); _scan reads the one
    chosen, once."""
    from openpyxl.reader.excel import ExcelReader

    class PackageReader(ExcelReader):  # type: ignore[misc]  # openpyxl has no type hints, so its reader is Any to subclass
        sheets: tuple[SheetPart, ...] = ()

        def read_strings(self) -> None:
            self.shared_strings = raw_shared_strings(self.archive, self.package)

        def read_worksheets(self) -> None:
            self.sheets = tuple(
                SheetPart(sheet.name, sheet.state, rel.target, "chartsheet" in rel.Type)
                for sheet, rel in self.parser.find_sheets()
                if rel.target in self.valid_files
            )

    return PackageReader


def raw_shared_strings(archive: Any, package: Any) -> list[str]:
    """The shared strings as stored, _xHHHH_ escapes and all (openpyxl half-undoes them, then
    excel_unescape could not tell "_x0041_" typed in a cell from an escaped "A")."""
    from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    part = package.find(SHARED_STRINGS)
    if part is None:
        return []
    item = f"{{{SHEET_MAIN_NS}}}si"
    strings = []
    with archive.open(part.PartName[1:]) as source:
        for _, node in iterparse(source):
            if node.tag == item:
                strings.append(item_text(node))
                node.clear()
    return strings


def item_text(node: Any) -> str:
    """The text of a string item (a shared <si>, a cell's own <is>) without its formatting, as
    openpyxl's Text.from_tree(node).content gives it. An item that is one plain <t> is read here:
    openpyxl makes about ten objects of each item, which was a third of reading a sheet of text."""
    if len(node) == 1 and not node.attrib and node[0].tag == PLAIN_TEXT:
        return node[0].text or ""
    from openpyxl.cell.text import Text

    return str(Text.from_tree(node).content)


@functools.cache
def sheet_parser() -> Any:
    """openpyxl's parser of a sheet's XML, with a cell's own string (the inline string a program
    other than Excel writes in the cell itself) read by item_text."""
    from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser

    class SheetParser(WorkSheetParser):  # type: ignore[misc]  # openpyxl has no type hints
        def parse_cell(self, element: Any) -> dict[str, Any]:
            inline = element[0] if len(element) == 1 and element.get("t") == "inlineStr" else None
            if inline is None or inline.tag != INLINE_STRING or self.rich_text:
                parsed: dict[str, Any] = super().parse_cell(element)
                return parsed
            # openpyxl reads the cell's place and style (the cell holds nothing else); its text is read here.
            element.remove(inline)
            cell: dict[str, Any] = super().parse_cell(element)
            cell["value"], cell["data_type"] = item_text(inline), "s"
            return cell

    return SheetParser
