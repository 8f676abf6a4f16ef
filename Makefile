# Thin entry points; the work happens in scripts/. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help setup build run stop admin test lint bench fuzz install scale-demo bench-compare soak
.PHONY: bench-ws-latency

help:
	@echo "make run     install what is missing, build, start the local stack on http://127.0.0.1:8080"
	@echo "make stop    stop a stack started by 'make run'"
	@echo "make admin EMAIL=you@example.com   create or promote an admin on the running stack"
	@echo "make test    unit/adapter tests (swift test), then the end-to-end suite (pytest Tests/e2e)"
	@echo "make lint    swift format lint --strict (the house style in .swift-format)"
	@echo "make bench   wrk: GET /api/auth/me through nginx vs a static file (needs 'make build')"
	@echo "make bench-compare   Cohorta vs the old stack (Quart/Hypercorn/python-socketio) and a bare C libfcgi responder"
	@echo "make bench-ws-latency   WebSocket latency DB write → receipt, 2,000 sockets × 20 turns/s, C client (BENCH_WS_CONNECTIONS=…)"
	@echo "make scale-demo   two cohorta-fcgi pools + two cohorta-ws behind one nginx (docs/scaling.md); stop: scripts/scale-demo.sh stop"
	@echo "make install   as root: install Cohorta as systemd services + nginx site (docs/deploy.md; DESTDIR=DIR stages only)"
	@echo "make fuzz    the libFuzzer targets, optimised, 10 minutes each (FUZZ_SECONDS=…, FUZZ_TARGETS=\"json bson\")"
	@echo "make soak    long runs: chaos under load (SOAK_MINUTES=10), schemathesis at 100 examples, make fuzz"

setup:
	scripts/setup.sh

build:
	scripts/build.sh release

run: setup build
	scripts/dev-stack.sh start

stop:
	scripts/dev-stack.sh stop

admin:
	scripts/dev-stack.sh admin "$(EMAIL)"

test: setup
	scripts/test.sh

lint:
	swift format lint --strict --recursive Sources Tests Package.swift

bench: setup
	bench/run.sh

bench-compare: setup
	bench/run-compare.sh

bench-ws-latency: setup
	bench/run-ws.sh ws_latency.py

fuzz:
	FUZZ_OPT=-O scripts/fuzz.sh run $${FUZZ_SECONDS:-600} $${FUZZ_TARGETS:-}

scale-demo: setup build
	scripts/scale-demo.sh start

install:
	scripts/install.sh $(if $(DESTDIR),--root "$(DESTDIR)") $(INSTALL_ARGS)

soak: setup
	scripts/soak.sh
