# Library Service Desk. `make run` and `make test` each work from a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(VENV)/bin/pip
PORT   ?= 8000
# Faster than one process even on 2 cores: much of the suite waits on
# subprocesses, a Celery worker, the live server and Chromium.
PYTEST_WORKERS ?= 2
STAMP   = $(VENV)/.installed

.PHONY: run test lint typecheck bench install migrate seed clean dataset

$(STAMP): requirements/base.txt requirements/dev.txt requirements/lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements/dev.txt -c requirements/lock.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

## make run: the app with demo data, a Celery worker and beat, on PORT (8000).
run: seed
	PORT=$(PORT) $(PY) -m config.devserver

## make test: lint, the layer contracts (lint-imports, pyproject.toml), type
## check, no missing migration, and the whole suite in a random order
## (PostgreSQL if DATABASE_URL says so), on PYTEST_WORKERS xdist
## workers (0: one process). The seed is printed at the start and the end;
## replay an order with PYTEST_ARGS="-p randomly --randomly-seed=N" (each
## worker runs a part of that order; PYTEST_WORKERS=0 runs all of it).
test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy .

## make bench: benchmarks on PostgreSQL (DATABASE_URL); see docs/benchmarks.md.
bench: install
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var db.sqlite3 staticfiles

## make bench-load: the load benchmark over real HTTP (gunicorn, Locust) on one
## machine; make bench-cluster: two web nodes behind HAProxy in network
## namespaces, one killed mid-run (as root). See docs/benchmarks.md.
LOAD_VENV ?= .venv-load
LOAD_STAMP = $(LOAD_VENV)/.installed

$(LOAD_STAMP): requirements/bench-load.txt
	test -x $(LOAD_VENV)/bin/python || $(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install --quiet -r requirements/bench-load.txt
	touch $(LOAD_STAMP)

.PHONY: bench-load bench-cluster
bench-load: install $(LOAD_STAMP)
	LOAD_VENV=$(LOAD_VENV) $(PY) -m bench.load.run $(LOAD_ARGS)

bench-cluster: install $(LOAD_STAMP)
	command -v haproxy >/dev/null || (apt-get update -qq && apt-get install -y -qq haproxy)
	LOAD_VENV=$(LOAD_VENV) $(PY) -m bench.load.cluster $(CLUSTER_ARGS)
