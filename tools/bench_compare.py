"""`make bench-compare`: the same workloads in kiln and in PyTorch eager,
plus a memory-bandwidth probe, interleaved in one run, for 1 and 2 threads.

Run with Debian's /usr/bin/python3. For each thread count t it starts two
workers that keep their inputs in memory: build/bench/kiln_compare_worker
(bench/compare_worker.cpp, KILN_NUM_THREADS=t) and
tools/bench_compare_torch.py (torch.set_num_threads(t), OMP/OpenBLAS/MKL
threads = t, set before torch is imported). Each round runs the probe, then
every workload in kiln and in torch alternately; the table gives the median
over all rounds' calls. The machine is shared: the load that other
processes put on it during the run is measured and printed.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_compare_load import CoreMeter, LoadMeter, wait_for_quiet  # noqa: E402
from bench_compare_table import Row, as_json, legend, markdown  # noqa: E402

# Each side's calls of one workload in one round add up to about this.
ROUND_BUDGET_S = 0.25
# Caps on calls per round: compiles and process starts are slow and each
# first_compile call leaves one more kernel in memory.
MAX_CALLS = {"first_compile": 4, "process_cold_cache": 1, "process_warm_cache": 1}
MAX_CALLS_DEFAULT = 2000
# A workload whose call is slower than this (kiln's matmuls today: seconds)
# runs in only some of the rounds, spread over the run, so one side spends
# at most about SLOW_BUDGET_S on it per thread count.
SLOW_CALL_S = 1.0
SLOW_BUDGET_S = 8.0
# Pause after a worker's calls, so the idle pools of the one that just ran
# (OpenMP and OpenBLAS threads spin for a while) do not take the core from the next.
SETTLE_S = 0.1


class WorkloadError(Exception):
    pass


class Worker:
    """A child speaking the line protocol of bench/compare_worker.cpp."""

    def __init__(self, argv, env):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.pid = self.proc.pid

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise RuntimeError(f"worker {self.proc.args[0]} ended (exit code {self.proc.wait()})")
        if answer.startswith("error"):
            raise WorkloadError(answer[len("error"):].strip())
        return answer.split()[1:]

    def lines_until_end(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        out = []
        for answer in self.proc.stdout:
            if answer.strip() == "end":
                return out
            out.append(answer.rstrip("\n"))
        raise RuntimeError("worker ended during " + line)

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
        self.proc.wait()


def thread_env(threads):
    env = dict(os.environ)
    for var in ("KILN_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    return env


def calls_per_round(name, seconds):
    cap = MAX_CALLS.get(name, MAX_CALLS_DEFAULT)
    return max(1, min(cap, int(ROUND_BUDGET_S / max(seconds, 1e-9))))


def rounds_for(seconds, rounds):
    """The round numbers in which a workload whose calls take `seconds` runs."""
    if seconds < SLOW_CALL_S:
        return set(range(rounds))
    n = max(1, min(rounds, int(SLOW_BUDGET_S / seconds)))
    return {i * rounds // n for i in range(n)}


def warm_up(worker, name):
    """Prepares the inputs and compiles (the first call), then times one
    more call unless the first was slow; returns the last call's seconds."""
    seconds = float(worker.ask(f"run {name} 1")[0])
    if seconds < SLOW_CALL_S:
        seconds = float(worker.ask(f"run {name} 1")[0])
    return seconds


def run_section(args, threads, load, notes):
    """All rounds for one thread count; returns its rows."""
    env = thread_env(threads)
    kiln = Worker([os.path.join(args.build, "bench", "kiln_compare_worker")], env)
    torch = Worker([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "bench_compare_torch.py"), str(threads)], env)
    pids = [kiln.pid, torch.pid]
    try:
        notes.setdefault("torch", torch.ask("info"))
        rows = []
        for line in kiln.lines_until_end("list"):
            name, nbytes, flops, description = line.split("\t")
            if args.only and name not in args.only:
                continue
            rows.append(Row(name, description, threads, float(nbytes), float(flops)))

        # Warm-up: prepares the inputs, compiles, and sizes each side's calls.
        calls, in_rounds = {}, {}
        for row in rows:
            for side, worker, attr in (("kiln", kiln, "kiln_error"), ("torch", torch, "torch_error")):
                try:
                    seconds = warm_up(worker, row.name)
                    calls[(side, row.name)] = calls_per_round(row.name, seconds)
                    in_rounds[(side, row.name)] = rounds_for(seconds, args.rounds)
                except WorkloadError as e:
                    setattr(row, attr, str(e))

        kiln_cores, torch_cores, probe, fresh = CoreMeter(), CoreMeter(), [], []
        load.restart()
        load.sample(pids)
        for round_no in range(args.rounds):
            answer = kiln.ask(f"probe {threads} 3")
            probe_bytes = float(answer[0])
            probe += [float(t) for t in answer[1:]]
            answer = kiln.ask("faults 2")
            fresh_bytes = float(answer[0])
            fresh += [float(t) for t in answer[1:]]
            for row in rows:
                for side, worker, meter, times in (("kiln", kiln, kiln_cores, row.kiln),
                                                   ("torch", torch, torch_cores, row.torch)):
                    if round_no not in in_rounds.get((side, row.name), ()):
                        continue
                    command = f"run {row.name} {calls[(side, row.name)]}"
                    try:
                        times += [float(t) for t in meter.measure(worker.pid, lambda: worker.ask(command))]
                    except WorkloadError as e:  # keeps the calls that worked, drops the workload
                        setattr(row, side + "_error", str(e))
                        del in_rounds[(side, row.name)]
                    time.sleep(SETTLE_S)
            load.sample(pids)
            print(f"  {threads} thread(s): round {round_no + 1}/{args.rounds} done", file=sys.stderr, flush=True)

        for line in kiln.lines_until_end("notes"):
            if line not in notes["kiln"]:
                notes["kiln"].append(line)
        # The best pass, as STREAM reports: on a shared VM the others are
        # slowed by whatever else the host runs, not by the memory system.
        bandwidth = probe_bytes / min(probe)
        for row in rows:
            row.bandwidth = bandwidth
        notes["probe"].append(f"{threads} thread(s): {bandwidth / 1e9:.1f} GB/s "
                              f"(triad, {probe_bytes / 2**20:.0f} MiB per pass, best of {len(probe)}; each round's passes follow an untimed one)")
        fresh_s = statistics.median(fresh)
        notes["fresh"].append(f"during the {threads}-thread rounds: {fresh_s * 1e3:.1f} ms "
                              f"({fresh_s / (fresh_bytes / 4096) * 1e6:.2f} µs per 4 KiB page)")
        notes["cores"].append(f"{threads} thread(s): kiln used {kiln_cores.cores():.2f} cores while running, "
                              f"torch {torch_cores.cores():.2f}")
        return rows
    finally:
        kiln.close()
        torch.close()


def machine():
    model = "unknown CPU"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = next(l.split(":", 1)[1].strip() for l in out.splitlines() if l.startswith("Model name"))
    except (OSError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} cores, Linux {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build", help="kiln build directory (with KILN_BUILD_BENCH=ON)")
    parser.add_argument("--threads", default="1,2", help="thread counts, comma-separated")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="run only these workloads")
    parser.add_argument("--json", help="also write every timed call here")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="S",
                        help="first wait up to S seconds for other processes to use under 0.2 cores")
    args = parser.parse_args()

    if args.wait_quiet > 0:
        print(f"bench-compare: waiting up to {args.wait_quiet:.0f} s for a quiet machine", file=sys.stderr, flush=True)
        print(f"bench-compare: other load now {wait_for_quiet(args.wait_quiet):.2f} cores", file=sys.stderr, flush=True)

    start = time.monotonic()
    load = LoadMeter()
    notes = {"probe": [], "fresh": [], "cores": [], "kiln": []}
    rows = []
    for threads in (int(t) for t in args.threads.split(",")):
        print(f"bench-compare: {threads} thread(s), {args.rounds} rounds", file=sys.stderr, flush=True)
        rows += run_section(args, threads, load, notes)
    order = list(dict.fromkeys(r.name for r in rows))
    rows.sort(key=lambda r: order.index(r.name))  # each workload's thread counts together
    elapsed = time.monotonic() - start

    blas = ", ".join(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("OPENBLAS_")) or "none set"
    print(f"kiln vs PyTorch eager, float32, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(f"torch: {' '.join(notes['torch'])}; matmuls go to OpenBLAS (environment: {blas})")
    print(f"medians over {args.rounds} interleaved rounds; bw-bound = compulsory bytes / triad probe rate\n")
    print(markdown(rows))
    print()
    print(legend(rows))
    print()
    print("bandwidth probe: " + "; ".join(notes["probe"]))
    print("fresh-memory probe (map + write + unmap 64 MiB, as each new eager temporary of that size costs): "
          + "; ".join(notes["fresh"]))
    print("threads: " + "; ".join(notes["cores"]) +
          " (KILN_NUM_THREADS is set to the thread count; a kiln without a thread pool ignores it)")
    for line in notes["kiln"]:
        print("note: " + line)
    print(load.summary())
    print(f"run took {elapsed:.0f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": as_json(rows), "notes": notes, "other_load": load.summary()}, f, indent=1)


if __name__ == "__main__":
    main()
