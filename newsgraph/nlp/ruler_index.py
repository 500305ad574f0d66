"""The model's attribute ruler, matched through an index instead of spaCy's Matcher.

spaCy's ``attribute_ruler`` finds its matches with a :class:`~spacy.matcher.Matcher`,
which tries every pattern at every token. The rules a model ships are mostly one-token
tests of a word or a tag (``en_core_web_sm``: 179 patterns, 171 of one token), so most of
that work is spent on patterns that cannot match: on the benchmark corpus the matcher
costs about a fifth of the whole bare model's time. :class:`RuleIndex` files each pattern
under the word or tag its first token requires, checks at each token only the patterns
filed under its own word and tag (and those that require neither), and remembers the
answer per distinct token. It returns the matches the Matcher returns, sorted as the
ruler sorts them, and the ruler sets the attributes itself, so the annotations are the
same; a ruler whose patterns use anything the index does not read (operators, lengths,
morphology, extension attributes) keeps its Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

# Token attributes the index reads, as the Matcher names them in patterns. Strings are
# compared by their hash, as the Matcher does; IS_SPACE is the lexeme flag.
_STRING_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM, "LEMMA": LEMMA}
_STRING_ATTRS |= {"TAG": TAG, "POS": POS, "DEP": DEP}
_FLAG_ATTRS = {"IS_SPACE": IS_SPACE}
# Equality on these makes a pattern findable by the token's own value (most selective first).
_ANCHORS = ("ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "TAG", "DEP", "POS", "IS_SPACE")

Test = Callable[[int], bool]
_REMEMBERED_ROWS = 200_000


class Unindexable(ValueError):
    """A pattern the index cannot read; the ruler keeps its Matcher."""


def _value_id(attr: str, value: Any) -> int:
    # The Matcher's own reading of a string value: its hash, or its symbol's id for the
    # reserved symbols (parts of speech, some tags), which is what tokens carry for them.
    if not isinstance(value, str):
        raise Unindexable(f"{attr} value {value!r}")
    return get_string_id(value)


class _RegexTest:
    """As the Matcher's REGEX predicate: a search in the value's string, its answer kept
    per value until :meth:`forget`."""

    def __init__(self, pattern: Any, strings: StringStore):
        if not isinstance(pattern, str):
            raise Unindexable(f"REGEX {pattern!r}")
        self.compiled = re.compile(pattern)
        self.strings = strings
        self.seen: dict[int, bool] = {}

    def __call__(self, value: int) -> bool:
        if value not in self.seen:
            self.seen[value] = bool(self.compiled.search(self.strings[value]))
        return self.seen[value]

    def forget(self) -> None:
        self.seen.clear()


def _value_test(attr: str, spec: Any, strings: StringStore) -> tuple[set[int] | None, Test]:
    """The ids ``spec`` accepts when it is a closed set, and a test for one value."""
    if attr in _FLAG_ATTRS:
        if not isinstance(spec, bool):
            raise Unindexable(f"{attr} value {spec!r}")
        return {int(spec)}, lambda v, want=spec: bool(v) == want
    if isinstance(spec, dict):
        if set(spec) == {"IN"}:
            allowed = frozenset(_value_id(attr, x) for x in spec["IN"])
            return set(allowed), allowed.__contains__
        if set(spec) == {"NOT_IN"}:
            refused = frozenset(_value_id(attr, x) for x in spec["NOT_IN"])
            return None, lambda v, r=refused: v not in r
        if set(spec) == {"REGEX"}:
            return None, _RegexTest(spec["REGEX"], strings)
        raise Unindexable(f"{attr} predicate {sorted(spec)}")
    wanted = _value_id(attr, spec)
    return {wanted}, lambda v, w=wanted: v == w


@dataclass
class _TokenSpec:
    tests: list[tuple[int, Test]]  # (column in the token table, test of its value)
    anchor: tuple[str, set[int]] | None  # an attribute and the ids that alone can match

    def accepts(self, row: tuple[int, ...]) -> bool:
        return all(test(row[column]) for column, test in self.tests)


def _token_spec(token: dict[str, Any], columns: dict[str, int], strings: StringStore) -> _TokenSpec:
    if not isinstance(token, dict) or not token:
        raise Unindexable("empty or odd token pattern")
    tests, closed = [], {}
    for attr, spec in token.items():
        if attr not in _STRING_ATTRS and attr not in _FLAG_ATTRS:
            raise Unindexable(f"attribute {attr}")
        ids, test = _value_test(attr, spec, strings)
        tests.append((columns.setdefault(attr, len(columns)), test))
        if ids is not None:
            closed[attr] = ids
    anchor = next(((a, closed[a]) for a in _ANCHORS if a in closed), None)
    return _TokenSpec(tests, anchor)


@dataclass
class _Pattern:
    key: int  # the ruler's attribute id (the order its matches are applied in)
    match_id: int
    tokens: list[_TokenSpec]


@dataclass
class RuleIndex:
    """The ruler's patterns filed under what their first token requires."""

    columns: dict[str, int] = field(default_factory=dict)
    by_value: dict[tuple[int, int], list[_Pattern]] = field(default_factory=dict)
    anchor_columns: list[int] = field(default_factory=list)
    unanchored: list[_Pattern] = field(default_factory=list)
    # A token's values (its row) decide which patterns its first token satisfies, and
    # news repeats its words: the answer is remembered per row.
    first_tokens: dict[tuple[int, ...], tuple[_Pattern, ...]] = field(default_factory=dict)
    # The regular expressions' answers per value are forgotten with the rows, so that a
    # long ingest's memory stays bounded.
    forgetters: list[Callable[[], None]] = field(default_factory=list)

    @classmethod
    def build(cls, ruler: AttributeRuler) -> RuleIndex:
        index = cls()
        for key in range(len(ruler.attrs)):
            match_id = ruler.vocab.strings.add(str(key))
            for tokens in ruler.matcher.get(str(key))[1]:
                if not tokens:
                    raise Unindexable("empty pattern")
                specs = [_token_spec(t, index.columns, ruler.vocab.strings) for t in tokens]
                index._file(_Pattern(key, match_id, specs))
                index.forgetters += [
                    test.forget
                    for spec in specs
                    for _, test in spec.tests
                    if isinstance(test, _RegexTest)
                ]
        index.anchor_columns = sorted({column for column, _ in index.by_value})
        return index

    def _file(self, pattern: _Pattern) -> None:
        anchor = pattern.tokens[0].anchor
        if anchor is None:
            self.unanchored.append(pattern)
            return
        column = self.columns[anchor[0]]
        for value in anchor[1]:
            self.by_value.setdefault((column, value), []).append(pattern)

    def _table(self, doc: Doc) -> list[tuple[int, ...]]:
        attrs = [_STRING_ATTRS.get(a) or _FLAG_ATTRS[a] for a in self.columns]
        if not attrs:
            return [() for _ in doc]
        # One attribute gives a flat array: shaped as one column per attribute, always.
        table = doc.to_array(attrs).reshape(len(doc), len(attrs))
        rows = cast(list[list[int]], table.tolist())  # uint64 columns: Python ints already
        return [tuple(row) for row in rows]

    def _first_token_matches(self, row: tuple[int, ...]) -> tuple[_Pattern, ...]:
        """The patterns whose first token ``row`` satisfies."""
        candidates = list(self.unanchored)
        for column in self.anchor_columns:
            candidates += self.by_value.get((column, row[column]), ())
        return tuple(p for p in candidates if p.tokens[0].accepts(row))

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(key, match id, start, end)`` for every match, sorted as the ruler sorts them."""
        table = self._table(doc)
        if len(self.first_tokens) > _REMEMBERED_ROWS:
            self.first_tokens.clear()
            for forget in self.forgetters:
                forget()
        found: set[tuple[int, int, int, int]] = set()
        for start, row in enumerate(table):
            first = self.first_tokens.get(row)
            if first is None:
                first = self.first_tokens[row] = self._first_token_matches(row)
            for pattern in first:
                end = start + len(pattern.tokens)
                if end <= len(table) and all(
                    spec.accepts(table[start + offset])
                    for offset, spec in enumerate(pattern.tokens[1:], 1)
                ):
                    found.add((pattern.key, pattern.match_id, start, end))
        return sorted(found)


class IndexedAttributeRuler(AttributeRuler):
    """An attribute ruler whose matches come from a :class:`RuleIndex` when its patterns
    allow one, else from its Matcher."""

    _index: RuleIndex | None = None
    _indexed: bool = False

    def add(self, patterns: Any, attrs: dict[Any, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._indexed = False  # rebuilt on the next document

    def clear(self) -> None:
        super().clear()
        self._indexed = False  # the patterns are gone: rebuilt on the next document

    def match(self, doc: Doc) -> Any:
        if not self._indexed:
            try:
                self._index = RuleIndex.build(self)
            except Unindexable:
                self._index = None
            self._indexed = True
        if self._index is None:
            return super().match(doc)
        return self._index.matches(doc)


@Language.factory("newsgraph_indexed_attribute_ruler_v1")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put an indexed copy of ``nlp``'s attribute ruler in its place (same name, same
    patterns); False when there is none."""
    if name not in nlp.pipe_names:
        return False
    old = nlp.get_pipe(name)
    if not isinstance(old, AttributeRuler) or isinstance(old, IndexedAttributeRuler):
        return False
    patterns = old.patterns
    new = nlp.replace_pipe(name, "newsgraph_indexed_attribute_ruler_v1")
    assert isinstance(new, IndexedAttributeRuler)
    new.add_patterns(patterns)
    return True
