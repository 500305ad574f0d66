"""Actors: who takes part. Mentions of people and organisations (``mentions``), role and
title words (``role_words``, ``roles``), the user-extendable actor ``dictionary``, country
``demonyms``, in-document linking of mentions into actors (``linking``), and the spaCy
component that writes ``Doc._.ng_actors`` (``component``)."""
