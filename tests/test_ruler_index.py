"""The indexed attribute ruler finds exactly the matches spaCy's Matcher finds, so the
pipeline's annotations are those of the model's own ruler."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from newsgraph.config import Config, load_config
from newsgraph.nlp.pipeline import load_model, load_pipeline
from newsgraph.nlp.ruler_index import IndexedAttributeRuler, RuleIndex, index_attribute_ruler

# Invented sentences with what the model's rules single out: spaces and line breaks,
# contractions, "there is", forms of "get", dialect spellings.
TEXTS = [
    "There is  a   fire near the port.\n\n There are two ships; y'all ain't seen nothin'.",
    "She gets the papers and got out before noon -- didn't she? It's 5 p.m. in Oslo.",
    "Mr. O'Neil (the mayor) said: \"We're not leaving\" \t and they weren't.",
    "",
    " \n ",
    "Nothin' works. Y all agree? I ain't. Ya'll won't.",
]


def _before_ruler(nlp: spacy.Language, texts: list[str]) -> list[Doc]:
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            break
        docs = [proc(d) for d in docs]
    return docs


def _annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_bundled_models_rules_are_indexed_and_match_as_the_matcher_does(config: Config):
    model = load_model(config.model)
    ruler = model.get_pipe("attribute_ruler")
    index = RuleIndex.build(ruler)
    for doc in _before_ruler(model, TEXTS):
        assert index.matches(doc) == ruler.match(doc)


def test_the_pipeline_annotates_tokens_as_the_bare_model_does(config: Config):
    bare, full = load_model(config.model), load_pipeline(config)
    assert isinstance(full.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert full.pipe_names[: len(bare.pipe_names)] == bare.pipe_names
    for text in TEXTS:
        assert _annotations(full(text)) == _annotations(bare(text))


def test_the_setting_keeps_spacys_own_ruler(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_INDEXED_RULES", "false")
    config = load_config()
    assert config.indexed_rules is False
    ruler = load_pipeline(config).get_pipe("attribute_ruler")
    assert type(ruler) is AttributeRuler


# Rules over a small vocabulary, with every predicate the index reads, so that generated
# token sequences hit, miss and overlap them.
WORDS = ["a", "b", "A", "the", " ", "\n", "is", "x"]
RULES = [
    {"patterns": [[{"LOWER": "a"}]], "attrs": {"LEMMA": "alpha"}},
    {"patterns": [[{"ORTH": "A"}], [{"TEXT": "b"}]], "attrs": {"LEMMA": "upper"}},
    {"patterns": [[{"LOWER": {"IN": ["a", "the"]}}, {"LOWER": "b"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"LOWER": "b"}, {"IS_SPACE": True}]], "attrs": {"POS": "X"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"IS_SPACE": False, "LOWER": {"NOT_IN": ["a"]}}]], "attrs": {"MORPH": "F=1"}},
    {"patterns": [[{"LOWER": {"REGEX": "^(th|i)"}}]], "attrs": {"LEMMA": "regex"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number=Sing"}},
    {"patterns": [[{"POS": "DET", "LOWER": "the"}]], "attrs": {"LEMMA": "det"}},
    {"patterns": [[{"DEP": {"NOT_IN": [""]}}]], "attrs": {"MORPH": "Dep=Yes"}},
]


VOCAB = spacy.blank("en").vocab


def _ruler(vocab: spacy.vocab.Vocab) -> IndexedAttributeRuler:
    ruler = IndexedAttributeRuler(vocab, "rules")
    ruler.add_patterns(RULES)
    return ruler


@settings(deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=12),
    tags=st.lists(st.sampled_from(["NN", "DT", ""]), min_size=12, max_size=12),
    pos=st.lists(st.sampled_from(["DET", "NOUN", ""]), min_size=12, max_size=12),
)
def test_generated_rules_and_texts_match_as_the_matcher_does(words, tags, pos):
    vocab = VOCAB
    ruler = _ruler(vocab)
    doc = Doc(vocab, words=words, tags=tags[: len(words)], pos=pos[: len(words)] or None)
    expected = AttributeRuler.match(ruler, doc)
    assert ruler.match(doc) == expected
    assert ruler._index is not None
    twin = Doc(vocab, words=words, tags=tags[: len(words)], pos=pos[: len(words)] or None)
    AttributeRuler.set_annotations(ruler, twin, expected)
    ruler(doc)
    assert _annotations(doc) == _annotations(twin)


def test_a_rule_the_index_cannot_read_keeps_the_matcher():
    vocab = VOCAB
    ruler = _ruler(vocab)
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}]], {"LEMMA": "optional"})
    doc = Doc(vocab, words=["a", "b", "x"])
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)
    assert ruler._index is None


def test_indexing_replaces_the_ruler_once_and_keeps_its_place(config: Config):
    nlp = load_model(config.model)
    names = list(nlp.pipe_names)
    assert index_attribute_ruler(nlp)
    assert not index_attribute_ruler(nlp)
    assert nlp.pipe_names == names
    assert not index_attribute_ruler(spacy.blank("en"))


def test_a_ruler_that_reads_one_attribute_is_indexed():
    ruler = IndexedAttributeRuler(VOCAB, "one")
    ruler.add([[{"ORTH": "a"}], [{"ORTH": "b"}, {"ORTH": "a"}]], {"LEMMA": "one"})
    doc = Doc(VOCAB, words=["b", "a", "x", "a"])
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)
    assert ruler._index is not None and len(ruler.match(doc)) == 3


def test_a_cleared_ruler_matches_nothing_and_takes_new_rules():
    ruler = _ruler(VOCAB)
    doc = Doc(VOCAB, words=["a", "b", " "])
    assert ruler.match(doc)
    ruler.clear()
    with pytest.warns(UserWarning, match="W036"):  # spaCy's: a Matcher with no patterns
        assert ruler.match(doc) == [] == AttributeRuler.match(ruler, doc)
    ruler.add([[{"LOWER": "b"}]], {"LEMMA": "bee"})
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc) != []
