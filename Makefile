# Set-up and the two everyday commands. `make serve` and `make test` each install what they need
# (a virtual environment with the project and its dependencies) before they run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: serve test validate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

serve: $(VENV)/.installed
	$(BIN)/casereviews serve --host $(HOST) --port $(PORT)

validate: $(VENV)/.installed
	$(BIN)/casereviews validate

test: $(VENV)/.installed
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
