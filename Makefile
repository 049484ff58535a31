# Zhengwu — the two commands: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
export DJANGO_SETTINGS_MODULE := zhengwu.settings

.PHONY: run test test-sqlite test-postgres lint typecheck coverage-report format bench sysdeps sysdeps-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $(VENV)/.base-installed $@

# System packages the PDF notices need (CJK fonts); installed when we are root, else a warning.
sysdeps:
	@bash scripts/sysdeps.sh

# The tests also need Debian's Chromium and its driver for the browser tests (never a downloaded browser).
sysdeps-test:
	@bash scripts/sysdeps.sh fonts-noto-cjk libharfbuzz-subset0 chromium chromium-driver

run: $(VENV)/.base-installed sysdeps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py compilemessages --ignore=.venv >/dev/null 2>&1 || true
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy on the services and selectors (the files are listed in pyproject.toml).
typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.dev-installed sysdeps-test lint typecheck test-sqlite test-postgres coverage-report

# Both passes measure line coverage of zhengwu/ into one data file (var/coverage); coverage-report prints it.
COVERAGE := --cov=zhengwu --cov-report=

test-sqlite: $(VENV)/.dev-installed
	@echo "== test suite on SQLite =="
	@mkdir -p var/coverage && rm -f var/coverage/.coverage*
	env -u DATABASE_URL $(BIN)/pytest -n 2 -p no:cacheprovider $(COVERAGE)

test-postgres: $(VENV)/.dev-installed
	@if $(BIN)/python scripts/pg_available.py "$(PG_TEST_URL)"; then \
		echo "== test suite on PostgreSQL ($(PG_TEST_URL)) =="; \
		DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest -n 2 -p no:cacheprovider $(COVERAGE) --cov-append; \
	else \
		echo "== PostgreSQL pass SKIPPED: no server answers at $(PG_TEST_URL) =="; \
	fi

coverage-report: $(VENV)/.dev-installed
	@echo "== line coverage of zhengwu/, both passes (files below 100%; HTML in var/coverage/html) =="
	$(BIN)/coverage report --skip-covered --sort=cover
	@$(BIN)/coverage html --quiet

# Performance targets on a dedicated PostgreSQL database (created, migrated and seeded when needed).
# BENCH_DATABASE_URL overrides the database; BENCH_ARGS passes options, e.g. BENCH_ARGS="--cases 100000".
bench: $(VENV)/.dev-installed
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/zhengwu_bench} \
		$(BIN)/python manage.py bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
