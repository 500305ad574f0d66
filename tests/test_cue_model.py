"""The attribution cue model: file format, loading, what it changes, and training."""

from __future__ import annotations

import gzip
import json

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.eval.brat import parse_ann
from newsgraph.extract.attributions.component import Attributions
from newsgraph.extract.attributions.cue_model import BUNDLED, CueModel, load_cue_model
from newsgraph.nlp import load_pipeline
from newsgraph.train.cues import cue_heads, train_cue_model

# An invented use of a verb that is in no cue lexicon: the rules alone find nothing here.
TOASTED = "The harbour master toasted the new pier at the opening."


def _model(weights: dict[str, float], **thresholds: float) -> CueModel:
    settings = {"drop_below": 0.5, "add_from": 0.5, "confirm_from": 0.9} | thresholds
    return CueModel(weights, heads=frozenset({"toast|VERB"}), **settings)


def _records(nlp, text: str, model: CueModel | None) -> list[dict]:
    component = Attributions("newsgraph_attributions_v1", model)
    with nlp.select_pipes(disable=["newsgraph_attributions_v1"]):
        doc = nlp(text)
    return component(doc)._.ng_attributions


def _cues(nlp, text: str, model: CueModel | None) -> list[str]:
    return [a["cue"]["text"] for a in _records(nlp, text, model)]


def test_save_and_load_round_trip(tmp_path):
    model = _model({"l=grumble": 2.5, "bias": -3.0}, drop_below=0.2)
    for name in ("model.json", "model.json.gz"):
        path = tmp_path / name
        model.save(path)
        first = path.read_bytes()
        model.save(path)
        assert path.read_bytes() == first  # same model, same bytes (no gzip time stamp)
        loaded = load_cue_model(str(path))
        assert loaded is not None
        assert loaded.weights == model.weights and loaded.heads == model.heads
        assert (loaded.drop_below, loaded.add_from, loaded.confirm_from) == (0.2, 0.5, 0.9)


def test_bad_model_files_are_clear_errors(tmp_path):
    with pytest.raises(NewsgraphError, match="Cannot read the cue model"):
        load_cue_model(str(tmp_path / "missing.json"))
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "something-else", "weights": {}}))
    with pytest.raises(NewsgraphError, match="format"):
        load_cue_model(str(wrong))
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(gzip.compress(b"{not json", mtime=0))
    with pytest.raises(NewsgraphError, match="Cannot read the cue model"):
        load_cue_model(str(broken))


def test_bundled_model_loads_and_none_means_rules_only():
    bundled = load_cue_model(BUNDLED)
    assert bundled is not None and len(bundled.weights) > 1000
    assert 0 < bundled.drop_below < 1 and 0 < bundled.add_from <= 1
    assert bundled.about["documents"] > 100
    assert load_cue_model("none") is None


def test_the_model_adds_a_cue_the_rules_miss(nlp):
    assert _cues(nlp, TOASTED, None) == []
    # a harbour master is no known kind of source: kept only when the model is sure
    sure = _model({"l=toast": 4.0, "bias": -2.0}, confirm_from=0.8)
    assert _cues(nlp, TOASTED, sure) == ["toasted"]
    unsure = _model({"l=toast": 4.0, "bias": -2.0}, confirm_from=0.95)
    assert _cues(nlp, TOASTED, unsure) == []
    # only words whose (lemma, POS) headed a cue in training are scored at all
    unseen = CueModel(sure.weights, drop_below=0.5, add_from=0.5, confirm_from=0.8)
    assert _cues(nlp, TOASTED, unseen) == []


@pytest.mark.parametrize(
    ("text", "lemma", "cue", "content"),
    [
        # the object of a preposition after the verb, the preposition joining the cue
        ("The mayor focused on the harbour budget.", "focus", "focused on", "the harbour budget"),
        # an infinitive or gerund complement
        ("The council proposes closing the pier.", "propose", "proposes", "closing the pier"),
    ],
)
def test_content_of_a_verb_only_the_model_chose(nlp, text, lemma, cue, content):
    model = CueModel(
        {f"l={lemma}": 6.0, "bias": -2.0},
        drop_below=0.5,
        add_from=0.5,
        confirm_from=0.5,
        heads=frozenset({f"{lemma}|VERB"}),
    )
    records = _records(nlp, text, model)
    found = [a for a in records if a["cue"]["text"] == cue]
    assert found, records
    span = found[0]["content"]
    assert text[span["start"] : span["end"]] == content


def test_the_model_drops_a_rule_candidate(nlp):
    text = "The ferry operator said the crossing would reopen on Friday."
    assert _cues(nlp, text, None) == ["said"]
    assert _cues(nlp, text, _model({"l=say": -5.0})) == []
    assert _cues(nlp, text, _model({"l=say": 5.0})) == ["said"]


def test_pipelines_differ_by_cue_model(config):
    rules = load_pipeline(config.replace(cue_model="none"))
    learned = load_pipeline(config.replace(cue_model=BUNDLED))
    assert rules is not learned
    assert rules.get_pipe("newsgraph_attributions_v1").cue_model is None
    assert learned.get_pipe("newsgraph_attributions_v1").cue_model is not None


def _brat_folder(tmp_path, count: int):
    """Invented documents, each with one annotated cue of a verb no cue lexicon holds."""
    (tmp_path / "text").mkdir(parents=True)
    (tmp_path / "attributions").mkdir()
    names = ["Ana Ruiz", "Bo Lind", "Cy Moss", "Di Park", "Ed Vance", "Flo Grant"]
    places = ["pier", "ferry", "canal", "lighthouse", "dock", "harbour"]
    for n in range(count):
        name, place = names[n % len(names)], places[n % len(places)]
        text = f"{name} toasted the new {place} at noon. The {place} opened later.\n"
        cue_start = len(name) + 1
        ann = (
            f"T1\tSource 0 {len(name)}\t{name}\n"
            f"T2\tCue {cue_start} {cue_start + 7}\ttoasted\n"
            f"T3\tContent {cue_start + 8} {text.index(' at noon')}\tx\n"
            f"T4\tAttribution {cue_start} {cue_start + 7}\ttoasted\n"
            "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
        )
        (tmp_path / "text" / f"doc{n:02d}.txt").write_text(text)
        (tmp_path / "attributions" / f"doc{n:02d}.ann").write_text(ann)
    return tmp_path


def test_training_learns_an_annotated_cue_and_is_deterministic(tmp_path, config, nlp):
    folder = _brat_folder(tmp_path / "data", 10)
    first = train_cue_model(folder, config=config, min_count=1)
    second = train_cue_model(folder, config=config, min_count=1)
    assert first.weights == second.weights and first.heads == second.heads
    assert "toast|VERB" in first.heads
    assert first.about["documents"] == 10 and first.about["positive_examples"] == 10
    assert first.weights["l=toast"] > 0
    cues = _cues(nlp, "Gil Stone toasted the new quay at dusk.", first)
    assert cues == ["toasted"]


def test_cue_heads_are_the_roots_of_annotated_cues(nlp):
    text = "Ana Ruiz has spoken out in favour of the plan."
    ann = "T1\tCue 9 36\thas spoken out in favour of\nE1\tAttribution:T1 Cue:T1\n"
    _, gold = parse_ann(ann)
    doc = nlp(text)
    assert [doc[i].text for i in cue_heads(doc, gold)] == ["spoken"]


def test_the_model_never_adds_a_preposition_cue_as_a_verb(nlp):
    # "according" is tagged as a verb; were the model to add it as one, the verb rules
    # would take the clause's subject as the source and "X" of "according to X" as content
    from newsgraph.extract.attributions.cue_scoring import scored_candidates
    from newsgraph.extract.attributions.lexicon import cue_lexicon
    from newsgraph.extract.attributions.quotes import QuoteIndex, quote_regions
    from newsgraph.extract.attributions.tree import forget_sentences, index_sentences

    text = "The ferry, according to its captain, never left port."
    with nlp.select_pipes(disable=["newsgraph_attributions_v1"]):
        doc = nlp(text)
    assert any(t.lower_ == "according" and t.pos_ == "VERB" for t in doc)
    model = CueModel(
        {"l=accord": 5.0},
        drop_below=0.5,
        add_from=0.5,
        confirm_from=0.8,
        heads=frozenset({"accord|VERB"}),
    )
    index_sentences(doc)
    added = scored_candidates(doc, [], model, cue_lexicon(), QuoteIndex(quote_regions(text)))
    forget_sentences(doc)
    assert added == []


def test_features_say_when_a_cue_lies_inside_what_another_reports(nlp):
    from newsgraph.extract.attributions.constructions import rule_candidates
    from newsgraph.extract.attributions.cue_features import rule_kinds, scored_features
    from newsgraph.extract.attributions.lexicon import cue_lexicon
    from newsgraph.extract.attributions.quotes import QuoteIndex, quote_regions
    from newsgraph.extract.attributions.tree import forget_sentences, index_sentences

    text = "The mayor said that the harbour chief believes the pier is safe."
    with nlp.select_pipes(disable=["newsgraph_attributions_v1"]):
        doc = nlp(text)
    index_sentences(doc)
    lexicon, quotes = cue_lexicon(), QuoteIndex(quote_regions(text))
    candidates = rule_candidates(doc, lexicon, quotes)
    kinds = rule_kinds(candidates)
    features = {
        doc[i].text: f
        for i, f in scored_features(doc, candidates, kinds, frozenset(), lexicon, quotes)
    }
    forget_sentences(doc)
    assert "in=clause" in features["believes"]
    assert not any(f.startswith("in=") for f in features["said"])
