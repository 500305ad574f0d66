"""Events: PLOVER-typed happenings. Trigger words from the ``lexicon`` (``triggers``), who
did it to whom (``arguments``), where and when (``context``), asserted or not
(``modality``), and the spaCy component that writes ``Doc._.ng_events`` (``component``)."""
