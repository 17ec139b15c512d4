"""The Sign-off menu's Freeze as Agreed...: the agreement as it stands kept under a label, for ever
(laadesk.store.versions; docs/agreed-versions.md)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from laadesk.core.errors import WorkbookProblem
from laadesk.core.rules import Severity
from laadesk.ui.window.host import Host

if TYPE_CHECKING:
    from laadesk.store.versions import AgreedVersion

FIRST_LABEL = "Signed by the Secretary of State"


def suggested_label(existing: list[str], today: date) -> str:
    """The first version is the signed agreement; later ones are the refreshes."""
    label = FIRST_LABEL if not existing else f"Refresh, {today:%B %Y}"
    taken = {e.casefold() for e in existing}
    number = 2
    suggestion = label
    while suggestion.casefold() in taken:
        suggestion, number = f"{label} ({number})", number + 1
    return suggestion


class FreezeAsAgreed:
    """The action; enabled while a workbook that can be written is open."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.action = QAction("&Freeze as Agreed...", host.dialog_parent())
        self.action.setToolTip("Keep the agreement as it stands under a label, with a hash; never changed after")
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda _=False: self.freeze())
        self.action.setEnabled(False)
        host.workbook_opened.connect(lambda workbook: self.action.setEnabled(not workbook.read_only))
        host.workbook_closed.connect(lambda: self.action.setEnabled(False))

    def freeze(self) -> AgreedVersion | None:
        session = self.host.session
        if session is None or session.workbook.read_only:
            return None
        parent = self.host.dialog_parent()
        from laadesk.store.versions import versions

        try:
            existing = [v.label for v in versions(session.workbook)]
        except WorkbookProblem as problem:
            QMessageBox.warning(parent, "Cannot freeze the agreement", str(problem))
            return None
        frozen: list[AgreedVersion] = []

        def attempt(label: str) -> str | None:
            try:
                frozen.append(session.freeze(label))
            except WorkbookProblem as refused:
                return str(refused)
            return None

        errors = sum(1 for p in session.problems() if p.severity is Severity.ERROR)
        caution = (
            f"The agreement still breaks {errors} rule{'s' if errors != 1 else ''} (see the Problems page); "
            "you can freeze it as it is all the same."
            if errors
            else ""
        )
        from laadesk.ui.dialogs.freeze_dialog import FreezeDialog  # loads when first asked: a quicker start

        if not FreezeDialog(parent, suggested_label(existing, date.today()), existing, attempt, caution).ask():
            return None
        if not frozen:
            return None
        version = frozen[0]
        self.host.say(f'Froze "{version.label}" - SHA-256 {version.short_hash}...')
        return version
