"""The panel under the indicators table: what the current indicator is, and why it is in or out."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from laadesk.core.catalogue import Catalogue, Indicator
from laadesk.core.choosing import IndicatorRow, role_name
from laadesk.core.model import Role
from laadesk.ui.pages.indicators.rationale import WriteThroughText


def _facts(row: IndicatorRow) -> str:
    """One line of facts: theme, department, survey, statutory, polarity (how sure the title is: the next line)."""
    if row.indicator is None:
        return "The area's own indicator (outside the National Indicator Set)"
    i = row.indicator
    parts = [i.theme, i.department, i.survey, "statutory education target" if i.statutory else ""]
    if row.polarity is not None:
        parts.append(f"{row.polarity.value} is better")
    if i.withdrawn:
        parts.append("withdrawn: cannot be chosen")
    return " · ".join(p for p in parts if p)


SOURCE_SHOWN = 110  # characters of a title's source on the details line; the whole of it on hover
URL = re.compile(r"https?://[^\s;|]+")


def catalogue_line(catalogue: Catalogue) -> str:
    """Which catalogue the workbook uses, and how many of its titles a source confirms."""
    unverified = sum(1 for i in catalogue.indicators if i.title_unverified)
    sourced = len(catalogue.indicators) - unverified
    return (
        f"Catalogue: {catalogue.edition}. {sourced} of {len(catalogue.indicators)} titles are checked against a "
        f"published source; {unverified} are recalled and unverified (marked ?)."
    )


def provenance_html(indicator: Indicator) -> str:
    """How sure the catalogue is of one title, and the start of its source (the first address a link)."""
    if indicator.title_unverified:
        said = "<b style='color:#7a4b00'>Title recalled, not yet verified</b>: check the wording"
        return said + (f" · so far: {_source_html(indicator.source)}" if indicator.source else "")
    basis = escape(indicator.title_basis or "basis not recorded")
    return f"<b>Title {basis}</b>" + (f" · {_source_html(indicator.source)}" if indicator.source else "")


def _source_html(source: str) -> str:
    kept = source if len(source) <= SOURCE_SHOWN else source[: SOURCE_SHOWN - 1].rstrip()
    tail = "" if kept == source else "\u2026"
    found = URL.search(source)
    if found is None or found.end() > len(kept):
        return escape(kept) + tail  # no address, or one cut short: no link that goes nowhere
    before, address, after = kept[: found.start()], found.group(), kept[found.end() :]
    return f"{escape(before)}<a href='{escape(address, quote=True)}'>{escape(address)}</a>{escape(after)}{tail}"


class IndicatorDetails(QWidget):
    """Shows one indicator; the rationale box writes through via `rationale_settled(code, text)`."""

    rationale_settled = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.code: str | None = None
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Indicator")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setAccessibleName("About the indicator")
        self.provenance = QLabel()
        self.provenance.setTextFormat(Qt.TextFormat.RichText)
        self.provenance.setOpenExternalLinks(True)
        self.provenance.setAccessibleName("Title provenance")
        self.rationale = WriteThroughText()
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setAccessibleDescription("Why the indicator is in or out; saved as you type")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setMaximumHeight(72)
        self.rationale.settled.connect(self._settled)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Why in or out:")
        label.setBuddy(self.rationale)
        form.addRow(label, self.rationale)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.provenance)
        layout.addLayout(form)

    def show_row(self, row: IndicatorRow | None, selected: int) -> None:
        """Show an indicator (or an empty state); pending typing is written first."""
        if row is None or (self.code is not None and row.code != self.code):
            self.rationale.flush()
        if row is None:
            self.code = None
            self.heading.setText("<i>Select an indicator to see its details and record why it is in or out.</i>")
            self.facts.setText("")
            self.provenance.setText("")
            self.provenance.setToolTip("")
            self.rationale.load("")
            self.rationale.setEnabled(False)
            self.rationale.setPlaceholderText("")
            return
        self.code = row.code
        others = f" <span style='color:#6b6b6b'>(and {selected - 1} more selected)</span>" if selected > 1 else ""
        role = role_name(row.role)
        colour = "#1b5e20" if row.chosen else "#6b6b6b"
        self.heading.setText(
            f"<b>{escape(row.code)}</b> {escape(row.title)}"
            f" &nbsp;<span style='color:{colour}'>[{escape(role)}]</span>{others}"
        )
        self.facts.setText(_facts(row))
        indicator = row.indicator
        self.provenance.setText(provenance_html(indicator) if indicator else "")
        self.provenance.setToolTip(f"Source: {indicator.source}" if indicator and indicator.source else "")
        if row.target is None:
            self.rationale.load("")
            self.rationale.setEnabled(False)
            self.rationale.setPlaceholderText(f"Choose a role for {row.code} first: the reason is kept with it.")
        else:
            self.rationale.setEnabled(True)
            verb = "rejected" if row.role is Role.REJECTED else "chosen or considered"
            self.rationale.setPlaceholderText(f"Why {row.code} is {verb} (saved as you type)")
            if not self.rationale.pending:
                self.rationale.load(row.target.rationale)

    def _settled(self, text: str) -> None:
        if self.code is not None:
            self.rationale_settled.emit(self.code, text)
