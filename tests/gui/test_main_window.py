"""The main window opens a real workbook and shows its targets and the live rules summary."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from laadesk.app import demo_workbook_path
from laadesk.store.workbook import Workbook
from laadesk.ui.main_window import MainWindow


def test_demo_workbook_opens_with_targets_and_summary(qtbot: QtBot, user_data: Path) -> None:
    path = demo_workbook_path()
    assert path.parent == user_data and path.exists()
    with Workbook.open(path) as workbook:
        window = MainWindow(workbook)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        model = window.targets_view.model()
        chosen = [t for t in workbook.targets() if t.chosen]
        assert model.rowCount() == len(chosen) >= 50
        assert window.windowTitle() == "Kingsmere - demo.laa - laadesk"
        assert window.summary.text().startswith("Designated 32/35 - Statutory 16/16 - Local 3 - Deferred 4 - 1 error")
        first = [model.index(0, c).data() for c in range(model.columnCount())]
        assert first[0] == "NI 1" and first[2] == "designated" and first[-1] == "Place Survey pending"


def test_targets_model_passes_qt_model_tester(qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from laadesk.store.demo import build_demo
    from laadesk.ui.targets_model import TargetsModel

    with build_demo(tmp_path / "d.laa") as workbook:
        qtmodeltester.check(TargetsModel(workbook.snapshot()))
