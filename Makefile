# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The source directory of the official files (see docs/data.md); CI has ../shared/data.
SOURCE ?= $(if $(UNSC_SOURCE),$(UNSC_SOURCE),../shared/data)
export UNSC_DB ?= $(CURDIR)/var/record.sqlite

.PHONY: run test install record lint typecheck pytest bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# Build the record database from the source directory (only when it is missing or older).
$(UNSC_DB): $(BIN)/.installed
	mkdir -p $(dir $(UNSC_DB))
	$(BIN)/unsc record build --source $(SOURCE) --db $(UNSC_DB)

record: $(UNSC_DB)

# The main job: build the record if needed, tell the MINUSMA case, serve the web application.
run: install record
	$(BIN)/unsc case minusma --db $(UNSC_DB)
	$(BIN)/unsc serve --db $(UNSC_DB)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy

pytest: install
	UNSC_SOURCE=$(abspath $(SOURCE)) $(BIN)/python -m pytest

test: lint typecheck pytest

bench: install record
	$(BIN)/python benchmarks/record.py
	$(BIN)/python benchmarks/power.py
	$(BIN)/python benchmarks/forecast.py
	$(BIN)/python benchmarks/web.py

clean:
	rm -rf $(VENV) var build src/*.egg-info
