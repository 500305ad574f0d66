"""Personal pronouns ("he", "she") resolved to a person named shortly before.

Conservative on purpose: a pronoun takes an antecedent only when the choice is clear, and
is otherwise left unresolved (the events step then falls back to its own nearest-person
reading). Candidates are the people named in the pronoun's sentence before it and in the
sentence before that; a person whose gender the text tells ("Mr.", "spokeswoman",
"Queen") is dropped for a pronoun of the other gender. One candidate left: it is the
antecedent. Several: a subject pronoun takes the person named as a subject in the latest
sentence that has one, if only one person is a subject there (subjects tend to continue
as subjects); anything else stays unresolved.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from newsgraph.extract.actors.linking import Draft
from newsgraph.extract.actors.titles import gender_of_words
from newsgraph.nlp.extensions import token_table

PRONOUN_GENDER = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SENTENCES_BACK = 1  # the pronoun's own sentence and this many before it


def draft_gender(doc: Doc, draft: Draft) -> str | None:
    """The gender the words of a person's mentions and role titles tell, if they agree."""
    words = [t.lower_ for start, end in draft.spans for t in doc[max(0, start - 1) : end]]
    words += [w for r in draft.roles for w in str(r.get("title", "")).lower().split()]
    return gender_of_words(words)


def resolve_pronouns(doc: Doc, drafts: list[Draft]) -> dict[int, Draft]:
    """Pronoun token index -> the person draft it refers to, for the clear cases."""
    lower = token_table(doc).lower
    pronouns = [i for i, word in enumerate(lower) if word in PRONOUN_GENDER]
    people = [d for d in drafts if d.kind == "person"]
    if not pronouns or not people:
        return {}
    starts = [s.start for s in doc.sents]
    genders = {id(d): draft_gender(doc, d) for d in people}
    # (last token of the mention, draft, whether the mention is a clause subject)
    mentions = sorted(
        (end - 1, d, doc[end - 1].dep_ in SUBJECT_DEPS) for d in people for _, end in d.spans
    )
    found: dict[int, Draft] = {}
    for i in pronouns:
        token = doc[i]
        if token.pos_ != "PRON":
            continue
        sentence = bisect_right(starts, i) - 1
        window_start = starts[max(0, sentence - SENTENCES_BACK)]
        gender = PRONOUN_GENDER[lower[i]]
        candidates = [
            (position, draft, subject)
            for position, draft, subject in mentions
            if window_start <= position < i and genders[id(draft)] in {None, gender}
        ]
        distinct = {id(d) for _, d, _ in candidates}
        if len(distinct) == 1:
            found[i] = candidates[-1][1]
        elif distinct and token.dep_ in SUBJECT_DEPS:
            # The latest sentence with a person as subject; one such person there, or none.
            subjects = [(p, d) for p, d, subject in candidates if subject]
            if subjects:
                latest = bisect_right(starts, subjects[-1][0]) - 1
                there = {id(d): d for p, d in subjects if bisect_right(starts, p) - 1 == latest}
                if len(there) == 1:
                    found[i] = subjects[-1][1]
    return found
