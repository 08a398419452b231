# kiln: the two commands a fresh Debian 12 machine needs.
#   make demo   install what is missing, build, run the seed walkthrough
#   make test   install what is missing, build, run every test (ctest)
# Also: make build, make test-sanitize (ASan+UBSan), make test-nollvm (a build
# without LLVM: the CPU runs the reference interpreter), make bench, make clean.

BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
NOLLVM_BUILD ?= build-nollvm
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

.PHONY: deps build demo test test-sanitize test-nollvm bench clean

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

bench: build
	./$(BUILD)/bench/kiln_bench

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(NOLLVM_BUILD)
