"""The PyTorch eager side of `make bench-compare` (tools/bench_compare.py).

Run with Debian's /usr/bin/python3, as a child of the driver, which sets
OMP_NUM_THREADS / OPENBLAS_NUM_THREADS / MKL_NUM_THREADS before this process
imports torch. Speaks the same line protocol as kiln_compare_worker
(bench/compare_worker.cpp): `run <name> <reps>` answers "ok" and the seconds
of each call, `info` answers "ok" and what torch runs on, `quit` ends. The workloads mirror bench/workloads.cpp by name;
matmuls go to torch's BLAS (OpenBLAS here). Workloads that only a compiler
has (first compile, disk cache) answer "error".
"""
import sys
import time

import torch

N16M = 16 * 1024 * 1024
LATENCY_ELEMENTS = 1024  # kiln_bench::kLatencyElements


def chain(a, b, c):
    return ((a * b + c) * 0.5 - a).relu() * b + 1.0


def prepare(name):
    """Creates the inputs of workload `name`; returns its call."""
    rand = torch.rand
    if name == "chain_16M":
        a, b, c = rand(N16M), rand(N16M), rand(N16M)
        return lambda: chain(a, b, c)
    if name == "sum_16M":
        a = rand(N16M)
        return lambda: a.sum().item()
    if name == "sum_lastdim_4096":
        x = rand(4096, 4096)
        return lambda: x.sum(-1)
    if name == "softmax_4096":
        x = rand(4096, 4096)
        return lambda: x.softmax(-1)
    if name == "max_4096":
        x = rand(4096, 4096)
        return lambda: x.amax(1)
    if name == "argmax_4096":
        x = rand(4096, 4096)
        return lambda: x.argmax(1)
    if name == "transpose_4096":
        x = rand(4096, 4096)
        return lambda: x.t().contiguous()
    if name.startswith("matmul_"):
        n = int(name.split("_")[1])
        a, b = rand(n, n), rand(n, n)
        return lambda: a @ b
    if name == "linear_relu_1024":
        a, w, bias = rand(1024, 1024), rand(1024, 1024), rand(1024)
        return lambda: (a @ w + bias).relu()
    if name in ("tiny_add", "record_op"):  # an eager op records nothing: it computes
        a = rand(4)
        return lambda: a + 1.0
    if name == "cache_hit":
        a, b, c = rand(LATENCY_ELEMENTS), rand(LATENCY_ELEMENTS), rand(LATENCY_ELEMENTS)
        return lambda: chain(a, b, c)
    raise ValueError(f"eager PyTorch has no equivalent of {name}")


def info():
    capability = [l.split(":", 1)[1].strip() for l in torch.__config__.show().splitlines() if "CPU capability" in l]
    return f"torch {torch.__version__} ({', '.join(capability) or 'CPU capability unknown'})"


def main():
    torch.set_num_threads(int(sys.argv[1]))
    prepared = {}
    clock = time.perf_counter
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        try:
            if words[0] == "info":
                print("ok " + info(), flush=True)
                continue
            if words[0] != "run":
                raise ValueError(f"unknown command: {line.strip()}")
            name, reps = words[1], int(words[2])
            if name not in prepared:
                prepared[name] = prepare(name)
            call = prepared[name]
            times = []
            for _ in range(reps):
                start = clock()
                call()
                times.append(clock() - start)
            print("ok " + " ".join(f"{t:.9f}" for t in times), flush=True)
        except Exception as e:  # one failing workload must not end the run
            print("error " + str(e).replace("\n", " "), flush=True)


if __name__ == "__main__":
    main()
