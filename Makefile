# Two commands for a fresh machine: `make book` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: book test check lint typecheck install js-deps system-deps pdf bench screenshots clean clean-cache instructor-book instructor-pdf \
        role-sheets negotiation-debrief hub hub-remove

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
	$(BIN)/python -m partnership_book.build html

# The fast tests: every test not marked as taking minutes or servers, and the docstring examples of
# the package (--doctest-modules). `hub` joins the list once that marker is registered in pyproject.toml
# (pytest refuses an unknown marker in -m).
FAST    := not slow and not cluster$(if $(shell grep -s '"hub:' pyproject.toml), and not hub)
# Bytecode and pytest's rewritten test modules are cached (__pycache__/, git-ignored) even where the
# environment sets PYTHONDONTWRITEBYTECODE: otherwise every run compiles the packages and rewrites ~180
# test modules again, about 5 s per pytest worker.
PYTEST  := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest
# on every core (pytest-xdist), a file per worker (a module's fixtures are built once, not once per core):
# the fast tests are mostly Hypothesis and widget rendering, CPU-bound
FAST_TESTS := $(PYTEST) -n auto --dist loadfile --doctest-modules partnership partnership_grading partnership_book tests -m "$(FAST)"
# The rest (book builds, browser, nbgrader pipelines, servers) on two workers at most (each test starts
# kernels, servers or a browser of its own), a file per worker, the files that read a built book all on
# one worker in turn (BOOK_MODULES in tests/conftest.py).
SLOW_TESTS := $(PYTEST) -n auto --maxprocesses 2 --dist loadfile -m "not ($(FAST))"

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy

# Seconds, not minutes: the linter, the type checker, the doctests and the fast tests.
check: lint typecheck js-deps
	$(FAST_TESTS)

# CI's command (.ci/run). The linter and the type checker first; then, once the released notebooks and
# the kit exist (a fast test checks the released notebooks on disk), the fast tests and doctests as in
# `make check`, then every other test: each test runs once.
test: install js-deps lint typecheck system-deps
	$(FAST_TESTS)
	$(SLOW_TESTS)

# The whole book as one PDF: every page of the site printed by headless Chromium, in toc order.
pdf: book system-deps
	$(BIN)/python -m partnership_book.pdf

# The instructor edition: the same sources plus teaching notes and model answers (instructor/),
# built strictly into _build/instructor/html/ with its own cache; never published for students.
instructor-book: install js-deps
	$(BIN)/python -m partnership_book.build html --edition instructor

instructor-pdf: instructor-book system-deps
	$(BIN)/python -m partnership_book.pdf --edition instructor

# The negotiation (chapters/negotiation.md): one printable PDF per role's confidential sheet, from the
# instructor edition, into _build/instructor/role-sheets/<role>.pdf (hand each team its own only).
role-sheets: instructor-book system-deps
	$(BIN)/python -m partnership_book.pdf --role-sheets

# The negotiation's debrief: CSV=<class results, one row per pair of teams> (default: the sample class)
# -> _build/instructor/negotiation-debrief/debrief.html, debrief.md, debrief.png, and the table printed.
CSV ?= instructor/negotiation/sample-class.csv
negotiation-debrief: install
	$(BIN)/python -m partnership.negotiation_debrief $(CSV) --out _build/instructor/negotiation-debrief

# The README's picture, and a contact sheet of every page (phone and desktop, light and dark) for a
# reviewer: _build/screenshots/contact-sheet.png, full-size shots in _build/screenshots/pages/.
screenshots: install js-deps system-deps
	$(BIN)/python -m pytest -q tests/test_site.py -k screenshot
	mkdir -p docs/images && cp _build/screenshots/revenue-explorer.png docs/images/
	@echo "contact sheet: _build/screenshots/contact-sheet.png"

clean-cache:
	rm -rf _build/.jupyter_cache _build/.package-hash _build/instructor/.jupyter_cache _build/instructor/.package-hash

clean:
	rm -rf _build

## grading ---------------------------------------------------------------------------------------
# Graded exercises: an nbgrader course in exercises/ (see README "Exercises and grading").
#   A=<assignment>  one of ps1-ip ps2-revenue ps3-regulation ps4-future capstone-memo (empty: all)
#   FROM=<path>     a folder or .zip of student notebooks, for grading-collect
#   ROSTER=<csv>    student ids (besides nbgrader's student table) for per-student numbers: grading-release, grading-variants
#   JOBS=<n>        autograding worker processes of the local Dask cluster (empty: one more than the cores);
#                   GRADING_SCHEDULER=tcp://host:port in the environment grades on an existing Dask cluster instead
#   OUT=<dir>       where grading-bad-submissions writes the corpus (default bench-out/bad-submissions)
#   SIMILARITY=...  options for grading-similarity (e.g. --code-threshold 0.6 --text-threshold 0.4)
#   ROSTER=<file>   the class roster for grading-roster and the LMS exports (default exercises/roster.csv)
#   LMS=...         options for grading-export-canvas/-moodle (e.g. --moodle-id username --column 'ps1-ip=PS 1 (4521)')
#   BENCH_N=<n>     submissions the grading benchmark synthesises (default 120); BENCH_WORKERS=1,2,3 (cluster sizes)
# Every target runs nbgrader's own commands in exercises/ through `python -m partnership_grading`.
GRADING := $(BIN)/python -m partnership_grading
JOBS ?=
OUT ?= bench-out/bad-submissions
BENCH_N ?= 120
BENCH_WORKERS ?=

.PHONY: exercises exercises-check student-notebooks student-kit grading-release grading-variants grading-collect grading-autograde \
        grading-formgrader grading-feedback grading-export grading-summary grading-integrity grading-similarity \
        grading-roster grading-export-canvas grading-export-moodle \
        grading-bad-submissions bench

exercises: install            ## regenerate exercises/source/ (and the rubric/catalogue pages) from exercises/authoring/
	$(GRADING) sources

exercises-check: install      ## fail if the committed notebooks are not what the specs generate
	$(GRADING) sources --check

# The book links the released (student) notebooks: release into a temporary course and copy only
# release/<a>/*.ipynb to _static/exercises/ (git-ignored), never the sources. Cheap when nothing
# changed (a hash of the sources is kept there). The Exercises page does the same on a plain build.
student-notebooks: install
	$(GRADING) student-notebooks --dest _static/exercises

book: student-notebooks
pdf: student-notebooks
instructor-book: student-notebooks
test: student-notebooks

# What a student downloads from the Exercises page: the released notebooks, a requirements.txt
# pinned from requirements.lock and the course package without the grading engine (no solutions,
# no sources), as _static/student-kit.zip (git-ignored; rewritten only when its bytes change).
student-kit: student-notebooks
	$(GRADING) student-kit --dest _static/student-kit.zip

book: student-kit
pdf: student-kit
test: student-kit

grading-release: install      ## nbgrader generate_assignment -> exercises/release/ (+ variants.json with per-student numbers)
	$(GRADING) release $(A) $(if $(ROSTER),--roster $(ROSTER))

grading-variants: install     ## each rostered student's own numbers -> exercises/release/$(A)/variants.json (makes the course secret once)
	$(GRADING) variants $(A) $(if $(ROSTER),--roster $(ROSTER))

grading-collect: install      ## student files (FROM=folder or zip) -> exercises/submitted/<student>/$(A)/
	@test -n "$(A)" -a -n "$(FROM)" || { echo "usage: make grading-collect A=<assignment> FROM=<folder or zip>"; exit 2; }
	$(GRADING) collect $(A) $(FROM)

grading-autograde: install    ## parallel, resumable nbgrader autograde, then the grade summary in exercises/reports/
	$(GRADING) autograde $(A) --parallel $(JOBS)

grading-formgrader: install js-deps  ## JupyterLab in exercises/: Nbgrader -> Formgrader for the written answers
	$(GRADING) formgrader

grading-feedback: install     ## nbgrader generate_feedback -> exercises/feedback/<student>/<a>/*.html
	$(GRADING) feedback $(A)

grading-export: install       ## nbgrader export -> exercises/grades.csv
	$(GRADING) export

grading-roster: install       ## the roster's students (ROSTER=file, default exercises/roster.csv) -> nbgrader's student table
	$(GRADING) roster load $(or $(ROSTER),exercises/roster.csv)

grading-export-canvas: install  ## Canvas's gradebook import CSV from the gradebook and the roster -> exercises/canvas-grades.csv
	$(GRADING) export --format canvas $(if $(ROSTER),--roster $(ROSTER)) $(LMS)

grading-export-moodle: install  ## Moodle's grade import CSV from the gradebook and the roster -> exercises/moodle-grades.csv
	$(GRADING) export --format moodle $(if $(ROSTER),--roster $(ROSTER)) $(LMS)

grading-summary: install      ## per-part averages and a histogram for one assignment
	@test -n "$(A)" || { echo "usage: make grading-summary A=<assignment>"; exit 2; }
	$(GRADING) summary $(A)

grading-similarity: install   ## the copying report: pairs of submissions alike -> exercises/reports/$(A)/similarity.{csv,html}
	@test -n "$(A)" || { echo "usage: make grading-similarity A=<assignment> [SIMILARITY='--code-threshold 0.6 ...']"; exit 2; }
	$(GRADING) similarity $(A) $(SIMILARITY)

grading-integrity: install    ## submissions flagged by the integrity checks, and why -> exercises/reports/$(A)/integrity.csv
	@test -n "$(A)" || { echo "usage: make grading-integrity A=<assignment>"; exit 2; }
	$(GRADING) integrity $(A)

grading-bad-submissions: install  ## the bad-submission corpus, generated from the release of $(A) (default ps1-ip) -> $(OUT)
	$(BIN)/python -m tests.hostile_corpus -a $(or $(A),ps1-ip) --out $(OUT)

# Grading benchmark (a script, not a test): plain sequential nbgrader autograde against the Dask path
# with 1, 2 and 3 local workers on the same synthesised class; prints submissions per minute, the
# scaling efficiency, peak memory and the sandbox's cost.
bench: install
	$(BIN)/python scripts/bench_grading.py -n $(BENCH_N) --unsandboxed $(if $(BENCH_WORKERS),-w $(BENCH_WORKERS))

# A class on a JupyterHub on 127.0.0.1, for a demonstration (scripts/hub/; as root: it creates the local
# accounts pr-instructor and pr-student1..3 with locked passwords). Prints the address and the demo
# passwords (new ones each start); ps1-ip is released. HUB_PORT=<port> (default 8000). Ctrl-C stops it.
HUB_PORT ?= 8000
hub: install js-deps system-deps
	$(BIN)/python -m partnership_grading.hub --port $(HUB_PORT)

hub-remove:                   ## remove the demo class's accounts, their homes and its state
	$(BIN)/python -m partnership_grading.hub --remove
