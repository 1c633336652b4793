# Everyday commands. Each target bootstraps .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
AS_OF  ?=

.PHONY: site test serve validate lint goldens docs bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamps record which extras are installed; pyproject.toml or requirements.txt changes
# reinstall. requirements.txt pins every package to the versions the tests passed with.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.txt
	$(BIN)/python -m pip install --quiet -c requirements.txt -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml requirements.txt
	$(BIN)/python -m pip install --quiet -c requirements.txt -e '.[test]'
	touch $@ $(VENV)/.installed

site: $(VENV)/.installed  ## Validate content/ and build the site into site/
	$(BIN)/pledgewatch build --out site $(if $(AS_OF),--as-of $(AS_OF))
	@echo "Site built in site/. Preview it with: $(BIN)/pledgewatch serve"

validate: $(VENV)/.installed  ## Check content/ and report every problem
	$(BIN)/pledgewatch validate

serve: $(VENV)/.installed  ## Live preview on http://127.0.0.1:8000/
	$(BIN)/pledgewatch serve

test: $(VENV)/.installed-test  ## Run the whole test suite
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check pledgewatch tests benchmarks

bench: $(VENV)/.installed  ## Measure validate and build against libyaml and bare MkDocs; writes benchmarks/RESULTS.md
	$(BIN)/python -m benchmarks.bench

goldens: $(VENV)/.installed-test  ## Regenerate tests/golden from tests/fixtures/site
	$(BIN)/python -m tests.regen_goldens

docs: $(VENV)/.installed  ## Regenerate the field tables of docs/records.md from pledgewatch/core/schema.py
	$(BIN)/python -m pledgewatch.outputs.records_doc docs/records.md

lock:  ## Re-pin requirements.txt to the newest versions pyproject.toml allows (then run make test)
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[test]'
	{ echo "# Exact versions for make site and make test (pip install -c requirements.txt)."; \
	  echo "# Written by make lock; Dependabot proposes updates, the tests decide."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable --all | grep -v '^pip=='; \
	} > requirements.txt
	rm -rf .venv-lock

clean:
	rm -rf site .pytest_cache test-output
