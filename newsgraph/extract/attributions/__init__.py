"""Attributions: who says so. Quoted regions (``quotes``), speech and cue constructions
(``speech``), the trained cue model (``cue_model``, ``cue_features``, ``cue_scoring``),
hedges (``hedges``), source typing (``sources``), the cue/hedge/source ``lexicon``, and the
spaCy component that writes ``Doc._.ng_attributions`` (``component``)."""
