"""Asking what to export: the audience (or one partner authority), the formats, and where the files go."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from laadesk.core.area import PROTECTIVE_MARKINGS
from laadesk.core.pack import Audience, ChartChoice
from laadesk.export.packs import PackFormat
from laadesk.ui.widgets.controls import button

NO_MARKING = "(none - the agreement is published once adopted)"
NOW = "the workbook now"
NO_CHANGES = "(none)"


@dataclass(frozen=True)
class ExportRequest:
    audience: Audience
    outputs: tuple[tuple[PackFormat, Path], ...]
    council_marking: str = ""  # the council pack's marking ("" none); the internal brief has the workbook's
    charts: ChartChoice = ChartChoice.FLAGGED  # which targets get a trajectory chart in the PDF
    for_partner: str = ""  # a partner authority's pack (PDF only): its targets, figures and agreement
    made_from: str = ""  # an agreed version's label: the pack is made from it ("" the workbook now)
    changes_since: str = ""  # an agreed version's label: the PDF adds every change since it ("" none)


def pack_name(stem: str, audience: Audience, for_partner: str = "") -> str:
    if for_partner:
        return f"{stem} - pack for {for_partner}"
    return f"{stem} - {'council pack' if audience is Audience.COUNCIL else 'internal brief'}"


class ExportDialog(QDialog):
    def __init__(
        self,
        folder: Path,
        stem: str,
        parent: QWidget | None = None,
        partners: Sequence[str] = (),
        versions: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the sign-off pack")
        self.stem = stem
        self.council = QRadioButton("&Council pack - what the council adopts and signs")
        self.internal = QRadioButton("&Internal brief - adds positions, floors and champion notes (PROTECT)")
        self.for_partner = QRadioButton("For a p&artner authority:")
        self.partner = QComboBox()
        self.partner.setAccessibleName("Partner authority")
        self.partner.addItems(list(partners))
        self.partner.setToolTip(
            "The pack for one partner authority: only the targets that relate to it, its sub-area figures "
            "and a block for its agreement (PDF only)"
        )
        self.for_partner.setEnabled(bool(partners))
        self.partner.setEnabled(False)
        self.council.setChecked(True)
        audiences = QButtonGroup(self)
        for choice in (self.council, self.internal, self.for_partner):
            audiences.addButton(choice)
            choice.setAccessibleName(choice.text().replace("&", "").split(" - ")[0].rstrip(":"))
        self.marking = QComboBox()
        self.marking.setAccessibleName("Council pack marking")
        self.marking.addItem(NO_MARKING, "")
        for marking in PROTECTIVE_MARKINGS:
            self.marking.addItem(marking, marking)
        self.marking.setToolTip(
            "The marking printed on every page of the council pack; the internal brief always carries "
            "the workbook's own marking"
        )
        self.internal.toggled.connect(lambda internal: self.marking.setEnabled(not internal))
        self.for_partner.toggled.connect(self.partner.setEnabled)
        self.charts = QComboBox()
        self.charts.setAccessibleName("Trajectory charts in the PDF")
        for charts in ChartChoice:
            self.charts.addItem(charts.words.capitalize() if charts is not ChartChoice.NONE else "No charts", charts)
        self.charts.setToolTip(
            "Which targets get a trajectory chart in the PDF: reward targets, targets not yet agreed and "
            "targets still contested (the area's proposal and government's position differ), every target, "
            "or none. Every target's figures are in the tables either way."
        )
        self.made_from = QComboBox()
        self.made_from.setAccessibleName("Made from")
        self.made_from.addItem(NOW, "")
        self.since = QComboBox()
        self.since.setAccessibleName("Changes since")
        self.since.addItem(NO_CHANGES, "")
        for label in versions:  # newest first
            self.made_from.addItem(f"agreed version \u201c{label}\u201d", label)
            self.since.addItem(f"agreed version \u201c{label}\u201d", label)
        self.made_from.setEnabled(bool(versions))
        self.since.setEnabled(bool(versions))
        self.made_from.setToolTip(
            "Make the pack from an agreed version (Sign-off > Freeze as Agreed...): its cover prints the "
            "version's label, the day it was frozen and the first 12 digits of its hash"
            if versions
            else "No agreed version yet: freeze the agreement (Sign-off > Freeze as Agreed...) to make a pack from it"
        )
        self.since.setToolTip(
            "Add to the PDF a section listing each change to the targets since that agreed version, with its "
            "reason (a refresh pack)"
            if versions
            else "No agreed version yet to list the changes since"
        )
        self.pdf = QCheckBox("&PDF")
        self.xlsx = QCheckBox("&Excel")
        self.pdf.setChecked(True)
        self.xlsx.setChecked(True)
        for box in (self.pdf, self.xlsx):
            box.setAccessibleName(f"Export {box.text().replace('&', '')}")
        self.folder = QLineEdit(str(folder))
        self.folder.setAccessibleName("Folder")
        browse = button("&Choose...", "Choose the folder the pack is written to", self._browse, name="Choose folder")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.pdf.toggled.connect(self.charts.setEnabled)  # charts are drawn in the PDF only
        self.pdf.toggled.connect(lambda pdf: self.since.setEnabled(pdf and bool(versions)))  # a PDF section
        self.for_partner.toggled.connect(lambda chosen: self.xlsx.setEnabled(not chosen))  # a partner's pack is PDF
        for signal in (
            self.council.toggled,
            self.for_partner.toggled,
            self.partner.currentTextChanged,
            self.pdf.toggled,
            self.xlsx.toggled,
            self.folder.textChanged,
        ):
            signal.connect(self._describe)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("E&xport")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        formats = QHBoxLayout()
        formats.addWidget(self.pdf)
        formats.addWidget(self.xlsx)
        formats.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("For:", self.council)
        form.addRow("", self.internal)
        partner_row = QHBoxLayout()
        partner_row.addWidget(self.for_partner)
        partner_row.addWidget(self.partner, 1)
        form.addRow("", partner_row)
        marking_label = QLabel("&Marking:")
        marking_label.setBuddy(self.marking)
        form.addRow(marking_label, self.marking)
        form.addRow("As:", formats)
        charts_label = QLabel("C&harts:")
        charts_label.setBuddy(self.charts)
        form.addRow(charts_label, self.charts)
        made_label = QLabel("Ma&de from:")
        made_label.setBuddy(self.made_from)
        form.addRow(made_label, self.made_from)
        since_label = QLabel("Changes &since:")
        since_label.setBuddy(self.since)
        form.addRow(since_label, self.since)
        folder_label = QLabel("&Folder:")  # a label of its own, so "&" marks the key, not printed
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, where)
        form.addRow(self.note)
        form.addRow(buttons)
        self._describe()
        self.resize(620, 0)

    def request(self) -> ExportRequest:
        audience = Audience.INTERNAL if self.internal.isChecked() else Audience.COUNCIL
        partner = self.partner.currentText() if self.for_partner.isChecked() else ""
        folder = Path(self.folder.text().strip() or ".")
        name = pack_name(self.stem, audience, partner)
        outputs = [(PackFormat.PDF, folder / f"{name}.pdf")] if self.pdf.isChecked() else []
        outputs += [(PackFormat.XLSX, folder / f"{name}.xlsx")] if self.xlsx.isChecked() and not partner else []
        marking = str(self.marking.currentData()) if audience is Audience.COUNCIL else ""
        since = str(self.since.currentData() or "") if self.pdf.isChecked() else ""
        return ExportRequest(
            audience,
            tuple(outputs),
            marking,
            ChartChoice(self.charts.currentData()),
            partner,
            str(self.made_from.currentData() or ""),
            since,
        )

    def _describe(self) -> None:
        request = self.request()
        self.ok.setEnabled(bool(request.outputs))
        files = "\n".join(str(path) for _, path in request.outputs) or "Choose PDF, Excel or both."
        self.note.setText(files)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export into", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    @classmethod
    def ask(
        cls, parent: QWidget, folder: Path, stem: str, partners: Sequence[str] = (), versions: Sequence[str] = ()
    ) -> ExportRequest | None:
        """What to export, or None if cancelled (tests patch this); `partners` are the partner
        authorities a partner's pack can be made for, `versions` the agreed versions' labels (newest
        first) it can be made from or list the changes since."""
        dialog = cls(folder, stem, parent, partners, versions)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()
