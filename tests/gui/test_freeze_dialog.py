"""Sign-off > Freeze as Agreed...: the real dialog, its suggestion, a refusal as one sentence."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from laadesk.store.versions import versions
from laadesk.store.workbook import Workbook
from laadesk.ui.dialogs.freeze_dialog import FreezeDialog
from laadesk.ui.window.freeze_action import FIRST_LABEL
from laadesk.ui.window.main_window import MainWindow


def answer(qtbot: QtBot, steps: Callable[[FreezeDialog], None]) -> list[str]:
    """Do `steps` with the dialog once it is open; the sentences it showed are listed."""
    seen: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FreezeDialog)
        steps(dialog)
        seen.append(dialog.refusal.text() if dialog.refusal.isVisibleTo(dialog) else "")
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, act)
    return seen


def test_freezing_suggests_the_signed_agreement_and_says_its_hash(qtbot: QtBot, window: MainWindow) -> None:
    action = window.record_keeping.freeze.action
    assert action.isEnabled()
    labels: list[str] = []
    answer(qtbot, lambda d: (labels.append(d.label.text()), d.freeze_button.click()))
    action.trigger()
    assert labels == [FIRST_LABEL]
    assert window.session is not None
    frozen = versions(window.session.workbook)
    assert [v.label for v in frozen] == [FIRST_LABEL] and frozen[0].verified
    assert window.statusBar().currentMessage() == f'Froze "{FIRST_LABEL}" - SHA-256 {frozen[0].short_hash}...'


def test_a_label_used_before_is_refused_in_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    assert window.session is not None
    window.session.freeze("Signed by the Secretary of State")

    def retype_used_label(dialog: FreezeDialog) -> None:
        assert dialog.label.text() != FIRST_LABEL  # the suggestion is never a label already used
        dialog.label.setText("signed by the secretary of state")
        dialog.freeze_button.click()
        assert dialog.isVisible()  # still open, for another label

    seen = answer(qtbot, retype_used_label)
    window.record_keeping.freeze.action.trigger()
    assert len(seen) == 1 and "already has an agreed version labelled" in seen[0] and "\n" not in seen[0]
    assert len(versions(window.session.workbook)) == 1


def test_a_blank_label_is_refused_with_a_sentence(qtbot: QtBot, window: MainWindow) -> None:
    seen = answer(qtbot, lambda d: (d.label.setText("   "), d.freeze_button.click()))
    window.record_keeping.freeze.action.trigger()
    assert seen and seen[0].startswith("An agreed version needs a label")


def test_freezing_is_off_read_only_and_with_no_workbook(qtbot: QtBot, window: MainWindow, demo_path) -> None:  # type: ignore[no-untyped-def]
    window.set_workbook(None)
    assert not window.record_keeping.freeze.action.isEnabled()
    window.set_workbook(Workbook.open(demo_path, read_only=True))
    assert not window.record_keeping.freeze.action.isEnabled()
