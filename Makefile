# One command each to install, train, run, test, evaluate and benchmark (see README).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
RASA        := $(VENV)/bin/rasa
RASA_PORT   ?= 5005
ACTION_PORT ?= 5055
WEB_PORT    ?= 8000
HOST        ?= 127.0.0.1

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore
export PIP_DISABLE_PIP_VERSION_CHECK := 1

SPACY_PIPELINE := build/spacy_pipeline/meta.json
MODEL          := models/current.tar.gz
# the domain Rasa trains on: domain.yml (shared core) with responses/<lang>/*.yml merged in
DOMAIN         := build/domain.yml
RESPONSES      := $(shell find responses -name '*.yml' 2>/dev/null)
TRAIN_INPUTS   := config.yml $(DOMAIN) $(shell find data -name '*.yml' 2>/dev/null) \
                  components/nlu_guard.py components/confidence_gate.py components/pipeline.py bot/safety.py bot/onset.py bot/typos.py bot/language.py bot/text_checks.py \
                  bot/redaction.py bot/settings.py bot/faq_selection.py bot/safety_signs.py bot/safety_context.py bot/safety_clauses.py \
                  $(SPACY_PIPELINE)

.PHONY: help install spacy domain train run shell test test-unit test-integration test-e2e test-stories test-nlu \
        test-safety validate eval bench ablation test-scale test-browser lint lock clean

help:
	@echo "make install   create .venv (Python 3.10) from requirements.lock, build the spaCy pipeline"
	@echo "make run       install + train if needed, then start actions, Rasa and the demo page"
	@echo "make shell     talk to the assistant in the terminal (rasa shell)"
	@echo "make test      everything CI runs: validate, lint, train, then every kind of test below"
	@echo "  make test-unit         tests/unit: no server, no database server, no model (seconds)"
	@echo "  make test-integration  tests/integration: PostgreSQL and Redis on 127.0.0.1 (skip if absent)"
	@echo "  make test-e2e          tests/e2e: live servers on the trained model (channels, fuzz, faults)"
	@echo "  make test-stories      story tests (tests/e2e/stories) with the action server up"
	@echo "  make test-browser      the chat widget in headless Chromium (tests/e2e/browser)"
	@echo "  make test-scale        two Rasa servers on PostgreSQL and Redis, one killed mid-conversation"
	@echo "  make test-nlu          held-out NLU sets and blind conversations against their floors"
	@echo "  make test-safety       911 first for every new-onset message of every set"
	@echo "make eval      understanding and stroke-safety report (held-out sets, baseline, cross-validation)"
	@echo "make bench     speed and memory benchmark (writes BENCHMARKS.md figures)"
	@echo "make ablation  train each model variant and score it on every set (about an hour)"

# --- setup -------------------------------------------------------------------------------------
$(VENV)/.installed: requirements.lock scripts/find_python310.sh
	@PY310=$$(scripts/find_python310.sh) && \
	  { [ -x $(PY) ] || $$PY310 -m venv $(VENV); }
	$(PY) -m pip install --quiet "$$(grep -i '^pip==' requirements.lock)"
	$(PY) -m pip install --quiet --no-deps -r requirements.lock
	$(PY) -m pip check
	@touch $@

install: $(VENV)/.installed $(SPACY_PIPELINE)

$(SPACY_PIPELINE): $(VENV)/.installed bot/nlp_build.py bot/towns.py bot/town_words.py bot/zip_codes.py
	$(PY) -m bot.nlp_build build/spacy_pipeline

spacy: $(SPACY_PIPELINE)

# --- model -------------------------------------------------------------------------------------
$(DOMAIN): $(VENV)/.installed domain.yml $(RESPONSES) bot/responses.py
	$(PY) -m bot.responses $(DOMAIN)

domain: $(DOMAIN)

# Retrains only when config, domain, data or the NLU rule layer changed (or no model exists).
$(MODEL): $(VENV)/.installed $(TRAIN_INPUTS)
	$(RASA) train --domain $(DOMAIN) --fixed-model-name current --out models --quiet
	@touch $@

train: $(MODEL)

# --- run ---------------------------------------------------------------------------------------
run: install train
	@scripts/run.sh

shell: install train
	@scripts/run.sh --shell

# --- checks ------------------------------------------------------------------------------------
validate: install $(DOMAIN)
	$(RASA) data validate --domain $(DOMAIN) --quiet

lint: install
	$(VENV)/bin/ruff check bot actions components tests scripts

# pytest's exit code 5 means "no tests collected": not a failure of the code under test.
pytest = $(PY) -m pytest -q $(1); status=$$?; [ $$status -eq 0 ] || [ $$status -eq 5 ]

# tests/unit, tests/integration and tests/e2e: one kind each (see tests/conftest.py)
test-unit: install
	$(call pytest,tests/unit)

# PostgreSQL and Redis on 127.0.0.1 (.ci/run starts them); where one is not running, its tests skip and say why
test-integration: install
	$(call pytest,-rs tests/integration)

# live servers started by scripts/_services.py on the trained model
test-e2e: install train
	$(call pytest,-rs tests/e2e)

test-stories: install train
	$(PY) scripts/story_tests.py

# held-out sets (never in training) and the blind conversations: floors a few points under BENCHMARKS.md
test-nlu: install train
	$(PY) scripts/nlu_heldout.py --check --set main
	$(PY) scripts/nlu_heldout.py --check --set fresh
	$(PY) scripts/nlu_heldout.py --check --set blind --noisy
	$(PY) scripts/nlu_heldout.py --check --set languages
	$(PY) scripts/nlu_heldout.py --check --set spanish
	$(PY) scripts/nlu_heldout.py --check --set blind-es --noisy
	$(PY) scripts/conversations_eval.py --check --set blind
	$(PY) scripts/conversations_eval.py --check --set blind-es

# 911 first for every new-onset message of every set, no more alarms than the bar allows
test-safety: install train
	$(PY) scripts/safety_eval.py --check --no-report

test-browser: install train
	tests/e2e/browser/run.sh

test-scale: install train
	$(PY) scripts/scale_test.py

# test-scale needs PostgreSQL and Redis; where they are not running it says so and passes.
test: validate lint train test-unit test-integration test-e2e test-stories test-nlu test-safety test-browser \
      test-scale

eval: install train
	$(PY) scripts/evaluate.py
	$(PY) scripts/conversations_eval.py --set blind
	$(PY) scripts/conversations_eval.py --set blind-es
	$(PY) scripts/safety_eval.py

bench: install train
	$(PY) scripts/bench.py

# trains each model variant in scripts/ablation.py and scores it on every set (about an hour)
ablation: install $(DOMAIN)
	$(PY) scripts/ablation.py

lock:
	@echo "Regenerate requirements.lock from requirements.in in a fresh Python 3.10 venv:"
	@echo "  python3.10 -m venv /tmp/lockenv && /tmp/lockenv/bin/pip install -r requirements.in \\"
	@echo "  && /tmp/lockenv/bin/pip freeze --all | sort -f > requirements.lock"

clean:
	rm -rf models build results .rasa var tests/e2e/browser/screenshots
