"""What changed between two agreements: each difference as data and in the negotiators' words.

`compare` reads two agreement forms (laadesk.core.agreement) and lists what differs, in the order a
negotiator reads an agreement: the area, then each target in code order (the target itself, its
fields, its sub-area figures, its partner authorities' agreements), then the story of place, the
adoptions and the sign-off. `apply_differences` is its inverse: applying compare(a, b) to a gives b.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from laadesk.core.agreement import PARTS
from laadesk.core.catalogue import Catalogue
from laadesk.core.codes import sort_key
from laadesk.core.labels import field_words
from laadesk.core.model import AS_WRITTEN, YEAR_FIELDS, AgreementState, Target
from laadesk.core.numbers import format_figure

Record = dict[str, Any]
PolarityOf = Callable[[str], "str | None"]

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
MORE, LESS = "more ambitious", "less ambitious"
_WRITTEN = frozenset(AS_WRITTEN.values())
_WRITTEN_OF = {written: level for level, written in AS_WRITTEN.items()}
_LONG = 60  # a value longer than this is said to have changed, not written out
_SINGLES = ("area", "sign_off")
_TARGET_FIELDS = frozenset(f.name for f in dataclasses.fields(Target))
# A difference's field prefix -> the form's part and the field that names a record within it.
_PREFIXES = {
    "sub_area": ("sub_areas", "sub_area"),
    "agreement": ("agreements", "partner"),
    "story": ("story", "id"),
    "adoption": ("adoptions", "id"),
}
_AREA_WORDS = {
    "ons_code": "ONS code",
    "go_region": "Government Office region",
    "lsp_name": "LSP name",
    "as_at": "as at date",
}
_SIGN_OFF_WORDS = {
    "go_recommendation_date": "Government Office's recommendation",
    "go_recommended_by": "recommended by",
    "secretary_of_state_date": "Secretary of State's approval",
}


@dataclass(frozen=True)
class Difference:
    """One thing that differs between two agreements."""

    ni: str  # the target's code; "" for what is not about one target
    field: str  # a stable machine name (see the module's tests and docs/agreed-versions.md)
    before: Any
    after: Any
    kind: str  # "added", "removed" or "changed"
    ambition: str = ""  # "more ambitious" / "less ambitious" for a yearly level; "" otherwise
    sentence: str = ""

    def as_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"ni": self.ni, "field": self.field, "from": self.before, "to": self.after}
        shown["kind"] = self.kind
        if self.ambition:
            shown["ambition"] = self.ambition
        shown["sentence"] = self.sentence
        return shown


@functools.lru_cache(maxsize=8192)
def _code_order(code: str) -> tuple[Any, ...]:
    """A code's place in reading order (worked out once: compare runs after every edit on the Compare page)."""
    return (sort_key(code), code)


def _unknown(code: str) -> str | None:
    return None


def compare(before: Record, after: Record, polarity_of: PolarityOf = _unknown) -> tuple[Difference, ...]:
    """Every difference from `before` to `after`, in reading order; () when they are the same."""
    found: list[Difference] = []
    for key in _union(before, after):
        if key not in _SINGLES and key not in dict(PARTS) and before.get(key) != after.get(key):
            said = f"Form: {_shown(before.get(key))} -> {_shown(after.get(key))}"
            found.append(Difference("", key, before.get(key), after.get(key), CHANGED, sentence=said))
    for field, old, new in _fields(before.get("area") or {}, after.get("area") or {}):
        said = _said("Area:", _AREA_WORDS.get(field, field_words(field)), old, new)
        found.append(Difference("", f"area:{field}", old, new, CHANGED, sentence=said))
    found.extend(_targets(before, after, polarity_of))
    for section_id, old, new in _keyed(_by(before, "story", "id"), _by(after, "story", "id")):
        found.extend(_story(section_id, old, new))
    for adoption_id, old, new in _keyed(_by(before, "adoptions", "id"), _by(after, "adoptions", "id")):
        name = f"Adoption: {(new or old or {}).get('body') or adoption_id}"
        found.extend(_records("", f"adoption:{adoption_id}", old, new, f"{name} added", f"{name} removed", name))
    for field, old, new in _fields(before.get("sign_off") or {}, after.get("sign_off") or {}):
        said = _said("Sign-off:", _SIGN_OFF_WORDS.get(field, field_words(field)), old, new)
        found.append(Difference("", f"sign_off:{field}", old, new, CHANGED, sentence=said))
    return tuple(found)


def _targets(before: Record, after: Record, polarity_of: PolarityOf) -> Iterator[Difference]:
    old_targets, new_targets = _by(before, "targets", "code"), _by(after, "targets", "code")
    old_subs, new_subs = _grouped(before, "sub_areas", "sub_area"), _grouped(after, "sub_areas", "sub_area")
    old_words, new_words = _grouped(before, "agreements", "partner"), _grouped(after, "agreements", "partner")
    codes = {*old_targets, *new_targets, *old_subs, *new_subs, *old_words, *new_words}
    for code in sorted(codes, key=_code_order):
        old, new = old_targets.get(code), new_targets.get(code)
        was_subs, now_subs = old_subs.get(code, {}), new_subs.get(code, {})
        was_words, now_words = old_words.get(code, {}), new_words.get(code, {})
        if old == new and was_subs == now_subs and was_words == now_words:
            continue  # most targets of two versions are the same: said at once, in C
        polarity = next((t["polarity"] for t in (new, old) if t and t.get("polarity")), None) or polarity_of(code)
        if old is None and new is not None:
            said = f"{code} added as {_shown(new.get('role'))}"
            yield Difference(code, "target", None, new, ADDED, sentence=said)
        elif new is None and old is not None:
            said = f"{code} removed (was {_shown(old.get('role'))})"
            yield Difference(code, "target", old, None, REMOVED, sentence=said)
        elif old is not None and new is not None:
            for field, was, now in _fields(old, new):
                if field in ("status", "role"):
                    said = f"{code} {_shown(was)} -> {_shown(now)}"
                    yield Difference(code, field, was, now, CHANGED, sentence=said)
                else:
                    yield _level(code, field, was, now, code, polarity)
        for name, was_sub, now_sub in _keyed(was_subs, now_subs):
            yield from _records(
                code,
                f"sub_area:{name}",
                was_sub,
                now_sub,
                f"{code} sub-area {name} added",
                f"{code} sub-area {name} removed",
                f"{code} {name} (sub-area)",
                polarity,
            )
        for partner, was_word, now_word in _keyed(was_words, now_words):
            yield from _agreement(code, partner, was_word, now_word)


def _agreement(code: str, partner: str, old: Record | None, new: Record | None) -> Iterator[Difference]:
    agreed = f"{partner} agreed to {code}"
    if old is None and new is not None:
        said = agreed if new.get("state") == AgreementState.AGREED else f"{partner}: {code} added as {new.get('state')}"
        yield Difference(code, f"agreement:{partner}", None, new, ADDED, sentence=said)
        return
    if new is None and old is not None:
        said = f"{partner}: {code} removed (was {_shown(old.get('state'))})"
        yield Difference(code, f"agreement:{partner}", old, None, REMOVED, sentence=said)
        return
    for field, was, now in _fields(old or {}, new or {}):
        if field == "state":
            said = agreed if now == AgreementState.AGREED else f"{partner}: {code} {_shown(was)} -> {_shown(now)}"
        else:
            said = _said(f"{partner}: {code}", field_words(field), was, now)
        yield Difference(code, f"agreement:{partner}:{field}", was, now, CHANGED, sentence=said)


def _story(section_id: str, old: Record | None, new: Record | None) -> Iterator[Difference]:
    title = (old or new or {}).get("title") or section_id
    name = f'Story of place: section "{title}"'
    if old is not None and new is not None:
        for field, was, now in _fields(old, new):
            if field == "title":
                said = f'{name} renamed "{now}"'
            elif field == "text":
                said = f"{name} text changed"
            else:
                said = _said(name, field_words(field), was, now)
            yield Difference("", f"story:{section_id}:{field}", was, now, CHANGED, sentence=said)
    else:
        yield from _records("", f"story:{section_id}", old, new, f"{name} added", f"{name} removed", name)


def _records(
    ni: str,
    field: str,
    old: Record | None,
    new: Record | None,
    added: str,
    removed: str,
    subject: str,
    polarity: str | None = None,
) -> Iterator[Difference]:
    """A keyed record's differences: the whole of it added or removed, or each field changed."""
    if old is None:
        yield Difference(ni, field, None, new, ADDED, sentence=added)
    elif new is None:
        yield Difference(ni, field, old, None, REMOVED, sentence=removed)
    else:
        for name, was, now in _fields(old, new):
            level = _level(ni, name, was, now, subject, polarity)
            yield dataclasses.replace(level, field=f"{field}:{name}")


def _level(ni: str, field: str, old: Any, new: Any, subject: str, polarity: str | None) -> Difference:
    """A field of a target or sub-area changed; a yearly level says whether it asks more or less."""
    ambition = ""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (old, new))
    if field in YEAR_FIELDS and numbers and polarity in ("higher", "lower"):
        ambition = MORE if (new > old) == (polarity == "higher") else LESS
    said = _said(subject, field_words(field), old, new, quoted=field in _WRITTEN)
    return Difference(ni, field, old, new, CHANGED, ambition, f"{said} ({ambition})" if ambition else said)


def _said(subject: str, words: str, old: Any, new: Any, *, quoted: bool = False) -> str:
    was, now = _shown(old, quoted=quoted), _shown(new, quoted=quoted)
    if max(len(was), len(now)) > _LONG or "\n" in was + now:
        return f"{subject} {words} changed"
    return f"{subject} {words} {was} -> {now}"


def _shown(value: Any, *, quoted: bool = False) -> str:
    """A value in a sentence: "none" for nothing, numbers as a printed table shows them."""
    if value is None or value == "" or value == []:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        try:
            return format_figure(value)
        except (ValueError, OverflowError):
            return str(value)
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    return f'"{value}"' if quoted else str(value)


def _union(old: Record, new: Record) -> list[str]:
    return [*old, *(key for key in new if key not in old)]


def _fields(old: Record, new: Record) -> Iterator[tuple[str, Any, Any]]:
    """Each field that differs, in the record's own field order."""
    if old == new:  # most records of two versions are the same: one comparison in C says so
        return
    for field in _union(old, new):
        if old.get(field) != new.get(field):
            yield field, old.get(field), new.get(field)


def _by(form: Record, part: str, key: str) -> dict[str, Record]:
    return {record[key]: record for record in form.get(part) or ()}


def _grouped(form: Record, part: str, key: str) -> dict[str, dict[str, Record]]:
    grouped: dict[str, dict[str, Record]] = {}
    for record in form.get(part) or ():
        grouped.setdefault(record["code"], {})[record[key]] = record
    return grouped


def _keyed(old: dict[str, Record], new: dict[str, Record]) -> Iterator[tuple[str, Record | None, Record | None]]:
    for key in sorted({*old, *new}, key=str):
        yield key, old.get(key), new.get(key)


def apply_differences(form: Record, differences: Iterable[Difference]) -> Record:
    """A new form: `form` with each difference made, its lists ordered as agreement_form orders them."""
    result = copy.deepcopy(form)
    for difference in differences:
        _apply(result, difference)
    for part, keys in PARTS:
        if part in result:
            result[part] = sorted(result[part], key=_order(keys))
    return result


def _order(keys: tuple[str, ...]) -> Callable[[Record], tuple[Any, ...]]:
    def order(record: Record) -> tuple[Any, ...]:
        return tuple(sort_key(record[k]) if k == "code" else str(record[k]) for k in keys)

    return order


def _apply(form: Record, difference: Difference) -> None:
    head, _, rest = difference.field.partition(":")
    after = copy.deepcopy(difference.after)
    if head in _SINGLES and rest:
        form.setdefault(head, {})[rest] = after
    elif head in _PREFIXES and rest:
        part, name_field = _PREFIXES[head]
        whole = difference.kind != CHANGED
        name, field = (rest, "") if whole else rest.rsplit(":", 1)
        coded = head in ("sub_area", "agreement")

        def match(record: Record) -> bool:
            return bool(record.get(name_field) == name and (not coded or record.get("code") == difference.ni))

        _put(form.setdefault(part, []), match, field, difference.kind, after)
    elif difference.ni or difference.field == "target" or difference.field in _TARGET_FIELDS:
        field = "" if difference.field == "target" else difference.field

        def coded_as(record: Record) -> bool:
            return bool(record.get("code") == difference.ni)

        _put(form.setdefault("targets", []), coded_as, field, difference.kind, after)
    else:
        form[difference.field] = after


def _put(records: list[Record], match: Callable[[Record], bool], field: str, kind: str, after: Any) -> None:
    if not field and kind == ADDED:
        records.append(after)
        return
    index = next((i for i, record in enumerate(records) if match(record)), None)
    if index is None:
        raise ValueError(f"no record to change for {field or kind}")
    if not field:
        del records[index]
    else:
        records[index][field] = after


def base_field(field: str) -> str:
    """The field a person decides on: a level and the words it was written in are one ("target_2010_11")."""
    head, _, tail = field.rpartition(":")
    if tail in _WRITTEN_OF:
        return f"{head}:{_WRITTEN_OF[tail]}" if head else _WRITTEN_OF[tail]
    return field


def grouped(differences: Iterable[Difference]) -> dict[tuple[str, str], list[Difference]]:
    """The differences about targets, by target and the field a person decides on, in reading order."""
    found: dict[tuple[str, str], list[Difference]] = {}
    for difference in differences:
        if difference.ni:
            found.setdefault((difference.ni, base_field(difference.field)), []).append(difference)
    return found


def catalogue_polarity(catalogue: Catalogue) -> PolarityOf:
    """Whether more is better for a code, as the indicator set says ("higher", "lower" or None)."""

    def polarity_of(code: str) -> str | None:
        indicator = catalogue.get(code)
        return indicator.polarity.value if indicator is not None and indicator.polarity else None

    return polarity_of
