"""Text in other scripts in the PDF pack, read back with pdftotext: right-to-left paragraphs that wrap,
and page headers in scripts the page font lacks."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from laadesk.core.pack import Audience, build_pack
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.export.pdf_pack import write_pdf_pack

# About forty words of Arabic (a council resolution) and a Hebrew clause: four lines or so of the story.
ARABIC = (
    "قرر مجلس المدينة بالإجماع الموافقة على خطة العمل المحلية للسنوات الثلاث القادمة مع مراجعة سنوية "
    "للأهداف وتقرير يقدم إلى اللجنة في نهاية كل ربع سنة حول التقدم المحرز في الإسكان والصحة والتعليم "
    "وسلامة الطرق ومشاركة الشركاء المحليين في تحقيق هذه الأهداف"
)
HEBREW = "המועצה מאשרת את התוכנית"
AREA = "東京 Kingsmere مجلس"
_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


def letters(word: str) -> str:
    """Arabic presentation forms (how joined letters are drawn) folded back into their letters."""
    return _FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), word)


@pytest.fixture(scope="module")
def scripts_pdf(demo_snapshot: WorkbookSnapshot, tmp_path_factory: pytest.TempPathFactory) -> Path:
    story = (replace(demo_snapshot.story[0], text=f"{ARABIC}\n\n{HEBREW}"), *demo_snapshot.story[1:])
    area = replace(demo_snapshot.area, name=AREA)
    pack = build_pack(replace(demo_snapshot, story=story, area=area), Audience.COUNCIL, date(2008, 6, 20))
    path = tmp_path_factory.mktemp("scripts") / "pack.pdf"
    write_pdf_pack(pack, path)
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    return path


def lines_of(path: Path) -> list[list[tuple[float, float, str]]]:
    """Every line of the PDF, top to bottom on each page, as (left, right, word) from pdftotext -bbox-layout."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True)
    lines = []
    for line in re.findall(r"<line[^>]*>(.*?)</line>", html.stdout, re.S):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>', line)
        lines.append([(float(left), float(right), unescape(word)) for left, right, word in words])
    return lines


def test_a_wrapped_right_to_left_paragraph_reads_from_the_right_and_on_down(scripts_pdf: Path) -> None:
    """Each line read right to left, the lines top to bottom: the words as written, none lost or moved."""
    words = ARABIC.split()
    arabic_lines = [
        line for line in lines_of(scripts_pdf) if line and all(letters(w[::-1]) in words for _, _, w in line)
    ]
    read = [letters(word[::-1]) for line in arabic_lines for _, _, word in sorted(line, reverse=True)]
    assert len(arabic_lines) >= 3, "the paragraph should wrap over several lines"
    assert read == words
    # Right-aligned, as an Arabic paragraph is: every line ends at the right margin (A4, 50 pt margins).
    assert all(abs(max(right for _, right, _ in line) - 545.3) < 2 for line in arabic_lines)


def test_a_hebrew_paragraph_reads_from_the_right(scripts_pdf: Path) -> None:
    words = HEBREW.split()
    lines = [line for line in lines_of(scripts_pdf) if sorted(w[::-1] for _, _, w in line) == sorted(words)]
    assert lines, "the Hebrew paragraph is on no line of its own"
    assert [word[::-1] for _, _, word in sorted(lines[0], reverse=True)] == words


def test_an_area_name_in_other_scripts_prints_in_every_page_header(scripts_pdf: Path) -> None:
    text = subprocess.run(["pdftotext", str(scripts_pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [letters(page) for page in text.split("\f") if page.strip()]
    assert len(pages) > 20
    assert all("東京 Kingsmere" in page and "مجلس" in page for page in pages)
    fonts = subprocess.run(["pdffonts", str(scripts_pdf)], capture_output=True, text=True, check=True).stdout
    assert "DroidSansFallback" in fonts  # the Chinese is drawn in the fallback that has it, not as boxes
