"""The export fixtures hold what the pack tests rely on (so a pack test cannot pass by accident)."""

from __future__ import annotations

from support.edge_cases import CANARY_FLOOR, CANARY_NOTE

from laadesk.core.cross_checks import check_workbook
from laadesk.core.model import Role
from laadesk.core.snapshot import WorkbookSnapshot


def test_edge_workbook_has_every_edge_case(edge_snapshot: WorkbookSnapshot) -> None:
    roles = [t.role for t in edge_snapshot.targets]
    assert (roles.count(Role.DESIGNATED), roles.count(Role.STATUTORY), roles.count(Role.LOCAL)) == (35, 16, 3)
    assert sum(t.deferred for t in edge_snapshot.targets) == 2
    assert any(t.baseline is not None and t.target_2010_11 is None and not t.deferred for t in edge_snapshot.targets)
    assert any(len(t.comment) >= 3000 for t in edge_snapshot.targets)
    assert any(p.floor == CANARY_FLOOR for p in edge_snapshot.positions)
    assert any(n.text == CANARY_NOTE for n in edge_snapshot.notes)
    # The one error is the target with blank years that is not deferred: an edge case on purpose.
    assert [p.rule for p in check_workbook(edge_snapshot) if p.severity.value == "error"] == ["levels-missing"]
