# infoview: the two commands in the README are `make demo` and `make test`.
# Each creates .venv and installs what it needs by itself.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo
# Options for `make app` and `make lab`, e.g. ARGS="--workbook demo/ana.infoview --port 8866".
ARGS ?=
# The browser test drives Debian's chromium (Playwright cannot download a browser here).
CHROMIUM ?= /usr/bin/chromium
# The accessibility test injects axe-core (from npm, this version) into the pages.
AXE_CORE_VERSION ?= 4.14.1
AXE_CORE := node_modules/.axe-core-$(AXE_CORE_VERSION)
# The test suite runs in this many processes (pytest-xdist), a file's tests in one of them.
TEST_WORKERS ?= 2
# The JupyterHub test's environment: Debian's Python, in a folder its test users can read.
HUB_ENV ?= /opt/infoview-hub-test

.PHONY: demo test lint typecheck unit hub-env bench lock clean notebooks app lab

demo: $(VENV)/.runtime ## Build the sample cohort's workbooks, print their status, make their PDF reports
	$(BIN)/infoview demo --dir $(DEMO_DIR)

test: $(VENV)/.dev lint typecheck unit ## Lint, type-check and run the whole test suite

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy

unit: $(VENV)/.dev $(CHROMIUM) $(AXE_CORE) hub-env
	INFOVIEW_HUB_TEST_ENV=$(HUB_ENV) $(BIN)/pytest --numprocesses $(TEST_WORKERS) --dist loadfile

# Built once (as root), then again only when the pins change; see the script.
hub-env:
	bash scripts/ensure-hub-test-env.sh $(HUB_ENV)

bench: $(VENV)/.dev hub-env ## Print the speed benchmarks' figures
	$(BIN)/python benchmarks/status_summary.py
	$(BIN)/python benchmarks/coaching_checks.py
	$(BIN)/python benchmarks/coach_accuracy.py
	$(BIN)/python benchmarks/notebook_startup.py
	$(BIN)/python benchmarks/app_memory.py
	$(BIN)/python benchmarks/page_load.py
	$(BIN)/python benchmarks/linkedin_import.py
	$(BIN)/python benchmarks/cohort_reports.py
	INFOVIEW_HUB_TEST_ENV=$(HUB_ENV) $(BIN)/python benchmarks/hub_memory.py

app: $(VENV)/.runtime ## Serve the notebooks with Voila (text and forms, no code) and print the address
	$(BIN)/infoview app $(ARGS)

lab: $(VENV)/.runtime ## Open JupyterLab on the notebooks and print the address (with its token)
	$(BIN)/infoview lab $(ARGS)

# `make test` installs it as root when it is missing (CI, a fresh Debian machine); else says how.
$(CHROMIUM):
	@if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser test..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "The browser test needs Debian's chromium at $@: as root, run" \
			"'apt-get update && apt-get install -y chromium'." >&2; \
		exit 1; \
	fi

# axe-core into node_modules/ (git-ignored), once per version; npm from Debian when missing.
$(AXE_CORE):
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's npm for the accessibility test's axe-core..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
		else \
			echo "The accessibility test needs npm for axe-core: as root, run" \
				"'apt-get update && apt-get install -y npm'." >&2; \
			exit 1; \
		fi; \
	fi
	npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix . \
		axe-core@$(AXE_CORE_VERSION)
	rm -f node_modules/.axe-core-*
	touch $@

lock: $(VENV)/.dev ## Record the exact versions that passed, for reproducible installs
	(echo "# Exact versions that passed the test suite; 'make lock' rewrites this file."; \
		$(BIN)/pip freeze --exclude-editable --exclude infoview) > constraints.txt

clean:
	rm -rf $(VENV) $(DEMO_DIR) node_modules .mypy_cache .ruff_cache .pytest_cache

$(BIN)/python:
	bash scripts/ensure-venv-support.sh "$(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml constraints.txt | $(BIN)/python
	bash scripts/ensure-pdf-libraries.sh
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.dev: pyproject.toml constraints.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

notebooks: $(VENV)/.runtime ## Regenerate the notebooks from their .md specs (no outputs)
	for spec in notebooks/specs/*.md; do \
		$(BIN)/python -m infoview_lib.notebook_builder "$$spec" "notebooks/$$(basename "$$spec" .md).ipynb"; \
	done
	for spec in notebooks/report/*.md; do \
		$(BIN)/python -m infoview_lib.notebook_builder "$$spec" "$${spec%.md}.ipynb"; \
	done
