"""The National Indicator Set and the 150 LAA areas, as reference records with provenance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from laadesk.core.errors import CellProblem


class Polarity(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


PLACE_SURVEY = "Place Survey"
UNVERIFIED = "recalled, unverified"

CATALOGUE_COLUMNS = (
    "ni",
    "title",
    "theme",
    "department",
    "survey",
    "statutory_dcsf",
    "polarity",
    "polarity_basis",
    "withdrawn",
    "title_basis",
    "source",
)


@dataclass(frozen=True)
class Indicator:
    """One National Indicator with how sure we are of its facts."""

    ni: int
    title: str
    theme: str = ""
    department: str = ""
    survey: str = ""
    statutory: bool = False
    polarity: Polarity | None = None
    polarity_basis: str = ""
    withdrawn: bool = False
    title_basis: str = ""
    source: str = ""

    @property
    def code(self) -> str:
        return f"NI {self.ni}"

    @property
    def title_unverified(self) -> bool:
        return self.title_basis.strip().lower() == UNVERIFIED

    @property
    def place_survey(self) -> bool:
        return self.survey == PLACE_SURVEY

    @property
    def shown_title(self) -> str:
        """The title as a person should see it, with doubt made visible."""
        return f"{self.title} (title unverified)" if self.title_unverified else self.title


@dataclass(frozen=True)
class Catalogue:
    """An edition of the National Indicator Set."""

    edition: str
    indicators: tuple[Indicator, ...]
    _by_code: Mapping[str, Indicator] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {i.code: i for i in self.indicators})

    def get(self, code: str) -> Indicator | None:
        return self._by_code.get(code)

    def statutory(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.statutory and not i.withdrawn)

    def search(self, text: str) -> tuple[Indicator, ...]:
        """Indicators whose code, number, title, theme, department or survey contain text."""
        words = text.lower().split()
        if not words:
            return self.indicators

        def haystack(i: Indicator) -> str:
            return f"ni {i.ni} ni{i.ni} {i.title} {i.theme} {i.department} {i.survey}".lower()

        return tuple(i for i in self.indicators if all(w in haystack(i) for w in words))


_YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False, "": False}


def catalogue_from_rows(edition: str, rows: Iterable[Mapping[str, str]]) -> tuple[Catalogue | None, list[CellProblem]]:
    """Build a catalogue from CSV-like rows (header is row 1), or say what is wrong where."""
    problems: list[CellProblem] = []
    indicators: list[Indicator] = []
    seen: dict[int, int] = {}
    for row_number, row in enumerate(rows, start=2):

        def cell(name: str, row: Mapping[str, str] = row) -> str:
            return (row.get(name) or "").strip()

        ni_text = cell("ni")
        if not ni_text.isdigit() or not 1 <= int(ni_text) <= 999:
            problems.append(CellProblem(row_number, "ni", f"'{ni_text}' is not an indicator number"))
            continue
        ni = int(ni_text)
        if ni in seen:
            problems.append(CellProblem(row_number, "ni", f"NI {ni} is listed twice (first on row {seen[ni]})"))
            continue
        seen[ni] = row_number
        if not cell("title"):
            problems.append(CellProblem(row_number, "title", f"NI {ni} has no title"))
        flags: dict[str, bool] = {}
        for name in ("statutory_dcsf", "withdrawn"):
            value = cell(name).lower()
            if value not in _YES:
                problems.append(CellProblem(row_number, name, f"'{cell(name)}' should be yes or no"))
            flags[name] = _YES.get(value, False)
        polarity_text = cell("polarity").lower()
        if polarity_text not in ("", "higher", "lower"):
            problems.append(
                CellProblem(row_number, "polarity", f"'{cell('polarity')}' should be higher, lower or blank")
            )
        indicators.append(
            Indicator(
                ni=ni,
                title=cell("title"),
                theme=cell("theme"),
                department=cell("department"),
                survey=cell("survey"),
                statutory=flags["statutory_dcsf"],
                polarity=Polarity(polarity_text) if polarity_text in ("higher", "lower") else None,
                polarity_basis=cell("polarity_basis"),
                withdrawn=flags["withdrawn"],
                title_basis=cell("title_basis"),
                source=cell("source"),
            )
        )
    if not indicators and not problems:
        problems.append(CellProblem(1, "", "the file holds no indicators"))
    if problems:
        return None, problems
    return Catalogue(edition, tuple(sorted(indicators, key=lambda i: i.ni))), []


def catalogue_rows(catalogue: Catalogue) -> list[dict[str, str]]:
    """The catalogue in its CSV layout, the inverse of catalogue_from_rows."""
    return [
        {
            "ni": str(i.ni),
            "title": i.title,
            "theme": i.theme,
            "department": i.department,
            "survey": i.survey,
            "statutory_dcsf": "yes" if i.statutory else "no",
            "polarity": i.polarity.value if i.polarity else "",
            "polarity_basis": i.polarity_basis,
            "withdrawn": "yes" if i.withdrawn else "no",
            "title_basis": i.title_basis,
            "source": i.source,
        }
        for i in catalogue.indicators
    ]
