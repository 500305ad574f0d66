"""The JSON API under ``/api`` (FastAPI routers); ``newsgraph.server.app`` assembles it with
the dashboard into one application."""
