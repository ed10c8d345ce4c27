# Quick start: `make run` serves the demo region, `make test` runs the whole suite.
# Both create .venv on first use and reinstall when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATABASE ?= talents.db
HOST ?= 127.0.0.1
PORT ?= 8000

export TALENTS_DATABASE_URL ?= sqlite+aiosqlite:///$(DATABASE)

.PHONY: run test demo migrate schema clean

$(BIN)/talents: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/talents

run: $(BIN)/talents
	$(BIN)/talents db upgrade
	$(BIN)/talents demo --if-empty
	$(BIN)/talents serve --host $(HOST) --port $(PORT)

test: $(BIN)/talents
	$(BIN)/python -m pytest $(PYTEST_ARGS)

demo: $(BIN)/talents
	$(BIN)/talents db upgrade
	$(BIN)/talents demo --if-empty

migrate: $(BIN)/talents
	$(BIN)/talents db upgrade

schema: $(BIN)/talents
	$(BIN)/talents schema --output schema.graphql

clean:
	rm -rf $(VENV) $(DATABASE) $(DATABASE)-wal $(DATABASE)-shm
