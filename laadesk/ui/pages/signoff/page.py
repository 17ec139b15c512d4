"""The Sign-off and timetable page: where the area stands in the sequence, the responsible authority's
adoption, the partner authorities' agreements, the GO recommendation and sign-off, and the milestones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from laadesk.core.dates import format_date
from laadesk.core.edits import Edit, Put, add, remove, set_fields
from laadesk.core.labels import counted, listed
from laadesk.core.model import Adoption, Milestone, new_id
from laadesk.core.rules import Problem
from laadesk.core.sign_off import (
    Relation,
    agree_to_all,
    agreed_to_all,
    relations,
    responsible_adoption,
    sign_off_sequence,
)
from laadesk.core.timetable import missing_milestones, overdue_milestones, timetable_summary
from laadesk.store.reference import milestone_template
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.signoff.agreements import AgreementsModel, AgreeToAllDialog
from laadesk.ui.pages.signoff.form import SignOffForm
from laadesk.ui.pages.signoff.models import AdoptionsModel, MilestonesModel
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.choice_delegate import ComboDelegate
from laadesk.ui.tables.record_table import RecordTable
from laadesk.ui.widgets.attachments_panel import AttachmentsPanel


class SignOffPage(Page):
    title = "Sign-off and timetable"

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session)
        self.clock: Callable[[], date] = date.today  # tests put their own day here
        self.progress = QLabel()
        self.progress.setAccessibleName("Sign-off progress")
        self.progress.setWordWrap(True)
        font = QFont(self.progress.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.progress.setFont(font)
        self.waiting = QLabel()
        self.waiting.setAccessibleName("Authorities still to adopt")
        self.waiting.setWordWrap(True)
        self.adoptions = RecordTable(AdoptionsModel(session), "Adoptions", "body")
        self.agreements = RecordTable(AgreementsModel(session), "Partner authorities' agreements", "state")
        self.agreements.view.setItemDelegateForColumn(
            self.agreements.model.column_of("state"), ComboDelegate(self.agreements.view)
        )
        self.agreements_note = QLabel()
        self.agreements_note.setAccessibleName("Partner authorities still to agree")
        self.agreements_note.setWordWrap(True)
        self.form = SignOffForm(session)
        self.milestones = RecordTable(MilestonesModel(session, lambda: self.today()), "Milestones", "due")
        self.timetable = QLabel()
        self.timetable.setAccessibleName("Timetable summary")
        self.timetable.setWordWrap(True)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.notice = self.message
        for source in (
            self.adoptions.model.refused,
            self.agreements.model.refused,
            self.milestones.model.refused,
            self.form.refused,
        ):
            source.connect(lambda text: self.tell(text))
        delete = QKeySequence(QKeySequence.StandardKey.Delete)
        self.add_adoption_action = self.adoptions.action(
            "&Add authority", "Add the responsible local authority that adopts the agreement", self.add_adoption
        )
        self.remove_adoption_action = self.adoptions.action(
            "&Remove authority", "Remove the selected authority (Delete)", self.remove_adoption, delete
        )
        self.agree_to_all_action = self.agreements.action(
            "Agreed to &all its targets",
            "Record the selected row's partner authority as agreed to every target relating to it, in one step",
            self.agree_to_all,
        )
        self.add_milestone_action = self.milestones.action(
            "Add &milestone", "Add a step to the timetable", self.add_milestone
        )
        self.usual_milestones_action = self.milestones.action(
            "Add the &usual milestones",
            "Add the GO and department steps of the milestone template that the timetable does not hold yet "
            "(the template is milestone_template.csv in laadesk's data folder: edit it there)",
            self.add_usual_milestones,
        )
        self.mark_done_action = self.milestones.action(
            "Mark done &today",
            "Record the selected milestone as done on the workbook's day: its 'as at' (Area page), else today",
            self.mark_done,
        )
        self.remove_milestone_action = self.milestones.action(
            "Remove milestone", "Remove the selected milestone (Delete)", self.remove_milestone, delete
        )
        # The signed adoption letter, the council's minutes: attached here.
        self.attachments = AttachmentsPanel(session, title="Attached papers (adoption letters, minutes)")
        self.attachments.told.connect(self.tell)
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        # The responsible authority's adoption is one row: it sits beside the recommendation and
        # sign-off, leaving the height to the partner authorities' word on each target.
        top = QHBoxLayout()
        top.addWidget(self.adoptions.group("Adoption by the responsible local authority", self.waiting), 1)
        top.addWidget(self.form, 1)
        layout.addLayout(top)
        layout.addWidget(
            self.agreements.group("Partner authorities' agreement to their targets", self.agreements_note), 3
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.milestones.group("Timetable", self.timetable), 3)
        bottom.addWidget(self.attachments, 2)
        layout.addLayout(bottom, 1)
        layout.addWidget(self.message)
        self.adoptions.widths({"body": 200, "date": 95, "decision_maker": 110})
        self.milestones.widths({"name": 420, "due": 120, "done": 120})
        self.agreements.widths({"code": 70, "partner": 280, "leads": 60, "state": 120, "date": 100, "who": 200})
        line = self.adoptions.view.verticalHeader().defaultSectionSize()
        self.adoptions.view.setMaximumHeight(3 * line + 8)  # the header and two rows: one authority adopts
        self.milestones.view.setMaximumHeight(6 * line + 8)  # five steps in sight; the summary says the rest

    def today(self) -> date:
        """The day the workbook speaks of: its "as at" when set, else the computer's day."""
        return self.session.snapshot().area.today(self.clock())

    # -- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        snapshot = self.session.snapshot()
        self.adoptions.model.show(snapshot.adoptions, snapshot)
        rows = relations(snapshot)
        self.agreements.model.show(rows, snapshot)
        done, partners = agreed_to_all(rows)
        waiting = [p for p in partners if p not in done]
        self.agreements_note.setText(
            f"Still to agree to all their targets: {listed(waiting)}."
            if waiting
            else "Name a partner's kind of partner authority on the Area page to ask its agreement here."
            if not partners
            else "Every partner authority has agreed to all its targets."
        )
        self.milestones.model.show(snapshot.milestones, snapshot)
        self.milestones.model.redraw()  # "overdue" depends on today as well as on the records
        self.form.show_sign_off(snapshot.sign_off)
        self.progress.setText(sign_off_sequence(snapshot) + ".")
        adoption = responsible_adoption(snapshot.adoptions, snapshot.partners)
        self.waiting.setText(
            ""
            if adoption is not None
            else "Add the responsible local authority (the county council in a two-tier area)."
        )
        self.waiting.setVisible(adoption is None)
        today = self.today()
        overdue = overdue_milestones(snapshot.milestones, today)
        line = f"{timetable_summary(snapshot.milestones, today)} (as at {format_date(today)})."
        if overdue:
            line += " Overdue: " + listed([m.name for m in overdue]) + "."
        self.timetable.setText(line)
        self.message.clear()

    def show_problem(self, problem: Problem) -> bool:
        return False  # the rules look at targets; sign-off and the timetable have none yet

    # -- adoptions ---------------------------------------------------------------------------

    def add_adoption(self) -> None:
        bodies = {a.body for a in self.session.snapshot().adoptions}
        body = _unused("New responsible authority", bodies)
        adoption = Adoption(new_id(), body)
        self.session.apply(add(adoption, "add responsible authority"))
        self.adoptions.edit(adoption.id, "body")

    def remove_adoption(self) -> None:
        adoption = self.adoptions.current()
        if isinstance(adoption, Adoption):
            self.session.apply(remove(adoption, f"remove {adoption.body} from the adopting authorities"))

    # -- partner authorities' agreements -------------------------------------------------------

    def agree_to_all(self) -> None:
        row = self.agreements.current()
        if not isinstance(row, Relation):
            self.tell("Select a row of the partner authority that agreed first.")
            return
        rows = relations(self.session.snapshot())
        if not agree_to_all(rows, row.partner):
            self.tell(f"{row.partner} has already agreed to all its targets.")
            return
        answer = AgreeToAllDialog.ask(self, row.partner, self.today())
        if answer is None:
            return
        made = agree_to_all(rows, row.partner, on=answer.date, who=answer.who, reference=answer.reference)
        before = {r.key: r.agreement for r in rows}
        label = f"record {row.partner} as agreed to all its targets"
        self.session.apply(Edit(label, tuple(Put(a, before.get(a.key)) for a in made)))
        self.tell(f"{row.partner} agreed to {counted(len(made), 'more target')}.")

    # -- milestones --------------------------------------------------------------------------

    def add_milestone(self) -> None:
        names = {m.name for m in self.session.snapshot().milestones}
        milestone = Milestone(new_id(), _unused("New milestone", names))
        self.session.apply(add(milestone, "add milestone"))
        self.milestones.edit(milestone.id, "name")

    def add_usual_milestones(self) -> None:
        made = missing_milestones(milestone_template(), self.session.snapshot().milestones)
        if not made:
            self.tell("The timetable already holds every usual milestone.")
            return
        self.session.apply(Edit("add the usual milestones", tuple(Put(m) for m in made)))
        self.tell(f"Added {listed([m.name for m in made])}.")

    def mark_done(self) -> None:
        milestone = self.milestones.current()
        if not isinstance(milestone, Milestone):
            self.tell("Select the milestone that is done first.")
            return
        today = self.today()
        self.session.apply(set_fields(milestone, f"mark milestone {milestone.name} done", done=today))
        self.milestones.select(milestone.id, "done")

    def remove_milestone(self) -> None:
        milestone = self.milestones.current()
        if isinstance(milestone, Milestone):
            self.session.apply(remove(milestone, f"remove milestone {milestone.name}"))


def _unused(name: str, taken: set[str]) -> str:
    """ "New milestone", or "New milestone 2" if that is taken."""
    if name not in taken:
        return name
    number = 2
    while f"{name} {number}" in taken:
        number += 1
    return f"{name} {number}"
