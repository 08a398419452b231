"""The table `make bench-compare` prints: per workload and thread count,
kiln's and PyTorch's median times, their ratio, the bandwidth-bound time
and the target with whether it is met. Targets are shown, never asserted.
"""
from dataclasses import dataclass, field
from statistics import median


@dataclass
class Row:
    name: str
    description: str
    threads: int
    bytes: float
    flops: float
    kiln: list = field(default_factory=list)  # seconds of every timed call
    torch: list = field(default_factory=list)
    kiln_error: str = ""
    torch_error: str = ""
    bandwidth: float = 0.0  # probe bytes/s in the same run and thread count

    def kiln_s(self):
        return median(self.kiln) if self.kiln else None

    def torch_s(self):
        return median(self.torch) if self.torch else None

    def bound_s(self):
        return self.bytes / self.bandwidth if self.bytes and self.bandwidth else None


@dataclass
class Target:
    text: str
    value: callable  # Row -> measured quantity or None
    limit: float
    at_least: bool = False  # the quantity (a speedup) must reach the limit (else stay under it)

    def verdict(self, row):
        v = self.value(row)
        if v is None:
            return "n/a"
        if (v >= self.limit) if self.at_least else (v <= self.limit):
            return "yes"
        if self.at_least:
            return f"no (reaches {v:.2f}×, {self.limit / v:.1f}× short)"
        return f"no ({v / self.limit:.2f}× the limit)"


def _ratio(a, b):
    return a / b if a is not None and b else None


TARGETS = {
    "chain_16M": Target("≤ 1.1× bw-bound", lambda r: _ratio(r.kiln_s(), r.bound_s()), 1.1),
    "sum_16M": Target("≤ 1.0× torch", lambda r: _ratio(r.kiln_s(), r.torch_s()), 1.0),
    "softmax_4096": Target("≥ 6× faster than torch", lambda r: _ratio(r.torch_s(), r.kiln_s()), 6.0, at_least=True),
    "transpose_4096": Target("≥ 6× faster than torch", lambda r: _ratio(r.torch_s(), r.kiln_s()), 6.0, at_least=True),
    "first_compile": Target("≤ 15 ms", lambda r: r.kiln_s(), 0.015),
    "process_warm_cache": Target("≤ 2 ms", lambda r: r.kiln_s(), 0.002),
}


def format_time(seconds):
    if seconds is None:
        return "–"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def _rate(row):
    """kiln's GB/s (memory-bound rows) or GFLOP/s (matmuls)."""
    k = row.kiln_s()
    if k is None:
        return ""
    if row.bytes:
        return f"{row.bytes / k / 1e9:.1f} GB/s"
    if row.flops:
        return f"{row.flops / k / 1e9:.1f} GFLOP/s"
    return ""


def _cell(seconds, error):
    return format_time(seconds) if seconds is not None else ("n/a" if error else "–")


def markdown(rows):
    lines = [
        "| workload | thr | kiln | torch | kiln/torch | kiln rate | bw-bound | kiln/bw-bound | target | met |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        target = TARGETS.get(r.name)
        kiln_vs_torch = _ratio(r.kiln_s(), r.torch_s())
        kiln_vs_bound = _ratio(r.kiln_s(), r.bound_s())
        lines.append("| " + " | ".join([
            f"`{r.name}`",
            str(r.threads),
            _cell(r.kiln_s(), r.kiln_error),
            _cell(r.torch_s(), r.torch_error),
            f"{kiln_vs_torch:.2f}" if kiln_vs_torch is not None else "–",
            _rate(r),
            format_time(r.bound_s()),
            f"{kiln_vs_bound:.2f}" if kiln_vs_bound is not None else "–",
            target.text if target else "",
            target.verdict(r) if target else "",
        ]) + " |")
    return "\n".join(lines)


def legend(rows):
    """What each workload computes, and why a side has no number."""
    seen, lines = set(), []
    for r in rows:
        if r.name in seen:
            continue
        seen.add(r.name)
        line = f"- `{r.name}`: {r.description}"
        if r.kiln_error:
            line += f"; kiln: {r.kiln_error}"
        if r.torch_error:
            line += f"; torch: {r.torch_error}"
        lines.append(line)
    return "\n".join(lines)


def as_json(rows):
    return [{
        "name": r.name, "threads": r.threads, "kiln_s": r.kiln, "torch_s": r.torch,
        "kiln_median_s": r.kiln_s(), "torch_median_s": r.torch_s(), "bandwidth_bound_s": r.bound_s(),
        "kiln_error": r.kiln_error, "torch_error": r.torch_error,
        "target": TARGETS[r.name].text if r.name in TARGETS else None,
        "met": TARGETS[r.name].verdict(r) if r.name in TARGETS else None,
    } for r in rows]
