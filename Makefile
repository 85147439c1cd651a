# Tashbeek: two commands on a fresh machine — `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails and .ics files point where the server listens (unless SITE_URL is set).
export SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test setup setup-dev lint format messages bench clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PY) not found)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs exactly the hashed lock; the project runs from the checkout (manage.py, pytest).
# requirements.lock is what the server runs; requirements-dev.lock adds the test and lint tools
# (Playwright, ruff, hypothesis, …), which `make run` does not need.
# Both are made by `uv pip compile pyproject.toml --generate-hashes --python-version 3.11`,
# the second with `--extra dev`.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

setup: $(VENV)/.installed messages

setup-dev: $(VENV)/.installed-dev messages

# Compiles the four catalogues with polib, so gettext need not be installed.
messages: $(VENV)/.installed
	$(BIN)/python -m tashbeek.core.i18n_compile

run: setup
	$(MANAGE) migrate --noinput
	@# After an upgrade that changed how text becomes search terms (nothing on a new database).
	$(MANAGE) reindex --stale
	@# The demo never keeps the server from starting: on a failure, say so and serve what is there.
	$(MANAGE) load_demo || echo "make run: load_demo failed (see above); serving the database as it is."
	@# The mail worker sends the outbox beside the server, and governance's clock closes
	@# ballots and sends reminders; both stop with it.
	$(MANAGE) send_mail_outbox & $(MANAGE) governance_tick --every 60 & \
	trap 'kill $$(jobs -p) 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# The suite under coverage; the line coverage of tashbeek is printed last (PYTEST_ARGS=--no-cov
# skips measuring, as CI's second run on PostgreSQL does).
# The suite runs on every core (pytest-xdist), a test file per worker at a time, so a module's
# fixtures and its browser stay in one process; TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= auto

test: setup-dev
	rm -f .coverage
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --cov --cov-report= $(PYTEST_ARGS)
	@if [ -f .coverage ]; then $(BIN)/python -m coverage report --format=total \
		| sed 's/^/Coverage of tashbeek (lines): /; s/$$/ %/'; fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup-dev
	$(BIN)/python bench/directory.py

clean:
	rm -rf $(VENV) db.sqlite3* media staticfiles
