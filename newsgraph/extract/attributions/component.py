"""newsgraph_attributions_v1: who says so, on what sourcing, and how sure.

Runs last. Reads the parse, the entities, and (when present) the actors and events; writes
``doc._.ng_attributions`` (SPEC ``attributions[]``, plus ``negated``) and
``doc._.ng_sourcing``, and links each event to the innermost attribution whose content
holds its trigger (``event["attribution"]``, hedges added to ``event["hedges"]``).

Steps: candidates from the parse (``attribution_speech``), kept, dropped or added by the
cue model (``cue_scoring``; ``cue_model="none"`` leaves the rules alone), widened over direct quotes
(``quotes``), sources typed and resolved (``sources``), hedges attached
(``attribution_hedges``), then ids, ``via`` chains, event links and the per-document
sourcing profile.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.attributions.constructions import rule_candidates
from newsgraph.extract.attributions.cue_model import BUNDLED, CueModel, load_cue_model
from newsgraph.extract.attributions.cue_scoring import scored_candidates
from newsgraph.extract.attributions.hedges import Hedge, find_hedges, hedges_within
from newsgraph.extract.attributions.lexicon import cue_lexicon, hedge_lexicon, source_lexicon
from newsgraph.extract.attributions.linked import cut_sources_at_other_cues, linked_candidates
from newsgraph.extract.attributions.quotes import QUOTE_MARKS, QuoteIndex, quote_regions
from newsgraph.extract.attributions.sources import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    Resolved,
    Speaker,
    actor_for_span,
    actor_index,
    antecedent,
    classify,
)
from newsgraph.extract.attributions.tree import (
    Candidate,
    forget_sentences,
    index_sentences,
    sentence,
)
from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from newsgraph.nlp.extensions import doc_text
from newsgraph.record.types import Attribution, Record
from newsgraph.record.vocabulary import SOURCE_TYPES

# Candidate kinds that are speech by construction, whatever the subject.
SPEECH_KINDS = frozenset({"clause", "parenthetical", "quote", "labelled", "preposition"})
# A direct quote: at least this share of the content lies inside quote marks.
DIRECT_SHARE = 0.5
# Longest stretch after a speaker's cue that may still separate two parts of their quote.
MAX_SENTENCE_REST = 260
# Sources that name nobody identifiable, for the sourcing profile's "named" count.
NAMED_TYPES = frozenset({"named_person", "official_body"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
SPEAKER_OR_LISTENER = FIRST_PERSON | {"you"}


def _char_range(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    last = doc[tokens[1] - 1]
    return doc[tokens[0]].idx, last.idx + len(last.text)


def _span_record(text: str, start: int, end: int) -> Record:
    return {"text": text[start:end], "start": start, "end": end}


def widen_over_quotes(doc: Doc, candidates: list[Candidate], quotes: QuoteIndex) -> None:
    """Grow contents to whole quotes, and attach quote-only sentences to their speaker.

    A content that starts or ends inside a quote takes the whole quote (the parser cut it
    at a sentence end). A quoted passage that no attribution holds continues the
    direct quote of the sentence just before it ('"A," she said. "B."').
    """
    text = doc_text(doc)
    for candidate in candidates:
        start, end = candidate.content
        cue_start = doc[candidate.cue[0]].idx
        if start < cue_start:  # the parser ran a sentence over a paragraph break
            newline = text.rfind("\n", start, cue_start)
            if newline >= 0 and newline + 1 < end:
                start = newline + 1
                while start < end and text[start].isspace():
                    start += 1
        for edge in (start, end - 1):
            region = quotes.containing(edge)
            # a cue inside the quote ('"... I think ..."') is the quote's own business
            if region is not None and not region[0] <= cue_start < region[1]:
                start, end = min(start, region[0]), max(end, region[1])
        candidate.content = (start, end)
    # a candidate whose cue sits inside a quote does not claim that quote for itself
    claimed = [(c.content, doc[c.cue[0]].idx) for c in candidates]
    ordered = sorted(candidates, key=lambda c: c.content[0])
    for region in quotes.regions:
        if any(
            s < region[1] and region[0] < e and not region[0] <= cue < region[1]
            for (s, e), cue in claimed
        ):
            continue
        previous = [c for c in ordered if c.content[1] <= region[0] and _is_direct(c, quotes)]
        if not previous:
            continue
        speaker = previous[-1]
        gap = text[max(speaker.content[1], _cue_end(doc, speaker)) : region[0]]
        if len(gap) <= 3 or _sentence_rest(gap):
            speaker.content = (speaker.content[0], region[1])
            claimed.append((region, -1))


def _sentence_rest(gap: str) -> bool:
    """'... ," she said on Thursday during a visit. "...': the rest of the speaker's
    sentence, with no other sentence and no paragraph break in it."""
    body = gap.strip()
    return (
        body.endswith(".")
        and len(gap) < MAX_SENTENCE_REST
        and "\n\n" not in gap
        and not any(_ends_sentence(m) for m in _SENTENCE_END.finditer(body[:-1]))
        and not any(mark in body for mark in QUOTE_MARKS)
    )


# A full stop, question or exclamation mark followed by a new sentence's first letter.
_SENTENCE_END = re.compile(r"(\S*)[.?!]\s+(?=[A-Z])")


def _ends_sentence(match: re.Match[str]) -> bool:
    """Not an abbreviation ("Mr.", "Va.", "U.S.") before the mark."""
    word = match.group(1)
    return not (word[:1].isupper() and (len(word) <= 3 or "." in word))


def _cue_end(doc: Doc, candidate: Candidate) -> int:
    return _char_range(doc, candidate.cue)[1]


def _is_direct(candidate: Candidate, quotes: QuoteIndex) -> bool:
    return quotes.quoted_share(*candidate.content) >= DIRECT_SHARE


def _context(doc: Doc, text: str, candidate: Candidate) -> str:
    """Text between the cue and the content: where "on condition of anonymity" sits."""
    cue_start, cue_end = _char_range(doc, candidate.cue)
    content_start, _ = candidate.content
    if content_start >= cue_end:
        return text[cue_end:content_start]
    sentence_end_token = sentence(doc[candidate.cue[0]])[1]
    sentence_end = doc[sentence_end_token - 1].idx + len(doc[sentence_end_token - 1].text)
    return text[cue_end:sentence_end]


class Attributions:
    """The spaCy component; lexicons are loaded once, at construction."""

    def __init__(self, name: str, cue_model: CueModel | None):
        self.name = name
        self.cue_model = cue_model
        self.cues = cue_lexicon()
        self.hedge_words = hedge_lexicon()
        self.source_words = source_lexicon()
        self._text = ""

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        self._text = doc_text(doc)
        quotes = QuoteIndex(quote_regions(self._text))
        candidates = [
            c for c in self._candidates(doc, quotes) if not self._quoted_aside(doc, c, quotes)
        ]
        cut_sources_at_other_cues(doc, candidates)
        widen_over_quotes(doc, candidates, quotes)
        hedges = find_hedges(doc, self.hedge_words)
        records = self._records(doc, candidates, quotes, hedges)
        doc._.ng_attributions = records
        doc._.ng_sourcing = sourcing_profile(records, hedges)
        if doc._.ng_events is not None:
            link_events(doc._.ng_events, records, hedges)
        forget_sentences(doc)
        return doc

    def _candidates(self, doc: Doc, quotes: QuoteIndex) -> list[Candidate]:
        candidates = rule_candidates(doc, self.cues, quotes)
        if self.cue_model is not None:
            candidates = scored_candidates(doc, candidates, self.cue_model, self.cues, quotes)
        return linked_candidates(doc, candidates, self.cues, quotes)

    def _quoted_aside(self, doc: Doc, candidate: Candidate, quotes: QuoteIndex) -> bool:
        """'"... I think we can win ..."': a speaker's own asides inside a quote are part
        of the quoted speech, not attributions the article makes; so are a first-person
        speaker's beliefs outside quote marks (an interview transcript's "I think")."""
        cue = doc[candidate.cue[1] - 1]
        if candidate.kind == "labelled":
            return False  # a signature's dash may share a token with the closing quote
        if quotes.containing(cue.idx) is None:
            return self._own_opinion(doc, candidate)
        if cue.lemma_.lower() not in self.cues.speech:
            return True
        head = doc[candidate.source_head] if candidate.source_head is not None else None
        return head is not None and head.lower_ in SPEAKER_OR_LISTENER

    def _own_opinion(self, doc: Doc, candidate: Candidate) -> bool:
        """'I think ...', 'you know ...': a verb of belief with a first-person subject."""
        if candidate.verb is None or candidate.source_head is None:
            return False
        lemma = doc[candidate.verb].lemma_.lower()
        return (
            lemma in self.cues.cognition
            and lemma not in self.cues.speech
            and doc[candidate.source_head].lower_ in SPEAKER_OR_LISTENER
        )

    def _resolve(self, doc: Doc, candidate: Candidate, speakers: list[Speaker]) -> Resolved:
        assert candidate.source is not None and candidate.source_head is not None
        head = doc[candidate.source_head]
        word = head.lower_
        if word in PERSON_PRONOUNS or word in GROUP_PRONOUNS:
            found = antecedent(head, speakers, doc)
            if found is not None:
                return Resolved(found.source_type, found.entity)
            return Resolved("named_person" if word in PERSON_PRONOUNS else "unnamed", None)
        if word in FIRST_PERSON:
            return Resolved("named_person", None)
        span = candidate.source
        if word in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            noun = head.head.head  # "Trump, who said ...": type the noun the clause hangs on
            head, span = noun, (noun.left_edge.i, noun.i + 1)
        return classify(doc, span, head, _context(doc, self._text, candidate), self.source_words)

    def _records(
        self, doc: Doc, candidates: list[Candidate], quotes: QuoteIndex, hedges: list[Hedge]
    ) -> list[Record]:
        actors = doc._.ng_actors
        index = actor_index(actors)
        order = sorted(range(len(candidates)), key=lambda i: candidates[i].cue[0])
        speakers: list[Speaker] = []
        kept: dict[int, Record] = {}
        for position in order:
            candidate = candidates[position]
            if candidate.source is not None and candidate.source_head is not None:
                resolved = self._resolve(doc, candidate, speakers)
                source_start, source_end = _char_range(doc, candidate.source)
            else:
                resolved = Resolved("unnamed", None)
                source_start = source_end = -1
            if not candidate.confirmed and not self._source_fits(candidate, resolved):
                continue
            if candidate.kind == "coverage" and not (
                candidate.negated or resolved.source_type == "media"
            ):
                continue
            record = self._record(doc, candidate, resolved, (source_start, source_end))
            record["direct"] = _is_direct(candidate, quotes)
            record["hedges"] = self._hedges(candidate, record, hedges)
            if resolved.entity is not None or source_start >= 0:
                record["source_actor"] = self._actor(doc, resolved, record, index, actors)
            kept[position] = record
            if source_start >= 0:
                speakers.append(Speaker(source_end, resolved.source_type, resolved.entity))
        records = [kept[p] for p in order if p in kept]
        for number, record in enumerate(records, start=1):
            record["id"] = f"Q{number}"
        self._link_via(candidates, kept, records)
        return [_ordered(record) for record in records]

    @staticmethod
    def _source_fits(candidate: Candidate, resolved: Resolved) -> bool:
        """The rules' own tests of a source, for candidates the cue model did not confirm:
        an analysis verb counts only with an expert source, and a verb that is not speech
        by construction only with a source that is someone ("this stance highlighted X")."""
        if candidate.expert_only and resolved.source_type != "expert":
            return False
        return not (resolved.fallback and candidate.kind not in SPEECH_KINDS)

    def _record(
        self, doc: Doc, candidate: Candidate, resolved: Resolved, source: tuple[int, int]
    ) -> Record:
        cue_start, cue_end = _char_range(doc, candidate.cue)
        return {
            "source": _span_record(self._text, *source) if source[0] >= 0 else None,
            "source_actor": None,
            "source_type": resolved.source_type,
            "cue": _span_record(self._text, cue_start, cue_end),
            "content": {"start": candidate.content[0], "end": candidate.content[1]},
            "negated": candidate.negated,
            "_sourceless": candidate.kind == "sourceless",
        }

    @staticmethod
    def _hedges(candidate: Candidate, record: Record, hedges: list[Hedge]) -> list[str]:
        found = list(candidate.hedges)
        spans = [record["cue"], record["content"]] + (
            [record["source"]] if record["source"] else []
        )
        for span in spans:
            for text in hedges_within(hedges, span["start"], span["end"]):
                if text not in found:
                    found.append(text)
        return found

    @staticmethod
    def _actor(
        doc: Doc,
        resolved: Resolved,
        record: Record,
        index: dict[str, str],
        actors: list[Record] | None,
    ) -> str | None:
        if actors is None:
            return None
        if resolved.entity is not None:
            actor = index.get(resolved.entity._.entity_id or "")
            if actor is not None:
                return actor
        source = record["source"]
        if source is None:
            return None
        return actor_for_span(doc, source["start"], source["end"], index, actors)

    @staticmethod
    def _link_via(
        candidates: list[Candidate], kept: dict[int, Record], records: list[Record]
    ) -> None:
        """'citing X' attributions back their parent; a bare "reportedly" leans on the
        latest earlier media report of the article, the reporting it echoes."""
        for position, record in kept.items():
            record.setdefault("via", None)
            target = candidates[position].via_target
            if target is not None and target in kept:
                kept[target]["via"] = record["id"]
        latest_media: str | None = None
        for record in records:
            if record.pop("_sourceless", False) and record["via"] is None:
                record["via"] = latest_media
            elif record["source_type"] == "media" and not record["negated"]:
                latest_media = record["id"]


# An attribution's keys in record order: the order of the record's type.
_FIELD_ORDER = tuple(Attribution.__annotations__)


def _ordered(record: Record) -> Record:
    return {key: record.get(key) for key in _FIELD_ORDER}


def link_events(events: list[Record], attributions: list[Record], hedges: list[Hedge]) -> None:
    """Point each event at the innermost attribution whose content holds its trigger."""
    for event in events:
        trigger = event.get("trigger") or {}
        position = trigger.get("start")
        found: Record | None = None
        if isinstance(position, int):
            for attribution in attributions:
                content = attribution["content"]
                if content["start"] <= position < content["end"] and (
                    found is None
                    or content["end"] - content["start"]
                    < found["content"]["end"] - found["content"]["start"]
                ):
                    found = attribution
        event["attribution"] = found["id"] if found is not None else None
        event_hedges = list(event.get("hedges") or [])
        sentence = event.get("sentence") or {}
        sentence_hedges = (
            hedges_within(hedges, sentence["start"], sentence["end"])
            if isinstance(sentence.get("start"), int) and isinstance(sentence.get("end"), int)
            else []
        )
        for text in (found["hedges"] if found is not None else []) + sentence_hedges:
            if text not in event_hedges:
                event_hedges.append(text)
        event["hedges"] = event_hedges


def sourcing_profile(attributions: list[Record], hedges: list[Hedge]) -> Record:
    """Counts by source type, direct quotes and hedges (SPEC ``sourcing``)."""
    counts = dict.fromkeys(SOURCE_TYPES, 0)
    for attribution in attributions:
        counts[attribution["source_type"]] = counts.get(attribution["source_type"], 0) + 1
    return {
        "named": counts["named_person"] + counts["official_body"],
        "unnamed": counts["unnamed"],
        "media": counts["media"],
        "document": counts["document"],
        "expert": counts["expert"],
        "direct_quotes": sum(1 for a in attributions if a["direct"]),
        "hedges": len(hedges),
        "witness": counts["witness"],
        "named_person": counts["named_person"],
        "official_body": counts["official_body"],
        "negated": sum(1 for a in attributions if a["negated"]),
        "attributions": len(attributions),
    }


@Language.factory(
    "newsgraph_attributions_v1",
    assigns=["doc._.ng_attributions", "doc._.ng_sourcing"],
    requires=["token.dep", "token.lemma", "doc.sents"],
    default_config={"cue_model": BUNDLED},
)
def make_attributions(nlp: Language, name: str, cue_model: str) -> Attributions:
    """``cue_model``: "bundled", "none" (the rules alone) or a model file's path."""
    return Attributions(name, load_cue_model(cue_model))
