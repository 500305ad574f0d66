# Two commands for a fresh machine: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= newsgraph.duckdb

VENDOR := newsgraph/web/static/vendor
VENDOR_STAMP := $(VENDOR)/.vendored

.PHONY: setup vendor demo test check lint typecheck eval docs clean

# Re-install only when the project metadata changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Front-end libraries from npm, copied into the package so the dashboard works offline.
$(VENDOR_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/d3/dist/d3.min.js $(VENDOR)/d3.min.js
	cp node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/topojson-client.min.js
	cp node_modules/world-atlas/countries-110m.json $(VENDOR)/countries-110m.json
	cp node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/cytoscape.min.js
	for p in d3 topojson-client world-atlas cytoscape; do \
		cp node_modules/$$p/LICENSE $(VENDOR)/LICENSE.$$p; done
	touch $(VENDOR_STAMP)

vendor: $(VENDOR_STAMP)

setup: $(STAMP) $(VENDOR_STAMP)

demo: setup
	$(BIN)/newsgraph demo --db $(DB)

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check newsgraph tests
	$(BIN)/ruff format --check newsgraph tests

typecheck: setup
	$(BIN)/mypy

check: lint typecheck test

# Rewrite the generated blocks of README.md and docs/ (tests/test_docs.py checks them).
docs: setup
	$(BIN)/python scripts/update_docs.py

eval: setup
	$(BIN)/newsgraph eval extraction ../shared/data/extraction

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache node_modules $(VENDOR)
