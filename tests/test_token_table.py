"""The shared token table must say what the Tokens say, for every token."""

from __future__ import annotations

from newsgraph.nlp.extensions import token_table


def test_token_table_matches_token_attributes(nlp):
    text = (
        "Officials in Kharkiv SAID on Tuesday that the U.S. would send   aid.\n\n"
        "“We’re sure,” she added — İzmir’s mayor disagreed… 3,000 people wAlKeD out."
    )
    doc = nlp(text)
    table = token_table(doc)
    assert len(table.lower) == len(table.lemma) == len(table.pos) == len(doc)
    for i, token in enumerate(doc):
        assert table.lower[i] == token.lower_
        assert table.lemma[i] == token.lemma_.lower()
        assert table.pos[i] == token.pos_
    assert token_table(doc) is table  # built once per document


def test_token_table_is_rebuilt_for_a_different_document(nlp):
    doc = nlp("Rain fell.")
    doc.user_data["newsgraph_tokens"] = token_table(nlp("A much longer sentence than that."))
    assert token_table(doc).lower == ["rain", "fell", "."]
    assert token_table(nlp.make_doc("")).pos == []
