"""The partner authorities' agreements table: one row per target and partner authority it relates to,
and the small dialog that records one partner authority's agreement to all its targets at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from laadesk.core.codes import sort_key
from laadesk.core.dates import format_date, parse_date
from laadesk.core.edits import Edit, Put, set_fields
from laadesk.core.labels import indicator_name
from laadesk.core.model import AgreementState
from laadesk.core.sign_off import NO_WORD, Relation
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.text import one_spaced
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.columns import Column, Editor
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.roles import CHOICES_ROLE

WORD_ORDER = {  # what is still to settle first: an objection, then a question unanswered, then no word at all
    AgreementState.OBJECTED: 0,
    AgreementState.ASKED: 1,
    None: 2,
    AgreementState.AGREED: 3,
    AgreementState.WITHDRAWN: 4,
}
PENDING_TEXT = QColor("#6f6f6f")
OBJECTED_BACKGROUND = QColor("#f9d6d5")
OBJECTED_TEXT = QColor("#8a1111")
AGREED_TEXT = QColor("#216e2b")


def word_edit(row: Relation, label: str, **values: Any) -> Edit:
    """Change the partner authority's word on a target; the first word recorded makes the record."""
    if row.agreement is None:
        return Edit(label, (Put(replace(row.as_agreement(), **values)),))
    return set_fields(row.agreement, label, **values)


def _day(row: Relation) -> date:
    return row.agreement.date if row.agreement and row.agreement.date else date.min


def _whose(row: Relation) -> str:
    return f"{row.partner} on {row.code}"


def _state_edit(row: Relation, text: str, snapshot: WorkbookSnapshot) -> Edit:
    try:
        state = AgreementState(text.strip().lower())
    except ValueError:
        raise ValueError(f"'{text}' is not one of asked, agreed, objected or withdrawn") from None
    return word_edit(row, f"record {_whose(row)} as {state.value}", state=state)


def _date_edit(row: Relation, text: str, snapshot: WorkbookSnapshot) -> Edit:
    when = parse_date(text)
    label = f"date the word of {_whose(row)} {format_date(when)}" if when else f"clear the date of {_whose(row)}"
    return word_edit(row, label, date=when)


def _text_column(key: str, title: str, words: str, width: int) -> Column:
    return Column(
        key,
        title,
        lambda r, s: getattr(r.agreement, key) if r.agreement else "",
        edit=lambda r, text, s: word_edit(r, f"change the {words} for {_whose(r)}", **{key: one_spaced(text)}),
        width=width,
    )


AGREEMENT_COLUMNS = (
    Column(
        "code", "NI", lambda r, s: r.code, tooltip=lambda r, s: indicator_name(r.code, s.catalogue, s.target(r.code))
    ),
    Column("partner", "Partner authority", lambda r, s: r.partner, tooltip=lambda r, s: f"{r.partner} ({r.kind})"),
    Column("leads", "Leads", lambda r, s: "leads" if r.leads else "named", width=7),
    Column(
        "state",
        "Their word",
        lambda r, s: r.word,
        edit=_state_edit,
        editor=Editor.CHOICE,
        sort=lambda r, s: (WORD_ORDER.get(r.state, 2), sort_key(r.code)),
        tip="Asked, agreed, objected or withdrawn; those still to settle sort first",
        width=16,
    ),
    Column(
        "date",
        "On",
        lambda r, s: format_date(r.agreement.date) if r.agreement else "",
        edit=_date_edit,
        sort=lambda r, s: (r.agreement is None or r.agreement.date is None, _day(r)),
        width=12,
    ),
    _text_column("who", "Who", "person who gave the word", 22),
    _text_column("reference", "Reference", "reference", 14),
    _text_column("note", "Note", "note", 30),
)


class AgreementsModel(RecordTableModel):
    """The partner authorities' word on each target relating to them; what is missing stands out."""

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(AGREEMENT_COLUMNS, session.snapshot(), session)

    def look(self, record: Any, column: Column, role: int) -> Any:
        row: Relation = record
        if role == CHOICES_ROLE and column.key == "state":
            return [(s.value, s.value) for s in AgreementState]
        if row.state is AgreementState.OBJECTED:
            if role == Qt.ItemDataRole.BackgroundRole:
                return OBJECTED_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole:
                return OBJECTED_TEXT
        if column.key == "state" and role == Qt.ItemDataRole.ForegroundRole:
            if row.word == NO_WORD:
                return PENDING_TEXT
            if row.settled:
                return AGREED_TEXT
        return None

    def context_changed(self, old: WorkbookSnapshot, new: WorkbookSnapshot) -> bool:
        return old.catalogue is not new.catalogue


@dataclass(frozen=True)
class AgreedToAll:
    """What one partner authority's agreement to all its targets records on each."""

    date: date | None
    who: str
    reference: str


class AgreeToAllDialog(QDialog):
    """When, who and under what reference a partner authority agreed to every target relating to it."""

    def __init__(self, parent: QWidget | None, partner: str, today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{partner} agreed to all its targets")
        self.when = QLineEdit(format_date(today))
        self.who = QLineEdit()
        self.who.setPlaceholderText("e.g. Chief Executive, by letter")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("e.g. board minute 08/112")
        self.problem = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Record {partner} as agreed to every target relating to it that it has not yet agreed."))
        form.addRow("Agreed &on", self.when)
        form.addRow("&Who", self.who)
        form.addRow("&Reference", self.reference)
        form.addRow(self.problem)
        form.addRow(buttons)

    def _accept(self) -> None:
        try:
            parse_date(self.when.text())
        except ValueError as refusal:
            self.problem.setText(str(refusal))
            return
        self.accept()

    def answer(self) -> AgreedToAll:
        return AgreedToAll(parse_date(self.when.text()), self.who.text().strip(), self.reference.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, partner: str, today: date) -> AgreedToAll | None:
        """What to record, or None if cancelled (tests patch this)."""
        dialog = cls(parent, partner, today)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()
