"""The council pack's targets tables read like the cabinet tables of 2008, and its charts do not mislead."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from laadesk.core.model import Status
from laadesk.core.pack import Audience, ChartChoice, Pack, build_pack
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.value_axis import value_axis
from laadesk.export.pdf_pack import write_pdf_pack

GROUPS = ("Designated improvement targets", "Statutory early years and education targets", "Local targets")
TABLE_HEAD = re.compile(r"^NI Indicator Lead partner Baseline")


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def squeezed(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def target_rows(page: str, codes: set[str]) -> int:
    """Rows of the targets table on a page: lines that begin with a target's code and hold its figures."""
    words = [line.split() for line in squeezed(page)]
    return sum(1 for w in words if w[0] in codes or " ".join(w[:2]) in codes)


def council_pack(
    snapshot: WorkbookSnapshot, folder: Path, charts: ChartChoice = ChartChoice.FLAGGED
) -> tuple[Pack, Path]:
    pack = build_pack(snapshot, Audience.COUNCIL, date(2008, 6, 20), charts=charts)
    path = folder / f"council-{charts.value}.pdf"
    write_pdf_pack(pack, path)
    return pack, path


def test_a_full_page_of_the_targets_table_holds_at_least_fifteen_targets(
    demo_snapshot: WorkbookSnapshot, tmp_path: Path
) -> None:
    pack, pdf = council_pack(demo_snapshot, tmp_path)
    codes = {t.code for t in pack.targets}
    every = pages(pdf)
    first = next(n for n, page in enumerate(every) if squeezed(page)[1:2] == [GROUPS[0]])
    last = next(n for n, page in enumerate(every) if "Partners and spatial level" in squeezed(page)[1:2])
    counted = []
    for n in range(first, last):
        follows = squeezed(every[n + 1])[1:2]  # under the running head: the table goes on, or a heading
        goes_on = bool(follows) and bool(TABLE_HEAD.match(follows[0]))
        new_group = any(group in squeezed(every[n])[2:] for group in GROUPS)  # a group ends on this page
        if goes_on and not new_group:  # a page the table fills from head to foot
            counted.append((n + 1, target_rows(every[n], codes)))
    assert len(counted) >= 2, counted
    assert all(rows >= 15 for _, rows in counted), counted
    tables = "\f".join(every[first : last + 1]).split("Partners and spatial level")[0]
    assert target_rows(tables, codes) == len(pack.targets)  # and the count misses none


def test_the_table_has_the_cabinet_columns_thousands_separators_and_the_reward_flag(
    demo_snapshot: WorkbookSnapshot, tmp_path: Path
) -> None:
    pack, pdf = council_pack(demo_snapshot, tmp_path)
    layout = "\n".join(pages(pdf))
    heads = [line for page in pages(pdf) for line in squeezed(page) if TABLE_HEAD.match(line)]
    assert heads and all(h == "NI Indicator Lead partner Baseline 2008/09 2009/10 2010/11 Comments" for h in heads)
    ni40 = next(t for t in pack.targets if t.code == "NI 40")
    assert ni40.baseline == 1180
    row = next(line for line in squeezed(layout) if line.startswith("NI 40 "))
    assert "1,180 1,215 1,250 1,290" in row  # grouped in thousands, units once on the small line
    rewards = [t for t in pack.targets if t.reward]
    assert rewards and len(re.findall(r"reward target\b(?!s)", layout)) == len(rewards)
    assert "Partners and spatial level" in layout  # who else signed up, in a table of its own


def test_flagged_charts_are_for_reward_unagreed_and_contested_targets_only(
    demo_snapshot: WorkbookSnapshot, tmp_path: Path
) -> None:
    flagged, pdf = council_pack(demo_snapshot, tmp_path)
    charted = flagged.charted(flagged.targets)
    assert charted and len(charted) < len(flagged.targets) / 2
    assert all((t.reward or t.status is Status.PROPOSED) and not t.deferred for t in charted)
    every_page = pages(pdf)
    start = next(n for n, page in enumerate(every_page) if squeezed(page)[1:2] == ["Trajectories"])
    end = next(n for n, page in enumerate(every_page) if squeezed(page)[1:2] == ["Sign-off"])
    charts = " ".join(every_page[start:end])
    drawn = {t.code for t in flagged.targets if re.search(rf"(?<!\S){re.escape(t.code)}(?!\S)", charts)}
    assert drawn == {t.code for t in charted}
    _, every_pdf = council_pack(demo_snapshot, tmp_path, ChartChoice.ALL)
    _, none_pdf = council_pack(demo_snapshot, tmp_path, ChartChoice.NONE)
    assert len(pages(every_pdf)) > len(pages(pdf)) > len(pages(none_pdf))
    assert "Trajectories" not in "\n".join(pages(none_pdf))
    # The internal brief also charts the targets on which the two sides' positions differ.
    brief = build_pack(demo_snapshot, Audience.INTERNAL, date(2008, 6, 20))
    contested = {line.position.code for line in brief.positions if line.gap not in ("", "no gap")}
    agreed_but_contested = [
        t for t in brief.targets if t.code in contested and t.status is Status.AGREED and not t.reward
    ]
    assert agreed_but_contested and set(agreed_but_contested) <= set(brief.charted(brief.targets))
    assert not set(agreed_but_contested) & set(flagged.charted(flagged.targets))


def test_the_axis_starts_at_zero_or_is_marked_broken() -> None:
    ni130 = value_axis([45, 120, 230, 300])
    assert (ni130.ticks, ni130.broken) == ((0.0, 100.0, 200.0, 300.0), False)  # from zero
    ni56 = value_axis([18.1, 18, 17.8, 17.5])  # a small change, so the axis is cut...
    assert ni56.broken and 0 < ni56.low <= 17.5 and ni56.high >= 18.1  # ...and the foot shows the break
    across = value_axis([-2.5, 1.0, 3.0])  # across zero: nothing is cut
    assert not across.broken and across.low <= -2.5


@pytest.mark.parametrize("charts", list(ChartChoice))
def test_no_chart_choice_changes_the_tables(
    demo_snapshot: WorkbookSnapshot, tmp_path: Path, charts: ChartChoice
) -> None:
    pack, pdf = council_pack(demo_snapshot, tmp_path, charts)
    assert replace(pack, charts=ChartChoice.FLAGGED) == build_pack(demo_snapshot, Audience.COUNCIL, date(2008, 6, 20))
    text = " ".join(" ".join(pages(pdf)).split())
    assert all(f"{t.code} " in text for t in pack.targets)
