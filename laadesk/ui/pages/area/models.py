"""Table models for the area's districts and partners, driven by column specs; edits go through the session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from laadesk.core.area import PartnerUse, district_use, partner_use, rename_district, rename_partner
from laadesk.core.edits import Edit, Put, set_fields
from laadesk.core.labels import listed
from laadesk.core.model import District, Partner
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.ui.session import WorkbookSession

Index = QModelIndex | QPersistentModelIndex
Row = Any  # a District or a Partner
SORT_ROLE = Qt.ItemDataRole.UserRole  # numbers as numbers, names without regard to case


def relayout(model: QAbstractItemModel, old: list[Any], new: list[Any], replace: Callable[[], None]) -> None:
    """Put the same number of rows in a new order (keys `old` -> `new`) so selections and open editors follow.

    A key that is not in both lists (a record renamed) is matched with the one new key left over.
    Editors stay open through this, where a reset would close them in the middle of their commit.
    """
    if old == new:
        replace()
    else:
        model.layoutAboutToBeChanged.emit()
        rows = {key: row for row, key in enumerate(new)}
        spare = iter([row for row, key in enumerate(new) if key not in set(old)])
        moved = {row: rows[key] if key in rows else next(spare, row) for row, key in enumerate(old)}
        replace()
        for index in model.persistentIndexList():
            target = moved.get(index.row(), index.row())
            model.changePersistentIndex(index, model.index(target, index.column(), index.parent()))
        model.layoutChanged.emit()
    if new:
        last = model.index(len(new) - 1, model.columnCount() - 1)
        model.dataChanged.emit(model.index(0, 0), last)


@dataclass(frozen=True)
class Column:
    """One column: its title, the text it shows, and (if editable) the edit typing a value makes."""

    key: str
    title: str
    text: Callable[[Row, WorkbookSnapshot], str]
    edit: Callable[[Row, str, WorkbookSnapshot], Edit] | None = None
    tooltip: Callable[[Row, WorkbookSnapshot], str] | None = None
    numeric: bool = False


class RecordsModel(QAbstractTableModel):
    """A table of one kind of record (districts or partners) from the session's snapshot."""

    refused = Signal(str)  # a sentence: the value typed was not written

    def __init__(self, session: WorkbookSession, columns: Sequence[Column]) -> None:
        super().__init__()
        self.session = session
        self.columns = tuple(columns)
        self._records: list[Row] = []
        self._snapshot: WorkbookSnapshot | None = None
        self.followed_key: str | None = None  # the key a rename gave the edited record

    def records_of(self, snapshot: WorkbookSnapshot) -> Sequence[Row]:
        raise NotImplementedError

    def refresh(self) -> None:
        """Show the snapshot: rows follow their records (through a rename too) unless rows came or went."""
        snapshot = self.session.snapshot()
        records = list(self.records_of(snapshot))
        if len(records) == len(self._records) and self._snapshot is not None:
            old_keys = [r.key for r in self._records]
            self._snapshot = snapshot
            relayout(self, old_keys, [r.key for r in records], lambda: setattr(self, "_records", records))
            return
        self.beginResetModel()
        self._snapshot, self._records = snapshot, records
        self.endResetModel()

    def record(self, row: int) -> Row:
        return self._records[row]

    def row_of(self, key: str) -> int:
        return next((row for row, r in enumerate(self._records) if r.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._snapshot is None:
            return None
        column, record = self.columns[index.column()], self._records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.text(record, self._snapshot)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(record, self._snapshot) if column.tooltip else column.text(record, self._snapshot)
        if role == SORT_ROLE:
            text = column.text(record, self._snapshot)
            return int(text or 0) if column.numeric else text.casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Never changes the model itself: builds an edit and hands it to the session's undo stack."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._snapshot is None:
            return False
        column, record = self.columns[index.column()], self._records[index.row()]
        if column.edit is None:
            return False
        try:
            edit = column.edit(record, "" if value is None else str(value), self._snapshot)
        except ValueError as error:
            self.refused.emit(f"{error}.")
            return False
        renamed = [c.after for c in edit.changes if isinstance(c, Put) and c.before is None]
        self.followed_key = str(renamed[0].key) if renamed else None
        self.session.apply(edit)
        return True


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
    Column("name", "District", lambda d, s: d.name, lambda d, text, s: rename_district(s, d, text)),
    Column(
        "ons_code",
        "ONS code",
        lambda d, s: d.ons_code,
        lambda d, text, s: set_fields(d, f"change ONS code of {d.name}", ons_code=text.strip()),
    ),
    Column("targets", "Targets", _district_targets, tooltip=_district_targets_tip, numeric=True),
)


class DistrictsModel(RecordsModel):
    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session, DISTRICT_COLUMNS)

    def records_of(self, snapshot: WorkbookSnapshot) -> Sequence[District]:
        return snapshot.districts


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

PARTNER_COLUMNS = (
    Column("name", "Partner", lambda p, s: p.name, lambda p, text, s: rename_partner(s, p, text)),
    Column(
        "sector",
        "Sector",
        lambda p, s: p.sector,
        lambda p, text, s: set_fields(p, f"change sector of {p.name}", sector=" ".join(text.split())),
    ),
    Column(
        "leads",
        "Leads",
        lambda p, s: _count(_partner_use(p.name, s).leads),
        tooltip=lambda p, s: _partner_use(p.name, s).sentence(p.name),
        numeric=True,
    ),
    Column(
        "signed_up",
        "Signed up to",
        lambda p, s: _count(_partner_use(p.name, s).signed_up),
        tooltip=lambda p, s: _partner_use(p.name, s).sentence(p.name),
        numeric=True,
    ),
)


class PartnersModel(RecordsModel):
    def __init__(self, session: WorkbookSession) -> None:
        super().__init__(session, PARTNER_COLUMNS)

    def records_of(self, snapshot: WorkbookSnapshot) -> Sequence[Partner]:
        return snapshot.partners
