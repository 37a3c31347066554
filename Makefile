# The two quick-start commands of the README. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test venv clean

$(BIN)/aliansi: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
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

clean:
	rm -rf $(VENV) build src/*.egg-info demo.duckdb
