# KSR — the two commands: `make run` and `make test`. Everything else is their plumbing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo lint format typecheck messages check-messages clean test-postgres serve worker beat

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

var:
	@mkdir -p var

migrate: install var
	KSR_DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_teryt data/teryt/TERC_Urzedowy_2022-01-01.csv
	KSR_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend $(PY) manage.py seed_demo --seed 1

## make run: a fresh machine to a running server on http://$(HOST):$(PORT) (default 127.0.0.1:8000) with
## demo data; choose the port with `make run PORT=8080`. DEBUG stays off, so errors show the
## product's own pages; whitenoise serves the static files.
run: demo
	@$(PY) manage.py demo_accounts --url http://$(HOST):$(PORT)
	KSR_DEBUG=0 KSR_DEMO=1 KSR_REQUIRE_2FA=0 $(PY) manage.py runserver $(HOST):$(PORT)

## make serve: the production configuration (gunicorn, deploy/gunicorn.conf.py) on $(HOST):$(PORT)
## against DATABASE_URL; set REDIS_URL for the shared cache, sessions and background jobs.
serve: install var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn -c deploy/gunicorn.conf.py

## make worker / make beat: the Celery worker and scheduler (need REDIS_URL).
worker: install
	$(BIN)/celery -A ksr worker --loglevel=INFO

beat: install var
	$(BIN)/celery -A ksr beat --loglevel=INFO --schedule var/celerybeat-schedule

## make test: the whole suite (browser tests included when a Chromium is found).
test: install
	KSR_ENV=test $(PY) -m pytest -n 2 --dist loadfile -q $(PYTEST_ARGS)

test-postgres: install
	KSR_ENV=test DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ksr} $(PY) -m pytest -n 2 --dist loadfile -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install
	$(BIN)/mypy ksr

messages: install
	bin/messages

clean:
	rm -rf $(VENV) var
