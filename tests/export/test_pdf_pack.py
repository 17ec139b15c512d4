"""The PDF pack, read back with real readers: qpdf, pdfinfo, pdffonts and pdftotext (poppler)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from support.edge_cases import (
    CANARIES,
    CANARY_FLOOR_PRINTED,
    CANARY_FLOOR_WARNING,
    CANARY_NOTE,
    HOSTILE_TEXTS,
    LONG_TEXT,
)

from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.model import LEVEL_FIELDS, Target, Visibility
from laadesk.core.numbers import format_figure
from laadesk.core.pack import Audience, Pack, build_pack
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.export.pdf_pack import PdfResult, write_pdf_pack

GENERATED = date(2008, 6, 20)
# The PostScript names of the TrueType fonts in resources/fonts.
SHIPPED_FONTS = {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DroidSansFallback", "Symbola"}


def run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{args[0]} failed ({done.returncode}): {done.stderr}"
    return done.stdout


@dataclass(frozen=True)
class Written:
    pack: Pack
    path: Path
    result: PdfResult

    @property
    def layout(self) -> str:
        return run("pdftotext", "-layout", self.path, "-")

    @property
    def plain(self) -> str:
        """The text in reading order with all whitespace collapsed (wrapped lines join up again)."""
        return " ".join(run("pdftotext", self.path, "-").split())

    def qdf_bytes(self) -> bytes:
        """The file with every stream decompressed, as qpdf writes it for reading."""
        out = self.path.with_suffix(".qdf.pdf")
        run("qpdf", "--qdf", "--object-streams=disable", self.path, out)
        return out.read_bytes()


def _write(snapshot: WorkbookSnapshot, audience: Audience, folder: Path, marking: str = "") -> Written:
    pack = build_pack(snapshot, audience, GENERATED, council_marking=marking)
    path = folder / f"pack-{audience.value}.pdf"
    return Written(pack, path, write_pdf_pack(pack, path))


@pytest.fixture(scope="module")
def written(
    demo_snapshot: WorkbookSnapshot, edge_snapshot: WorkbookSnapshot, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Written]:
    packs = {}
    for name, snapshot in (("demo", demo_snapshot), ("edge", edge_snapshot)):
        folder = tmp_path_factory.mktemp(f"pdf-{name}")
        for audience in Audience:
            # The demo's council pack has no marking (the default); the edge one is marked as an officer may choose.
            packs[(name, audience.value)] = _write(snapshot, audience, folder, "RESTRICTED" if name == "edge" else "")
    return packs


ALL = [(w, a) for w in ("demo", "edge") for a in ("council", "internal")]


# -- what a reader sees on each row of the targets tables -------------------------------------


def _in_order(tokens: list[str], wanted: list[str]) -> bool:
    """True if the wanted tokens occur in tokens in this order (others may come between)."""
    position = 0
    for token in tokens:
        if position < len(wanted) and token == wanted[position]:
            position += 1
    return position == len(wanted)


def shown_level(target: Target, field: str) -> str:
    """What a level's cell starts with: the figure (format_figure: 1,180), the first word of the words a
    table gave (a long sentence wraps onto the lines below), or "not set"."""
    value = getattr(target, field)
    if value is not None:
        return format_figure(value)
    words = target.as_written(field)
    return words.split()[0] if words else "not set"


def misprinted_targets(layout: str, pack: Pack) -> list[str]:
    """Codes whose baseline and three levels (shown_level) are not on a line starting with the code,
    with the baseline's period on that line or the next (it stands under its baseline).

    A deferred target must instead read "deferred: <reason>" on its line: a deliberate blank.
    """
    lines = [*(" ".join(line.split()) for line in layout.splitlines()), ""]
    wrong = []
    for target in pack.targets:
        starts = re.compile(rf"^{re.escape(target.code)}(?!\S)")
        rows = [(line, lines[n + 1]) for n, line in enumerate(lines[:-1]) if starts.match(line)]
        if target.deferred:
            reason = target.deferral_reason.split()[0] if target.deferral_reason else "reason"
            ok = any(f"deferred: {reason}" in row for row, _ in rows)
        else:
            wanted = " ".join(shown_level(target, field) for field in LEVEL_FIELDS).split()
            period = target.baseline_period.split()
            ok = any(
                _in_order(row.split(), wanted) and _in_order(row.split() + below.split(), period) for row, below in rows
            )
        if not ok:
            wrong.append(target.code)
    return wrong


# -- the tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("workbook", "audience"), ALL)
def test_pdf_is_sound_with_every_font_embedded(
    written: dict[tuple[str, str], Written], workbook: str, audience: str
) -> None:
    out = written[(workbook, audience)]
    run("qpdf", "--check", out.path)
    fonts = run("pdffonts", out.path).splitlines()[2:]
    assert fonts, "pdffonts listed no fonts"
    for row in fonts:
        # name type encoding emb sub uni object ID: "emb" is the fourth field from the end but three.
        fields = row.split()
        assert fields[-5] == "yes", f"font not embedded: {row}"
        assert fields[0].split("+")[-1] in SHIPPED_FONTS, f"a font laadesk does not ship: {row}"
    info = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in run("pdfinfo", out.path).splitlines())
    )
    assert int(info["Pages"]) == out.result.pages
    assert info["Author"] == "laadesk"
    assert info["Subject"] == out.pack.area.name
    assert out.pack.area.name in info["Title"]


@pytest.mark.parametrize(("workbook", "audience"), ALL)
def test_the_contents_gives_each_section_the_page_it_starts_on(
    written: dict[tuple[str, str], Written], workbook: str, audience: str
) -> None:
    """Each contents line ends in dot leaders and a page number; that page holds the heading's text."""
    out = written[(workbook, audience)]
    contents = run("pdftotext", "-layout", "-f", "2", "-l", "2", out.path, "-")
    entries = re.findall(r"^\s*(\S.*?)\s*(?:\. ){3,}\.?\s*(\d+)$", contents, re.M)
    assert {"Story of place", "Designated improvement targets", "Sign-off"} <= {title for title, _ in entries}
    assert len(entries) >= 10
    for title, page in entries:
        assert 2 < int(page) <= out.result.pages
        on_page = " ".join(run("pdftotext", "-f", page, "-l", page, out.path, "-").split())
        assert " ".join(title.split()) in on_page, f"{title!r} is not on page {page}"


@pytest.mark.parametrize(("workbook", "audience"), ALL)
def test_every_page_carries_the_marking_and_its_number(
    written: dict[tuple[str, str], Written], workbook: str, audience: str
) -> None:
    out = written[(workbook, audience)]
    total = out.result.pages
    marking = " ".join(out.pack.marking.split())
    if (workbook, audience) == ("demo", "council"):  # published once adopted: no marking unless chosen
        assert marking == "" and "PROTECT" not in out.plain
    else:
        assert marking, "the other fixtures carry a marking"
    if audience == "internal":
        assert "INTERNAL" in marking
    for page in range(1, total + 1):
        text = " ".join(run("pdftotext", "-layout", "-f", str(page), "-l", str(page), out.path, "-").split())
        assert marking in text, f"page {page} has no marking"
        assert f"Page {page} of {total}" in text, f"page {page} has no 'Page {page} of {total}'"


@pytest.mark.parametrize("workbook", ["demo", "edge"])
def test_the_council_pack_carries_no_program_noise_and_no_judgement_of_lateness(
    written: dict[tuple[str, str], Written], workbook: str
) -> None:
    council = written[(workbook, "council")].plain.lower()
    for word in ("unverified", "recalled", "overdue", "late", "laadesk"):
        assert not re.search(rf"\b{word}\b", council), word
    internal = written[(workbook, "internal")].plain.lower()
    assert "unverified" in internal and re.search(r"\b(late|overdue|due in)\b", internal)


@pytest.mark.parametrize(("workbook", "audience"), ALL)
def test_every_figure_is_on_its_targets_row(
    written: dict[tuple[str, str], Written], workbook: str, audience: str
) -> None:
    out = written[(workbook, audience)]
    assert len(out.pack.targets) > 50
    assert out.pack.deferred, "the fixtures hold deferred targets"
    assert misprinted_targets(out.layout, out.pack) == []


def test_the_figure_check_catches_a_wrong_number(written: dict[tuple[str, str], Written], tmp_path: Path) -> None:
    """A pack printed with one level changed fails the check against the true figures."""
    true_pack = written[("demo", "council")].pack
    victim = next(t for t in true_pack.designated if not t.deferred and t.target_2009_10 is not None)
    assert victim.target_2009_10 is not None
    wrong = replace(victim, target_2009_10=victim.target_2009_10 + 0.1)
    corrupted = replace(true_pack, designated=tuple(wrong if t is victim else t for t in true_pack.designated))
    path = tmp_path / "corrupted.pdf"
    write_pdf_pack(corrupted, path)
    layout = run("pdftotext", "-layout", path, "-")
    assert misprinted_targets(layout, true_pack) == [victim.code]
    assert misprinted_targets(layout, corrupted) == []


@pytest.mark.parametrize("workbook", ["demo", "edge"])
def test_council_pack_holds_no_internal_record(written: dict[tuple[str, str], Written], workbook: str) -> None:
    council = written[(workbook, "council")]
    internal = written[(workbook, "internal")]
    council_text, council_bytes = council.plain, council.qdf_bytes()
    internal_text, internal_bytes = internal.plain, internal.qdf_bytes()
    for canary in CANARIES:
        assert canary not in council_text
        assert canary.encode() not in council_bytes
    # Every champion note, internal or shareable, stays out of the council pack and is in the brief.
    notes = internal.pack.notes
    assert notes
    for note in notes:
        snippet = " ".join(note.text.split())[:40]
        assert snippet not in council_text, f"council pack holds a champion note: {snippet}"
        assert snippet in internal_text
    assert any(n.visibility is Visibility.INTERNAL for n in notes)
    assert "Negotiating positions" not in council_text and "Negotiating positions" in internal_text
    if workbook == "edge":  # the search is proven to work: the brief does carry the canaries
        for canary in (CANARY_NOTE.split()[0], CANARY_FLOOR_PRINTED):
            assert canary in internal_text
            assert canary.encode() in internal_bytes
        assert CANARY_FLOOR_WARNING in internal_text  # under the gap in the positions table


@pytest.mark.parametrize("audience", ["council", "internal"])
def test_hostile_text_prints_literally_and_links_nowhere(
    written: dict[tuple[str, str], Written], audience: str
) -> None:
    out = written[("edge", audience)]
    text = out.plain
    for hostile in (HOSTILE_TEXTS[0], HOSTILE_TEXTS[1], HOSTILE_TEXTS[2], HOSTILE_TEXTS[6]):
        assert " ".join(hostile.split()) in text
    assert "AT&T;" not in text
    raw = out.qdf_bytes()
    assert b"/URI" not in raw
    assert b"/Subtype /Image" not in raw, "user text embedded an image"


def test_long_text_is_printed_to_its_last_word(written: dict[tuple[str, str], Written]) -> None:
    text = written[("edge", "council")].plain
    # The story of place prints LONG_TEXT whole; the 3000-character comment and the 2000-character
    # rationale are cuts of it. Each cut's tail (long enough to hold a sentence number) is printed
    # by the story and by every cut that reaches it: the comment's twice, the rationale's three times.
    for cut, times in ((LONG_TEXT[:3000], 2), (LONG_TEXT[:2000], 3)):
        tail = " ".join(cut.split())[-100:]
        assert text.count(tail) == times, tail
    assert " ".join(LONG_TEXT.split())[-80:] in text


def test_progress_rises_to_the_total(demo_snapshot: WorkbookSnapshot, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    pack = build_pack(demo_snapshot, Audience.INTERNAL, GENERATED)
    write_pdf_pack(pack, tmp_path / "brief.pdf", lambda done, total: calls.append((done, total)))
    totals = {total for _, total in calls}
    assert len(totals) == 1
    total = totals.pop()
    dones = [done for done, _ in calls]
    assert dones == sorted(set(dones)), dones
    assert dones[-1] == total and len(dones) >= 3


def test_unwritable_path_raises_a_sentence_and_leaves_nothing(demo_snapshot: WorkbookSnapshot, tmp_path: Path) -> None:
    pack = build_pack(demo_snapshot, Audience.COUNCIL, GENERATED)
    missing = tmp_path / "no such folder" / "pack.pdf"
    with pytest.raises(WorkbookUnavailable, match=r"does not exist\.$"):
        write_pdf_pack(pack, missing)
    assert not missing.parent.exists()
    occupied = tmp_path / "pack.pdf"
    occupied.mkdir()  # a folder where the file should go: the final move fails
    with pytest.raises(WorkbookUnavailable, match=r"^Cannot write .*pack\.pdf: .+\.$"):
        write_pdf_pack(pack, occupied)
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]
    assert occupied.is_dir() and not any(occupied.iterdir())
