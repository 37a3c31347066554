# The two quick-start commands of the README. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench venv clean

$(BIN)/aliansi: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,spark]'
	@touch $(BIN)/aliansi

venv: $(BIN)/aliansi

# The demo codes the sample corpus, stores it in a database beside the checkout, and shows how
# Azerbaijan's alignment between the Western and Russian-led blocs moves over the samples' dates.
demo: venv
	$(BIN)/aliansi code samples --format table
	$(BIN)/aliansi ingest samples --db demo.duckdb
	$(BIN)/aliansi align AZE --db demo.duckdb

test: venv
	$(BIN)/pytest -q

# The benchmark suite (bench/suite.py): code, ingest and spark at each size, and the cost per stage.
# Writes bench/results/report.json and report.md. SIZES=1000 for a quick look.
SIZES ?= 1000,10000,50000
bench: venv
	$(BIN)/python bench/suite.py --sizes $(SIZES)

clean:
	rm -rf $(VENV) build src/*.egg-info demo.duckdb
