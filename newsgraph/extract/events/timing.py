"""Which time expression of the text says when an event happened.

A sentence's time expressions usually belong to different clauses ("A man pleaded guilty
Monday to charges he made threats in March"), so an event takes a time only from its own
clause, in this order:

1. a time tied to the trigger: an adverbial or prepositional phrase of its own
   ("met on Tuesday", "the Tuesday meeting");
2. any other time in the trigger's clause, outside the clauses embedded in it ("were
   abducted by gunmen in the heart of the capital in August 2016": the phrase hangs from
   "capital" in the parse, but no other clause claims it), the nearest first;
3. the time a "when" clause modifies ("in 1989, when it crushed the protests");
4. the time tied to a verb coordinated with the trigger that shares its subject ("met with
   and prayed over him in late September", "was arrested on Monday and charged"): one
   predicate, two acts, one time;
5. the time of the statement that reports the event ("said on Tuesday that it would
   ...") — but not through a clause that describes a noun ("charges that he threatened
   her" happened before the plea was announced, not when).

Only a date or a time of day dates an event: a duration ("hours after"), a set ("every
week") or a vague reference ("earlier", "recently") says nothing of the day, so the event
is dated as if the text gave no time (see ``dating``).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.extract.events.context import char_end, within

# Clauses embedded in an event's clause: their times are their own events'.
EMBEDDED_CLAUSES = frozenset(
    {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass"}
)
# Clauses that describe a noun: the time of the statement above does not reach them.
NOUN_CLAUSES = frozenset({"relcl", "acl"})
MAX_CLIMB = 12
# Links by which a time phrase hangs from the word it dates.
TIME_DEPS = frozenset({"prep", "npadvmod", "tmod", "advmod", "nmod", "pobj"})
DATING_TYPES = frozenset({"DATE", "TIME"})


def dates_event(time: dict[str, Any]) -> bool:
    """Whether a time expression can date an event: a date or time of day, not a
    duration, a set or a vague past/present/future reference."""
    value = str(time.get("value") or "")
    return time.get("type") in DATING_TYPES and bool(value) and not value.endswith("_REF")


class TimeFinder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.times = [t for t in doc._.ng_times or [] if t.get("start") is not None]

    def _in(self, start: int, end: int) -> list[dict[str, Any]]:
        return [t for t in self.times if within(t, start, end)]

    def tied(self, heads: list[Token]) -> dict[str, Any] | None:
        for head in heads:
            for child in head.children:
                if child.dep_ not in TIME_DEPS:
                    continue
                for time in self._in(child.left_edge.idx, char_end(child.right_edge)):
                    if dates_event(time):
                        return time
        return None

    def in_clause(self, trigger: Token, triggers: frozenset[int]) -> dict[str, Any] | None:
        clause = clause_head(trigger)
        inside = [
            t for t in self._in(clause.left_edge.idx, char_end(clause.right_edge)) if dates_event(t)
        ]
        if inside:  # (most clauses hold no time: the embedded clauses are found only if one does)
            excluded = [
                (c.left_edge.idx, char_end(c.right_edge))
                for t in clause.subtree
                for c in t.children
                if _own_clause(c, triggers) and not c.left_edge.i <= trigger.i <= c.right_edge.i
            ]
            inside = [t for t in inside if not any(within(t, s, e) for s, e in excluded)]
        if inside:
            return min(inside, key=lambda t: (abs(t["start"] - trigger.idx), t["start"]))
        if clause.dep_ in {"relcl", "advcl"} and any(
            c.lower_ == "when" and c.dep_ == "advmod" for c in clause.children
        ):
            head = clause.head
            for time in self._in(head.idx, char_end(head)):
                if dates_event(time):
                    return time
        return None

    def shared(self, trigger: Token) -> dict[str, Any] | None:
        """The time tied to a verb coordinated with ``trigger`` without a subject of its
        own (either way: the trigger's conjunct, or the verb the trigger is one of)."""
        verbs = [c for c in trigger.children if c.dep_ == "conj" and not _has_subject(c)]
        if trigger.dep_ == "conj" and not _has_subject(trigger):
            verbs.append(trigger.head)
        verbs = [v for v in verbs if v.pos_ in {"VERB", "AUX"}]
        return self.tied(verbs) if verbs else None


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children)


def _own_clause(token: Token, triggers: frozenset[int]) -> bool:
    """Whether ``token`` heads an embedded clause with times of its own: a finite or
    infinitive clause, or one whose verb is an event trigger. A bare participle that
    describes a noun ("gunmen wearing uniforms") is not one: the parser often hangs the
    main clause's time phrases from it."""
    if token.dep_ not in EMBEDDED_CLAUSES or token.pos_ not in {"VERB", "AUX"}:
        return False
    participle = token.tag_ in {"VBG", "VBN"} and not any(
        c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "mark"} for c in token.children
    )
    return not participle or token.i in triggers


def clause_head(token: Token) -> Token:
    """The verb whose clause holds ``token`` (``token`` itself for a verb)."""
    for _ in range(MAX_CLIMB):
        if token.pos_ in {"VERB", "AUX"} or token.head.i == token.i:
            return token
        token = token.head
    return token


def reaches(trigger: Token, statement: Token) -> bool:
    """Whether the statement's time reaches the event: no clause describing a noun lies
    between them."""
    token = trigger
    for _ in range(MAX_CLIMB):
        if token.i == statement.i or token.head.i == token.i:
            break
        if token.dep_ in NOUN_CLAUSES:
            return False
        token = token.head
    return True


def event_time(
    finder: TimeFinder,
    heads: list[Token],
    trigger: Token,
    statement: Token | None,
    triggers: frozenset[int],
) -> str | None:
    """The id of the time expression that dates the event, or None (see the module).
    ``triggers``: the token indices of the sentence's event triggers."""
    time = finder.tied(heads) or finder.in_clause(trigger, triggers)
    if time is None and trigger.pos_ in {"VERB", "AUX"}:
        time = finder.shared(trigger)
    if time is None and statement is not None and reaches(trigger, statement):
        time = finder.tied([statement])
    return str(time["id"]) if time is not None else None
