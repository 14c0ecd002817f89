# Two commands for a fresh machine: `make book` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BOOK_FLAGS := -W -n --keep-going

.PHONY: book test install js-deps system-deps pdf bench clean clean-cache

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	mkdir -p $(VENV)/etc/ipython && cp scripts/ipython_kernel_config.py $(VENV)/etc/ipython/
	touch $@

install: $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

js-deps: node_modules/.package-lock.json

# Debian's chromium (browser tests, PDF) and PostgreSQL (gradebook tests); installed only if missing.
system-deps:
	bash scripts/system-deps.sh

book: install js-deps
	$(BIN)/python scripts/cache_guard.py
	$(BIN)/jupyter-book build . $(BOOK_FLAGS) --builder html

test: install js-deps system-deps
	$(BIN)/python -m pytest

# The whole book as one PDF: the single-page HTML build printed by headless Chromium.
pdf: install system-deps
	$(BIN)/python scripts/cache_guard.py
	$(BIN)/jupyter-book build . $(BOOK_FLAGS) --builder singlehtml
	$(BIN)/python scripts/make_pdf.py

clean-cache:
	rm -rf _build/.jupyter_cache _build/.package-hash

clean:
	rm -rf _build
