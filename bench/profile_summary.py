#!/usr/bin/env python3
"""Time per op in a chrome trace written by LibTorch's legacy profiler (bench_train --profile, bench_style
--profile): the top-level ops only (an op inside another op's time span on the same thread is not counted again),
summed by name, largest first, as milliseconds per step and a share of the total.
    bench/profile_summary.py TRACE.json [STEPS] [TOP]"""
import json
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    steps = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    with open(sys.argv[1]) as f:
        trace = json.load(f)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    spans = sorted((e for e in events if e.get("ph") == "X"), key=lambda e: (e.get("tid"), e["ts"], -e["dur"]))
    totals, ends = {}, {}
    for e in spans:
        tid = e.get("tid")
        if e["ts"] < ends.get(tid, -1):  # inside a span already counted
            continue
        ends[tid] = e["ts"] + e["dur"]
        totals[e["name"]] = totals.get(e["name"], 0.0) + e["dur"]
    whole = sum(totals.values())
    print(f"{'op':40s} {'ms/step':>9s} {'share':>6s}")
    for name, us in sorted(totals.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{name[:40]:40s} {us / 1000 / steps:9.1f} {100 * us / whole:5.1f}%")
    print(f"{'all top-level ops':40s} {whole / 1000 / steps:9.1f}")


if __name__ == "__main__":
    main()
