# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The source directory of the official files (see docs/data.md); CI has ../shared/data.
SOURCE ?= $(if $(UNSC_SOURCE),$(UNSC_SOURCE),../shared/data)
# The record database is where the `unsc` command looks by default ($UNSC_DB if set, else the
# user data directory: unsc.record.db.default_db_path), so the README's commands find what
# `make run` built. Evaluated when a recipe runs, once the environment is installed.
DB = $(shell UNSC_DB='$(UNSC_DB)' $(BIN)/python -c 'from unsc.record.db import default_db_path; print(default_db_path())')

.PHONY: run test install record lint typecheck pytest bench clean

# Install, then compile the Numba kernels once (cached), so the first `unsc power` is fast.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m unsc.power.warm
	touch $@

install: $(BIN)/.installed

# Build the record database from the source directory (only when it is missing or older).
record: install
	@db="$(DB)"; \
	if [ -f "$$db" ] && [ "$$db" -nt $(BIN)/.installed ]; then echo "record: $$db"; \
	else $(BIN)/unsc record build --source $(SOURCE) --db "$$db"; fi

# The main job: build the record if needed, tell the MINUSMA case, serve the web application.
run: install record
	$(BIN)/unsc case minusma
	$(BIN)/unsc serve

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy

pytest: install
	UNSC_SOURCE=$(abspath $(SOURCE)) $(BIN)/python -m pytest

test: lint typecheck pytest

bench: install record
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/record.py
	$(BIN)/python benchmarks/power.py
	$(BIN)/python benchmarks/forecast.py
	UNSC_DB="$(DB)" $(BIN)/python benchmarks/web.py

clean:
	rm -rf $(VENV) var build src/*.egg-info
