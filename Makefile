# Two commands do everything on a fresh Debian 12 machine:
#   make run    install dependencies, build, create/upgrade var/freezer.db, serve on 127.0.0.1:9090
#   make test   install dependencies, build, run every test (CTest)
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CONFIG ?= etc/freezer-api-local.conf
JOBS ?= $(shell nproc)
# Tests wait on services and agents much of the time: two per core keep the cores busy.
TEST_JOBS ?= $(shell echo $$(( $$(nproc) * 2 )))
# Times a step for .ci/run's summary (only when $$FREEZER_STEP_TIMES is set).
TIMED = $(CURDIR)/scripts/timed.sh

.PHONY: all deps build run run-scheduler demo screenshots dashboard-test test unit-test functional-test cli-test scheduler-test \
        deploy-test devstack-test ansible-test bench bench-scale bench-cloud bench-cloud-matrix samples deb clean format \
        format-check tidy lint scale-test \
        sanitize-build sanitize-test tsan-test fuzz

all: build

deps:
	scripts/install-deps.sh build

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	$(TIMED) "  build" cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	mkdir -p var
	$(BUILD_DIR)/db/freezer-manage --config-file $(CONFIG) db sync
	exec $(BUILD_DIR)/freezer_api/freezer-api --config-file $(CONFIG)

# A demo cloud on 127.0.0.1 (demo/demo.sh): Keystone, this API on SQLite with Keystone auth, a
# scheduler with the real freezer-agent, and Horizon with the Freezer panels; Ctrl-C stops it.
demo: build
	scripts/install-deps.sh agent demo
	exec demo/demo.sh $(BUILD_DIR)

# The dashboard's screenshots in docs/images, made by the browser tests' own run.
screenshots: dashboard-test
	cp $(BUILD_DIR)/dashboard-screenshots/*.png docs/images/

# Next to `make run` (in another terminal): runs jobs of client local-node in project demo.
run-scheduler: build
	scripts/install-deps.sh agent
	mkdir -p var/scheduler/jobs
	exec $(BUILD_DIR)/freezer_scheduler/freezer-scheduler --config-file etc/scheduler-local.conf --no-daemon start

test: build
	$(TIMED) "  install-deps (test)" scripts/install-deps.sh services cli agent peer cinder deploy bench \
	  demo dashboard
	cd $(BUILD_DIR) && $(TIMED) "  ctest -LE scale-out" ctest --output-on-failure -j $(TEST_JOBS) -LE scale-out
	$(MAKE) sanitize-test
	$(MAKE) tsan-test

# The scale-out tests (docs/scale-out.md): a 3-node Galera cluster, a 3-node ZooKeeper
# ensemble, two APIs and a pool of three central schedulers with Keystone and Cinder.
# Apart from `make test`: the two cores are busy through all of its CTest pass (run together,
# both took longer than one after the other); CI runs both.
scale-test: build
	scripts/install-deps.sh services cinder
	cd $(BUILD_DIR) && $(TIMED) "  ctest -L scale-out" ctest --output-on-failure -j $(TEST_JOBS) -L scale-out

# The unit and API suites (SQLite) built with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer, then each fuzz target briefly over its corpus and regressions.
SANITIZE_DIR ?= build-sanitize
# Line tables are all AddressSanitizer's reports need (file:line of every frame); full debug
# information would make this build slower for nothing. (ThreadSanitizer's suppressions match
# qualified function names, which only full debug information gives inlined frames.)
# Unoptimized: the sanitizers see every access (none is optimized away), and clang compiles
# in half the time of -O1 (250 s of CI's build became 148 s; the suites run 30 s longer, in
# shards). Fuzzing for long (make fuzz) finds more per second at -O1: SANITIZE_OPT=-O1 with a
# SANITIZE_DIR of its own.
SANITIZE_OPT ?= -O0
SANITIZE_FLAGS = $(SANITIZE_OPT) -gline-tables-only
SANITIZE_TESTS = unit_tests scheduler_unit_tests policy_tests api_tests api_wire_tests
$(SANITIZE_DIR)/build.ninja:
	scripts/install-deps.sh build sanitize
	CC=clang CXX=clang++ cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="$(SANITIZE_FLAGS)" -DFREEZER_WERROR=OFF \
	  -DFREEZER_SANITIZE=address,undefined -DFREEZER_FUZZ=ON
sanitize-build: $(SANITIZE_DIR)/build.ninja
	scripts/install-deps.sh build sanitize
	$(TIMED) "  sanitize build" cmake --build $(SANITIZE_DIR) -j $(JOBS) --target $(SANITIZE_TESTS) fuzz_targets
sanitize-test: sanitize-build
	$(TIMED) "  sanitize tests" scripts/sanitize-test.sh $(SANITIZE_DIR)
	$(TIMED) "  fuzz smoke" fuzz/run.sh $(SANITIZE_DIR) $(FUZZ_SMOKE_SECONDS)
FUZZ_SMOKE_SECONDS ?= 5

# The concurrency, pipelining and HTTP-layer tests under ThreadSanitizer (clang, build-tsan/),
# unoptimized as the sanitize build (SANITIZE_OPT): its build took 49 s, not 114 s; the tests
# 13 s, not 8 s.
TSAN_DIR ?= build-tsan
TSAN_TESTS ?= Concurrency.*:HttpWire.*:Pipeline.*:Storage.Concurrent*
$(TSAN_DIR)/build.ninja:
	scripts/install-deps.sh build sanitize
	CC=clang CXX=clang++ cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="$(SANITIZE_OPT) -g" -DFREEZER_WERROR=OFF -DFREEZER_SANITIZE=thread
tsan-test: $(TSAN_DIR)/build.ninja
	$(TIMED) "  tsan build" cmake --build $(TSAN_DIR) -j $(JOBS) --target api_wire_tests
	$(TIMED) "  tsan tests" env TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/cmake/tsan-suppressions.txt" \
	  $(TSAN_DIR)/tests/api_wire_tests --gtest_brief=1 --gtest_filter='$(TSAN_TESTS)'

# Every fuzz target for FUZZ_SECONDS (default 60) each; findings land in build-sanitize/fuzz-findings.
FUZZ_SECONDS ?= 60
fuzz: sanitize-build
	fuzz/run.sh $(SANITIZE_DIR) $(FUZZ_SECONDS)

# Slices of `make test` by CTest label, one per gate job in .zuul.yaml (CTest adds the
# services a selected test needs: Keystone, MariaDB, Cinder).
unit-test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L unit
functional-test: build
	scripts/install-deps.sh services cli peer bench
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L "functional|mariadb"
cli-test: build
	scripts/install-deps.sh services cli agent peer bench
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L cli
scheduler-test: build
	scripts/install-deps.sh services cli agent peer cinder
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L scheduler
deploy-test: build
	scripts/install-deps.sh services deploy
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L deploy
devstack-test: build
	scripts/install-deps.sh services deploy
	cd $(BUILD_DIR) && ctest --output-on-failure -L devstack
dashboard-test: build
	scripts/install-deps.sh agent peer demo dashboard
	cd $(BUILD_DIR) && ctest --output-on-failure -L dashboard
ansible-test: build
	scripts/install-deps.sh services deploy
	cd $(BUILD_DIR) && ctest --output-on-failure -L ansible

# Side by side in one run: this API, Debian's Python freezer-api 13.0.0 and the HTTP
# ceiling, on SQLite and MariaDB (bench/run.sh; the table is printed and written as JSON to
# build/bench/results.json); then the Keystone token cache and the scheduler's poll.
bench: build
	scripts/install-deps.sh services peer bench profile
	bench/run.sh $(BUILD_DIR)

# This API over 1,000,000 jobs and 1,000,000 backups in 10,000 projects, on SQLite and MariaDB
# (bench/scale.sh; SCALE_JOBS, SCALE_BACKUPS and SCALE_PROJECTS make it smaller).
bench-scale: build
	scripts/install-deps.sh services bench
	bench/scale.sh $(BUILD_DIR) sqlite
	bench/scale.sh $(BUILD_DIR) mariadb
	$(BUILD_DIR)/bench/auth_cache_bench 2000 2>/dev/null
	cd $(BUILD_DIR) && bench/scheduler_poll_bench freezer_scheduler/freezer-scheduler 10000 2>/dev/null

# A pool of central schedulers over a cloud-sized job table: the real API, schedulers and
# ZooKeeper, bench/cloud/cloud_sim.py for Keystone and Cinder (bench/cloud_bench.py). The
# issue's size by default: 1,000,000 jobs, 100,000 projects, 3 members, on SQLite then MariaDB
# (about 25 minutes each); CLOUD_JOBS, CLOUD_PROJECTS, CLOUD_MEMBERS, CLOUD_WINDOW change it.
bench-cloud: build
	scripts/install-deps.sh services bench
	CLOUD_JOBS=$${CLOUD_JOBS:-1000000} CLOUD_WINDOW=$${CLOUD_WINDOW:-600} \
	  /usr/bin/python3 bench/cloud_bench.py $(BUILD_DIR) sqlite
	CLOUD_JOBS=$${CLOUD_JOBS:-1000000} CLOUD_WINDOW=$${CLOUD_WINDOW:-600} \
	  /usr/bin/python3 bench/cloud_bench.py $(BUILD_DIR) mariadb
	/usr/bin/python3 bench/cloud_table.py $(BUILD_DIR)/bench/cloud-*.json

# The other columns of the capacity table: every size with every pool size on SQLite, with a
# 2-minute window each, then the table of every run in build/bench (about 2 hours). A pool too
# small for its cloud is a result, not a reason to stop: the target fails at the end.
CLOUD_MATRIX_JOBS ?= 10000 100000 1000000
CLOUD_MATRIX_MEMBERS ?= 1 3 6
bench-cloud-matrix: build
	scripts/install-deps.sh services bench
	status=0; for jobs in $(CLOUD_MATRIX_JOBS); do for members in $(CLOUD_MATRIX_MEMBERS); do \
	  CLOUD_JOBS=$$jobs CLOUD_MEMBERS=$$members CLOUD_WINDOW=$${CLOUD_WINDOW:-120} \
	    /usr/bin/python3 bench/cloud_bench.py $(BUILD_DIR) sqlite || status=1; done; done; \
	/usr/bin/python3 bench/cloud_table.py $(BUILD_DIR)/bench/cloud-*.json; exit $$status

# The Debian package (build/deb/freezer-cpp_<version>_<arch>.deb): the binaries of the build,
# with the configuration, systemd units and init scripts of deploy/package.
deb: build
	cd $(BUILD_DIR) && cpack -G DEB

# The sample files in etc/, printed by the binaries from their option and policy tables (a
# test fails when they are stale). The scheduler's sample is made as the packaged service
# user sees it (its home is /var/lib/freezer).
samples: build
	$(BUILD_DIR)/freezer_api/freezer-api --print-config-sample > etc/freezer-api.conf.sample
	env -i HOME=/var/lib/freezer $(BUILD_DIR)/freezer_scheduler/freezer-scheduler \
	  --print-config-sample > etc/scheduler.conf.sample
	$(BUILD_DIR)/policy/freezer-api-policy-sample > etc/policy.yaml.sample

# Every C++ source, formatted by clang-format (.clang-format); format-check changes nothing
# and fails on the first difference (.ci/run runs it).
FORMAT_SOURCES = $(shell git ls-files '*.cc' '*.h')
format:
	scripts/install-deps.sh lint
	clang-format -i $(FORMAT_SOURCES)
format-check:
	scripts/install-deps.sh lint
	clang-format --dry-run -Werror $(FORMAT_SOURCES)

# clang-tidy with the checks of .clang-tidy over the product's sources (build/ compile commands).
tidy: build
	scripts/install-deps.sh lint
	scripts/tidy.sh $(BUILD_DIR)

# The habits .ci/run checks besides the tests: formatting and clang-tidy.
lint: format-check tidy

clean:
	rm -rf $(BUILD_DIR)
