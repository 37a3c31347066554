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

demo: venv
	$(BIN)/aliansi code samples --format table

test: venv
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) build src/*.egg-info
