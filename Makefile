# Routix: `make run` starts the app, `make test` runs the whole suite. Both set everything up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: setup run test lint bench migrate fonts illustrations axe css clean cluster

setup: $(VENV)/.installed fonts illustrations axe css

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $@

fonts:
	@bash scripts/install_fonts.sh

illustrations:
	@bash scripts/install_illustrations.sh

axe:
	@bash scripts/install_axe.sh

# Tailwind compiled once (NiceGUI's in-browser Tailwind re-scans the page on every update); needs the venv's NiceGUI
css: $(VENV)/.installed
	@bash scripts/build_css.sh

migrate: setup
	$(PY) -m routix.cli migrate

run: setup migrate
	$(PY) app.py

# PostgreSQL (initdb in $ROUTIX_DATA_DIR/pg), moto S3, 2 web processes, 2 workers, nginx on ROUTIX_PORT; Ctrl-C stops all
cluster: setup
	$(PY) -m routix.cluster.local

test: setup
	$(PY) -m pytest -q -n 2 --dist loadfile

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

bench: setup
	$(PY) bench/render.py
	$(PY) bench/check.py
	$(PY) bench/feed.py
	$(PY) bench/video.py
	$(PY) bench/edits.py
	$(PY) bench/web.py
	$(PY) bench/cluster.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
