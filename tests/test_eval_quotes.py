"""The attribution evaluator (newsgraph.eval.quotes): brat standoff, token-overlap scoring
of source, cue and content per relation, agreement between annotators, the PolNeAR floor."""

from __future__ import annotations

import json

import pytest

from newsgraph.eval.brat import parse_ann
from newsgraph.eval.quotes import annotator_agreement, evaluate_quotes, score_document

from conftest import ROOT, shared_path

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())

ANN = (
    "T1\tSource 0 3\tAna\n"
    "T2\tCue 4 8\tsaid\n"
    "T3\tContent 9 27\tthe bridge is shut\n"
    "T4\tAttribution 4 8\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
)


def test_brat_parsing_and_overlap_scoring():
    text = "Ana said the bridge is shut."
    bounds, gold = parse_ann(ANN)
    assert gold[0].content == [(9, 27)]
    perfect = {
        "source": {"start": 0, "end": 3},
        "cue": {"start": 4, "end": 8},
        "content": {"start": 9, "end": 27},
    }
    score = score_document(text, gold, [perfect])
    assert all(score.roles[r].scores()[2] == 1.0 for r in ("source", "cue", "content"))
    partial = {**perfect, "content": {"start": 9, "end": 19}, "source": None}
    score = score_document(text, gold, [partial])
    precision, recall, _ = score.roles["content"].scores()
    assert (precision, recall) == (1.0, 0.5)
    assert score.roles["source"].scores()[1] == 0.0


def test_evaluator_on_a_tiny_folder(tmp_path, config):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text("Ana said the bridge is shut.\n")
    (tmp_path / "attributions" / "doc1_ab12.ann").write_text(ANN)
    (tmp_path / "attributions" / "doc10_ab12.ann").write_text("")  # another doc's file
    result = evaluate_quotes(tmp_path, config=config)
    assert result["documents"] == 1 and result["annotation_files"] == 1
    assert result["offset_mismatches"] == 0
    assert result["content_f1"] > 0.5


def test_annotator_agreement_scores_files_against_each_other(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text("Ana said the bridge is shut.\n")
    (tmp_path / "attributions" / "doc1_ab12.ann").write_text(ANN)
    # a second annotator who marks "said the bridge" as cue and no source
    other = ANN.replace("Cue 4 8\tsaid", "Cue 4 19\tsaid the bridge").replace(" Source:T1", "")
    (tmp_path / "attributions" / "doc1_cd34.ann").write_text(other)
    # a document with one annotation file is left out
    (tmp_path / "text" / "doc2.txt").write_text("Ana said the bridge is shut.\n")
    (tmp_path / "attributions" / "doc2_ab12.ann").write_text(ANN)
    result = annotator_agreement(tmp_path)
    assert result["documents"] == 1 and result["annotation_files"] == 2
    assert result["gold_relations"] == result["matched"] == 2
    # cue: 1 shared token of 1 and 3, both ways round -> P = R = 2/4
    assert result["cue_precision"] == result["cue_recall"] == 0.5
    assert result["content_f1"] == 1.0
    # source: one file has it, the other not -> no shared token either way round
    assert result["source_f1"] == 0.0


# The quality gate scores the first DEV_SUBSET documents of the development split (sorted
# by name) to keep the suite fast; the CLI scores the whole split.
DEV_SUBSET = 40


@pytest.mark.shared_data
def test_quotes_quality_floor(config):
    folder = shared_path("data", "quotes", "polnear", "dev")
    result = evaluate_quotes(folder, config=config, limit=DEV_SUBSET)
    assert result["offset_mismatches"] == 0
    assert result["source_f1"] >= FLOORS["quotes_source_f1"], result
    assert result["cue_f1"] >= FLOORS["quotes_cue_f1"], result
    assert result["content_f1"] >= FLOORS["quotes_content_f1"], result
