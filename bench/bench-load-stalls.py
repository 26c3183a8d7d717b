#!/usr/bin/env python3
"""What the main loop was doing during the longest stalls of bench-load.

Record the benchmark (or a window of it) with perf on the monotonic clock,
keeping the output of bench-load:

    xvfb-run -a perf record -F 250 --call-graph dwarf,32768 -k CLOCK_MONOTONIC \
        -o load.perf bench-load 200 400 | tee load.log
    # or attach for a while to a long run:  perf record ... -p PID -- sleep 60

then

    bench-load-stalls.py load.perf load.log

reads the stalls that bench-load printed ("stall N: ... from A to B"),
takes the samples of the main thread that fall inside them, and prints,
for each stall and for all of them together, the functions of the
program (the app, linked into bench-load) found on those stacks, by the
share of samples they appear in (inclusive), and the library functions
the samples end in (exclusive)."""

import collections
import re
import subprocess
import sys

STALL = re.compile(r"stall\s+(\d+): ([\d.]+) ms from ([\d.]+) to ([\d.]+)")


def read_stalls(log):
    stalls = []
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = STALL.search(line)
            if m:
                stalls.append((int(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4))))
    return stalls


def read_samples(perf_data):
    """Yields (pid, tid, time, [(sym, dso), ...] leaf first)."""
    out = subprocess.run(
        ["perf", "script", "-i", perf_data, "-F", "pid,tid,time,ip,sym,dso"],
        check=True, capture_output=True, text=True, errors="replace").stdout
    head = re.compile(r"^\s*(\d+)/(\d+)\s+([\d.]+):")
    frame = re.compile(r"^\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$")
    sample = None
    for line in out.splitlines():
        m = head.match(line)
        if m:
            if sample:
                yield sample
            sample = (int(m.group(1)), int(m.group(2)), float(m.group(3)), [])
            continue
        m = frame.match(line)
        if m and sample:
            sym = re.sub(r"\+0x[0-9a-f]+$", "", m.group(1))
            sample[3].append((sym, m.group(2).rsplit("/", 1)[-1]))
    if sample:
        yield sample


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    stalls = read_stalls(sys.argv[2])
    if not stalls:
        sys.exit("no stalls in " + sys.argv[2])
    per_stall = {s[0]: [collections.Counter(), collections.Counter(), 0] for s in stalls}
    total = [collections.Counter(), collections.Counter(), 0]
    for pid, tid, t, frames in read_samples(sys.argv[1]):
        if pid != tid or not frames:
            continue                      # the main thread only
        hit = [s for s in stalls if s[2] <= t <= s[3]]
        if not hit:
            continue
        app = {sym for sym, dso in frames if dso.startswith("bench-load") and not sym.startswith("[unknown")}
        leaf = "%s (%s)" % frames[0]
        for acc in [per_stall[hit[0][0]], total]:
            acc[0].update(app)
            acc[1][leaf] += 1
            acc[2] += 1

    def show(title, acc, n):
        print(title)
        if acc[2] == 0:
            print("  no samples (was perf recording then?)")
            return
        print("  %d samples of the main thread" % acc[2])
        for sym, c in acc[0].most_common(n):
            print("  %5.1f %%  %s" % (100.0 * c / acc[2], sym))
        print("  ends in:")
        for sym, c in acc[1].most_common(6):
            print("  %5.1f %%  %s" % (100.0 * c / acc[2], sym))

    for n, ms, a, b in stalls:
        show("stall %d: %.1f ms (%.6f-%.6f)" % (n, ms, a, b), per_stall[n], 12)
    show("all stalls above", total, 25)


if __name__ == "__main__":
    main()
