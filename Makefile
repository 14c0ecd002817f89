# Two commands for a fresh machine: `make book` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: book test install js-deps system-deps pdf bench screenshots clean clean-cache instructor-book instructor-pdf

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
	$(BIN)/python scripts/build_book.py html

test: install js-deps system-deps
	$(BIN)/python -m pytest

# The whole book as one PDF: every page of the site printed by headless Chromium, in toc order.
pdf: book system-deps
	$(BIN)/python scripts/make_pdf.py

# The instructor edition: the same sources plus teaching notes and model answers (instructor/),
# built strictly into _build/instructor/html/ with its own cache; never published for students.
instructor-book: install js-deps
	$(BIN)/python scripts/build_book.py html --edition instructor

instructor-pdf: instructor-book system-deps
	$(BIN)/python scripts/make_pdf.py --edition instructor

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
#   BENCH_N=<n>     submissions the grading benchmark synthesises (default 120); BENCH_WORKERS=1,2,3 (cluster sizes)
# Every target runs nbgrader's own commands in exercises/ through `python -m partnership.grading`.
GRADING := $(BIN)/python -m partnership.grading
JOBS ?=
OUT ?= bench-out/bad-submissions
BENCH_N ?= 120
BENCH_WORKERS ?=

.PHONY: exercises exercises-check student-notebooks student-kit grading-release grading-variants grading-collect grading-autograde \
        grading-formgrader grading-feedback grading-export grading-summary grading-integrity \
        grading-bad-submissions bench

exercises: install            ## regenerate exercises/source/ (and the rubric/catalogue pages) from exercises/authoring/
	$(BIN)/python scripts/make_exercises.py

exercises-check: install      ## fail if the committed notebooks are not what the specs generate
	$(BIN)/python scripts/make_exercises.py --check

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

grading-formgrader: install   ## JupyterLab in exercises/: Nbgrader -> Formgrader for the written answers
	$(GRADING) formgrader

grading-feedback: install     ## nbgrader generate_feedback -> exercises/feedback/<student>/<a>/*.html
	$(GRADING) feedback $(A)

grading-export: install       ## nbgrader export -> exercises/grades.csv
	$(GRADING) export

grading-summary: install      ## per-part averages and a histogram for one assignment
	@test -n "$(A)" || { echo "usage: make grading-summary A=<assignment>"; exit 2; }
	$(GRADING) summary $(A)

grading-integrity: install    ## submissions flagged by the integrity checks, and why -> exercises/reports/$(A)/integrity.csv
	@test -n "$(A)" || { echo "usage: make grading-integrity A=<assignment>"; exit 2; }
	$(GRADING) integrity $(A)

grading-bad-submissions: install  ## the bad-submission corpus, generated from the release of $(A) (default ps1-ip) -> $(OUT)
	$(BIN)/python scripts/make_bad_submissions.py -a $(or $(A),ps1-ip) --out $(OUT)

# Grading benchmark (a script, not a test): plain sequential nbgrader autograde against the Dask path
# with 1, 2 and 3 local workers on the same synthesised class; prints submissions per minute, the
# scaling efficiency, peak memory and the sandbox's cost.
bench: install
	$(BIN)/python scripts/bench_grading.py -n $(BENCH_N) --unsandboxed $(if $(BENCH_WORKERS),-w $(BENCH_WORKERS))
