# Akkoord: `make demo` sets everything up and serves the platform with example data;
# `make test` sets everything up and runs every test.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= akkoord.config.settings.base


.PHONY: pdf-libs
.PHONY: demo test test-only lint api-rules lock check-schema schema messages check-messages bench setup chromium gettext clean help

help:
	@echo "make demo    set up and serve Akkoord on http://127.0.0.1:8000 with example data"
	@echo "make test    set up and run every test (unit, API, CLI, end-to-end in Chromium)"
	@echo "make lint    ruff, mypy, import-linter, migrations, translations, API schema and NL API rules"
	@echo "make bench   run the benchmarks in benchmarks/"

# The versions are pinned in requirements-dev.lock (pip-tools; `make lock` renews it).
$(STAMP): pyproject.toml requirements-dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements-dev.lock -e ".[dev]"
	@touch $@

# Pin every dependency: requirements.lock for a server, requirements-dev.lock for tests and CI.
lock: $(STAMP)
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(BIN)/pip-compile -q --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.lock pyproject.toml

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(STAMP) node_modules/.package-lock.json pdf-libs

# WeasyPrint (PDF session lists and badges) needs Pango from Debian.
pdf-libs:
	@if ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Pango for the PDF exports"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	else \
	  echo "PDF exports need Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 (the rest works without)"; \
	fi

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Debian's chromium for the end-to-end tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The end-to-end tests need Debian's chromium at /usr/bin/chromium."; \
	  echo "Install it with: sudo apt-get install chromium   (then run make test again)"; \
	  exit 1; \
	fi

# gettext's msgfmt and msgcmp check the Dutch catalogue in `make lint`.
gettext:
	@if command -v msgfmt >/dev/null && command -v msgcmp >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	else \
	  echo "make lint needs GNU gettext: sudo apt-get install gettext"; exit 1; \
	fi

demo: setup
	$(BIN)/akkoord demo

test: setup chromium test-only

# The whole suite; pytest's exit code 5 (no tests collected) counts as a failure.
test-only:
	@$(BIN)/pytest -q -p no:randomly; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "No tests were collected: failing."; exit 1; fi; exit $$rc

lint: setup gettext
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/akkoord makemigrations --check --dry-run
	$(BIN)/python tools/audit_dependencies.py
	$(MAKE) --no-print-directory check-messages check-schema api-rules

# The NL API Design Rules (Logius's Spectral ruleset, copied in docs/api/): no error allowed.
api-rules:
	npx --no-install spectral lint --fail-severity error --display-only-failures \
	  -r docs/api/nl-api-design-rules.yaml docs/api/openapi.yaml

# The committed OpenAPI schema must match what the code generates.
schema: setup
	$(BIN)/akkoord spectacular --lang en --file docs/api/openapi.yaml --validate --fail-on-warn

check-schema:
	@$(BIN)/akkoord spectacular --lang en --file /tmp/akkoord-openapi.yaml --validate --fail-on-warn
	@diff -u docs/api/openapi.yaml /tmp/akkoord-openapi.yaml > /tmp/akkoord-openapi.diff \
	  || (cat /tmp/akkoord-openapi.diff; echo "docs/api/openapi.yaml is out of date: run make schema"; exit 1)
	@echo "API schema: up to date"

# Extract the English msgids and compile the Dutch catalogue.
messages: setup gettext
	cd src/akkoord && ../../$(BIN)/akkoord makemessages -l nl --no-location --no-obsolete -i "engines/*"
	cd src/akkoord && ../../$(BIN)/akkoord compilemessages -l nl

check-messages:
	@$(BIN)/python tools/check_translations.py

bench: setup
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/assignment.py
	$(BIN)/python benchmarks/report.py
	$(BIN)/python benchmarks/finance.py

clean:
	rm -rf $(VENV) node_modules var/static
