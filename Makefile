# Quick start: `make run` serves the demo region, `make test` runs the whole suite.
# Both create .venv on first use and reinstall when pyproject.toml changes, and both install
# GraphiQL's browser files with npm when package-lock.json changes (without npm they are skipped).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATABASE ?= talents.db
HOST ?= 127.0.0.1
PORT ?= 8000

export TALENTS_DATABASE_URL ?= sqlite+aiosqlite:///$(DATABASE)

# GraphiQL and React from the versions pinned in api/static/graphiql; api/graphiql.py names the
# same files and serves them from $(GRAPHIQL)/dist.
GRAPHIQL := api/static/graphiql
GRAPHIQL_FILES := react/umd/react.production.min.js react-dom/umd/react-dom.production.min.js \
	graphiql/graphiql.min.js graphiql/graphiql.min.js.map graphiql/graphiql.min.css graphiql/graphiql.min.css.map

.PHONY: run test demo migrate schema graphiql-assets bench clean

$(BIN)/talents: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/talents

graphiql-assets: $(GRAPHIQL)/dist/graphiql.min.js

$(GRAPHIQL)/dist/graphiql.min.js: $(GRAPHIQL)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		set -e; \
		echo "installing GraphiQL's files into $(GRAPHIQL)/dist"; \
		npm ci --prefix $(GRAPHIQL) --ignore-scripts --no-audit --no-fund --loglevel=error; \
		rm -rf $(@D) && mkdir -p $(@D); \
		cp $(addprefix $(GRAPHIQL)/node_modules/,$(GRAPHIQL_FILES)) $(@D)/; \
		touch $@; \
	else \
		echo "npm not found: GraphiQL's files are not installed, and GET /graphql says how to install them"; \
	fi

run: $(BIN)/talents graphiql-assets
	$(BIN)/talents db upgrade
	$(BIN)/talents demo --if-empty
	$(BIN)/talents serve --host $(HOST) --port $(PORT)

test: $(BIN)/talents graphiql-assets
	$(BIN)/python -m pytest $(PYTEST_ARGS)

demo: $(BIN)/talents
	$(BIN)/talents db upgrade
	$(BIN)/talents demo --if-empty

migrate: $(BIN)/talents
	$(BIN)/talents db upgrade

schema: $(BIN)/talents
	$(BIN)/talents schema --output schema.graphql

# Benchmarks side by side with the SQL floor and PostGraphile (docs/benchmarks.md). The first run
# loads a region-scale PostgreSQL database on 127.0.0.1 (about 5 minutes); later runs reuse it.
# Node 22 and PostGraphile come from bench/postgraphile/package-lock.json. BENCH_ARGS passes
# options to bench.run, e.g. BENCH_ARGS="--only ours --workload W1 --quick".
POSTGRAPHILE := bench/postgraphile

$(POSTGRAPHILE)/node_modules/.package-lock.json: $(POSTGRAPHILE)/package-lock.json
	npm ci --prefix $(POSTGRAPHILE) --no-audit --no-fund --loglevel=error
	touch $@

bench: $(BIN)/talents $(POSTGRAPHILE)/node_modules/.package-lock.json
	$(BIN)/python -m bench.run --reuse $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DATABASE) $(DATABASE)-wal $(DATABASE)-shm
