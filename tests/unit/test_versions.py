"""Agreed versions: the agreement frozen under a label, with a hash anyone can recompute and nobody can fake."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from support.files import copy_closed

from laadesk.core.agreement import agreement_form, agreement_hash, canonical_bytes
from laadesk.core.edits import set_fields
from laadesk.store.history import read_entries
from laadesk.store.versions import VersionRefused, freeze, versions
from laadesk.store.workbook import Workbook

DOC = Path(__file__).resolve().parents[2] / "docs" / "agreed-versions.md"


@pytest.fixture
def demo(demo_master: Path, tmp_path: Path) -> Path:
    return copy_closed(demo_master, tmp_path / "kingsmere.laa")


def frozen(path: Path, *labels: str) -> None:
    with Workbook.open(path, author="Ruth Calloway") as workbook:
        for label in labels:
            freeze(workbook, label)


def listed(path: Path) -> list[tuple[str, bool]]:
    with Workbook.open(path, read_only=True) as workbook:
        return [(v.label, v.verified) for v in versions(workbook)]


def test_freezing_records_the_canonical_form_and_its_hash(demo: Path) -> None:
    with Workbook.open(demo, author="Ruth Calloway") as workbook:
        form = agreement_form(workbook.snapshot())
        made = freeze(workbook, "  Signed by the   Secretary of State ")
    assert (made.label, made.who, made.verified) == ("Signed by the Secretary of State", "Ruth Calloway", True)
    assert made.form == form and made.sha256 == agreement_hash(form) and made.short_hash == made.sha256[:12]
    assert re.fullmatch(r"[0-9a-f]{64}", made.sha256)
    with sqlite3.connect(demo) as db:
        ((label, digest, stored, who),) = db.execute("SELECT label, sha256, form, who FROM agreed_versions")
    assert (label, digest, who) == (made.label, made.sha256, "Ruth Calloway")
    assert stored.encode() == canonical_bytes(form)
    assert hashlib.sha256(stored.encode()).hexdigest() == digest
    assert '"form":"laadesk agreement 1"' in stored and ": " not in stored[:200]


def test_the_recipe_in_the_documentation_recomputes_the_hash_of_the_real_file(demo: Path, monkeypatch) -> None:
    frozen(demo, "First draft", "Signed by the Secretary of State")
    recipe = DOC.read_text(encoding="utf-8").split("```python\n", 1)[1].split("```", 1)[0]
    assert 'sqlite3.connect("kingsmere.laa")' in recipe
    monkeypatch.chdir(demo.parent)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(recipe, {})  # the documented code, exactly as an outside tool would run it
    assert printed.getvalue().splitlines() == ["First draft True", "Signed by the Secretary of State True"]


def test_a_label_is_used_once_whatever_its_case(demo: Path) -> None:
    frozen(demo, "Signed by the Secretary of State")
    with Workbook.open(demo, author="Ruth Calloway") as workbook, pytest.raises(VersionRefused) as refused:
        freeze(workbook, "SIGNED BY THE  secretary of state")
    assert str(refused.value) == (
        'kingsmere.laa already has an agreed version labelled "SIGNED BY THE secretary of state"; versions are never '
        "replaced, so give this one another label."
    )
    assert listed(demo) == [("Signed by the Secretary of State", True)]


def test_a_blank_or_too_long_label_is_refused(demo: Path) -> None:
    with Workbook.open(demo, author="Ruth Calloway") as workbook:
        with pytest.raises(VersionRefused) as blank:
            freeze(workbook, "  \t ")
        with pytest.raises(VersionRefused) as long:
            freeze(workbook, "x" * 81)
        assert freeze(workbook, "y" * 80).label == "y" * 80
    assert str(blank.value) == 'An agreed version needs a label (for example "Signed by the Secretary of State").'
    assert str(long.value) == "An agreed version's label is at most 80 characters; this one has 81."
    assert listed(demo) == [("y" * 80, True)]


def test_a_form_altered_by_another_tool_is_no_longer_verified(demo: Path) -> None:
    frozen(demo, "Signed")
    with sqlite3.connect(demo) as db:
        (stored,) = db.execute("SELECT form FROM agreed_versions").fetchone()
        db.execute(
            "UPDATE agreed_versions SET form = ?", (stored.replace('"target_2010_11":29.9', '"target_2010_11":31', 1),)
        )
    assert '"target_2010_11":29.9' in stored
    assert listed(demo) == [("Signed", False)]


def test_a_form_and_hash_altered_together_are_caught_by_the_history(demo: Path) -> None:
    frozen(demo, "Signed")
    with sqlite3.connect(demo) as db:
        (stored,) = db.execute("SELECT form FROM agreed_versions").fetchone()
        form = json.loads(stored)
        form["targets"][0]["comment"] = "Quietly changed"
        forged = canonical_bytes(form)
        db.execute(
            "UPDATE agreed_versions SET form = ?, sha256 = ?", (forged.decode(), hashlib.sha256(forged).hexdigest())
        )
    assert listed(demo) == [("Signed", False)]


def test_a_form_rewritten_in_another_layout_is_not_verified(demo: Path) -> None:
    frozen(demo, "Signed")
    with sqlite3.connect(demo) as db:
        (stored,) = db.execute("SELECT form FROM agreed_versions").fetchone()
        db.execute("UPDATE agreed_versions SET form = ?", (json.dumps(json.loads(stored), indent=1),))
    assert listed(demo) == [("Signed", False)]


def test_versions_are_listed_oldest_first_and_each_keeps_its_own_form(demo: Path) -> None:
    with Workbook.open(demo, author="Ruth Calloway") as workbook:
        first = freeze(workbook, "Zeta: first draft")
        target = workbook.target("NI 8")
        assert target is not None
        workbook.apply(set_fields(target, "raise NI 8", target_2010_11=30.0))
        second = freeze(workbook, "Alpha: signed")
        found = versions(workbook)
    assert [v.label for v in found] == ["Zeta: first draft", "Alpha: signed"]
    assert found == (first, second)
    assert first.sha256 != second.sha256
    by_code = [{t["code"]: t for t in v.form["targets"]}["NI 8"]["target_2010_11"] for v in found]
    assert by_code == [24.2, 30]


def test_freezing_leaves_an_agreed_entry_in_the_history_naming_the_hash(demo: Path) -> None:
    with Workbook.open(demo, author="Ruth Calloway") as workbook:
        before = len(list(read_entries(workbook)))
        made = freeze(workbook, "Signed")
        *_, entry = read_entries(workbook)
        assert len(list(read_entries(workbook))) == before + 1
    assert (entry.how, entry.kind, entry.op, entry.who) == ("agreed", "agreed_versions", "added", "Ruth Calloway")
    assert entry.record_key == '["Signed"]' and entry.at == made.when
    assert json.loads(entry.after) == {"label": "Signed", "sha256": made.sha256}
    assert entry.action == 'freeze the agreement as agreed version "Signed"'
