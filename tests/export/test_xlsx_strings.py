"""laadesk reads a plain string item of an .xlsx itself (openpyxl makes some ten objects of each):
what it reads is exactly what openpyxl's own reading gives, for every shape an item can take."""

from __future__ import annotations

import io

import pytest
from openpyxl.cell.text import Text
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import fromstring

from laadesk.export.xlsx_package import item_text, sheet_parser

ITEMS = (
    "<t>NI 152</t>",
    '<t xml:space="preserve">  spaced  </t>',
    "<t/>",
    "",
    "<t>a<b/>c</t>",
    "<r><rPr><b/></rPr><t>bold </t></r><r><t>and not</t></r>",
    '<t>x</t><rPh sb="0" eb="1"><t>y</t></rPh>',
    "<t>one</t><t>two</t>",
)


@pytest.mark.parametrize("inside", ITEMS)
@pytest.mark.parametrize("tag", ["si", "is"])
def test_a_string_item_reads_as_openpyxls_text(tag: str, inside: str) -> None:
    node = fromstring(f'<{tag} xmlns="{SHEET_MAIN_NS}">{inside}</{tag}>')
    assert item_text(node) == Text.from_tree(node).content


CELLS = (
    '<c r="A1" t="inlineStr" s="1"><is><t>Jobcentre Plus</t></is></c>',
    '<c r="B1" t="inlineStr"><is><r><t>ab</t></r><r><t>cd</t></r></is></c>',
    '<c r="C1" t="inlineStr"><is/></c>',
    '<c r="D1" t="inlineStr"/>',
    '<c r="E1" t="inlineStr"><f>1+1</f><is><t>x</t></is></c>',
    '<c t="inlineStr"><is><t>no reference</t></is></c>',
    '<c r="G1" t="inlineStr"><is><t>x</t></is><is><t>y</t></is></c>',
    '<c r="H1"><v>12.5</v></c>',
)


def test_a_sheet_parses_as_openpyxls_own_parser() -> None:
    sheet = f'<worksheet xmlns="{SHEET_MAIN_NS}"><sheetData><row r="1">{"".join(CELLS)}</row></sheetData></worksheet>'

    def cells(parser: type) -> list[object]:
        return list(parser(io.BytesIO(sheet.encode()), []).parse())

    assert cells(sheet_parser()) == cells(WorkSheetParser)
