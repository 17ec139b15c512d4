"""File > Export pack: ask, then write the pack on a worker thread with a progress dialog."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from laadesk.core.rules import Severity
from laadesk.store.opening import is_workbook_file
from laadesk.ui import settings
from laadesk.ui.window.host import Host

if TYPE_CHECKING:
    from laadesk.core.refresh import ChangesSince
    from laadesk.core.snapshot import WorkbookSnapshot
    from laadesk.export.packs import WrittenPack
    from laadesk.store.versions import AgreedVersion
    from laadesk.ui.dialogs.export_dialog import ExportRequest
    from laadesk.ui.window.export_worker import ExportWorker


class PackExport(QObject):
    """Owns the Export action; results come back to this object on the GUI thread."""

    def __init__(self, host: Host) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.action = QAction("&Export pack...", host.dialog_parent())
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setToolTip("Write the council pack or internal brief as PDF and Excel")
        self.action.triggered.connect(self.export)
        self.export_thread: QThread | None = None
        self.worker: ExportWorker | None = None  # held here: Python owns it, and would free it mid-export
        self.progress: QProgressDialog | None = None
        self.last_written: list[WrittenPack] = []

    @property
    def running(self) -> bool:
        return self.export_thread is not None

    def export(self) -> None:
        session = self.host.session
        if session is None or self.running:
            return
        session.settle()
        snapshot = session.snapshot()
        folder = settings.export_folder() or session.workbook.path.resolve().parent
        from laadesk.ui.dialogs.export_dialog import ExportDialog  # loads when first used: a quicker start

        window = self.host.dialog_parent()
        from laadesk.core.errors import WorkbookProblem
        from laadesk.core.sign_off import partner_authorities
        from laadesk.store.versions import versions

        try:
            agreed: tuple[AgreedVersion, ...] = versions(session.workbook)
        except WorkbookProblem:
            agreed = ()
        offered = {"partners": list(partner_authorities(snapshot.partners))}
        labels = [v.label for v in reversed(agreed)]  # newest first
        request = (
            ExportDialog.ask(window, folder, snapshot.area.name, versions=labels, **offered)
            if labels
            else ExportDialog.ask(window, folder, snapshot.area.name, **offered)
        )
        if request is None or not request.outputs:
            return
        made = self._from_versions(window, snapshot, agreed, request)
        if made is None:
            return
        snapshot, cover, since = made
        clash = next((path for _, path in request.outputs if is_workbook_file(path)), None)
        if clash is not None:
            QMessageBox.warning(window, "Not exported", f"{clash} is a laadesk workbook; choose another folder.")
            return
        from laadesk.core.pack import Audience, build_pack  # loads when first used: a quicker start

        named = f"pack for {request.for_partner}" if request.for_partner else "council pack"
        if request.audience is Audience.COUNCIL and not self._export_with_errors(window, named, snapshot):
            return
        settings.remember_export_folder(request.outputs[0][1].parent)
        from laadesk.store.reference import deferral_reasons

        pack = build_pack(
            snapshot,
            request.audience,
            date.today(),
            deferral_reasons().wordings(),
            council_marking=request.council_marking,
            charts=request.charts,
            for_partner=request.for_partner,
            agreed_version=cover,
            changes_since=since,
        )
        self.progress = QProgressDialog(f"Writing the {pack.audience.value} pack...", "", 0, 1000, window)
        self.progress.setWindowTitle("Exporting")
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(1000)
        self.progress.setValue(0)
        from laadesk.ui.window.export_worker import ExportWorker, start_export  # with the pack code: a quicker start

        worker = self.worker = ExportWorker(pack, request.outputs)
        worker.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        worker.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        worker.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.export_thread = start_export(worker, self)
        self.export_thread.finished.connect(self._thread_done)

    def _from_versions(
        self,
        window: QWidget,
        snapshot: WorkbookSnapshot,
        agreed: tuple[AgreedVersion, ...],
        request: ExportRequest,
    ) -> tuple[WorkbookSnapshot, str, ChangesSince | None] | None:
        """The snapshot the pack is made from (the workbook now, or an agreed version), its cover line,
        and the changes since a version for the PDF; None (with a sentence shown) when a version is
        altered. Worked out here, on the GUI thread: the worker only writes files."""
        from laadesk.core.refresh import changes_since
        from laadesk.export.packs import PackFormat
        from laadesk.store.versions import cover_line, version_snapshot

        named = {v.label: v for v in agreed}
        cover = ""
        if request.made_from:
            frozen = named.get(request.made_from)
            if frozen is None or not frozen.verified:
                QMessageBox.warning(
                    window,
                    "Not exported",
                    f"The agreed version \u201c{request.made_from}\u201d was altered after it was frozen (its hash "
                    "no longer matches), so no pack was made from it.",
                )
                return None
            snapshot = version_snapshot(snapshot, frozen)
            cover = cover_line(frozen)
        since = None
        base = named.get(request.changes_since) if request.changes_since else None
        if base is not None and any(kind is PackFormat.PDF for kind, _ in request.outputs):
            since = changes_since(base.label, base.when, base.short_hash, base.form, snapshot)
        return snapshot, cover, since

    def _export_with_errors(
        self, window: QWidget, named: str = "council pack", snapshot: WorkbookSnapshot | None = None
    ) -> bool:
        """With errors left, a council-bound pack goes out only as a draft, and only if the officer says so."""
        session = self.host.session
        if session is None:
            return True
        if snapshot is None or snapshot is session.snapshot():
            problems = session.problems()
        else:  # a pack made from an agreed version: its own errors
            from laadesk.core.cross_checks import check_workbook

            problems = check_workbook(snapshot)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if not errors:
            return True
        count = len(errors)
        answer = QMessageBox.question(
            window,
            "Errors remain",
            f"{count} error{'s remain' if count != 1 else ' remains'} in this workbook - the first: "
            f"{errors[0].message}\n\nThe {named} will say Draft on its cover. Export it anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

    @Slot(list)
    def _finished(self, written: list[WrittenPack]) -> None:
        self._close_progress()
        self.last_written = written
        lines = [f"{w.path.name} ({w.detail})" for w in written]
        folder = written[0].path.parent if written else ""
        self.host.say(f"Exported {'; '.join(lines)} to {folder}.", 15000)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.warning(self.host.dialog_parent(), "Not exported", message)

    @Slot()
    def _thread_done(self) -> None:
        self.export_thread = None
        self.worker = None

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def wait(self, milliseconds: int = 30000) -> None:
        """Block until an export in progress ends (closing the window waits for it)."""
        if self.export_thread is not None:
            self.export_thread.wait(milliseconds)
