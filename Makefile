# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test fuzz check bench clean

run: $(STAMP)
	$(BIN)/reader

# Two test processes a core (at least 2, at most 8): the Pilot sessions spend
# about half their time waiting on the app's own timers (the settle delay after
# a keystroke, the typing pause before the later snippets), and a second
# process a core works meanwhile (on 2 cores: 255 s instead of 336 s).
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(min(8, max(2, 2 * (os.cpu_count() or 1))))')

test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

# The whole-app fuzzer at full length (300 runs of 40 steps; tens of minutes) and
# 2,500 generated queries held to one second each at 10,000 articles, with each
# search engine (the query fuzzer runs once per engine by itself); and the
# Tantivy index kept the size of a fresh one over 1,000 incremental updates.
fuzz: $(STAMP)
	READER_FUZZ=full $(BIN)/python -m pytest -q tests/tui/test_app_fuzz.py tests/unit/test_query_fuzz.py \
		tests/unit/test_tantivy_engine.py::test_many_incremental_updates_keep_the_index_the_size_of_a_fresh_one
	READER_FUZZ=full READER_INDEX_ENGINE=tantivy $(BIN)/python -m pytest -q tests/tui/test_app_fuzz.py

# Lint and format (ruff), the architecture's import rules (import-linter) and
# types (mypy: strict on the headless core); their settings are in pyproject.toml.
check: $(STAMP)
	$(BIN)/ruff check reader tests benchmarks
	$(BIN)/ruff format --check reader tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy

# Reader beside SQLite FTS5 (benchmarks/side_by_side.py); 100,000 articles take very long.
# The earlier summary run is `$(BIN)/python -m benchmarks` (no --size).
bench: $(STAMP)
	$(BIN)/python -m benchmarks --size 10000 --json benchmarks/results/side-10000.json
	$(BIN)/python -m benchmarks --size 100000 --json benchmarks/results/side-100000.json

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Reader needs Python 3.11 or newer (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# whoosh3 replaced whoosh-reloaded (both install the package `whoosh`):
	@# a venv made before must not keep both.
	$(BIN)/python -m pip uninstall --quiet --yes whoosh-reloaded 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -e '.[test,tantivy]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info
