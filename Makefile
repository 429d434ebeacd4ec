# One-command workflows. `make test` and `make demo` work on a fresh clone on a fresh machine:
# they create .venv, install every Python, npm and Debian package they need, then run.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The lowest supported version of every dependency (constraints/minimum.txt), for the tests
# marked `minimum`; .venv has the newest releases and runs everything.
VENV_MIN ?= .venv-min
PY_MIN := $(VENV_MIN)/bin/python
MIN_STAMP := $(VENV_MIN)/.installed
NPM_STAMP := node_modules/.installed
EXAMPLE := examples/rideshare

.PHONY: install install-min test lint typecheck pytest pytest-min demo export bench docs clean

# `install` and `demo` need neither root nor Chromium; `test` adds the Debian packages.
install: $(STAMP) $(NPM_STAMP) assets

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml setup.py | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[drf,pydantic,sphinx,mkdocs,validation,dev]"
	touch $(STAMP)

$(PY_MIN):
	python3 -m venv $(VENV_MIN)

$(MIN_STAMP): pyproject.toml setup.py constraints/minimum.txt | $(PY_MIN)
	$(PY_MIN) -m pip install -q --upgrade pip
	$(PY_MIN) -m pip install -q -r constraints/minimum.txt -e ".[drf,pydantic,sphinx,mkdocs,validation]"
	touch $(MIN_STAMP)

install-min: install $(MIN_STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

# Copy the pinned viewer bundle and the AsyncAPI JSON Schema from node_modules into the
# package (git-ignored), so pages work offline and wheels ship them.
assets: $(STAMP) $(NPM_STAMP)
	$(PY) tools/build_assets.py

# Debian packages the tests use (root on CI; apt-get update once): Chromium for the browser
# tests, redis-server for the two-process channels_redis test.
SYSTEM_PACKAGES := chromium fonts-dejavu-core redis-server
system-deps:
	@{ command -v chromium && command -v redis-server; } >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy

pytest: install system-deps
	$(PY) -m pytest

# The lowest versions: every integration once (tests marked `minimum`), not the whole suite.
pytest-min: install-min
	CHANNELS_SPECTACULAR_TEST_VERSIONS=minimum $(PY_MIN) -m pytest -m minimum

test: lint typecheck pytest pytest-min

export: install
	cd $(EXAMPLE) && ../../$(PY) manage.py migrate -v 0 && \
		../../$(PY) manage.py export_asyncapi --validate -o asyncapi.yaml

# daphne itself, as in production (console on; set REDIS_URL for channels_redis).
demo: export
	@echo "Serving the rideshare example under daphne: http://127.0.0.1:8000/ws-docs/"
	cd $(EXAMPLE) && ../../$(PY) -m daphne -b 127.0.0.1 -p 8000 rideshare.asgi:application

bench: install
	$(PY) benchmarks/run.py

docs: install
	$(VENV)/bin/mkdocs build --strict -f docs/mkdocs.yml

clean:
	rm -rf $(VENV) $(VENV_MIN) node_modules build dist site src/channels_spectacular/static/channels_spectacular/vendor src/channels_spectacular/schemas
