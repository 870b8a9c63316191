# Two entry points for a fresh clone: `make run` (presenter mode on the bundled course) and
# `make test`. Both create the virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshots clean wheel bundle

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# `make run ARGS="--port 8766"`: anything in ARGS goes to `fphkiosk present`.
ARGS ?=

run: $(STAMP)
	$(BIN)/fphkiosk present $(ARGS)

# axe-core, from npm, for the web pages' accessibility tests (tests/web/test_accessibility.py).
AXE := tests/web/axe/node_modules/axe-core/axe.min.js

$(AXE): tests/web/axe/package.json tests/web/axe/package-lock.json
	npm ci --prefix tests/web/axe --no-audit --no-fund --loglevel=error
	touch $(AXE)

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The wheel (`dist/fphkiosk-*.whl`) carries the course and the assets: `pipx install` it anywhere.
wheel: $(STAMP)
	rm -rf build/lib dist/fphkiosk-*.whl
	$(BIN)/python -m pip wheel --no-deps --quiet --wheel-dir dist .

# The desktop bundle (`dist/fphkiosk/`): one folder whose `fphkiosk` program needs no Python.
BUNDLE_TOOLS := $(VENV)/.bundle-tools

$(BUNDLE_TOOLS): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bundle]'
	touch $(BUNDLE_TOOLS)

bundle: $(BUNDLE_TOOLS)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/bundle \
		packaging/fphkiosk.spec

# The console's and the projector's screenshots in docs/screenshots, under Xvfb (xvfb-run).
screenshots: $(STAMP)
	$(BIN)/python -m tools.presenter_screenshots docs/screenshots

bench: $(STAMP)
	$(BIN)/python -m benchmarks.startup

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache build dist
