# kiln: the two commands a fresh Debian 12 machine needs.
#   make demo   install what is missing, build, run the seed walkthrough
#   make test   install what is missing, build, run every test (ctest)
# Also: make build, make test-sanitize (ASan+UBSan), make test-nollvm (a build
# without LLVM: the CPU runs the reference interpreter), make bench (Google
# Benchmark suite, JSON in build/bench/kiln_bench.json), make bench-compare
# (kiln vs PyTorch eager, 1 and 2 threads, 2.5 to 5 minutes), make clean.
# Benchmarks never run in `make test`.

BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
NOLLVM_BUILD ?= build-nollvm
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

.PHONY: deps deps-torch build demo test test-sanitize test-nollvm bench bench-build bench-compare clean

deps:
	@tools/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/examples/fundamentals

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

$(SANITIZE_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(SANITIZE_BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DKILN_SANITIZE=ON -DKILN_BUILD_BENCH=OFF $(CMAKE_FLAGS)

test-sanitize: deps $(SANITIZE_BUILD)/CMakeCache.txt
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS)

$(NOLLVM_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(NOLLVM_BUILD) $(GENERATOR) -DKILN_LLVM=OFF -DKILN_BUILD_BENCH=OFF $(CMAKE_FLAGS)

test-nollvm: deps $(NOLLVM_BUILD)/CMakeCache.txt
	cmake --build $(NOLLVM_BUILD) -j $(JOBS)
	ctest --test-dir $(NOLLVM_BUILD) --output-on-failure -j $(JOBS)

# The benchmarks need the main build configured with KILN_BUILD_BENCH=ON
# (the default); re-enable it if a cache turned it off.
bench-build: deps $(BUILD)/CMakeCache.txt
	cmake -S . -B $(BUILD) -DKILN_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target kiln_bench kiln_compare_worker kiln_first_realize

bench: bench-build
	./$(BUILD)/bench/kiln_bench --benchmark_out=$(BUILD)/bench/kiln_bench.json --benchmark_out_format=json $(BENCH_ARGS)

deps-torch:
	@tools/install-deps.sh --with-torch

# Debian's torch, through /usr/bin/python3 (not whatever python3 is on PATH).
bench-compare: bench-build deps-torch
	/usr/bin/python3 tools/bench_compare.py --build $(BUILD) --json $(BUILD)/bench/compare.json $(COMPARE_ARGS)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(NOLLVM_BUILD)
