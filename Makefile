# Two commands for a fresh machine: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= newsgraph.duckdb

.PHONY: setup demo test check lint typecheck eval clean

# Re-install only when the project metadata changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

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

eval: setup
	$(BIN)/newsgraph eval extraction ../shared/data/extraction

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
