"""Table models for the area's districts and partners, driven by column specs; edits go through the session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from laadesk.core.area import PartnerUse, district_use, partner_use, rename_district, rename_partner
from laadesk.core.edits import Edit, Put, set_fields
from laadesk.core.labels import listed
from laadesk.core.model import District, Partner
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.text import one_spaced
from laadesk.ui.session import WorkbookSession
from laadesk.ui.tables.columns import Column, Editor, text_field
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.roles import CHOICES_ROLE


class AreaRecordsModel(RecordTableModel):
    """One kind of the area's records (districts or partners) from the session's snapshot.

    A row follows its record through a rename: the edit a rename makes puts a record under its
    new name, and `followed_key` remembers it so the panel keeps it selected.
    """

    kind = ""  # the snapshot field holding the records
    shown: tuple[Column, ...] = ()

    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(self.shown, session.snapshot(), session)
        self.followed_key: str | None = None  # the key a rename gave the edited record
        self.refresh()

    def refresh(self) -> None:
        snapshot = self.session.snapshot() if self.session else self.workbook
        self.show(getattr(snapshot, self.kind), snapshot)

    def context_changed(self, old: WorkbookSnapshot, new: WorkbookSnapshot) -> bool:
        return old.targets != new.targets  # the counts of targets naming each record

    def about_to_apply(self, edit: Any) -> None:
        renamed = [c.after for c in edit.changes if isinstance(c, Put) and c.before is None]
        self.followed_key = str(renamed[0].key) if renamed else None


# -- districts ---------------------------------------------------------------------------


def _district_targets(district: District, snapshot: WorkbookSnapshot) -> str:
    codes = district_use(district.name, snapshot.targets)
    return str(len(codes)) if codes else ""


def _district_targets_tip(district: District, snapshot: WorkbookSnapshot) -> str:
    codes = district_use(district.name, snapshot.targets)
    if not codes:
        return f"No target applies to {district.name} in particular."
    return f"Targets set for {district.name}: {listed(codes)}."


DISTRICT_COLUMNS = (
    Column("name", "District", lambda d, s: d.name, edit=lambda d, text, s: rename_district(s, d, text)),
    text_field("ons_code", "ONS code", lambda d: f"change ONS code of {d.name}", width=11),
    Column("targets", "Targets", _district_targets, tooltip=_district_targets_tip, numeric=True),
)


# -- partners ------------------------------------------------------------------------------


def _count(codes: tuple[str, ...]) -> str:
    return str(len(codes)) if codes else ""


class _PartnerUses:
    """Each partner's use by the targets, worked out once per snapshot rather than once per cell."""

    def __init__(self) -> None:
        self._snapshot: WorkbookSnapshot | None = None
        self._uses: dict[str, PartnerUse] = {}

    def __call__(self, name: str, snapshot: WorkbookSnapshot) -> PartnerUse:
        if snapshot is not self._snapshot:
            self._snapshot, self._uses = snapshot, {}
        if name not in self._uses:
            self._uses[name] = partner_use(name, snapshot.targets)
        return self._uses[name]


_partner_use = _PartnerUses()


def _use_column(key: str, title: str, codes: Callable[[PartnerUse], tuple[str, ...]]) -> Column:
    """How many targets the partner leads, or has signed up to, with which in the tooltip."""
    return Column(
        key,
        title,
        lambda p, s: _count(codes(_partner_use(p.name, s))),
        tooltip=lambda p, s: _partner_use(p.name, s).sentence(p.name),
        numeric=True,
    )


def _authority_kind_edit(partner: Partner, text: str) -> Edit:
    kind = one_spaced(text)
    label = f"make {partner.name} a {kind}" if kind else f"record {partner.name} as not a partner authority"
    return set_fields(partner, label, authority_kind=kind)


PARTNER_COLUMNS = (
    Column("name", "Partner", lambda p, s: p.name, edit=lambda p, text, s: rename_partner(s, p, text)),
    text_field("sector", "Sector", lambda p: f"change sector of {p.name}", tidy=one_spaced, width=34),
    _use_column("leads", "Leads", lambda use: use.leads),
    _use_column("signed_up", "Signed up to", lambda use: use.signed_up),
    Column(
        "authority_kind",
        "Partner authority",
        lambda p, s: p.authority_kind,
        edit=lambda p, text, s: _authority_kind_edit(p, text),
        tip="The kind of partner authority under the 2007 Act; blank when the partner is not one",
        editor=Editor.CHOICE,
        width=24,
    ),
)


class PartnersModel(AreaRecordsModel):
    kind = "partners"
    shown = PARTNER_COLUMNS

    def look(self, record: Any, column: Column, role: int) -> Any:
        if role == CHOICES_ROLE and column.key == "authority_kind":
            # Read when the officer opens the choice, not at start-up: the reference lists' module
            # brings the catalogue, deferral and timetable readers the first page does not need.
            from laadesk.store.reference import partner_authority_kinds

            kinds = [k.kind for k in partner_authority_kinds()]
            if record.authority_kind and record.authority_kind not in kinds:
                kinds.append(record.authority_kind)  # a kind a newer list named: kept, not lost
            return [("not a partner authority", ""), *((k, k) for k in kinds)]
        return None


class DistrictsModel(AreaRecordsModel):
    kind = "districts"
    shown = DISTRICT_COLUMNS
