# IDD Workbench. Two commands set everything up from a fresh clone:
#   make run    install, migrate, load the demo, serve http://127.0.0.1:8000
#   make test   install, then run the whole suite (make test-quick: without the browser)
SHELL := /bin/bash
.DEFAULT_GOAL := run
PY := .venv/bin/python
DEBIAN_PACKAGES := chromium poppler-utils libharfbuzz-subset0 fonts-dejavu-core nginx default-jre-headless
export DEBUG ?= true

# `make run-tls` also: the demo behind nginx with CAC sign-in, https://127.0.0.1:8443
.PHONY: run run-tls test test-quick system venv node install migrate demo lint typecheck bench bench-pages loadtest clean

system:  ## Debian packages: as root install them, otherwise say how
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages. Run as root:"; \
	    echo "  apt-get update && apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

.venv/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.env:  ## local settings for manage.py run by hand (DEBUG on, SQLite); edit freely
	printf 'DEBUG=true\n' > $@

install: system .venv/.installed node_modules/.installed .env

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

# The worker reloads on code changes as the server does; it runs in its own process group,
# so stopping it stops its reloaded child too.
run: demo  ## the web server, and the worker that renders PDFs ahead; Ctrl-C stops both
	setsid $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill -TERM -- -$$worker 2>/dev/null; wait $$worker' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:8000

# The demo behind nginx (TLS, CAC sign-in, the consent banner) at https://127.0.0.1:8443,
# two gunicorn processes and the worker; a throwaway PKI in var/pki (README, "Signing in
# with a CAC"). nginx runs in the foreground under var/tls; Ctrl-C stops everything.
run-tls: demo
	$(PY) -m deploy.run_tls

# Two workers, each given half the tests in pytest's order, and a worker that runs out
# takes half of what the other has left (--dist worksteal): both stay busy to the end,
# which one file per worker (loadfile) did not, and a module's tests mostly stay on one
# worker, so its data (the demo, the access matrix's) is built once, not on both.
PYTEST := $(PY) -m pytest -n 2 --dist worksteal
test: install
	$(PYTEST) $(PYTEST_ARGS)

test-quick: install  ## the edit loop: everything but the browser tests
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# mypy with django-stubs over idd, demo, assessments and config (pyproject.toml, [tool.mypy]).
typecheck: install
	$(PY) -m mypy

bench: install
	$(PY) manage.py bench_export

# Each page's median server time and query count on the demo and with 15,000 initiatives
# added (rolled back afterwards), side by side (demo/management/commands/bench_pages.py).
bench-pages: demo
	$(PY) manage.py bench_pages

# 50 users for 60 s against gunicorn with DEBUG off on the demo data (README, "Load test");
# fails on any error other than the expected edit conflicts.
loadtest: install
	PY=$(PY) tests/load/run.sh

clean:
	rm -rf .venv node_modules staticfiles var
