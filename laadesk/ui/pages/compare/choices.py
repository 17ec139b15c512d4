"""The Compare page's choices: which two agreements, and which of their differences to list."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from laadesk.core.codes import sort_key
from laadesk.core.compare import ADDED, CHANGED, LESS, MORE, REMOVED, Difference
from laadesk.core.dates import format_moment
from laadesk.store.versions import AgreedVersion

NOW = "now"
OUTSIDE_TARGETS = "-"  # the indicator choice for the area, the story, the adoptions and the sign-off
ALTERED_STYLE = "color: #b00020; font-weight: bold;"


def versions_line(versions: Sequence[AgreedVersion]) -> str:
    """Each version, newest first: label, when, who, the first 12 digits of its hash; an altered one said so."""
    lines = []
    for version in reversed(versions):
        said = (
            f"<b>&ldquo;{html.escape(version.label)}&rdquo;</b> frozen {format_moment(version.when)} "
            f"by {html.escape(version.who)} &mdash; SHA-256 <tt>{version.short_hash}</tt>"
        )
        if not version.verified:
            said += (
                f' <span style="{ALTERED_STYLE}">altered since it was frozen: its hash no longer matches, '
                "so it is not the version that was agreed</span>"
            )
        lines.append(said)
    return "<br>".join(lines)


def _combo(name: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _fill(combo: QComboBox, items: Sequence[tuple[str, str]], chosen: str) -> None:
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)


class CompareChoices(QWidget):
    """From, To and the three filters; `agreements_changed` and `filter_changed` say which moved."""

    agreements_changed = Signal()
    filter_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.start = _combo("Compare from", "The agreed version to compare from")
        self.end = _combo("Compare to", "The agreement now, or another agreed version")
        self.indicator = _combo("Differences about", "Only the differences about this indicator")
        self.kind = _combo("Kind of difference", "Only what was added, removed or changed")
        self.ambition = _combo("Ambition", "Only the levels that ask more (or less) of the area")
        _fill(self.kind, [("All", ""), ("Added", ADDED), ("Removed", REMOVED), ("Changed", CHANGED)], "")
        _fill(self.ambition, [("Any", ""), ("More ambitious", MORE), ("Less ambitious", LESS)], "")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (text, combo) in enumerate(
            (
                ("From:", self.start),
                ("To:", self.end),
                ("Indicator:", self.indicator),
                ("Kind:", self.kind),
                ("Ambition:", self.ambition),
            )
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(combo, 0, column * 2 + 1)
            grid.setColumnMinimumWidth(column * 2 + 1, 60)
        grid.setColumnStretch(10, 1)
        for combo in (self.start, self.end):
            combo.currentIndexChanged.connect(lambda _: self.agreements_changed.emit())
        for combo in (self.indicator, self.kind, self.ambition):
            combo.currentIndexChanged.connect(lambda _: self.filter_changed.emit())

    def controls(self) -> list[QWidget]:
        return [self.start, self.end, self.indicator, self.kind, self.ambition]

    def offer_versions(self, versions: Sequence[AgreedVersion]) -> None:
        """Newest first; a version just frozen becomes the one compared from."""
        labels = [v.label for v in reversed(versions)]
        known = [self.start.itemData(i) for i in range(self.start.count())]
        start = self.start.currentData() if labels == known else (labels[0] if labels else "")
        end = self.end.currentData() if labels == known else NOW
        _fill(self.start, [(label, label) for label in labels], start or "")
        _fill(self.end, [("now", NOW), *((label, label) for label in labels)], end or NOW)

    def offer_indicators(self, differences: Sequence[Difference]) -> None:
        codes = sorted({d.ni for d in differences if d.ni}, key=lambda c: (sort_key(c), c))
        items = [("All", ""), *((c, c) for c in codes)]
        if any(not d.ni for d in differences):
            items.append(("Area, story and sign-off", OUTSIDE_TARGETS))
        _fill(self.indicator, items, self.indicator.currentData() or "")

    def accepts(self) -> Callable[[Any], bool] | None:
        """Which differences to list (None: all of them)."""
        ni, kind, ambition = (c.currentData() or "" for c in (self.indicator, self.kind, self.ambition))
        if not (ni or kind or ambition):
            return None

        def accepted(difference: Difference) -> bool:
            about = difference.ni or OUTSIDE_TARGETS
            return (
                (not ni or about == ni)
                and (not kind or difference.kind == kind)
                and (not ambition or difference.ambition == ambition)
            )

        return accepted
