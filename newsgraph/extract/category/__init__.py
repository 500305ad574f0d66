"""ACLED-style event categories: a weighted ``lexicon`` over lemmas and the parse, scored
by ``scorer``, and the spaCy component that writes ``Doc._.ng_category`` (``component``)."""
