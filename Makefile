# vast-openapi: small named targets. `make test` installs whatever it needs first.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MOCK_PORT ?= 4010
# Our tools first: the generator's post-hooks and the tests call ruff, python and prism by name.
export PATH := $(CURDIR)/$(VENV)/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: help setup generate lint test mock proxy contract bench fuzz clean

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(VENV)/.installed node_modules/.installed  ## Install Python and node tools (idempotent).

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: setup  ## Regenerate generated/ from openapi/vast.yaml.
	$(PY) tools/generate.py

lint: setup  ## ruff, mypy --strict, and both spec linters.
	ruff check .
	ruff format --check .
	mypy
	openapi-spec-validator openapi/vast.yaml
	spectral lint --fail-severity warn --quiet openapi/vast.yaml

test: setup lint  ## Everything: lint, drift check, and the whole pytest suite.
	$(PY) tools/generate.py --check
	$(PY) -m pytest

clean:  ## Remove installed tools and caches.
	rm -rf $(VENV) node_modules build .mypy_cache .ruff_cache .pytest_cache .hypothesis
