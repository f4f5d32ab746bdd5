# Two entry points on a fresh machine: `make demo` and `make test`. Both build the venv first.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
EXAMPLE := examples/munich-2016

.PHONY: demo test lint bench browser readme clean

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	# torch first and pinned: an unpinned torch pulls several GB of CUDA wheels
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/newsfuse brief $(EXAMPLE)

# Debian's chromium for the Playwright browser tests (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) benchmarks/summarization.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

readme: $(STAMP)
	$(PY) scripts/cli_reference.py
