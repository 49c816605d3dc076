# Set-up and the two everyday commands. `make serve` and `make test` each install what they need
# (a virtual environment with the project and its dependencies) before they run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: serve test validate clean chromium

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

# The browser tests drive Debian's chromium. Where apt-get may not run (no root), they skip outside CI
# and fail inside it, so a CI run never passes without them.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "Could not install chromium (apt-get needs root); the browser tests will skip."; }

test: $(VENV)/.installed chromium
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
