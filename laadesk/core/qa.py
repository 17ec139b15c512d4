"""The Government Office's quality assurance checklist for one agreement, and where it stands.

Before recommending an agreement a GO quality-assured it. Each item of the checklist is data
(resources/qa_checklist.csv, and a region's own items beside it): **automatic** items name the
checks that must find nothing (the workbook's own rules, or the few QA adds here), and are met
or open by themselves; **judgement** items - the Champion challenged the ambition, DCSF
confirmed the statutory targets - are met when a reviewer ticks them (core/qa_ticks.py).
Quality assurance is government's side: it never reaches a council-bound output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from laadesk.core.cross_checks import check_workbook
from laadesk.core.dates import format_moment
from laadesk.core.edits import Edit, Put, Remove
from laadesk.core.errors import CellProblem
from laadesk.core.model import CHOSEN_ROLES, Role, Status
from laadesk.core.qa_ticks import QaTick
from laadesk.core.rules import Problem, Severity
from laadesk.core.snapshot import WorkbookSnapshot


class QaKind(StrEnum):
    AUTOMATIC = "automatic"
    JUDGEMENT = "judgement"


@dataclass(frozen=True)
class QaItem:
    """One item of the checklist, as the checklist file says it."""

    id: str
    kind: QaKind
    item: str  # what must hold, in a sentence
    checks: tuple[str, ...] = ()  # automatic: the checks that must find nothing
    guidance: str = ""
    source: str = ""  # where the item comes from


@dataclass(frozen=True)
class QaState:
    """Where one item stands in one workbook: met or open, and the evidence either way."""

    item: QaItem
    met: bool
    findings: tuple[str, ...] = ()  # automatic: each thing still wrong, in a sentence naming the target
    codes: tuple[str, ...] = ()  # automatic: the indicators the findings are about, once each
    tick: QaTick | None = None  # judgement: the reviewer's tick, when ticked

    @property
    def state(self) -> str:
        return "met" if self.met else "open"

    @property
    def evidence(self) -> str:
        """One line saying why the item is met or open."""
        if self.item.kind is QaKind.JUDGEMENT:
            if self.tick is None:
                return "not ticked yet"
            said = f"ticked by {self.tick.who} on {format_moment(self.tick.when)}"
            return f"{said}: {self.tick.comment}" if self.tick.comment else said
        if self.met:
            return "laadesk checked: nothing found"
        where = ", ".join(self.codes) if self.codes else self.findings[0]
        return f"{len(self.findings)} to settle: {where}"


# -- the checks QA adds to the workbook's rules ------------------------------------------


def _designated(snapshot: WorkbookSnapshot) -> list[str]:
    return [t.code for t in snapshot.targets if t.role is Role.DESIGNATED]


def check_story_links(snapshot: WorkbookSnapshot) -> list[Problem]:
    linked = {code for section in snapshot.story for code in section.indicators}
    return [
        Problem("story-link", Severity.WARNING, f"{code} is designated but no story section links to it", code)
        for code in _designated(snapshot)
        if code not in linked
    ]


def check_rationales(snapshot: WorkbookSnapshot) -> list[Problem]:
    return [
        Problem("rationale", Severity.WARNING, f"{t.code} is designated without a rationale", t.code, "rationale")
        for t in snapshot.targets
        if t.role is Role.DESIGNATED and not t.rationale.strip()
    ]


def check_level_sources(snapshot: WorkbookSnapshot) -> list[Problem]:
    """Every chosen target not deferred says its baseline's period and source."""
    found = []
    for t in snapshot.targets:
        missing = {
            f: w for f, w in (("baseline_period", "period"), ("baseline_source", "source")) if not getattr(t, f).strip()
        }
        if missing and t.role in CHOSEN_ROLES and t.status is not Status.DEFERRED:
            words = f"{t.code}'s baseline has no {' or '.join(missing.values())}"
            found.append(Problem("level-source", Severity.WARNING, words, t.code, next(iter(missing))))
    return found


def check_protective_marking(snapshot: WorkbookSnapshot) -> list[Problem]:
    if snapshot.area.protective_marking.strip():
        return []
    return [
        Problem("protective-marking", Severity.WARNING, "the protective marking is not set", None, "protective_marking")
    ]


QA_CHECKS: dict[str, Callable[[WorkbookSnapshot], list[Problem]]] = {
    "story-link": check_story_links,
    "rationale": check_rationales,
    "level-source": check_level_sources,
    "protective-marking": check_protective_marking,
}

# The workbook's own rules an automatic item may name (core/rules.py, cross_checks.py, floors.py,
# refresh_rules.py); tests/unit/test_qa.py fails when a rule is added there and not here.
WORKBOOK_RULES = frozenset(
    {
        "agreed-level-differs",
        "as-written",
        "beyond-floor",
        "chosen-twice",
        "deferral-note",
        "deferral-reason",
        "designated-limit",
        "lead-partner",
        "levels-missing",
        "local-title",
        "national-as-local",
        "no-designated",
        "not-statutory",
        "partner-not-agreed",
        "partner-objected",
        "partners",
        "place-survey-blank",
        "refresh-deferral",
        "refresh-reason",
        "revisit-date",
        "statutory-designated",
        "statutory-missing",
        "sub-area-no-partner-authority",
        "sub-area-partner-not-asked",
        "sub-area-unknown-district",
        "sub-area-wrong-direction",
        "sub-areas-do-not-add-up",
        "unknown-district",
        "unknown-indicator",
        "unknown-partner",
        "withdrawn",
        "wrong-direction",
    }
)
KNOWN_CHECKS = WORKBOOK_RULES | frozenset(QA_CHECKS)
QA_COLUMNS = ("id", "kind", "item", "checks", "guidance", "source")


# -- the checklist file ---------------------------------------------------------------------


def items_from_rows(
    rows: Iterable[Mapping[str, str]], taken: Sequence[QaItem] = ()
) -> tuple[list[QaItem], list[CellProblem]]:
    """The checklist file's rows (row 2 is the first under the header) as items, or every problem
    with them by row and column; an id already taken (by the shipped list, or earlier) is a problem."""
    items: list[QaItem] = []
    problems: list[CellProblem] = []
    seen = {item.id for item in taken}
    for number, row in enumerate(rows, start=2):
        ident = " ".join((row.get("id") or "").split())
        text = " ".join((row.get("item") or "").split())
        if not ident and not text:
            continue
        kind_text = (row.get("kind") or "").strip().casefold()
        checks = tuple(c.strip() for c in (row.get("checks") or "").split(";") if c.strip())
        found = len(problems)
        if not ident:
            problems.append(CellProblem(number, "id", "an item needs an id (letters, digits and hyphens)"))
        elif ident in seen:
            problems.append(CellProblem(number, "id", f"'{ident}' is already an item of the checklist"))
        if not text:
            problems.append(CellProblem(number, "item", "an item needs its sentence"))
        if kind_text not in {k.value for k in QaKind}:
            problems.append(CellProblem(number, "kind", f"'{kind_text}' is not automatic or judgement"))
        elif kind_text == QaKind.AUTOMATIC and not checks:
            problems.append(CellProblem(number, "checks", "an automatic item names at least one check"))
        elif kind_text == QaKind.JUDGEMENT and checks:
            problems.append(CellProblem(number, "checks", "a judgement item is ticked by a reviewer, not checked"))
        unknown = [c for c in checks if c not in KNOWN_CHECKS]
        if unknown:
            problems.append(
                CellProblem(number, "checks", f"laadesk has no check called {', '.join(repr(c) for c in unknown)}")
            )
        if len(problems) == found:
            seen.add(ident)
            items.append(
                QaItem(
                    ident,
                    QaKind(kind_text),
                    text,
                    checks,
                    " ".join((row.get("guidance") or "").split()),
                    " ".join((row.get("source") or "").split()),
                )
            )
    return items, problems


# -- where the checklist stands ----------------------------------------------------------------


def qa_states(
    snapshot: WorkbookSnapshot, items: Sequence[QaItem], problems: Sequence[Problem] | None = None
) -> list[QaState]:
    """Every item of the checklist in this workbook, in the checklist's order; `problems`: the workbook's
    rules' result when the caller has it already (the window keeps it for the status bar)."""
    wanted = {check for item in items for check in item.checks}
    found: dict[str, list[Problem]] = {}
    if wanted & WORKBOOK_RULES:
        for problem in check_workbook(snapshot) if problems is None else problems:
            found.setdefault(problem.rule, []).append(problem)
    for name in wanted & set(QA_CHECKS):
        found[name] = QA_CHECKS[name](snapshot)
    ticks = {tick.item: tick for tick in snapshot.qa_ticks}
    states = []
    for item in items:
        if item.kind is QaKind.JUDGEMENT:
            tick = ticks.get(item.id)
            states.append(QaState(item, tick is not None, tick=tick))
        else:
            problems = [p for check in item.checks for p in found.get(check, ())]
            codes = tuple(dict.fromkeys(p.code for p in problems if p.code))
            states.append(QaState(item, not problems, tuple(p.message for p in problems), codes))
    return states


def open_items(states: Iterable[QaState]) -> list[QaState]:
    return [s for s in states if not s.met]


def summary(states: Sequence[QaState]) -> str:
    """ "QA: 9 of 13 items met" - the line the QA page, the CLI and the report head with."""
    met = sum(1 for s in states if s.met)
    return f"QA: {met} of {len(states)} items met" + ("" if met < len(states) else " - ready to recommend")


# -- ticking a judgement item ------------------------------------------------------------------


def tick_edit(snapshot: WorkbookSnapshot, item: QaItem, who: str, when: str, comment: str = "") -> Edit:
    """The edit ticking a judgement item as met (or changing its tick's comment); ValueError for an
    automatic item, which laadesk decides itself."""
    if item.kind is not QaKind.JUDGEMENT:
        raise ValueError(f"'{item.id}' is checked by laadesk; only judgement items are ticked")
    before = next((t for t in snapshot.qa_ticks if t.item == item.id), None)
    after = QaTick(item.id, who, when, " ".join(comment.split()))
    return Edit(f"tick QA item: {item.item}", (Put(after, before),))


def untick_edit(snapshot: WorkbookSnapshot, item: QaItem) -> Edit:
    """The edit taking a tick back (nothing when the item was not ticked)."""
    before = next((t for t in snapshot.qa_ticks if t.item == item.id), None)
    return Edit(f"untick QA item: {item.item}", () if before is None else (Remove(before),))


def find_item(items: Sequence[QaItem], ident: str) -> QaItem | None:
    return next((i for i in items if i.id == ident.strip()), None)
