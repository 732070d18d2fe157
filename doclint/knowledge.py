"""The temporal knowledge base: offices, their holders' terms, people and dated events.

The knowledge base is a folder (or several) of YAML files, by default the repository's
``rules/knowledge/``.  Each file may hold these sections (all optional):

``sources``  key -> ``{title, url}``; every other entry names one or more of these keys
             in ``source`` (a key may be defined in any loaded file).
``countries`` ``{id, name, aliases}``: aliases are the words that qualify a title
             ("Salvadoran", "El Salvador's" -> ``El Salvador``).
``offices``  ``{id, name, country, titles, qualifiers}``: ``titles`` are the words used
             before a holder's name ("president", "prime minister").
``people``   ``{id, name, aliases, born, died}``.
``terms``    ``{office, holder, start, end, end_status}``: half-open ``[start, end)``;
             ``end`` is the handover day; ``end: null`` with
             ``end_status: incumbent-as-of-compile`` when the end is unknown.
``series``   ``{id, kind, type, country, names, complete_from, complete_to}``: a series of
             recurring events (a country's legislative elections, the G20 summits) that is
             listed completely between the two dates.
``events``   ``{id, series, start, end | date, name}``.
``compiled`` (top level) the date up to which the file's facts were checked: an open term
             is known to run at least until then (without it, only to its start).

:func:`load_knowledge` validates everything and raises :class:`KnowledgeError` naming
the file and the entry on the first problem.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from doclint.parsed_yaml import YamlError, load_yaml

__all__ = [
    "Country",
    "Event",
    "KnowledgeBase",
    "KnowledgeError",
    "Office",
    "Person",
    "Series",
    "Term",
    "default_knowledge_paths",
    "get_knowledge",
    "load_knowledge",
    "norm_name",
]

END_STATUSES = frozenset({"served", "scheduled", "changed", "incumbent-as-of-compile", "died-in-office"})


class KnowledgeError(ValueError):
    """A knowledge-base file is invalid; the message names the file and the entry."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        super().__init__(f"{file}: {entry}: {problem}")
        self.file = file
        self.entry = entry
        self.problem = problem


@lru_cache(maxsize=1 << 16)
def norm_name(text: str) -> str:
    """Lower-case, accent-free, period-free, single-spaced form used for name look-ups
    (memoised: the same names and phrases recur across a corpus)."""
    if text.isascii():
        text = text.lower().replace(".", " ").replace("-", " ")
        return " ".join(text.split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = text.replace(".", " ").replace("-", " ")
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Country:
    """A country: its name and the words that qualify a title with it."""

    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Office:
    """An office and the titles (normalised) its holders are named with."""

    id: str
    name: str
    country: str
    titles: tuple[str, ...]
    qualifiers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Person:
    """A person of the knowledge base, with the aliases a text may use."""

    id: str
    name: str
    aliases: tuple[str, ...]
    born: _dt.date | None
    died: _dt.date | None

    @property
    def short(self) -> str:
        """How a message names the person: the shortest one-word alias, else the name."""
        words = [a for a in self.aliases if " " not in a.strip() and not a.isupper()]
        return min(words, key=len) if words else self.name


@dataclass(frozen=True, slots=True)
class Term:
    """One holder's term in an office: ``[start, end)``, ``end`` None while open."""

    office: str
    holder: str
    start: _dt.date
    end: _dt.date | None
    end_status: str
    # for an open term (end: null): the holder is known to be in office at least until this
    # day (the file's ``compiled:`` date; the start when the file has none)
    known_until: _dt.date | None = None


@dataclass(frozen=True, slots=True)
class Series:
    """Recurring events (elections, summits), listed completely between two dates."""

    id: str
    kind: str
    type: str
    country: str | None
    names: tuple[str, ...]
    complete_from: _dt.date
    complete_to: _dt.date


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event, possibly one of a series."""

    id: str
    series: str | None
    name: str
    start: _dt.date
    end: _dt.date


@dataclass
class KnowledgeBase:
    """Everything loaded from the knowledge files, with the look-up indexes built from it."""

    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    series: dict[str, Series] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    # derived indexes
    alias_index: dict[str, tuple[str, ...]] = field(default_factory=dict)
    qualifier_index: dict[str, tuple[str, ...]] = field(default_factory=dict)
    country_index: dict[str, str] = field(default_factory=dict)
    title_words: tuple[str, ...] = ()
    max_alias_tokens: int = 1
    # holder -> their terms in ``terms`` order; built on first use, rebuilt when ``terms`` changes
    _by_holder: dict[str, list[Term]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_holder_of: tuple[int, int] = field(default=(0, -1), init=False, repr=False, compare=False)
    # the first words of the keys of ``alias_index`` / ``country_index``: built on first use,
    # rebuilt when the index changes
    _heads: dict[str, tuple[tuple[int, ...], frozenset[str]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    # ---- look-ups -------------------------------------------------------------------
    def terms_of(self, person: str, office: str | None = None) -> list[Term]:
        # an index instead of a scan of every term: looked up for each title in each document
        if self._by_holder_of != (id(self.terms), len(self.terms)):
            by_holder: dict[str, list[Term]] = {}
            for t in self.terms:
                by_holder.setdefault(t.holder, []).append(t)
            self._by_holder, self._by_holder_of = by_holder, (id(self.terms), len(self.terms))
        return [t for t in self._by_holder.get(person, ()) if office is None or t.office == office]

    def office_terms(self, office: str) -> list[Term]:
        return sorted((t for t in self.terms if t.office == office), key=lambda t: t.start)

    def _first_words(self, name: str, index: Mapping[str, object]) -> frozenset[str]:
        of = (id(index), len(index))
        cached = self._heads.get(name)
        if cached is None or cached[0] != of:
            cached = self._heads[name] = (of, frozenset(k.split()[0] for k in index if k.split()))
        return cached[1]

    def alias_heads(self) -> frozenset[str]:
        """The first word of every ``alias_index`` key: a name whose first word is not one of
        these is nobody's alias."""
        return self._first_words("alias", self.alias_index)

    def country_or_alias_heads(self) -> frozenset[str]:
        """The first word of every ``country_index`` or ``alias_index`` key."""
        of = (id(self.country_index), len(self.country_index), id(self.alias_index), len(self.alias_index))
        cached = self._heads.get("country or alias")
        if cached is None or cached[0] != of:
            words = frozenset(k.split()[0] for k in self.country_index if k.split()) | self.alias_heads()
            cached = self._heads["country or alias"] = (of, words)
        return cached[1]

    def people_named(self, name: str) -> tuple[str, ...]:
        return self.alias_index.get(norm_name(name), ())

    def offices_for(self, person: str, title: str, qualifier_offices: Iterable[str] | None = None) -> list[str]:
        title = norm_name(title)
        allowed = set(qualifier_offices) if qualifier_offices is not None else None
        out: list[str] = []
        for t in self.terms_of(person):
            off = self.offices[t.office]
            if title in off.titles and (allowed is None or off.id in allowed) and off.id not in out:
                out.append(off.id)
        return out

    def series_events(self, series: str) -> list[Event]:
        return sorted((e for e in self.events.values() if e.series == series), key=lambda e: e.start)

    def _index(self) -> None:
        aliases: dict[str, list[str]] = {}
        for p in self.people.values():
            for a in (p.name, *p.aliases):
                key = norm_name(a)
                if key and p.id not in aliases.setdefault(key, []):
                    aliases[key].append(p.id)
        self.alias_index = {k: tuple(v) for k, v in aliases.items()}
        self.max_alias_tokens = max((len(k.split()) for k in self.alias_index), default=1)
        quals: dict[str, list[str]] = {}
        for off in self.offices.values():
            words = list(off.qualifiers)
            c = self.countries.get(off.country)
            if c is not None:
                words += [c.name, *c.aliases]
            for w in words:
                key = norm_name(w)
                if key and off.id not in quals.setdefault(key, []):
                    quals[key].append(off.id)
        self.qualifier_index = {k: tuple(v) for k, v in quals.items()}
        self.country_index = {}
        for c in self.countries.values():
            for w in (c.name, *c.aliases):
                self.country_index.setdefault(norm_name(w), c.id)
        titles = {t for off in self.offices.values() for t in off.titles}
        self.title_words = tuple(sorted(titles, key=lambda s: (-len(s), s)))


# ---- loading ---------------------------------------------------------------------------

def _date(value: Any, file: str, entry: str, key: str, *, optional: bool = False) -> _dt.date | None:
    if value is None:
        if optional:
            return None
        raise KnowledgeError(file, entry, f"missing {key!r}")
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise KnowledgeError(file, entry, f"{key!r} is not an ISO date: {value!r}") from None


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _label(section: str, item: Mapping[str, Any], index: int) -> str:
    ident = item.get("id") or (f"{item.get('office')}/{item.get('holder')}@{item.get('start')}" if section == "terms" else None)
    return f"{section}[{index}]" + (f" ({ident})" if ident else "")


def default_knowledge_paths() -> list[Path]:
    """The knowledge folder shipped with doclint (``_rules/knowledge`` in a wheel)."""
    import doclint

    pkg = Path(doclint.__file__).resolve().parent
    shipped = pkg / "_rules"
    base = shipped if shipped.exists() else pkg.parent / "rules"
    return [base / "knowledge"]


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            raise KnowledgeError(str(p), "-", "no such knowledge file or folder")
    return out


def load_knowledge(paths: Iterable[str | Path] | None = None) -> KnowledgeBase:
    """Load and validate every YAML file under ``paths`` (default: the shipped knowledge).

    When the files are the shipped ones (byte for byte, in the same order), the knowledge
    base comes from ``rules/data/knowledge-prebuilt.json`` instead (see :func:`prebuilt_json`):
    the same objects, ~2 ms instead of ~7 ms of parsing, validation and indexing."""
    files = _files(default_knowledge_paths() if paths is None else paths)
    kb = _from_prebuilt(files)
    return kb if kb is not None else _load(files)


def _load(files: Sequence[Path]) -> KnowledgeBase:
    """Parse, validate and index ``files`` (the knowledge base they define, in order)."""
    kb = KnowledgeBase(files=tuple(str(f) for f in files))
    pending_refs: list[tuple[str, str, tuple[str, ...]]] = []
    raw_terms: list[tuple[str, str, Mapping[str, Any]]] = []
    raw_events: list[tuple[str, str, Mapping[str, Any]]] = []
    raw_offices: list[tuple[str, str, Mapping[str, Any]]] = []
    raw_series: list[tuple[str, str, Mapping[str, Any]]] = []
    compiled_of: dict[str, _dt.date] = {}

    for f in files:
        name = str(f)
        try:
            data = load_yaml(f) or {}
        except YamlError as exc:
            raise KnowledgeError(name, "-", f"invalid YAML: {exc}") from None
        if not isinstance(data, Mapping):
            raise KnowledgeError(name, "-", "top level must be a mapping")
        if data.get("compiled") is not None:
            compiled = _date(data.get("compiled"), name, "compiled", "compiled")
            assert compiled is not None
            compiled_of[name] = compiled
        for key, val in (data.get("sources") or {}).items():
            if not isinstance(val, Mapping) or not val.get("title") or not val.get("url"):
                raise KnowledgeError(name, f"sources.{key}", "a source needs a title and a url")
            old = kb.sources.get(str(key))
            if old is not None and dict(old) != {"title": str(val["title"]), "url": str(val["url"])}:
                raise KnowledgeError(name, f"sources.{key}", "defined twice with different values")
            kb.sources[str(key)] = {"title": str(val["title"]), "url": str(val["url"])}
        for section in ("countries", "offices", "people", "terms", "series", "events"):
            items = data.get(section) or []
            if not isinstance(items, list):
                raise KnowledgeError(name, section, "must be a list")
            for i, item in enumerate(items):
                if not isinstance(item, Mapping):
                    raise KnowledgeError(name, f"{section}[{i}]", "must be a mapping")
                label = _label(section, item, i)
                src = _strs(item.get("source", item.get("src")))
                if not src:
                    raise KnowledgeError(name, label, "missing source")
                pending_refs.append((name, label, src))
                if section != "terms" and not item.get("id"):
                    raise KnowledgeError(name, label, "missing id")
                if section == "countries":
                    cid = str(item["id"])
                    if cid in kb.countries:
                        raise KnowledgeError(name, label, "duplicate country id")
                    kb.countries[cid] = Country(cid, str(item.get("name") or cid), _strs(item.get("aliases")))
                elif section == "offices":
                    raw_offices.append((name, label, item))
                elif section == "people":
                    pid = str(item["id"])
                    if pid in kb.people:
                        raise KnowledgeError(name, label, "duplicate person id")
                    if not item.get("name"):
                        raise KnowledgeError(name, label, "missing name")
                    born = _date(item.get("born"), name, label, "born", optional=True)
                    died = _date(item.get("died"), name, label, "died", optional=True)
                    if born and died and died < born:
                        raise KnowledgeError(name, label, "died before born")
                    kb.people[pid] = Person(pid, str(item["name"]), _strs(item.get("aliases")), born, died)
                elif section == "terms":
                    raw_terms.append((name, label, item))
                elif section == "series":
                    raw_series.append((name, label, item))
                else:
                    raw_events.append((name, label, item))

    for name, label, item in raw_offices:
        oid = str(item["id"])
        if oid in kb.offices:
            raise KnowledgeError(name, label, "duplicate office id")
        country = str(item.get("country") or "")
        if country and country not in kb.countries:
            raise KnowledgeError(name, label, f"unknown country {country!r}")
        titles = tuple(norm_name(t) for t in _strs(item.get("titles")))
        if not titles:
            raise KnowledgeError(name, label, "an office needs at least one title")
        kb.offices[oid] = Office(oid, str(item.get("name") or oid), country, titles, _strs(item.get("qualifiers")))

    for name, label, item in raw_terms:
        office, holder = str(item.get("office") or ""), str(item.get("holder") or "")
        if office not in kb.offices:
            raise KnowledgeError(name, label, f"unknown office {office!r}")
        if holder not in kb.people:
            raise KnowledgeError(name, label, f"unknown person {holder!r}")
        start = _date(item.get("start"), name, label, "start")
        end = _date(item.get("end"), name, label, "end", optional=True)
        status = str(item.get("end_status") or ("incumbent-as-of-compile" if end is None else "served"))
        if status not in END_STATUSES:
            raise KnowledgeError(name, label, f"unknown end_status {status!r}")
        if end is None and status != "incumbent-as-of-compile":
            raise KnowledgeError(name, label, "end: null needs end_status: incumbent-as-of-compile")
        assert start is not None
        if end is not None and end <= start:
            raise KnowledgeError(name, label, f"end {end} is not after start {start}")
        known = None if end is not None else max(start, compiled_of.get(name, start))
        kb.terms.append(Term(office, holder, start, end, status, known))

    by_office: dict[str, list[tuple[Term, str, str]]] = {}
    for (name, label, _), term in zip(raw_terms, kb.terms, strict=True):
        by_office.setdefault(term.office, []).append((term, name, label))
    for office, items in by_office.items():
        items.sort(key=lambda x: x[0].start)
        for (a, _, alabel), (b, bname, blabel) in zip(items, items[1:], strict=False):
            if a.end is None or b.start < a.end:
                raise KnowledgeError(bname, blabel, f"overlaps {alabel} in office {office!r}")

    for name, label, item in raw_series:
        sid = str(item["id"])
        if sid in kb.series:
            raise KnowledgeError(name, label, "duplicate series id")
        series_country = item.get("country")
        if series_country is not None and str(series_country) not in kb.countries:
            raise KnowledgeError(name, label, f"unknown country {series_country!r}")
        cf = _date(item.get("complete_from"), name, label, "complete_from")
        ct = _date(item.get("complete_to"), name, label, "complete_to")
        assert cf is not None and ct is not None
        if ct <= cf:
            raise KnowledgeError(name, label, "complete_to is not after complete_from")
        kb.series[sid] = Series(sid, str(item.get("kind") or "event"), str(item.get("type") or ""),
                                str(series_country) if series_country is not None else None,
                                tuple(norm_name(n) for n in _strs(item.get("names"))), cf, ct)

    for name, label, item in raw_events:
        eid = str(item["id"])
        if eid in kb.events:
            raise KnowledgeError(name, label, "duplicate event id")
        series = item.get("series")
        if series is not None and str(series) not in kb.series:
            raise KnowledgeError(name, label, f"unknown series {series!r}")
        if item.get("date") is not None:
            start = end = _date(item.get("date"), name, label, "date")
        else:
            start = _date(item.get("start"), name, label, "start")
            end = _date(item.get("end"), name, label, "end")
        assert start is not None and end is not None
        if end < start:
            raise KnowledgeError(name, label, f"end {end} is before start {start}")
        kb.events[eid] = Event(eid, str(series) if series is not None else None,
                               str(item.get("name") or item.get("what") or eid), start, end)

    for name, label, src in pending_refs:
        for key in src:
            if key not in kb.sources:
                raise KnowledgeError(name, label, f"source {key!r} is not defined in any sources: section")
    kb._index()
    return kb


# ---- the prebuilt default knowledge base ------------------------------------------------

PREBUILT_NAME = "knowledge-prebuilt.json"
_PREBUILT_FORMAT = 1


def _iso(day: _dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def prebuilt_json(files: Sequence[Path]) -> str:
    """The text of ``rules/data/knowledge-prebuilt.json`` (``tools/build_knowledge.py``
    writes it for the shipped knowledge files): the SHA-256 of each file, in load order,
    and the knowledge base :func:`_load` builds from them -- every object and index, in
    insertion order, dates as ISO strings. A knowledge base depends only on its files'
    bytes and their order (and lists its files by path, set when it is loaded), so these
    fields rebuild it exactly for files with those hashes; ``tests/test_engine.py`` checks
    that the shipped file is fresh and that what it rebuilds equals :func:`_load`'s."""
    kb = _load(files)
    data = {
        "format": _PREBUILT_FORMAT,
        "sha256": [hashlib.sha256(f.read_bytes()).hexdigest() for f in files],
        "sources": kb.sources,
        "countries": [[c.id, c.name, c.aliases] for c in kb.countries.values()],
        "offices": [[o.id, o.name, o.country, o.titles, o.qualifiers] for o in kb.offices.values()],
        "people": [[p.id, p.name, p.aliases, _iso(p.born), _iso(p.died)] for p in kb.people.values()],
        "terms": [[t.office, t.holder, _iso(t.start), _iso(t.end), t.end_status, _iso(t.known_until)]
                  for t in kb.terms],
        "series": [[s.id, s.kind, s.type, s.country, s.names, _iso(s.complete_from), _iso(s.complete_to)]
                   for s in kb.series.values()],
        "events": [[e.id, e.series, e.name, _iso(e.start), _iso(e.end)] for e in kb.events.values()],
        "alias_index": kb.alias_index,
        "qualifier_index": kb.qualifier_index,
        "country_index": kb.country_index,
        "title_words": kb.title_words,
        "max_alias_tokens": kb.max_alias_tokens,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _from_prebuilt(files: Sequence[Path]) -> KnowledgeBase | None:
    """The knowledge base of ``files`` from the prebuilt file, or None when the files (their
    bytes, in order) are not the ones it was built from, or it is missing."""
    from doclint.lexicon import data_dir

    try:
        with open(data_dir() / PREBUILT_NAME, encoding="utf-8") as fh:
            data = json.load(fh)
        hashes = [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _PREBUILT_FORMAT or data.get("sha256") != hashes:
        return None
    day = _dt.date.fromisoformat

    def maybe(text: str | None) -> _dt.date | None:
        return None if text is None else day(text)

    kb = KnowledgeBase(files=tuple(str(f) for f in files), sources=data["sources"])
    kb.countries = {c[0]: Country(c[0], c[1], tuple(c[2])) for c in data["countries"]}
    kb.offices = {o[0]: Office(o[0], o[1], o[2], tuple(o[3]), tuple(o[4])) for o in data["offices"]}
    kb.people = {p[0]: Person(p[0], p[1], tuple(p[2]), maybe(p[3]), maybe(p[4])) for p in data["people"]}
    kb.terms = [Term(t[0], t[1], day(t[2]), maybe(t[3]), t[4], maybe(t[5])) for t in data["terms"]]
    kb.series = {s[0]: Series(s[0], s[1], s[2], s[3], tuple(s[4]), day(s[5]), day(s[6])) for s in data["series"]}
    kb.events = {e[0]: Event(e[0], e[1], e[2], day(e[3]), day(e[4])) for e in data["events"]}
    kb.alias_index = {k: tuple(v) for k, v in data["alias_index"].items()}
    kb.qualifier_index = {k: tuple(v) for k, v in data["qualifier_index"].items()}
    kb.country_index = data["country_index"]
    kb.title_words = tuple(data["title_words"])
    kb.max_alias_tokens = data["max_alias_tokens"]
    return kb


_CACHE: dict[tuple[str, ...], KnowledgeBase | KnowledgeError] = {}
_LOCK = threading.Lock()


_RESOLVED: dict[tuple[str, ...], tuple[str, ...]] = {}


def get_knowledge(extra: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The default knowledge plus ``extra`` folders/files, loaded once per process."""
    given = tuple(str(p) for p in extra)
    key = _RESOLVED.get(given)
    paths: list[Path] | None = None  # built only to load: a cached knowledge base needs none
    if key is None:  # resolving paths costs system calls: once per distinct argument
        paths = [*default_knowledge_paths(), *(Path(p) for p in extra)]
        key = _RESOLVED[given] = tuple(str(p.resolve()) for p in paths)
    kb = _CACHE.get(key)
    if kb is None:
        with _LOCK:
            kb = _CACHE.get(key)
            if kb is None:
                try:
                    kb = load_knowledge(paths if paths is not None else [Path(p) for p in key])
                except KnowledgeError as exc:  # remembered: not re-read for every document
                    kb = exc
                _CACHE[key] = kb
    if isinstance(kb, KnowledgeError):
        raise kb
    return kb
