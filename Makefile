# One entry point for developers and CI alike.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: up test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Run all four services in one process on the embedded SQLite log: http://127.0.0.1:8000
## (the first start loads the demo project and prints its login)
up: $(STAMP)
	$(BIN)/duuni up --demo

## The whole test suite: lint, type check, then every test.
test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/duuni bench log

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
