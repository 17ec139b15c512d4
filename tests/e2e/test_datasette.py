"""The national roll-up published with Datasette, for real: generated workbooks rolled up by the real
`laadesk rollup` command, served by a real `datasette` process (read-only: --immutable) with the
shipped resources/datasette/metadata.json, read over HTTP and in a real headless Chromium.

Every figure the server gives is checked against the workbooks themselves, read on their own
(store.workbook), never against the roll-up it serves. Every canned query in metadata.json is run,
and each must have a check here: a query added without one fails.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from support.cli import RESOURCES, Cli

from laadesk.core.edits import Edit, Put
from laadesk.core.model import OTHER_REASON, ChampionNote, Role, Status, SubAreaTarget, Target, Visibility
from laadesk.core.sign_off import sign_off_stage
from laadesk.store.region_demo import build_region, region_areas
from laadesk.store.workbook import Workbook

METADATA = RESOURCES / "datasette" / "metadata.json"
DATABASE = "rollup"  # Datasette names a database by its file's stem: rollup.db is served at /rollup
TABLES = {"areas", "targets", "skipped", "rollup"}
CHOSEN = {Role.DESIGNATED, Role.STATUTORY, Role.LOCAL}
START_SECONDS = 20
LEVELS = ("baseline", "target_2008_09", "target_2009_10", "target_2010_11")


@dataclass(frozen=True)
class Area:
    """One workbook as laadesk reads it: its area, its chosen targets and their sub-area figures."""

    name: str
    ons_code: str
    region: str
    stage: str
    targets: tuple[Target, ...]
    sub_areas: tuple[SubAreaTarget, ...]
    internal_notes: tuple[str, ...]
    line: dict[str, str]  # the areas table's row, as the workbook gives it
    titles: dict[str, str]  # by code: a local indicator's own title, else its catalogue's

    def target(self, code: str) -> Target | None:
        return next((t for t in self.targets if t.code == code), None)


def read_workbook(path: Path, folder: Path) -> Area:
    with Workbook.open(path, read_only=True) as workbook:
        snapshot = workbook.snapshot()
        area = workbook.area()
        chosen = tuple(t for t in workbook.targets() if t.role in CHOSEN)
        codes = {t.code for t in chosen}
        return Area(
            name=area.name,
            ons_code=area.ons_code,
            region=area.go_region,
            stage=sign_off_stage(snapshot),
            targets=chosen,
            sub_areas=tuple(s for s in workbook.records(SubAreaTarget) if s.code in codes),
            internal_notes=tuple(
                n.text for n in workbook.records(ChampionNote) if n.visibility is Visibility.INTERNAL and n.text
            ),
            titles={
                t.code: t.title or (indicator.title if (indicator := snapshot.catalogue.get(t.code)) else "")
                for t in chosen
            },
            line={
                "ons_code": area.ons_code,
                "area": area.name,
                "region": area.go_region,
                "type": area.type.value if area.type else "",
                "tier": area.tier.value,
                "as_at": area.as_at.isoformat() if area.as_at else "",
                "sign_off_stage": sign_off_stage(snapshot),
                "workbook": path.relative_to(folder).as_posix(),
            },
        )


@dataclass
class Server:
    """A running `datasette serve`: its address, process and log."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(database: Path, metadata: Path, log: Path) -> Server:
    """`datasette serve -i FILE --metadata M` on a free port of 127.0.0.1, once it answers (a port
    another program took between looking and binding: tried again on another)."""
    for _ in range(3):
        try:
            return _serve_on(free_port(), database, metadata, log)
        except PortTaken:
            continue
    raise AssertionError("no free port for datasette after three tries")


class PortTaken(Exception):
    pass


def _serve_on(port: int, database: Path, metadata: Path, log: Path) -> Server:
    with open(log, "wb") as err:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "datasette",
                "serve",
                "--immutable",
                str(database),
                "--metadata",
                str(metadata),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + START_SECONDS
    while True:
        if process.poll() is not None:
            if "address already in use" in server.stderr():
                raise PortTaken
            raise AssertionError(f"datasette exited ({process.returncode}) before answering:\n{server.stderr()}")
        try:
            with urllib.request.urlopen(f"{server.url}/-/versions.json", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise AssertionError(f"datasette did not answer in {START_SECONDS} s:\n{server.stderr()}")
        time.sleep(0.1)


@dataclass(frozen=True)
class Published:
    server: Server
    database: Path
    folder: Path
    areas: dict[str, Area]  # by ONS code
    metadata: dict[str, Any]
    tmp: Path

    def get(self, path: str, params: dict[str, str] | None = None) -> tuple[int, str]:
        url = self.server.url + path + (f"?{urllib.parse.urlencode(params)}" if params else "")
        try:
            with urllib.request.urlopen(url, timeout=15) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", errors="replace")

    def json(self, path: str, params: dict[str, str] | None = None) -> Any:
        status, body = self.get(path, params)
        assert status == 200, f"GET {path} {params} -> {status}\n{body[:2000]}\n{self.server.stderr()[-2000:]}"
        return json.loads(body)

    def rows(self, path: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Every row of a table or query as objects, following Datasette's pages."""
        rows: list[dict[str, Any]] = []
        query: dict[str, str] | None = {**(params or {}), "_shape": "objects", "_size": "max"}
        while query is not None:
            page = self.json(path, query)
            rows.extend(page["rows"])
            query = None
            if page.get("next"):
                query = {**(params or {}), "_shape": "objects", "_size": "max", "_next": str(page["next"])}
        return rows

    def queries(self) -> dict[str, dict[str, Any]]:
        queries: dict[str, dict[str, Any]] = self.metadata["databases"][DATABASE]["queries"]
        return queries


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    """A region's workbooks and two of another (in a sub-folder), rolled up by the real command and served."""
    tmp = tmp_path_factory.mktemp("datasette")
    folder = tmp / "workbooks"
    with pytest.MonkeyPatch.context() as env:  # this module's own per-user folders, as conftest gives each test
        env.setenv("LAADESK_DATA_DIR", str(tmp / "user-data"))
        env.setenv("XDG_CONFIG_HOME", str(tmp / "user-config"))
        build_region(folder, region_areas("North East"))
        build_region(folder / "london", region_areas("London", 2), seed=11)
        written_by_hand(folder / "northumberland.laa")
        workbooks = sorted(folder.rglob("*.laa"))
        areas = {a.ons_code: a for a in (read_workbook(path, folder) for path in workbooks)}
    assert len(areas) == len(workbooks) == len(region_areas("North East")) + 2

    cli = Cli(tmp / "cwd", tmp / "data")
    database = tmp / f"{DATABASE}.db"
    done = cli("rollup", folder, "--out", database, "--json")
    assert json.loads(done.out)["skipped"] == [], done.describe()

    server = serve(database, METADATA, tmp / "datasette.log")
    try:
        yield Published(server, database, folder, areas, json.loads(METADATA.read_text(encoding="utf-8")), tmp)
    finally:
        server.stop()


def written_by_hand(path: Path) -> None:
    """What generated workbooks lack and officers write: a deferral for another reason, with its sentence,
    and levels in words (a baseline, and a sub-area's 2010/11 level)."""
    with Workbook.open(path) as workbook:
        targets = workbook.targets()
        deferred = next(t for t in targets if t.role in CHOSEN and t.status is Status.DEFERRED)
        agreed = next(t for t in targets if t.role in CHOSEN and t.baseline is not None and t.code != deferred.code)
        sub_area = next(s for s in workbook.records(SubAreaTarget) if s.target_2010_11 is not None)
        changes = (
            Put(
                replace(deferred, deferral_reason=OTHER_REASON, deferral_note="awaiting the DCSF definition"), deferred
            ),
            Put(replace(agreed, baseline=None, baseline_as_written="Place Survey 2008"), agreed),
            Put(
                replace(sub_area, target_2010_11=None, target_2010_11_as_written="to be set with the district"),
                sub_area,
            ),
        )
        workbook.apply(Edit("written by hand", changes))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def whole_area_rows(areas: dict[str, Area]) -> Iterator[tuple[Area, Target]]:
    for area in areas.values():
        for target in area.targets:
            yield area, target


def written(target: Target) -> str:
    return f"{target.deferral_reason}: {target.deferral_note}" if target.deferral_note else target.deferral_reason


# -- the site ---------------------------------------------------------------------------------------


def test_serves_one_immutable_database_of_the_four_tables(published: Published) -> None:
    databases = published.json("/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [(DATABASE, False)]
    database = published.json(f"/{DATABASE}.json")
    assert {t["name"] for t in database["tables"]} == TABLES
    counts = {t["name"]: t["count"] for t in database["tables"]}
    assert counts["areas"] == len(published.areas)
    assert counts["skipped"] == 0
    # The metadata served is the file shipped (Datasette adds defaults to its copy as pages are served).
    served = published.json("/-/metadata.json")
    for key in ("title", "description", "source", "license", "about"):
        assert served[key] == published.metadata[key]
    assert served["databases"][DATABASE]["tables"] == published.metadata["databases"][DATABASE]["tables"]
    status, home = published.get("/")
    assert status == 200 and published.metadata["title"] in home


def test_area_and_target_pages_show_the_workbooks_figures(published: Published) -> None:
    status, page = published.get(f"/{DATABASE}/areas")
    assert status == 200, page
    for area in published.areas.values():
        assert area.name in page and area.ons_code in page
    assert published.metadata["databases"][DATABASE]["tables"]["areas"]["description"] in page
    lines = published.rows(f"/{DATABASE}/areas.json")
    assert sorted(lines, key=lambda r: r["ons_code"]) == [
        published.areas[code].line for code in sorted(published.areas)
    ]

    area = next(a for a in published.areas.values() if a.name == "Gateshead")
    target = next(t for t in area.targets if t.target_2010_11 is not None)
    status, page = published.get(f"/{DATABASE}/targets", {"ons_code": area.ons_code, "ni": target.code})
    assert status == 200, page
    assert f">{target.target_2010_11!r}</td>" in page
    assert "1 row where" in page


def test_targets_json_holds_every_chosen_target_of_every_workbook(published: Published) -> None:
    served = published.rows(f"/{DATABASE}/targets.json")
    got = {
        (r["ons_code"], r["ni"], r["sub_area"]): (
            r["area"],
            r["region"],
            r["title"],
            r["kind"],
            r["status"],
            *(r[level] for level in LEVELS),
            *(r[f"{level}_as_written"] for level in LEVELS),
            r["units"],
            r["baseline_period"],
            r["lead_partner"],
            r["sub_area_kind"],
            r["deferred_reason"],
            r["revisit"],
        )
        for r in served
    }
    assert len(got) == len(served)
    expected = {}
    for area, target in whole_area_rows(published.areas):
        expected[(area.ons_code, target.code, "")] = (
            area.name,
            area.region,
            area.titles[target.code],
            target.role.value,
            target.status.value,
            *(getattr(target, level) for level in LEVELS),
            *(target.as_written(level) for level in LEVELS),
            target.units,
            target.baseline_period,
            target.lead_partner,
            "",
            written(target),
            target.revisit_date.isoformat() if target.revisit_date else "",
        )
        for sub in (s for s in area.sub_areas if s.code == target.code):
            expected[(area.ons_code, target.code, sub.sub_area)] = (
                area.name,
                area.region,
                area.titles[target.code],
                target.role.value,
                target.status.value,
                *(getattr(sub, level) for level in LEVELS),
                *(sub.as_written(level) for level in LEVELS),
                sub.units,
                sub.baseline_period,
                sub.lead_partner,
                sub.kind.value,
                written(target),
                target.revisit_date.isoformat() if target.revisit_date else "",
            )
    assert any(key[2] for key in expected), "the generated workbooks should hold sub-area figures"
    assert any(t.status is Status.DEFERRED for _, t in whole_area_rows(published.areas))
    assert got == expected


def test_targets_filtered_by_indicator_and_region(published: Published) -> None:
    counts = Counter(t.code for _, t in whole_area_rows(published.areas))
    ni = next(code for code, n in sorted(counts.items()) if code.startswith("NI ") and 1 < n < len(published.areas))
    status, body = published.get(f"/{DATABASE}/targets.json", {"ni": ni, "_shape": "array", "_size": "max"})
    assert status == 200, body
    rows = json.loads(body)
    having = [a for a in published.areas.values() if a.target(ni)]
    assert {(r["ons_code"], r["sub_area"]) for r in rows} == {(a.ons_code, "") for a in having} | {
        (a.ons_code, s.sub_area) for a in having for s in a.sub_areas if s.code == ni
    }
    for row in rows:
        target = published.areas[row["ons_code"]].target(ni)
        assert target is not None
        if not row["sub_area"]:
            assert row["target_2010_11"] == target.target_2010_11

    london = published.rows(f"/{DATABASE}/targets.json", {"region": "London", "sub_area": ""})
    assert Counter(r["ons_code"] for r in london) == Counter(
        a.ons_code for a, _ in whole_area_rows(published.areas) if a.region == "London"
    )


def test_facets_count_as_the_workbooks_do(published: Published) -> None:
    targets = published.json(f"/{DATABASE}/targets.json", {"sub_area": ""})
    facets = targets["facet_results"]
    assert set(facets) >= {"region", "ni", "kind", "status"}

    def counted(name: str) -> dict[str, int]:
        return {r["value"]: r["count"] for r in facets[name]["results"]}

    chosen = list(whole_area_rows(published.areas))
    assert counted("region") == Counter(a.region for a, _ in chosen)
    assert counted("kind") == Counter(t.role.value for _, t in chosen)
    assert counted("status") == Counter(t.status.value for _, t in chosen)
    ni = counted("ni")
    assert ni
    assert all(ni[code] == n for code, n in Counter(t.code for _, t in chosen).items() if code in ni)

    areas = published.json(f"/{DATABASE}/areas.json")["facet_results"]
    assert set(areas) >= {"region", "sign_off_stage"}
    assert {r["value"]: r["count"] for r in areas["sign_off_stage"]["results"]} == Counter(
        a.stage for a in published.areas.values()
    )
    assert {r["value"]: r["count"] for r in areas["region"]["results"]} == Counter(
        a.region for a in published.areas.values()
    )


# -- the canned queries -------------------------------------------------------------------------------


def _partly_designated(published: Published) -> str:
    """An indicator some areas designated and some did not."""
    designated = Counter(t.code for _, t in whole_area_rows(published.areas) if t.role is Role.DESIGNATED)
    return next(code for code, n in sorted(designated.items()) if 1 < n < len(published.areas))


def _deferral(published: Published) -> str:
    return sorted(t.deferral_reason for _, t in whole_area_rows(published.areas) if t.status is Status.DEFERRED)[0]


PARAMETERS: dict[str, Callable[[Published], str]] = {
    "ni": _partly_designated,
    "region": lambda published: "North East",
    "reason": _deferral,
}


def check_areas_designating_indicator(published: Published, params: dict[str, str], rows: list[dict[str, Any]]) -> None:
    ni = params["ni"]
    expected = {
        a.ons_code: t for a, t in whole_area_rows(published.areas) if t.code == ni and t.role is Role.DESIGNATED
    }
    assert 0 < len(expected) < len(published.areas)
    assert sorted(r["ons_code"] for r in rows) == sorted(expected)
    for row in rows:
        target = expected[row["ons_code"]]
        assert (row["ni"], row["status"], row["baseline"], row["target_2010_11"]) == (
            ni,
            target.status.value,
            target.baseline,
            target.target_2010_11,
        )
        assert row["sign_off_stage"] == published.areas[row["ons_code"]].stage
    # A statutory indicator is never "designated".
    statutory = next(t.code for _, t in whole_area_rows(published.areas) if t.role is Role.STATUTORY)
    assert published.rows(f"/{DATABASE}/areas_designating_indicator.json", {"ni": statutory}) == []
    # The number alone finds the same areas.
    again = published.rows(f"/{DATABASE}/areas_designating_indicator.json", {"ni": ni.removeprefix("NI ")})
    assert again == rows


def check_ambition_for_indicator(published: Published, params: dict[str, str], rows: list[dict[str, Any]]) -> None:
    ni = params["ni"]
    expected = {a.ons_code: t for a, t in whole_area_rows(published.areas) if t.code == ni}
    assert sorted(r["ons_code"] for r in rows) == sorted(expected)
    for row in rows:
        target = expected[row["ons_code"]]
        assert (row["baseline"], row["target_2010_11"]) == (target.baseline, target.target_2010_11)
        if target.baseline is not None and target.target_2010_11 is not None:
            change = target.target_2010_11 - target.baseline
            assert row["change"] == pytest.approx(change, abs=0.006)
            if target.baseline:
                assert row["change_percent"] == pytest.approx(100 * change / abs(target.baseline), abs=0.06)
        else:
            assert row["change"] is None


def check_deferred_targets_by_reason(published: Published, params: dict[str, str], rows: list[dict[str, Any]]) -> None:
    deferred = [(a, t) for a, t in whole_area_rows(published.areas) if t.status is Status.DEFERRED]
    assert deferred
    assert {r["reason"]: r["targets"] for r in rows} == Counter(t.deferral_reason for _, t in deferred)
    assert any(t.deferral_note for _, t in deferred), "a reason with its sentence is counted under the reason"
    for row in rows:
        mine = [(a, t) for a, t in deferred if t.deferral_reason == row["reason"]]
        assert row["areas"] == len({a.ons_code for a, _ in mine})
        assert set(row["indicators"].split(",")) == {t.code for _, t in mine}
        dates = sorted(t.revisit_date.isoformat() for _, t in mine if t.revisit_date)
        assert (row["first_revisit"], row["last_revisit"]) == ((dates[0], dates[-1]) if dates else (None, None))


def check_deferred_targets(published: Published, params: dict[str, str], rows: list[dict[str, Any]]) -> None:
    expected = {
        (a.ons_code, t.code)
        for a, t in whole_area_rows(published.areas)
        if t.status is Status.DEFERRED and params["reason"].casefold() in written(t).casefold()
    }
    assert expected
    assert sorted((r["ons_code"], r["ni"]) for r in rows) == sorted(expected)
    everything = published.rows(f"/{DATABASE}/deferred_targets.json", {"reason": ""})
    assert len(everything) == sum(t.status is Status.DEFERRED for _, t in whole_area_rows(published.areas))


def check_targets_by_region(published: Published, params: dict[str, str], rows: list[dict[str, Any]]) -> None:
    def expected(region: str) -> dict[tuple[str, str], tuple[int, int, int, int, int]]:
        found: dict[tuple[str, str], tuple[int, int, int, int, int]] = {}
        chosen = [(a, t) for a, t in whole_area_rows(published.areas) if not region or a.region == region]
        for key in {(a.region, t.role.value) for a, t in chosen}:
            mine = [(a, t) for a, t in chosen if (a.region, t.role.value) == key]
            statuses = Counter(t.status for _, t in mine)
            found[key] = (
                len({a.ons_code for a, _ in mine}),
                len(mine),
                statuses[Status.AGREED],
                statuses[Status.PROPOSED],
                statuses[Status.DEFERRED],
            )
        return found

    def counted(found: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[int, int, int, int, int]]:
        return {
            (r["region"], r["kind"]): (r["areas"], r["targets"], r["agreed"], r["proposed"], r["deferred"])
            for r in found
        }

    assert counted(rows) == expected(params["region"])
    every = published.rows(f"/{DATABASE}/targets_by_region.json", {"region": ""})
    assert counted(every) == expected("")
    assert {r["region"] for r in every} == {"North East", "London"}


def check_sign_off_by_region(published: Published, params: dict[str, str], rows: list[dict[str, Any]]) -> None:
    columns = {
        "Not adopted": "not_adopted",
        "Adopted": "adopted",
        "GO recommended": "go_recommended",
        "Signed off": "signed_off",
    }
    assert {a.stage for a in published.areas.values()} <= set(columns)
    for row in rows:
        mine = [a for a in published.areas.values() if a.region == row["region"]]
        assert row["areas"] == len(mine)
        for stage, column in columns.items():
            assert row[column] == sum(a.stage == stage for a in mine), (row, stage)
    assert sorted(r["region"] for r in rows) == sorted({a.region for a in published.areas.values()})


def check_indicators_most_chosen(published: Published, params: dict[str, str], rows: list[dict[str, Any]]) -> None:
    designated = [t for _, t in whole_area_rows(published.areas) if t.role is Role.DESIGNATED]
    assert {r["ni"]: r["areas"] for r in rows} == Counter(t.code for t in designated)
    for row in rows:
        assert row["agreed"] == sum(t.code == row["ni"] and t.status is Status.AGREED for t in designated)
        assert row["deferred"] == sum(t.code == row["ni"] and t.status is Status.DEFERRED for t in designated)
    assert [r["areas"] for r in rows] == sorted((r["areas"] for r in rows), reverse=True)


def check_levels_in_words(published: Published, params: dict[str, str], rows: list[dict[str, Any]]) -> None:
    expected = set()
    for area, target in whole_area_rows(published.areas):
        if target.written_levels:
            expected.add((area.ons_code, target.code, ""))
        for sub in area.sub_areas:
            if sub.code == target.code and sub.written_levels:
                expected.add((area.ons_code, target.code, sub.sub_area))
    assert {(r["ons_code"], r["ni"], r["sub_area"]) for r in rows} == expected
    assert any(sub for _, _, sub in expected) and any(not sub for _, _, sub in expected)


CHECKS: dict[str, Callable[[Published, dict[str, str], list[dict[str, Any]]], None]] = {
    "areas_designating_indicator": check_areas_designating_indicator,
    "ambition_for_indicator": check_ambition_for_indicator,
    "deferred_targets_by_reason": check_deferred_targets_by_reason,
    "deferred_targets": check_deferred_targets,
    "targets_by_region": check_targets_by_region,
    "sign_off_by_region": check_sign_off_by_region,
    "indicators_most_chosen": check_indicators_most_chosen,
    "levels_in_words": check_levels_in_words,
}


def test_every_canned_query_answers_as_the_workbooks_say(published: Published) -> None:
    queries = published.queries()
    assert {"areas_designating_indicator", "deferred_targets_by_reason", "targets_by_region"} <= set(queries)
    untested = sorted(set(queries) - set(CHECKS))
    assert not untested, f"canned queries with no check against the workbooks here: {untested}"
    database = published.json(f"/{DATABASE}.json")
    assert {q["name"] for q in database["queries"]} == set(queries)
    for name, query in queries.items():
        assert query.get("title") and query.get("description"), name
        assert not query.get("write"), f"{name} writes; the published roll-up is read-only"
        named = set(re.findall(r"(?<![:\w]):([A-Za-z_]\w*)", query["sql"]))
        assert set(query.get("params", [])) == named, name
        unknown = sorted(named - set(PARAMETERS))
        assert not unknown, f"{name}: give a test value for {unknown} in PARAMETERS"
        params = {p: PARAMETERS[p](published) for p in named}
        status, page = published.get(f"/{DATABASE}/{name}", params)
        assert status == 200 and query["title"] in page, (name, status, page[:2000])
        rows = published.rows(f"/{DATABASE}/{name}.json", params)
        CHECKS[name](published, params, rows)


# -- what is published ------------------------------------------------------------------------------


def test_metadata_describes_every_table_and_column_of_a_real_roll_up(published: Published) -> None:
    tables = published.metadata["databases"][DATABASE]["tables"]
    conn = sqlite3.connect(f"{published.database.as_uri()}?mode=ro", uri=True)
    try:
        real = {
            name: [c[1] for c in conn.execute(f'PRAGMA table_info("{name}")')]
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    finally:
        conn.close()
    assert set(real) == set(tables) == TABLES
    for name, columns in real.items():
        meta = tables[name]
        assert meta.get("description", "").strip(), name
        described = meta.get("columns", {})
        assert set(described) == set(columns), f"{name}: undescribed {set(columns) - set(described)}, stale " + str(
            set(described) - set(columns)
        )
        assert all(text.strip() for text in described.values()), name
        named = [meta[k] for k in ("sort", "sort_desc", "label_column") if k in meta]
        named += meta.get("facets", []) + meta.get("sortable_columns", [])
        assert set(named) <= set(columns), name
    assert {"region", "ni", "kind", "status"} <= set(tables["targets"]["facets"])
    assert {"region", "sign_off_stage"} <= set(tables["areas"]["facets"])
    for key in ("title", "description", "source", "license"):
        assert published.metadata.get(key), key
    # The table page shows the columns' descriptions.
    status, page = published.get(f"/{DATABASE}/targets")
    assert status == 200 and tables["targets"]["columns"]["sub_area"].split(";")[0] in page


def test_the_served_database_cannot_be_written(published: Published) -> None:
    before = digest(published.database)
    # A write query offered by a metadata file (the shipped one has none) is refused: the file is immutable.
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    metadata["databases"][DATABASE]["queries"]["overwrite"] = {
        "sql": "UPDATE targets SET target_2010_11 = :level",
        "write": True,
    }
    changed = published.tmp / "writing-metadata.json"
    changed.write_text(json.dumps(metadata), encoding="utf-8")
    server = serve(published.database, changed, published.tmp / "writing-datasette.log")
    try:
        request = urllib.request.Request(
            f"{server.url}/{DATABASE}/overwrite", data=b"level=0", method="POST", headers={"Accept": "text/html"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=15)
        assert refused.value.code == 403
        assert "Database is immutable" in refused.value.read().decode("utf-8", errors="replace")
    finally:
        server.stop()
    # Nor does SQL of one's own write, on the published server.
    status, body = published.get(f"/{DATABASE}.json", {"sql": "DELETE FROM targets"})
    assert status == 400 and "Statement must be a SELECT" in body, (status, body[:500])
    assert digest(published.database) == before
    assert published.json(f"/{DATABASE}/areas.json", {"_shape": "array", "_size": "max"})


def test_the_download_is_the_roll_up_and_holds_nothing_of_governments_side(published: Published) -> None:
    with urllib.request.urlopen(f"{published.server.url}/{DATABASE}.db", timeout=15) as answer:
        assert answer.status == 200
        served = answer.read()
    assert served == published.database.read_bytes()
    notes = [n for a in published.areas.values() for n in a.internal_notes]
    assert notes, "the generated workbooks should hold internal notes"
    for note in notes:
        assert note.encode("utf-8") not in served
        assert note[:40].encode("utf-8") not in served


# -- a real browser ---------------------------------------------------------------------------------


def test_chromium_shows_the_targets_table(published: Published) -> None:
    area = next(a for a in published.areas.values() if a.region == "London")
    target = next(t for t in area.targets if t.baseline is not None)
    url = f"{published.server.url}/{DATABASE}/targets?" + urllib.parse.urlencode({"ons_code": area.ons_code})
    profile = published.tmp / "chromium-profile"
    try:
        done = subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",  # as root Chromium will not start with its sandbox
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            timeout=45,
            check=False,
        )
    except FileNotFoundError:
        raise AssertionError("chromium is not installed: run bash scripts/setup tests") from None
    dom = done.stdout.decode("utf-8", errors="replace")
    assert done.returncode == 0, done.stderr.decode("utf-8", errors="replace")[-3000:]
    assert published.metadata["databases"][DATABASE]["tables"]["targets"]["description"] in dom
    assert f"{len(area.targets) + len(area.sub_areas)} rows where" in dom
    assert area.name in dom
    assert f">{target.baseline!r}</td>" in dom
    assert f">{target.code}</td>" in dom
