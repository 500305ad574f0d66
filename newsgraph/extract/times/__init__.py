"""Time expressions: find them (``spans``), normalise them to TIMEX3 values against the
document's reference time (``normalise``, with ``timex`` arithmetic and the ``words`` data),
and the spaCy component that writes ``Doc._.ng_times`` (``component``)."""
