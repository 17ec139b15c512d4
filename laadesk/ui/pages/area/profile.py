"""The area profile form: each field is written to the workbook as soon as it is finished."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from laadesk.core.area import GO_REGIONS, PROTECTIVE_MARKINGS
from laadesk.core.dates import format_date, parse_date
from laadesk.core.edits import set_fields
from laadesk.core.model import AreaType, Tier
from laadesk.ui.session import WorkbookSession
from laadesk.ui.widgets.controls import quiet

TYPE_NAMES = {
    AreaType.COUNTY: "County council",
    AreaType.UNITARY: "Unitary authority",
    AreaType.METROPOLITAN: "Metropolitan district",
    AreaType.LONDON_BOROUGH: "London borough",
    AreaType.SUI_GENERIS: "Sui generis (City of London, Isles of Scilly)",
}
TIER_NAMES = {
    Tier.SINGLE: "Single-tier (one council for the whole area)",
    Tier.TWO: "Two-tier (a county with district councils)",
}
NOT_SET = "(not set)"


class ProfileForm(QGroupBox):
    """Name, ONS code, region, type, tier, LSP, marking and "as at": one undo step per field changed."""

    told = Signal(str)

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__("Area profile")
        self.session = session
        self._combo_edits: list[tuple[QComboBox, str, str]] = []
        self.name = self._line("Area name", "name", "change area name", required=True)
        self.ons_code = self._line("ONS code", "ons_code", "change ONS code")
        self.ons_code.setPlaceholderText("e.g. 00FY")
        self.lsp_name = self._line("LSP name", "lsp_name", "change LSP name")
        self.lsp_name.setPlaceholderText("the Local Strategic Partnership's name")
        self.go_region = self._combo("Government Office region", "go_region", "change GO region")
        self.go_region.addItem(NOT_SET, "")
        for region in GO_REGIONS:
            self.go_region.addItem(region, region)
        self.type = self._combo("Area type", "type", "change area type")
        self.type.addItem(NOT_SET, "")
        for area_type, shown in TYPE_NAMES.items():
            self.type.addItem(shown, area_type)
        self.tier = self._combo("Tier", "tier", "change tier")
        for tier, shown in TIER_NAMES.items():
            self.tier.addItem(shown, tier)
        self.marking = self._combo("Protective marking", "protective_marking", "change protective marking")
        for marking in PROTECTIVE_MARKINGS:
            self.marking.addItem(marking, marking)
        self.marking.setToolTip("The marking printed on packs and briefs made from this workbook")
        self.as_at = QLineEdit()
        self.as_at.setAccessibleName("As at")
        self.as_at.setPlaceholderText("blank: the computer's date")
        self.as_at.setToolTip(
            "The day this workbook speaks of: packs are dated so, and milestones are overdue as at this day"
        )
        self.as_at.editingFinished.connect(self._finish_as_at)
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (
            ("&Name:", self.name),
            ("&ONS code:", self.ons_code),
            ("GO &region:", self.go_region),
            ("T&ype:", self.type),
            ("&Tier:", self.tier),
            ("&LSP name:", self.lsp_name),
            ("Protective &marking:", self.marking),
            ("&As at:", self.as_at),
        ):
            layout.addRow(label, widget)
        note = QLabel("Each field is saved as you leave it (or press Enter); Undo takes it back.")
        note.setWordWrap(True)
        quiet(note)
        layout.addRow(note)
        order = [self.name, self.ons_code, self.go_region, self.type, self.tier, self.lsp_name, self.marking]
        for before, after in pairwise([*order, self.as_at]):
            QWidget.setTabOrder(before, after)
        self.fields: dict[str, QWidget] = {
            "name": self.name,
            "ons_code": self.ons_code,
            "go_region": self.go_region,
            "type": self.type,
            "tier": self.tier,
            "lsp_name": self.lsp_name,
            "protective_marking": self.marking,
            "as_at": self.as_at,
        }
        self.refresh()
        for combo, field, label in self._combo_edits:  # connected once filled, so filling writes nothing
            combo.currentIndexChanged.connect(
                lambda _row, c=combo, f=field, t=label: self._write(f, _value(f, c.currentData()), t)
            )

    def _line(self, accessible: str, field: str, label: str, required: bool = False) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(accessible)
        line.editingFinished.connect(lambda: self._finish_line(line, field, label, accessible, required))
        return line

    def _combo(self, accessible: str, field: str, label: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible)
        self._combo_edits.append((combo, field, label))
        return combo

    def _finish_line(self, line: QLineEdit, field: str, label: str, accessible: str, required: bool) -> None:
        value = " ".join(line.text().split())
        if required and not value:
            self.told.emit(f"The {accessible.lower()} cannot be blank; it is back to what it was.")
            line.setText(getattr(self.session.snapshot().area, field))
            return
        self._write(field, value, label)

    def _finish_as_at(self) -> None:
        area = self.session.snapshot().area
        try:
            day = parse_date(self.as_at.text())
        except ValueError as problem:
            self.told.emit(f"{problem} The 'as at' date is back to what it was.")
            self.as_at.setText(_shown_date(area.as_at))
            return
        if day != area.as_at:
            self._write("as_at", day, "change the workbook's 'as at' date")
        self.as_at.setText(_shown_date(day))

    def _write(self, field: str, value: Any, label: str) -> None:
        area = self.session.snapshot().area
        self.session.apply(set_fields(area, label, **{field: value}))

    def refresh(self) -> None:
        area = self.session.snapshot().area
        for line, value in ((self.name, area.name), (self.ons_code, area.ons_code), (self.lsp_name, area.lsp_name)):
            if line.text() != value:
                line.setText(value)
        if parse_or_none(self.as_at.text()) != area.as_at:
            self.as_at.setText(_shown_date(area.as_at))
        for combo, data in (
            (self.go_region, area.go_region),
            (self.type, area.type or ""),
            (self.tier, area.tier),
            (self.marking, area.protective_marking),
        ):
            _show(combo, data)


def _shown_date(day: date | None) -> str:
    return format_date(day) if day else ""


def parse_or_none(text: str) -> date | None:
    """The date in a field, or None for blank and for what is no date (yet)."""
    try:
        return parse_date(text)
    except ValueError:
        return None


def _value(field: str, data: Any) -> Any:
    """What a combo's item data means for the field ("" for an unset type is None)."""
    if field == "type":
        return AreaType(data) if data else None
    if field == "tier":
        return Tier(data)
    return str(data)


def _show(combo: QComboBox, data: Any, shown: Callable[[Any], str] = str) -> None:
    """Select the item holding `data` without writing anything; a value from elsewhere is added as is."""
    row = combo.findData(data)
    combo.blockSignals(True)
    try:
        if row < 0:
            combo.addItem(shown(data), data)
            row = combo.count() - 1
        combo.setCurrentIndex(row)
    finally:
        combo.blockSignals(False)
