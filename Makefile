# Two commands set everything up on a fresh machine:
#   make run   - create .venv, install, run the pipeline offline on the embedded review -> outputs/
#   make test  - create .venv, install (with test extras), run the default test suite
PYTHON ?= python3
VENV ?= .venv
OUT ?= outputs
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install clean-outputs fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/evidence run --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean-outputs:
	rm -rf $(OUT)/*.jsonl $(OUT)/*.json $(OUT)/*.csv $(OUT)/*.parquet $(OUT)/*.html $(OUT)/*.sqlite

# Property-based tests with 10,000 cases each (the default suite runs a small budget).
fuzz: $(STAMP)
	EVIDENCE_HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -k "propert" tests
