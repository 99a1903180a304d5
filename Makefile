# Two commands for a fresh clone (Python 3.11): `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: venv site test serve validate build lint bench lock clean screenshots

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: requirements.lock | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(VENV)/.dev-deps: requirements-dev.lock $(VENV)/.site-deps
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

## venv: create .venv with every pinned dependency (site and tests)
venv: $(VENV)/.dev-deps

## site: build the whole site into site/ (creates .venv and installs pinned dependencies first)
site: $(VENV)/.site-deps
	$(PY) -m generator build --site

## build: regenerate docs/generated only
build: $(VENV)/.site-deps
	$(PY) -m generator build

## validate: check every record and print problems as path:line: message
validate: $(VENV)/.site-deps
	$(PY) -m generator validate

## serve: preview with live reload at http://127.0.0.1:8000/ (re-run `make build` after editing records)
serve: $(VENV)/.site-deps
	$(PY) -m generator build
	$(PY) -m mkdocs serve --watch data --watch generator/render/templates

## lint: ruff (lint and format check) and mypy
lint: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## test: lint, then every test (the browser tests need Debian's chromium at /usr/bin/chromium)
test: lint
	$(PY) -m pytest -q

## bench: time the build at 100, 1,000 and 10,000 events (QUICK=1: only 100 and 1,000)
bench: $(VENV)/.dev-deps
	$(PY) benchmarks/bench_build.py $(if $(QUICK),--quick,)

## screenshots: each page type at 1280 and 390 px, light and dark, into screenshots/ (builds the site first)
screenshots: $(VENV)/.dev-deps site
	$(PY) tests/screenshots.py --site site --out screenshots

## lock: re-pin dependencies with hashes after editing requirements*.in
lock: $(VENV)/.dev-deps
	$(VENV)/bin/uv pip compile requirements.in --generate-hashes --python-version 3.11 --no-header -q -o requirements.lock
	$(VENV)/bin/uv pip compile requirements-dev.in --generate-hashes --python-version 3.11 --no-header -q -o requirements-dev.lock

clean:
	rm -rf site docs/generated .build screenshots
