# The two commands: `make run` and `make test`. Each sets up .venv first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: run test venv clean bench data

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# doclint.rxcache: the engine's regexes compiled once for this interpreter (start-up -40 ms)
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m doclint.rxcache
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m doclint.rxcache
	touch $@ $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/doclint report seeds/ --out reports/

test: $(TSTAMP)
	sh scripts/install-browser.sh
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

# regenerate the shipped derived data after editing a pack, the knowledge base, or a pin
data: $(TSTAMP)
	$(BIN)/python tools/compile_yaml.py --write
	$(BIN)/python tools/build_knowledge.py --write
	$(BIN)/python tools/build_lexicon.py --write
	$(BIN)/python tools/build_langdetect_profiles.py --write
	$(BIN)/python tools/rules_table.py --write

clean:
	rm -rf $(VENV) reports .doclint_cache .pytest_cache .hypothesis
