"""The Sign-off and timetable page: who has adopted, the GO recommendation and sign-off, and the milestones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QLabel, QVBoxLayout

from laadesk.core.dates import format_date
from laadesk.core.edits import add, remove, set_fields
from laadesk.core.labels import listed
from laadesk.core.model import Adoption, Milestone, new_id
from laadesk.core.rules import Problem
from laadesk.core.timetable import overdue_milestones, sign_off_progress, still_to_adopt, timetable_summary
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.signoff.form import SignOffForm
from laadesk.ui.pages.signoff.models import AdoptionsModel, MilestonesModel
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.record_table import RecordTable


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
        self.form = SignOffForm(session)
        self.milestones = RecordTable(MilestonesModel(session, lambda: self.today()), "Milestones", "due")
        self.timetable = QLabel()
        self.timetable.setAccessibleName("Timetable summary")
        self.timetable.setWordWrap(True)
        self.message = QLabel()
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.notice = self.message
        for source in (self.adoptions.model.refused, self.milestones.model.refused, self.form.refused):
            source.connect(lambda text: self.tell(text))
        delete = QKeySequence(QKeySequence.StandardKey.Delete)
        self.add_adoption_action = self.adoptions.action(
            "&Add authority", "Add a responsible authority that must adopt the agreement", self.add_adoption
        )
        self.remove_adoption_action = self.adoptions.action(
            "&Remove authority", "Remove the selected authority (Delete)", self.remove_adoption, delete
        )
        self.add_milestone_action = self.milestones.action(
            "Add &milestone", "Add a step to the timetable", self.add_milestone
        )
        self.mark_done_action = self.milestones.action(
            "Mark done &today",
            "Record the selected milestone as done on the workbook's day: its 'as at' (Area page), else today",
            self.mark_done,
        )
        self.remove_milestone_action = self.milestones.action(
            "Remove milestone", "Remove the selected milestone (Delete)", self.remove_milestone, delete
        )
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.adoptions.group("Adoption by the responsible authorities", self.waiting), 6)
        layout.addWidget(self.form)
        layout.addWidget(self.milestones.group("Timetable", self.timetable), 7)
        layout.addWidget(self.message)
        self.adoptions.widths({"body": 300, "date": 120, "decision_maker": 260})
        self.milestones.widths({"name": 420, "due": 120, "done": 120})

    def today(self) -> date:
        """The day the workbook speaks of: its "as at" when set, else the computer's day."""
        return self.session.snapshot().area.today(self.clock())

    # -- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        snapshot = self.session.snapshot()
        self.adoptions.model.show(snapshot.adoptions, snapshot)
        self.milestones.model.show(snapshot.milestones, snapshot)
        self.milestones.model.redraw()  # "overdue" depends on today as well as on the records
        self.form.show_sign_off(snapshot.sign_off)
        self.progress.setText(sign_off_progress(snapshot.adoptions, snapshot.sign_off) + ".")
        waiting = still_to_adopt(snapshot.adoptions)
        self.waiting.setText(f"Still to adopt: {listed(waiting)}." if waiting else "")
        self.waiting.setVisible(bool(waiting))
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

    # -- milestones --------------------------------------------------------------------------

    def add_milestone(self) -> None:
        names = {m.name for m in self.session.snapshot().milestones}
        milestone = Milestone(new_id(), _unused("New milestone", names))
        self.session.apply(add(milestone, "add milestone"))
        self.milestones.edit(milestone.id, "name")

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
