# Werkbezoek. `make help` lists the targets.
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export WERKBEZOEK_DATA_DIR ?= $(CURDIR)/var

.DEFAULT_GOAL := help
.PHONY: help install run dev worker test test-fast lint format messages bench bench-http clean

help: ## Show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@python=$$(scripts/find-python) || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Virtualenv maken met $$python"; "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed ## Create the virtualenv and install pinned dependencies

# A laptop install: plain http on localhost, mail written to files in the data folder.
run: export WERKBEZOEK_HTTPS ?= 0
run: export WERKBEZOEK_EMAIL ?= file
run: export WERKBEZOEK_SITE_URL ?= http://127.0.0.1:$(PORT)
run: export WERKBEZOEK_LOG_FORMAT ?= text
run: export WERKBEZOEK_SECOND_FACTOR ?= optional
run: install ## Run the app with demo data on http://127.0.0.1:$(PORT)/ (web server + task worker)
	$(PY) manage.py prepare_local --port $(PORT)
	@exec scripts/run-local $(PY) $(PORT)

dev: export WERKBEZOEK_DEBUG ?= 1
dev: export WERKBEZOEK_EMAIL ?= file
dev: export WERKBEZOEK_SECOND_FACTOR ?= optional
dev: install ## Run Django's auto-reloading development server (DEBUG on)
	$(PY) manage.py prepare_local --port $(PORT) >/dev/null
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install ## Lint and run every test, browser tests included (PostgreSQL when DATABASE_URL is set)
	$(PY) -m ruff check .
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: install ## Run the tests without the browser journeys
	$(PY) -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

lint: install ## ruff
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install ## Format the code with ruff
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

messages: install ## Update the Dutch translation file after changing UI texts
	$(PY) manage.py makemessages -l nl --ignore=.venv --ignore=var --no-obsolete

bench-http: install ## HTTP throughput of the pages against baseline views (gunicorn + wrk)
	$(PY) bench/http_pages.py

bench: install ## Run the benchmarks under bench/ and print the numbers
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean: ## Remove the virtualenv (the data folder var/ stays)
	rm -rf $(VENV)
