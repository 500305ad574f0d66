"""Apply the cue model to a document's rule candidates: drop, add and confirm.

See ``cue_model`` for what the thresholds mean. The words scored are those of
``cue_features.scored_features``; each is scored once, with what the rules made of it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extract.attributions.constructions import learned_candidate
from newsgraph.extract.attributions.cue_features import rule_kinds, scored_features
from newsgraph.extract.attributions.cue_model import CueModel
from newsgraph.extract.attributions.lexicon import CueLexicon
from newsgraph.extract.attributions.quotes import QuoteIndex
from newsgraph.extract.attributions.tree import Candidate
from newsgraph.nlp.extensions import token_table

# Kinds the model may not drop: they carry what newsgraph records beyond the annotation
# scheme the model learnt from (negated coverage, hedging adverbs); likewise analysis
# verbs, which the rules keep only for expert sources (commentary, not events).
PROTECTED_KINDS = frozenset({"coverage", "sourceless"})


def _protected(candidate: Candidate) -> bool:
    return candidate.kind in PROTECTED_KINDS or candidate.expert_only


def cue_probabilities(
    doc: Doc,
    candidates: list[Candidate],
    kinds: dict[int, str],
    model: CueModel,
    lexicon: CueLexicon,
    quotes: QuoteIndex,
) -> dict[int, float]:
    """Token index -> probability that the word heads a cue, for every scored word;
    ``kinds`` is ``rule_kinds`` of the rule candidates."""
    scored = scored_features(doc, candidates, kinds, model.heads, lexicon, quotes)
    return {i: model.probability(features) for i, features in scored}


def scored_candidates(
    doc: Doc,
    candidates: list[Candidate],
    model: CueModel,
    lexicon: CueLexicon,
    quotes: QuoteIndex,
) -> list[Candidate]:
    """The rule candidates the model keeps and those it adds, in text order."""
    kinds = rule_kinds(candidates)
    probabilities = cue_probabilities(doc, candidates, kinds, model, lexicon, quotes)
    kept: list[Candidate] = []
    covered: set[int] = set()
    for candidate in candidates:
        probability = probabilities.get(candidate.anchor)
        if probability is not None:
            if probability < model.drop_below and not _protected(candidate):
                continue
            candidate.confirmed = probability >= model.confirm_from
        kept.append(candidate)
        covered.update(range(*candidate.cue))
    table = token_table(doc)
    for i, probability in probabilities.items():
        if probability < model.add_from or i in kinds or i in covered:
            continue
        if table.lemma[i] in lexicon.via:
            continue  # "citing X" is found after this step, as the basis of another
        if table.lower[i] in lexicon.prepositions:
            continue  # "according to X": X is the source, never the content of a verb
        learned = learned_candidate(doc, doc[i], lexicon, quotes)
        if learned is None or covered.intersection(range(*learned.cue)):
            continue
        learned.confirmed = probability >= model.confirm_from
        kept.append(learned)
        covered.update(range(*learned.cue))
    kept.sort(key=lambda c: c.anchor)
    return kept
