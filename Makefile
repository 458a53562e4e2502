# The two commands of the README, and a few helpers. Every target sets up what
# it needs itself (scripts/setup.sh), so they work on a fresh clone.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv/bin
ADDR ?= 127.0.0.1:8000
# Large handbooks (hundreds of roles): `make serve DIRTY=1` rebuilds only the
# pages a save changes (mkdocs serve --dirty), about a second instead of a
# full rebuild.
DIRTY ?=

.PHONY: serve test setup check build benchmark fuzz clean messages

serve:            ## set up, then serve the example handbook at http://$(ADDR)/ (DIRTY=1: large handbooks)
	scripts/setup.sh
	$(VENV)/rolebook check handbooks
	$(VENV)/mkdocs serve --dev-addr $(ADDR) $(if $(DIRTY),--dirty)

test:             ## set up (with test tools and Chromium), then run the whole suite
	scripts/setup.sh --test
	$(VENV)/python -m pytest -n 2 --dist loadgroup -q -p no:cacheprovider $(PYTEST_ARGS)

setup:
	scripts/setup.sh

check: setup
	$(VENV)/rolebook check handbooks

build: setup
	$(VENV)/mkdocs build --strict

benchmark: setup
	$(VENV)/python benchmarks/run_all.py

MUTANTS ?= 50000
fuzz: setup       ## mutation fuzzer: $(MUTANTS) hostile variants of the example handbook (not part of `make test`)
	$(VENV)/python scripts/fuzz.py --mutants $(MUTANTS) $(FUZZ_ARGS)

LOCALE := plugins/rolebook/locale
messages: setup   ## re-extract the labels into rolebook.pot, update every language's .po, compile the .mo files
	$(VENV)/pybabel extract -F babel.cfg -k N_ -k Nn_:1,2 -k _ -k ngettext:1,2 --no-location --sort-output --omit-header -o $(LOCALE)/rolebook.pot .
	$(VENV)/pybabel update -i $(LOCALE)/rolebook.pot -d $(LOCALE) -D rolebook --width 100 --ignore-pot-creation-date --ignore-obsolete
	$(VENV)/pybabel compile -d $(LOCALE) -D rolebook --statistics

clean:
	rm -rf site .cache
