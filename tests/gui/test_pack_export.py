"""File > Export pack writes the chosen files off the GUI thread; the window stays usable."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from support.gui import export_drafts

from laadesk.core.edits import set_fields
from laadesk.core.pack import Audience, ChartChoice
from laadesk.export.packs import PackFormat
from laadesk.ui.dialogs.export_dialog import ExportDialog, ExportRequest, pack_name
from laadesk.ui.window.main_window import MainWindow


def ask_for(request: ExportRequest | None):  # type: ignore[no-untyped-def]
    return classmethod(lambda cls, parent, folder, stem, **_: request)


def test_export_council_pack_as_pdf_and_excel(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = pack_name("Kingsmere", Audience.COUNCIL)
    out = tmp_path / "packs"
    out.mkdir()
    request = ExportRequest(
        Audience.COUNCIL, ((PackFormat.PDF, out / f"{name}.pdf"), (PackFormat.XLSX, out / f"{name}.xlsx"))
    )
    monkeypatch.setattr(ExportDialog, "ask", ask_for(request))
    asked = export_drafts(monkeypatch)
    window.pack_export.action.trigger()
    assert len(asked) == 1 and "The council pack will say Draft on its cover" in asked[0]  # the demo has an error
    assert window.pack_export.running  # the work is on its own thread
    qtbot.waitUntil(lambda: not window.pack_export.running, timeout=60000)
    pdf, xlsx = out / f"{name}.pdf", out / f"{name}.xlsx"
    assert pdf.stat().st_size > 10000 and xlsx.stat().st_size > 5000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Kingsmere" in text and "Local Area Agreement 2008-11" in text
    assert "Kingsmere - council pack.pdf" in window.statusBar().currentMessage()
    assert sorted(p.name for p in out.iterdir()) == sorted([pdf.name, xlsx.name])  # no partial files


def test_dialog_names_files_by_audience(window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path, "Kingsmere", window)
    dialog.internal.setChecked(True)
    dialog.xlsx.setChecked(False)
    assert dialog.request() == ExportRequest(
        Audience.INTERNAL, ((PackFormat.PDF, tmp_path / "Kingsmere - internal brief.pdf"),)
    )
    dialog.pdf.setChecked(False)
    assert not dialog.ok.isEnabled()


def test_export_failure_is_a_sentence(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laadesk.ui.window import pack_export

    told: list[str] = []
    monkeypatch.setattr(pack_export.QMessageBox, "warning", lambda parent, title, text: told.append(text))
    request = ExportRequest(Audience.COUNCIL, ((PackFormat.PDF, tmp_path / "missing" / "pack.pdf"),))
    monkeypatch.setattr(ExportDialog, "ask", ask_for(request))
    export_drafts(monkeypatch)
    window.pack_export.action.trigger()
    qtbot.waitUntil(lambda: not window.pack_export.running, timeout=60000)
    assert len(told) == 1 and "missing" in told[0] and "Traceback" not in told[0]


def test_the_dialogs_labels_show_no_stray_ampersand(window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path, "Kingsmere", window)
    labels = dialog.findChildren(QLabel)
    assert {label.text() for label in labels} >= {"&Folder:", "&Marking:"}
    for label in labels:  # an "&" is a keyboard mark only on a label that has a field to jump to
        assert label.buddy() is not None or "&" not in label.text(), label.text()


def test_the_council_pack_is_unmarked_unless_a_marking_is_chosen(window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path, "Kingsmere", window)
    assert dialog.request().council_marking == ""
    assert dialog.marking.currentText() == "(none - the agreement is published once adopted)"
    dialog.marking.setCurrentText("PROTECT")
    assert dialog.request().council_marking == "PROTECT"
    dialog.internal.setChecked(True)  # the brief carries the workbook's own marking
    assert not dialog.marking.isEnabled() and dialog.request().council_marking == ""


def test_with_errors_left_a_council_pack_is_a_draft_and_only_if_the_officer_says_so(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    assert session is not None
    recommended = set_fields(session.snapshot().sign_off, "GO recommends", go_recommendation_date=date(2008, 6, 18))
    session.apply(recommended)  # the cover would say "For adoption"...
    errors = [p for p in session.problems() if p.severity.value == "error"]
    assert len(errors) == 1  # ...but the demo has one error left
    pdf = tmp_path / "pack.pdf"
    monkeypatch.setattr(ExportDialog, "ask", ask_for(ExportRequest(Audience.COUNCIL, ((PackFormat.PDF, pdf),))))
    asked = export_drafts(monkeypatch, answer=False)
    window.pack_export.action.trigger()
    assert asked[0].startswith(f"1 error remains in this workbook - the first: {errors[0].message}")
    assert not window.pack_export.running and not pdf.exists()
    export_drafts(monkeypatch, answer=True)
    window.pack_export.action.trigger()
    qtbot.waitUntil(lambda: not window.pack_export.running, timeout=60000)
    cover = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Draft" in cover and "For adoption" not in cover
    internal = tmp_path / "brief.pdf"
    asked = export_drafts(monkeypatch)
    monkeypatch.setattr(ExportDialog, "ask", ask_for(ExportRequest(Audience.INTERNAL, ((PackFormat.PDF, internal),))))
    window.pack_export.action.trigger()  # the internal brief is government's own: no question
    qtbot.waitUntil(lambda: not window.pack_export.running, timeout=60000)
    assert asked == [] and internal.exists()


def test_the_officer_chooses_which_targets_get_a_chart(window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path, "Kingsmere", window)
    assert dialog.request().charts is ChartChoice.FLAGGED  # not 51 near-identical charts by default
    assert dialog.charts.currentText().startswith("Reward targets, targets not yet agreed")
    dialog.charts.setCurrentIndex(dialog.charts.findData(ChartChoice.ALL))
    assert dialog.request().charts is ChartChoice.ALL
    dialog.pdf.setChecked(False)  # charts are drawn in the PDF only
    assert not dialog.charts.isEnabled()


def test_the_dialog_offers_the_partner_authorities_and_asks_for_the_one_chosen(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[list[str]] = []
    out = tmp_path / "packs"
    out.mkdir()

    def ask(cls, parent, folder, stem, partners=()):  # type: ignore[no-untyped-def]
        offered.append(list(partners))
        dialog = cls(out, stem, parent, partners)
        dialog.for_partner.setChecked(True)
        dialog.partner.setCurrentText("Wenmoor District Council")
        return dialog.request()

    monkeypatch.setattr(ExportDialog, "ask", classmethod(ask))
    export_drafts(monkeypatch)
    window.pack_export.action.trigger()
    assert offered == [
        [
            "Colbeck Valley District Council",
            "Easterby Fens District Council",
            "Kingsmere Constabulary",
            "Kingsmere Fire and Rescue Service",
            "Kingsmere Jobcentre Plus",
            "Kingsmere Learning and Skills Council",
            "Kingsmere Primary Care Trust",
            "Kingsmere Probation Area",
            "Marlhaven Borough Council",
            "Thornwold District Council",
            "Wenmoor District Council",
        ]
    ]  # partner authorities only: not the county council nor the voluntary sector's partner
    qtbot.waitUntil(lambda: not window.pack_export.running, timeout=60000)
    pdf = out / "Kingsmere - pack for Wenmoor District Council.pdf"
    assert sorted(p.name for p in out.iterdir()) == [pdf.name]  # the partner's pack is a PDF alone
    cover = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "for Wenmoor District Council" in cover and "Partner authority pack" in cover


def test_the_partner_choice_carries_the_partner_in_the_request(window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path, "Kingsmere", window, ["Marlhaven Borough Council", "Wenmoor District Council"])
    assert not dialog.partner.isEnabled() and dialog.request().for_partner == ""
    dialog.for_partner.setChecked(True)
    assert dialog.partner.isEnabled() and not dialog.xlsx.isEnabled() and dialog.marking.isEnabled()
    assert [dialog.partner.itemText(n) for n in range(dialog.partner.count())] == [
        "Marlhaven Borough Council",
        "Wenmoor District Council",
    ]
    dialog.partner.setCurrentIndex(1)
    assert dialog.request() == ExportRequest(
        Audience.COUNCIL,
        ((PackFormat.PDF, tmp_path / "Kingsmere - pack for Wenmoor District Council.pdf"),),
        for_partner="Wenmoor District Council",
    )
    dialog.council.setChecked(True)
    assert dialog.request().for_partner == "" and dialog.xlsx.isEnabled()
    assert not ExportDialog(tmp_path, "Kingsmere", window).for_partner.isEnabled()  # no partner authorities: no choice
