# The two commands a newcomer needs: `make run` and `make test`. Each one creates the virtual
# environment and installs what it needs the first time (and again when pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml 2>/dev/null | cut -c1-12)
# The browser tests (tests/e2e) drive Debian's Chromium, not a browser Playwright downloads.
CHROMIUM := /usr/bin/chromium

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

pytest: $(STAMP) $(CHROMIUM)
	$(BIN)/pytest

## Only when /usr/bin/chromium is missing: install Debian's chromium package (and
## fonts-liberation, so that screenshots have readable text) with apt-get, as root or with
## sudo. The package lists are refreshed only if apt-get does not know chromium yet or the
## first attempt fails (stale lists); if another apt-get is running, this one waits for it.
APT := env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600
$(CHROMIUM):
	@echo "The browser tests need $(CHROMIUM): installing Debian's chromium package with apt-get."
	@command -v apt-get >/dev/null || { echo "make: no apt-get here; install Chromium so that \
	$(CHROMIUM) exists, then run make test again." >&2; exit 1; }; \
	if [ "$$(id -u)" = 0 ]; then as_root=; \
	elif command -v sudo >/dev/null; then as_root=sudo; \
	else echo "make: installing Chromium needs root and there is no sudo; as root run \
	'apt-get install chromium fonts-liberation', then make test again." >&2; exit 1; fi; \
	install="$$as_root $(APT) install -y --no-install-recommends chromium fonts-liberation"; \
	apt-cache show chromium >/dev/null 2>&1 || $$as_root $(APT) update; \
	$$install || { $$as_root $(APT) update && $$install; }
	@test -x $@ || { echo "make: apt-get finished but $@ is still missing." >&2; exit 1; }

## Regenerate docs/connect-api.md from the operation registry.
docs: $(STAMP)
	$(BIN)/python -m opencontact.api.connect.docs > docs/connect-api.md

clean:
	rm -rf $(VENV) .opencontact .mypy_cache .pytest_cache .ruff_cache
