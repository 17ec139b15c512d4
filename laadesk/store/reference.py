"""The reference data shipped in resources/: the National Indicator Set, the 150 areas, the deferral reasons,
the kinds of partner authority."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from laadesk.core.catalogue import CATALOGUE_COLUMNS, Catalogue, catalogue_from_rows, catalogue_rows
from laadesk.core.deferral import DeferralReasons, reasons_from_rows
from laadesk.core.errors import CatalogueRejected, CellProblem, ChecklistRejected, WorkbookProblem
from laadesk.core.model import AreaProfile, AreaType, District, Tier
from laadesk.core.qa import QaItem, items_from_rows
from laadesk.core.text import decode_text
from laadesk.core.timetable import UsualStep, usual_steps
from laadesk.resources import resource_path
from laadesk.store.paths import user_data_dir

SHIPPED_EDITION = "National Indicator Set 2008 (laadesk reference data; titles marked unverified are recalled)"
MAX_CATALOGUE_BYTES = 5 * 1024 * 1024
INSTALLED_CATALOGUE = "national_indicators.csv"
INSTALLED_EDITION = "edition.txt"
MILESTONE_TEMPLATE = "milestone_template.csv"
QA_CHECKLIST = "qa_checklist.csv"  # shipped in resources/; a region's own items in the data folder


@dataclass(frozen=True)
class ReferenceArea:
    """One of the 150 LAA areas of 2008, as the reference list records it."""

    area: str
    council: str
    ons_code: str
    type: str
    tier: str
    go_region: str
    go: str
    note: str = ""
    source: str = ""
    districts: tuple[str, ...] = ()


def read_catalogue_file(path: Path, edition: str) -> Catalogue:
    """A catalogue CSV in the shipped layout; CatalogueRejected names each bad row and column."""
    if path.exists() and not path.is_file():  # a folder, a pipe or a device: never read it
        raise CatalogueRejected(f"{path} is not a file; give the indicator catalogue as a .csv file.")
    text = _small_text(path, CatalogueRejected, "an indicator catalogue")
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in CATALOGUE_COLUMNS if c not in header]
    if missing:
        problems = [CellProblem(1, c, f"column '{c}' is missing") for c in missing]
        raise CatalogueRejected(_listed(path, problems))
    rows = ({(k or "").strip().lower(): (v or "") for k, v in row.items() if isinstance(v, str)} for row in reader)
    catalogue, problems = catalogue_from_rows(edition, rows)
    if catalogue is None:
        raise CatalogueRejected(_listed(path, problems))
    return catalogue


def _small_text(path: Path, refused: type[WorkbookProblem], what: str) -> str:
    """A reference file a person gives (at most 5 MB), decoded; `refused` with a sentence if it cannot be."""
    try:
        if path.stat().st_size > MAX_CATALOGUE_BYTES:
            raise refused(f"{path} is larger than 5 MB; that is not {what}.")
        return decode_text(path.read_bytes())
    except OSError as error:
        raise refused(f"{path} cannot be read: {error.strerror or error}.") from None
    except ValueError as error:
        raise refused(f"{path}: {error}.") from None


def _listed(path: Path, problems: list[CellProblem]) -> str:
    return f"{path} is not a usable indicator catalogue:\n" + "\n".join(f"  {p}" for p in problems)


def default_catalogue() -> Catalogue:
    """The catalogue new workbooks get: one the user installed, else the shipped one."""
    installed = user_data_dir() / INSTALLED_CATALOGUE
    if installed.exists():
        edition_file = user_data_dir() / INSTALLED_EDITION
        edition = edition_file.read_text(encoding="utf-8").strip() if edition_file.exists() else installed.name
        return read_catalogue_file(installed, edition)
    return shipped_catalogue()


@cache
@cache
def deferral_reasons() -> DeferralReasons:
    """The reasons a target may be deferred for (resources/deferral_reasons.csv)."""
    with resource_path("deferral_reasons.csv").open(encoding="utf-8", newline="") as handle:
        return reasons_from_rows(csv.DictReader(handle))


@dataclass(frozen=True)
class PartnerAuthorityKind:
    """A kind of partner authority under the 2007 Act, and how sure the list is of it."""

    kind: str
    examples: str
    provenance: str  # named as on the Act's list, or recalled and not checked


@cache
def partner_authority_kinds() -> tuple[PartnerAuthorityKind, ...]:
    """The kinds of partner authority a partner can be (resources/partner_authority_kinds.csv)."""
    with resource_path("partner_authority_kinds.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            PartnerAuthorityKind(row["kind"].strip(), row["examples"].strip(), row["provenance"].strip())
            for row in csv.DictReader(handle)
            if row["kind"].strip()
        )


def milestone_template() -> tuple[UsualStep, ...]:
    """The usual milestones: the template in the user's data folder, copied there from
    resources/milestone_template.csv on first use so the officer can edit it."""
    own = user_data_dir() / MILESTONE_TEMPLATE
    if not own.exists():
        own.parent.mkdir(parents=True, exist_ok=True)
        partial = own.with_suffix(".partial")
        partial.write_bytes(resource_path(MILESTONE_TEMPLATE).read_bytes())
        partial.replace(own)
    try:
        text = decode_text(own.read_bytes())
    except (OSError, ValueError):
        text = resource_path(MILESTONE_TEMPLATE).read_text(encoding="utf-8")  # unreadable: the shipped one
    return usual_steps(csv.DictReader(io.StringIO(text)))


def qa_checklist(*, own: bool = True) -> tuple[QaItem, ...]:
    """The QA checklist: the shipped items (resources/qa_checklist.csv), then (own=True) the region's own
    from a qa_checklist.csv in laadesk's data folder, when there is one; ChecklistRejected names each bad cell."""
    with resource_path(QA_CHECKLIST).open(encoding="utf-8", newline="") as handle:
        shipped, problems = items_from_rows(csv.DictReader(handle))
    assert not problems, problems  # the shipped list is checked by the tests
    regional = user_data_dir() / QA_CHECKLIST
    if not own or not regional.exists():
        return tuple(shipped)
    if not regional.is_file():
        raise ChecklistRejected(f"{regional} is not a file; a region's own QA items go in a .csv file there.")
    text = _small_text(regional, ChecklistRejected, "a QA checklist")
    reader = csv.DictReader(io.StringIO(text))
    rows = ({(k or "").strip().lower(): (v or "") for k, v in row.items() if isinstance(v, str)} for row in reader)
    added, problems = items_from_rows(rows, shipped)
    if problems:
        listed = "\n".join(f"  {p}" for p in problems)
        raise ChecklistRejected(f"{regional} holds QA items laadesk cannot use:\n{listed}")
    return (*shipped, *added)


@cache
def shipped_catalogue() -> Catalogue:
    return read_catalogue_file(resource_path("national_indicators.csv"), SHIPPED_EDITION)


def install_catalogue(catalogue: Catalogue) -> Path:
    """Make a checked catalogue the default for new workbooks."""
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / INSTALLED_CATALOGUE
    partial = target.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CATALOGUE_COLUMNS)
        writer.writeheader()
        writer.writerows(catalogue_rows(catalogue))
    partial.replace(target)
    (folder / INSTALLED_EDITION).write_text(catalogue.edition, encoding="utf-8")
    return target


@cache
def reference_areas() -> tuple[ReferenceArea, ...]:
    """The 150 LAA areas of 2008 with their districts (for two-tier areas)."""
    with resource_path("districts.csv").open(encoding="utf-8", newline="") as handle:
        districts: dict[str, list[str]] = {}
        for row in csv.DictReader(handle):
            districts.setdefault(row["county"], []).append(row["district"])
    with resource_path("laa_areas.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            ReferenceArea(
                area=row["area"],
                council=row["council"],
                ons_code=row["ons_code"],
                type=row["type"],
                tier=row["tier"],
                go_region=row["go_region"],
                go=row["go"],
                note=row["note"],
                source=row["source"],
                districts=tuple(districts.get(row["area"], ())),
            )
            for row in csv.DictReader(handle)
        )


def find_area(name: str) -> ReferenceArea | None:
    wanted = name.strip().casefold()
    return next((a for a in reference_areas() if a.area.casefold() == wanted), None)


def area_profile(name: str) -> tuple[AreaProfile, tuple[District, ...], bool]:
    """A new workbook's profile for an area name: filled from the 2008 list when it is there.

    The third value says whether the name was found in the list.
    """
    reference = find_area(name)
    if reference is None:
        return AreaProfile(name=name.strip()), (), False
    area = AreaProfile(
        name=reference.area,
        ons_code=reference.ons_code,
        go_region=reference.go_region,
        type=AreaType(reference.type),
        tier=Tier(reference.tier),
    )
    return area, tuple(District(d) for d in reference.districts), True
