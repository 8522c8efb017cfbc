# La Fabrique du Bocage — `make run` serves the site, `make test` runs every test.
# Both set up what is missing first (Debian packages, virtualenv, database) and are idempotent.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
BENCH_SIZES ?= 1000 10000 100000

.DEFAULT_GOAL := help
.PHONY: help setup system db deps run test lint format check bench demo clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

system:
	@scripts/setup-system.sh

db: system
	@scripts/setup-db.sh

.env:
	cp .env.example .env

$(VENV)/.deps: pyproject.toml | system
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

deps: $(VENV)/.deps

setup: system deps db .env ## Install what is missing and migrate the database
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(PY) manage.py collectstatic --noinput -v0

demo: setup ## Load (or refresh) the Bocage demo data (and, with DEBUG=1, the demo accounts)
	$(PY) manage.py load_demo
	$(PY) manage.py load_demo_accounts
	$(PY) manage.py load_demo_contact

run: demo ## Set up, load the demo data, serve http://127.0.0.1:$(PORT) and run the task worker
	@echo "Essayer le côté hôte : http://127.0.0.1:$(PORT)/compte/login/ avec un compte ci-dessus."
	@# The task worker runs beside the server; Ctrl-C (or the server's end) stops both.
	@export PORT=$(PORT); $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup ## Set up, then run the whole test suite (unit, API, database, browser)
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n 2 --dist loadgroup

check: setup ## Django's system checks, including the production ones
	$(PY) manage.py check --fail-level WARNING
	DEBUG=0 SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
		ALLOWED_HOSTS=bocage.example $(PY) manage.py check --deploy --fail-level WARNING

lint: deps ## Ruff: lint and formatting
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup ## Benchmarks (not run by CI): BENCH_SIZES="1000 10000 100000"
	DB_NAME=fabrique_bench scripts/setup-db.sh
	$(PY) -m bench $(BENCH_SIZES)

clean: ## Remove the virtualenv and generated files (not the database)
	rm -rf $(VENV) var *.egg-info .pytest_cache
