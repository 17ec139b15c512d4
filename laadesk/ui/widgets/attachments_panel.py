"""The workbook's attached evidence, on the Story and Sign-off pages: attach by a button or by dropping
files, open one in the system's viewer from a private read-only copy, save a copy elsewhere.

Attaching is one undo step (the record and its content in one transaction). A new attachment is
internal to government unless "Shareable with the council" is ticked: the safe side by default.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QCheckBox, QFileDialog, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from laadesk.core.attachments import Attachment, describe_size
from laadesk.core.dates import format_moment
from laadesk.core.errors import WorkbookProblem
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.attachments import every_attachment, extract, plan_attachment, private_copy, read_file
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.views import record_view
from laadesk.ui.widgets.controls import button

# What a new attachment is linked to: (indicator codes, story section ids) - the page's current ones.
Links = Callable[[], tuple[tuple[str, ...], tuple[str, ...]]]
NO_LINKS: Links = lambda: ((), ())  # noqa: E731 - a constant default


def _links_text(attachment: Attachment, snapshot: WorkbookSnapshot) -> str:
    titles = {s.id: s.title for s in snapshot.story}
    return ", ".join((*attachment.indicators, *(titles.get(s, s) for s in attachment.sections)))


COLUMNS = (
    Column("name", "File", lambda a, s: a.name, tooltip=lambda a, s: f"SHA-256 {a.sha256}"),
    Column("kind", "Kind", lambda a, s: a.kind),
    Column("size", "Size", lambda a, s: describe_size(a.size), numeric=True, sort=lambda a, s: a.size),
    Column("side", "Who may see it", lambda a, s: "internal to government" if a.internal else "shareable"),
    Column("links", "Evidence for", _links_text),
    Column("when", "Attached", lambda a, s: f"{format_moment(a.when)} by {a.who}"),
)


class AttachmentsModel(RecordTableModel):
    def __init__(self, snapshot: WorkbookSnapshot) -> None:
        super().__init__(COLUMNS, snapshot, records=every_attachment(snapshot), key=lambda a: (a.internal, a.sha256))

    def attachment(self, row: int) -> Attachment:
        found: Attachment = self.record(row)
        return found


class AttachmentsPanel(QGroupBox):
    """Every attached file; files dropped on it are attached (to the page's current section or target)."""

    told = Signal(str)
    _viewing: Path | None = None  # one private folder a process for the copies opened in viewers

    def __init__(self, session: WorkbookSession, links: Links = NO_LINKS, title: str = "Attached evidence") -> None:
        super().__init__(title)
        self.session = session
        self.links = links
        self.setAcceptDrops(True)
        self.model = AttachmentsModel(session.snapshot())
        self.view = record_view("Attached files", self.model, editable=False, rows=True, stretch=0)
        self.view.activated.connect(lambda _index: self.open_current())
        self.shareable = QCheckBox("Shareable with the council")
        self.shareable.setToolTip(
            "Unticked, a file you attach stays with government: never in the council's copy or packs"
        )
        self.attach_button = button("&Attach file...", "Attach a file (or drop files here)", self.choose_files)
        self.open_button = button("&Open", "Open a read-only copy in the system's viewer", self.open_current)
        self.save_button = button("Save a &copy...", "Write the attached file out, byte for byte", self.save_current)
        row = QHBoxLayout()
        for widget in (self.attach_button, self.shareable, self.open_button, self.save_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        session.edited.connect(lambda _edit: self.refresh())

    def refresh(self) -> None:
        snapshot = self.session.snapshot()
        self.model.show(every_attachment(snapshot), snapshot)

    def current(self) -> Attachment | None:
        index = self.view.currentIndex()
        return self.model.attachment(index.row()) if index.isValid() else None

    # -- attaching ------------------------------------------------------------------------------

    def attach_paths(self, paths: list[Path]) -> list[Attachment]:
        """Attach each file (one undo step each); a refused one is named and the rest still attached."""
        if self.session.workbook.read_only:
            self.told.emit("The workbook is open read-only: nothing can be attached to it.")
            return []
        done: list[Attachment] = []
        refused: list[str] = []
        indicators, sections = self.links()
        workbook = self.session.workbook
        for path in paths:
            try:
                planned = plan_attachment(
                    self.session.snapshot(),
                    read_file(path),
                    path.name,
                    internal=not self.shareable.isChecked(),
                    who=workbook.author,
                    when=workbook.clock(),
                    indicators=indicators,
                    sections=sections,
                    shown=path.name,
                )
            except WorkbookProblem as problem:
                refused.append(str(problem))
                continue
            if planned.already:
                refused.append(f"{path.name} is already attached as {planned.attachment.name}.")
                continue
            self.session.apply(planned.edit, also=planned.also)
            done.append(planned.attachment)
        said = [f"Attached {', '.join(a.name for a in done)}."] if done else []
        self.told.emit(" ".join(said + refused))
        return done

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Attach files", "", "Evidence (*.pdf *.xlsx *.docx *.odt *.csv *.png *.jpg *.jpeg);;All files (*)"
        )
        if names:
            self.attach_paths([Path(n) for n in names])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach_paths(paths)

    # -- opening and saving ---------------------------------------------------------------------

    @classmethod
    def viewing_folder(cls) -> Path:
        """A folder only this user can read, emptied when laadesk ends."""
        if cls._viewing is None or not cls._viewing.is_dir():
            cls._viewing = Path(tempfile.mkdtemp(prefix="laadesk-view-"))
            atexit.register(shutil.rmtree, cls._viewing, True)
        return cls._viewing

    def open_current(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        try:
            copy = private_copy(self.session.workbook, chosen, self.viewing_folder())
        except (WorkbookProblem, OSError) as problem:
            self.told.emit(f"Cannot open {chosen.name}: {problem}")
            return
        open_in_viewer(copy)
        self.told.emit(f"Opened a read-only copy of {chosen.name}.")

    def save_current(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save a copy", chosen.name)
        if not name:
            return
        try:
            extract(self.session.workbook, chosen, Path(name))
        except WorkbookProblem as problem:
            self.told.emit(str(problem))
            return
        self.told.emit(f"Saved a copy of {chosen.name} to {name}.")

    def tab_order(self) -> list[QWidget]:
        return [self.view, self.attach_button, self.shareable, self.open_button, self.save_button]


def open_in_viewer(path: Path) -> Any:
    """Hand the copy to the system's viewer for its kind (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
