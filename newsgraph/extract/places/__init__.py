"""Toponyms: find place mentions (``mentions``), resolve them against the offline
``gazetteer`` (``resolve``), and the spaCy component that writes ``Doc._.ng_places``
(``component``)."""
