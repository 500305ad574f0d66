"""The HTTP server: ``app.create_app`` assembles the API and the dashboard; ``requests``
holds what both read from a request. ``newsgraph serve`` runs it."""
