# vast-openapi: small named targets. `make test` installs whatever it needs first.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MOCK_PORT ?= 4010
# Our tools first: the generator's post-hooks and the tests call ruff, python and prism by name.
export PATH := $(CURDIR)/$(VENV)/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: help setup browser redis generate lint check unit test mock proxy contract bench fuzz mutate clean types types-check mock-tools mock-tools-check

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(VENV)/.installed node_modules/.installed  ## Install Python and node tools (idempotent).

$(VENV)/.installed: pyproject.toml
	$(MAKE) --no-print-directory mock-tools-check
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# `make mock` installs only what the mock needs (the `mock` extra, npm's dependencies without the
# devDependencies), unless `make setup` already installed everything. One line says what is too old;
# a .venv made by an older Python is made again.
PYTHON_MIN := 3.11
NODE_MIN := 20
mock-tools-check:
	@command -v python3 >/dev/null || { echo "make mock needs Python $(PYTHON_MIN) or newer: python3 is not installed"; exit 1; }
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "make mock needs Python $(PYTHON_MIN) or newer; python3 is $$(python3 -V 2>&1 | cut -d' ' -f2)"; exit 1; }
	@command -v node >/dev/null || { echo "make mock needs node $(NODE_MIN) or newer: node is not installed"; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < $(NODE_MIN) ? 1 : 0)' || \
		{ echo "make mock needs node $(NODE_MIN) or newer; node is $$(node -v)"; exit 1; }
	@if [ -e $(VENV) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
		echo "$(VENV) was made by another Python: making it again"; rm -rf $(VENV); fi

# The mock's Python packages as pyproject.toml lists them (its runtime deps and the `mock` extra),
# without building the project: serve.py imports vast_wrapper, tools and mock from the source tree.
MOCK_REQUIREMENTS := import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	print("\n".join(p["dependencies"] + p["optional-dependencies"]["mock"]))
$(VENV)/.mock-installed: pyproject.toml
	if [ -f $(VENV)/.installed ] && [ $(VENV)/.installed -nt pyproject.toml ]; then :; else \
		test -x $(PY) || python3 -m venv $(VENV); \
		python3 -c '$(MOCK_REQUIREMENTS)' | $(PY) -m pip install --quiet --disable-pip-version-check -r /dev/stdin; fi
	touch $@

node_modules/.mock-installed: package.json package-lock.json
	if [ -f node_modules/.installed ] && [ node_modules/.installed -nt package-lock.json ]; then :; else \
		npm ci --omit=dev --no-audit --no-fund --loglevel=error; fi
	touch $@

# Python's and node's installs run side by side: the first start is their longest, not their sum.
mock-tools: mock-tools-check
	$(MAKE) --no-print-directory -j2 $(VENV)/.mock-installed node_modules/.mock-installed

generate: setup  ## Regenerate generated/ from openapi/vast.yaml.
	$(PY) tools/generate.py

lint: setup  ## ruff, mypy --strict, and both spec linters.
	ruff check .
	ruff format --check .
	mypy
	openapi-spec-validator openapi/vast.yaml
	spectral lint --fail-severity warn --quiet openapi/vast.yaml

# The mock's settings reach serve.py as data (MAKE_MOCK_PORT, MOCK_*), never through a shell: see CONTRACT_SETTINGS.
MOCK_SETTINGS := LIFECYCLE RATE_LIMIT LATENCY
unexport MOCK_PORT $(addprefix MOCK_,$(MOCK_SETTINGS))
mock proxy: export MAKE_MOCK_PORT := $(value MOCK_PORT)
$(foreach v,$(MOCK_SETTINGS),$(eval mock: export MAKE_MOCK_$(v) := $$(value MOCK_$(v))))
mock: mock-tools  ## Serve the mock at http://127.0.0.1:4010 until Ctrl-C (MOCK_PORT, MOCK_RATE_LIMIT, ...: mock/README.md).
	$(PY) mock/serve.py

PROXY_SETTINGS := UPSTREAM CONSOLE_UPSTREAM RUN_UPSTREAM
unexport $(PROXY_SETTINGS)
$(foreach v,$(PROXY_SETTINGS),$(eval proxy: export PROXY_$(v) := $$(value $(v))))
proxy: setup  ## Validating proxy in front of console.vast.ai and run.vast.ai (or UPSTREAM=, CONSOLE_UPSTREAM=, RUN_UPSTREAM=).
	$(PY) mock/serve.py --proxy

# The contract runner reads these as CONTRACT_* environment variables: $(value ...) hands make
# the text as typed, and no recipe line holds it, so a value is data, never shell or make code.
CONTRACT_SETTINGS := BASE_URL CONSOLE_URL RUN_URL INSTANCE_ID ENDPOINT_ID AUTOGROUP_ID BUDGET DEADLINE \
	MAX_EXAMPLES SEED REQUIRE_REAL_BODIES REPORT_DIR
# Make exports command-line variables, expanding them ($(shell ...) included): not these.
unexport $(CONTRACT_SETTINGS)
$(foreach v,$(CONTRACT_SETTINGS),$(eval contract: export CONTRACT_$(v) := $$(value $(v))))
contract: setup  ## Contract suite: make contract BASE_URL=... [INSTANCE_ID= SEED= DEADLINE= ...]; see README.
	$(PY) -m tools.contract

browser:  ## Install Debian's chromium for the browser test, if missing (apt-get, as root).
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
		else echo "The browser test needs chromium: run 'sudo apt-get install chromium'"; exit 1; fi; }

redis:  ## Install Debian's redis-server for the pacing tests, if missing (apt-get, as root).
	@command -v redis-server >/dev/null || test -x /usr/bin/redis-server || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server; \
		else echo "The pacing tests need redis-server: run 'sudo apt-get install redis-server'"; exit 1; fi; }

check: lint types-check  ## lint, the drift check of generated/ and frontend/ against the spec, tsc on the example.
	$(PY) tools/generate.py --check

# TypeScript types for frontends, from the same spec: openapi-typescript (pinned in package.json).
TS_TYPES := frontend/vast-api.d.ts
types: setup  ## Regenerate frontend/vast-api.d.ts from openapi/vast.yaml.
	openapi-typescript openapi/vast.yaml --output $(TS_TYPES)

types-check: setup  ## The committed TypeScript types match the spec (make types), and frontend/example.ts compiles.
	openapi-typescript openapi/vast.yaml --output $(TS_TYPES) --check || { echo "$(TS_TYPES) is stale: run make types"; exit 1; }
	tsc --noEmit -p frontend

# Test runs keep compiled bytecode (__pycache__, ignored by git) even where the environment says
# not to: compiling and assert-rewriting every module again is a third of `make unit`.
unit test fuzz: export PYTHONDONTWRITEBYTECODE :=

# The fast layer needs no pytest plugin but the timeout and xdist (a worker per core): loading
# schemathesis's, hypothesis's and coverage's at start-up is a tenth of its time.
unit: export PYTEST_DISABLE_PLUGIN_AUTOLOAD := 1
unit: setup  ## The fast layer alone: no mock, no processes or sockets, no properties (seconds).
	$(PY) -m pytest -q -p pytest_timeout -p xdist -n auto -m "not mock and not process and not property"

# Branch coverage of vast_wrapper, mock and tools over the whole suite, child processes included
# (coverage's subprocess patch: the CLI, the mock's server, the contract suite); below 90% fails.
COVERAGE := --cov --cov-report=term --cov-fail-under=90
# Workers for the whole suite: its tests mostly wait on servers and child processes, so more
# workers than cores pay. TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 4
unexport TEST_WORKERS
test: export MAKE_TEST_WORKERS := $(value TEST_WORKERS)
# Vast's official CLI, in its own environment: the mock's tests and the benchmarks run it.
VASTAI := .bench-venv/vastai
$(VASTAI)/bin/vastai:
	python3 -m venv $(VASTAI)
	$(VASTAI)/bin/pip install --quiet --disable-pip-version-check vastai==1.9.1

test: setup browser redis check $(VASTAI)/bin/vastai  ## Everything: lint, drift check, the whole pytest suite with coverage.
	@[[ "$$MAKE_TEST_WORKERS" =~ ^[0-9]{1,2}$$ ]] || { echo "TEST_WORKERS must be a number of workers (0-99), not '$$MAKE_TEST_WORKERS'"; exit 2; }
	$(PY) -m pytest $(COVERAGE) -n "$$MAKE_TEST_WORKERS"

BENCH := .bench-venv
bench: setup redis $(VASTAI)/bin/vastai  ## Benchmarks vs raw httpx and vastai 1.9.1 (own environments); writes bench/README.md.
	test -x $(BENCH)/clean/bin/python || python3 -m venv $(BENCH)/clean
	$(BENCH)/clean/bin/pip install --quiet --disable-pip-version-check --force-reinstall .
	$(PY) bench/run.py --vastai-bin $(VASTAI)/bin --clean-bin $(BENCH)/clean/bin --write bench/README.md

# mutmut runs each mutant in a forked worker against only the fast tests that reach the mutated
# function; `mutants/` caches verdicts, so a rerun checks only what changed. Not part of `make test`:
# vast_wrapper's 3,323 mutants took 15 min on 2 quiet cores; mock's 3,563 about 50 min and tools'
# 3,625 about 35 on busy ones. MUTANTS is a mutant-name glob, passed as data: `make mutate MUTANTS='mock.*'`
# (it checks every mutant it names again). Judged survivors: tests/mutation-survivors.md.
unexport MUTANTS
mutate: export MAKE_MUTANTS := $(value MUTANTS)
mutate: setup  ## Mutation testing of vast_wrapper/, mock/, tools/ over the fast layer (MUTANTS='vast_wrapper.*').
	$(PY) -m mutmut run $${MAKE_MUTANTS:+"$$MAKE_MUTANTS"}
	$(PY) -m mutmut results

fuzz: setup  ## Property tests with 100,000 generated bodies (make test runs 2,000).
	VAST_FUZZ_EXAMPLES=100000 $(PY) -m pytest -m property -o timeout=0 -q

clean:  ## Remove installed tools and caches.
	rm -rf $(VENV) node_modules build .mypy_cache .ruff_cache .pytest_cache .hypothesis mutants
