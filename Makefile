# Quick start: `make run` serves the portal, `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: install run test migrate bootstrap worker check lint bench bench-search clean-db

# The stamp is rebuilt whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput

bootstrap: migrate
	$(PY) manage.py bootstrap_portal --demo

# Serves the site and runs the django-q2 cluster (schedules, background
# jobs) beside it; Ctrl-C stops both.
# Links in the e-mails point at the port the portal is served on.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: bootstrap
	@echo "门户网站：http://$(HOST):$(PORT)/   管理后台：http://$(HOST):$(PORT)/admin/"
	$(PY) manage.py qcluster & QPID=$$!; \
	trap 'kill $$QPID 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest $(PYTEST_ARGS)

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

bench: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) bench/listing_queries.py

# Search quality and speed on a generated corpus (search/README.md);
# N=100000 for the full size, DATABASE_URL=postgres://… for PostgreSQL.
N ?= 10000
bench-search: install
	$(PY) bench/search_quality.py $(N)
	$(PY) bench/search_speed.py $(N)
