# The whole set-up of Stegvis. `make demo` and `make test` are all a new machine needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV     := .venv
PY       := $(VENV)/bin/python
STEGVIS  := $(VENV)/bin/stegvis
PORT     ?= 8000
CHROMIUM ?= /usr/bin/chromium
# The demo always runs on its own SQLite file under var/, whatever the shell has set.
DEMO_ENV := env -u DATABASE_URL -u ALLOWED_HOSTS DATABASE_URL=sqlite:///$(CURDIR)/var/demo.sqlite3

.PHONY: help install demo test unit e2e lint format messages check-deploy clean bench

help:
	@echo "make demo    run Stegvis with demo data on http://127.0.0.1:$(PORT)/ (SQLite under var/)"
	@echo "make test    the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint    ruff and the migration check"
	@echo "make bench   the benchmarks at 100,000 participants (PARTICIPANTS=N for another size)"
	@echo "make messages  update and compile the translation catalogues"

# Idempotent: reinstalls only when pyproject.toml changed since the last install.
install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

demo: install
	@mkdir -p var
	$(DEMO_ENV) $(STEGVIS) migrate --noinput -v0
	$(DEMO_ENV) $(STEGVIS) collectstatic --noinput -v0
	$(DEMO_ENV) $(STEGVIS) seed_demo
	@echo "Stegvis serves on http://127.0.0.1:$(PORT)/, with a worker for large imports (stop both with Ctrl-C)"
	@# The worker runs the background tasks beside the server; when either stops, or on Ctrl-C,
	@# the trap stops both.
	$(DEMO_ENV) $(STEGVIS) db_worker --no-reload --no-startup-delay & worker=$$!; \
	$(DEMO_ENV) $(STEGVIS) runserver 127.0.0.1:$(PORT) --noreload & server=$$!; \
	trap 'kill $$worker $$server 2>/dev/null; wait' EXIT INT TERM HUP; \
	wait -n

test: install unit e2e

# The unit and integration tests, on SQLite or on DATABASE_URL when it is set.
unit: install
	$(VENV)/bin/coverage run -m pytest -p no:cacheprovider src
	$(VENV)/bin/coverage report --fail-under=100 --show-missing \
	    --include='*/core/permissions.py,*/core/audit.py,*/core/crypto.py,*/access.py,*/services.py'

# The browser suite: real Chromium, driven by Playwright, with axe-core on every page.
# Skipped (and said so) when Chromium is missing, unless STEGVIS_REQUIRE_E2E is set as in CI.
e2e: install
	@if [ -x "$(CHROMIUM)" ]; then \
	    CHROMIUM=$(CHROMIUM) $(PY) -m pytest -p no:cacheprovider e2e; \
	elif [ -n "$$STEGVIS_REQUIRE_E2E" ]; then \
	    echo "The browser suite needs Chromium at $(CHROMIUM) (apt-get install chromium)."; exit 1; \
	else \
	    echo "SKIPPED the browser suite: no Chromium at $(CHROMIUM). Install it with 'apt-get install chromium' (CI does)."; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=stegvis.settings_test $(STEGVIS) makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	cd src/stegvis && DJANGO_SETTINGS_MODULE=stegvis.settings_test ../../$(STEGVIS) makemessages -l sv -l en --no-obsolete --no-location
	cd src/stegvis && DJANGO_SETTINGS_MODULE=stegvis.settings_test ../../$(STEGVIS) compilemessages

# The benchmarks (not part of `make test`): generates the data set on first use, then measures
# SQLite and, if a server answers on 127.0.0.1:5432, PostgreSQL (database stegvis_bench).
# Writes bench/results.json; docs/scaling.md explains the figures.
PARTICIPANTS ?= 100000
bench: install
	env -u DATABASE_URL -u ALLOWED_HOSTS $(PY) bench/run.py --participants $(PARTICIPANTS)

# What production will say about its own settings.
check-deploy: install
	ALLOWED_HOSTS=stegvis.example.se SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	STEGVIS_FIELD_KEY=$$($(PY) -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
	DATABASE_URL=sqlite:///$(CURDIR)/var/check.sqlite3 EMAIL_HOST=smtp.example.se \
	$(STEGVIS) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var .coverage
