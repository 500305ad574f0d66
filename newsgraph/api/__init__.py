"""REST API (FastAPI) over the store; build the app with ``newsgraph.api.app.create_app``."""
