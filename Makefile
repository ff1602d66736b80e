# Palabre: `make demo` and `make test` set everything up on a machine that has only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
POS    := $(wildcard locales/*/LC_MESSAGES/messages.po)
MOS    := $(POS:.po=.mo)

.PHONY: demo test test-later typecheck i18n catalogs privacy-doc lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile -l $* -i $< -o $@ >/dev/null

catalogs: $(MOS)

demo: $(STAMP) catalogs
	$(BIN)/palabre-demo

# The type checker first (configured in pyproject.toml: strict on flows/ and services/), then
# every test.
test: $(STAMP) catalogs
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The same tests with the wall clock moved far ahead (see tests/conftest.py). The pure domain's
# tests are left out: tests/flows/test_boundary.py proves that flows/ reads no clock at all.
test-later: $(STAMP) catalogs
	PALABRE_TEST_LATER=1 $(BIN)/python -m pytest --ignore=tests/flows

# Extract every message into the template, merge it into each catalog, keep English
# identical to the source, and compile. Translators then fill the new French/Arabic entries.
i18n: $(STAMP)
	$(BIN)/pybabel extract -F pyproject.toml -k N_ --no-location --sort-output \
		--project Palabre --copyright-holder "Palabre developers" \
		-w 100 -o locales/messages.pot bot services flows
	$(BIN)/pybabel update -N -w 100 -i locales/messages.pot -d locales -D messages --ignore-obsolete
	$(BIN)/python -m locales.english
	$(BIN)/pybabel compile -d locales -D messages --statistics

# The README's privacy section, written from the threat model in flows/privacy (the source of
# /privacy too); a test fails when they differ.
privacy-doc: $(STAMP)
	$(BIN)/python -m bot.privacy_doc

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP) catalogs
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) demo-output .pytest_cache .mypy_cache
