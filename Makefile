# One entry point for developers and CI alike.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: up test services kafka lint typecheck pytest bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Run all four services in one process on the embedded SQLite log: http://127.0.0.1:8000
## (the first start loads the demo project and prints its login)
up: $(STAMP)
	$(BIN)/duuni up --demo

## The whole test suite: the real services it needs, lint, type check, then every test.
test: services lint typecheck pytest

## What the tests need beside the code: PostgreSQL on 127.0.0.1:5432 (database "test";
## installed and started when none answers and DATABASE_URL is unset) and the jars of the
## Apache Kafka broker the tests start (fetched once with Maven into ~/.cache/duuni).
services: $(STAMP)
	@if [ -z "$$DATABASE_URL" ]; then bash deploy/local/postgres.sh; fi
	$(BIN)/duuni dev kafka --fetch

## A real Apache Kafka broker on 127.0.0.1:9092 until Ctrl-C.
kafka: $(STAMP)
	$(BIN)/duuni dev kafka

## Every JSON operation under 50 generated requests each, as coach and as administrator:
## no server error, no answer outside the OpenAPI document (the suite runs 10 each).
fuzz: $(STAMP)
	FUZZ_EXAMPLES=50 $(BIN)/pytest -q tests/integration/test_api_fuzz.py

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
