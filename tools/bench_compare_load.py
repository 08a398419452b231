"""CPU accounting for `make bench-compare`: how busy the machine was with
work other than the benchmark's own processes, and how many cores each
worker used while it ran.

Readings come from /proc (Linux): /proc/stat for the whole machine,
/proc/<pid>/stat for a worker (its threads, plus the children it waited
for, such as kiln_first_realize).
"""
import os
import time

TICK = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid):
    """User + system seconds of process `pid` and its waited-for children."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime..cstime are 14..17.
    return sum(int(x) for x in fields[11:15]) / TICK


def machine_cpu_seconds():
    """(busy, steal) seconds of all CPUs since boot. Busy leaves out idle,
    iowait and steal; steal (time the hypervisor gave to other guests) is
    reported on its own."""
    with open("/proc/stat") as f:
        values = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq) / TICK, steal / TICK


def own_cpu_seconds(pids):
    """CPU seconds of this driver and of the worker processes `pids`."""
    t = os.times()
    return t.user + t.system + sum(process_cpu_seconds(p) for p in pids)


def wait_for_quiet(max_seconds, threshold=0.2, interval=2.0):
    """Waits (at most `max_seconds`) until the rest of the machine uses under
    `threshold` cores over `interval` seconds; returns the last reading."""
    deadline = time.monotonic() + max_seconds
    while True:
        busy0, own0 = machine_cpu_seconds()[0], own_cpu_seconds([])
        time.sleep(interval)
        other = max(0.0, machine_cpu_seconds()[0] - busy0 - (own_cpu_seconds([]) - own0)) / interval
        if other < threshold or time.monotonic() >= deadline:
            return other


class LoadMeter:
    """Samples the machine between rounds; `other` is the CPU the rest of
    the machine used, in cores, per interval between two samples."""

    def __init__(self):
        self.samples = []  # (wall, busy, steal, own)
        self.intervals = []  # (other cores, steal cores)

    def sample(self, pids):
        busy, steal = machine_cpu_seconds()
        now = (time.monotonic(), busy, steal, own_cpu_seconds(pids))
        if self.samples:
            wall0, busy0, steal0, own0 = self.samples[-1]
            wall = max(now[0] - wall0, 1e-9)
            other = max(0.0, (busy - busy0) - (now[3] - own0)) / wall
            self.intervals.append((other, (steal - steal0) / wall))
        self.samples.append(now)

    def restart(self):
        """Forgets the last sample: the next one starts a new interval (the
        worker processes change between sections)."""
        self.samples.clear()

    def average(self):
        return sum(o for o, _ in self.intervals) / len(self.intervals) if self.intervals else 0.0

    def summary(self):
        if not self.intervals:
            return "other load during the run: not measured"
        others = [o for o, _ in self.intervals]
        steal = sum(s for _, s in self.intervals) / len(self.intervals)
        text = (f"other load during the run: {self.average():.2f} cores average "
                f"(max {max(others):.2f} over a round; the machine has {os.cpu_count()}), "
                f"hypervisor steal {steal:.2f} cores")
        if self.average() > 0.25:
            text += ("; the machine was busy, so times are slower and noisier than on an idle one: "
                     "compare kiln with torch within this run only")
        return text


class CoreMeter:
    """Cores a worker used while it ran its calls: CPU seconds over wall
    seconds, summed over every timed command."""

    def __init__(self):
        self.cpu = 0.0
        self.wall = 0.0

    def measure(self, pid, command):
        cpu0, wall0 = process_cpu_seconds(pid), time.monotonic()
        result = command()
        self.cpu += process_cpu_seconds(pid) - cpu0
        self.wall += time.monotonic() - wall0
        return result

    def cores(self):
        return self.cpu / self.wall if self.wall > 0 else float("nan")
