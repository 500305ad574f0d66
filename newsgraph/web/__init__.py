"""Server-rendered dashboard pages and their static assets (shipped in the package)."""
