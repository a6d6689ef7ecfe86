# The README's commands. Each one creates .venv and installs the project when needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CORPUS ?= data/
OUT ?= out
STANCE_MODEL ?= models/stance

.PHONY: install brief test lint format lab bench bench-explorer bench-quality stance-model bench-stance clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

brief: $(STAMP)  ## process data/ into out/ tables and out/brief.html
	$(PY) -m toolkit process $(CORPUS) --out-dir $(OUT)
	$(PY) -m toolkit brief --corpus $(CORPUS) --out $(OUT)/brief.html

test: $(STAMP)  ## the whole test suite
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lab: $(STAMP)  ## JupyterLab on the notebooks (as root too, as in a container)
	$(VENV)/bin/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) bench-explorer  ## words per second of extract_claims against plain nlp.pipe
	$(PY) benchmarks/bench_extract.py

bench-explorer: $(STAMP)  ## milliseconds from a filter change to a redrawn explorer
	$(PY) benchmarks/bench_explorer.py

bench-quality: $(STAMP)  ## our claim scores beside textacy's direct_quotations on the gold sets
	$(PY) benchmarks/bench_quality.py

stance-model: $(STAMP)  ## train a stance model on LABELLED claims into STANCE_MODEL (git-ignored models/)
	@test -n "$(LABELLED)" || { echo "usage: make stance-model LABELLED=FILE.(jsonl|csv|parquet) [STANCE_MODEL=models/stance]"; exit 2; }
	$(PY) -m toolkit train-stance $(LABELLED) --out $(STANCE_MODEL)

bench-stance: $(STAMP)  ## the stance model beside the lexicon on the seed gold, cross-validated
	$(PY) benchmarks/bench_stance_model.py

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
