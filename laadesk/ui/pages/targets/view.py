"""The targets table as a person reads it on a laptop: NI to the better way in sight, the title taking the room left."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from laadesk.core.model import FIGURES
from laadesk.ui.pages.targets.model import column_of

# Starting widths in average characters: a column's usual contents, not its longest (a cut cell
# shows the whole text on hover). The title takes what the first screen has left (see fit_title).
WIDTHS = {
    "code": 11,  # "NI 155" and its problem icon
    "lead_partner": 18,  # at least; widened to the longest lead partner named, up to LEAD_MOST
    "baseline": 8,
    "baseline_period": 8,
    "target_2008_09": 11,  # "set annually" for a statutory target's later years
    "target_2009_10": 11,
    "target_2010_11": 11,
    "units": 17,
    "polarity": 15,
    "status": 10,
    "role": 11,
    "partners": 24,
    "districts": 16,
    "deferral_reason": 21,
    "revisit_date": 12,
}
# What is in sight without scrolling: the cabinet table's columns, NI to the better way.
FIRST_SCREEN = (
    "code",
    "title",
    "lead_partner",
    *FIGURES,
    "polarity",
)
TITLE_LEAST = 28  # characters: below this the title column stops shrinking and the table scrolls
LEAD_MOST = 32


class TargetsView(QTableView):
    """The table; its title column takes the width the first screen's other columns leave (until a
    person sizes it), and it ignores a second commit from an editor its row's removal already closed."""

    def __init__(self) -> None:
        super().__init__()
        self.title_sized_by_hand = False
        self._fitting = False

    def size_columns(self) -> None:
        """Every column at its starting width (call once the model is set)."""
        header = self.horizontalHeader()
        character = self.fontMetrics().averageCharWidth()
        for key, characters in WIDTHS.items():
            header.resizeSection(column_of(key), characters * character + 12)
        lead = column_of("lead_partner")
        model = self.model()
        names = [str(model.index(row, lead).data() or "") for row in range(model.rowCount())]
        widest = max((self.fontMetrics().horizontalAdvance(name) for name in names), default=0) + 12
        header.resizeSection(lead, min(max(widest, header.sectionSize(lead)), LEAD_MOST * character + 12))
        header.sectionResized.connect(self._section_resized)
        self.fit_title()

    def fit_title(self) -> None:
        """The title column: the room the first screen's other columns leave, never less than a short title."""
        if self.title_sized_by_hand or self.model() is None:
            return
        header = self.horizontalHeader()
        others = sum(header.sectionSize(column_of(key)) for key in FIRST_SCREEN if key != "title")
        least = TITLE_LEAST * self.fontMetrics().averageCharWidth()
        self._fitting = True
        header.resizeSection(column_of("title"), max(least, self.viewport().width() - others))
        self._fitting = False

    def _section_resized(self, column: int, old: int, new: int) -> None:
        if column == column_of("title") and not self._fitting:
            self.title_sized_by_hand = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_title()

    def commitData(self, editor: QWidget) -> None:
        # A cell edit that moves or hides its own row (a new kind, a filtered status) closes the
        # editor while it commits; Qt then delivers the queued Enter commit to a closed editor.
        if not editor.isVisible() and self.state() != QAbstractItemView.State.EditingState:
            return
        super().commitData(editor)
