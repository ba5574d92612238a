# The two commands a newcomer needs: `make run` and `make test`. Each one creates the virtual
# environment and installs what it needs the first time (and again when pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml 2>/dev/null | cut -c1-12)

.PHONY: run test lint typecheck pytest docs clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

## Start OpenContact with its embedded defaults: SQLite in ./.opencontact, the simulated
## carrier and the demo instance, on http://127.0.0.1:8080.
run: $(STAMP)
	$(BIN)/opencontact serve --demo

## The whole test suite: lint, type check, then every test (PostgreSQL tests run when the
## server on 127.0.0.1:5432 answers; CI makes them mandatory).
test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

## Regenerate docs/connect-api.md from the operation registry.
docs: $(STAMP)
	$(BIN)/python -m opencontact.api.connect.docs > docs/connect-api.md

clean:
	rm -rf $(VENV) .opencontact .mypy_cache .pytest_cache .ruff_cache
