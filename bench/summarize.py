#!/usr/bin/env python3
"""Markdown tables for BENCHMARKS.md from the JMH JSON files that bench/run-all.sh writes.

Optional tooling (xent never needs Python). Usage: python3 bench/summarize.py RESULTS_DIR
"""
import json
import sys
from pathlib import Path


def load(directory, name):
    path = Path(directory) / name
    return json.loads(path.read_text()) if path.exists() else []


def rates(entries):
    """{(benchmark, loss, size, threads): M elements/s} from average times in us/op."""
    out = {}
    for e in entries:
        p = e["params"]
        size = int(p["size"])
        micros = e["primaryMetric"]["score"]
        out[(e["benchmark"].rsplit(".", 1)[1], p["loss"], size, int(p["threads"]))] = (size / micros, micros)
    return out


def main():
    d = sys.argv[1]
    r = {}
    for name in ("analytic.json", "autodiff.json", "small.json", "plain.json"):
        r.update(rates(load(d, name)))
    plain = {size: v[0] for (b, _, size, _), v in r.items() if b == "plainArrayPass"}
    losses = sorted({k[1] for k in r if k[0] != "plainArrayPass"})
    print("| loss | size | threads | analytic value | analytic value+gradient | fraction of plain pass "
          "| autodiff value+gradient | fused / autodiff |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for loss in losses:
        for size in sorted({k[2] for k in r if k[1] == loss}):
            for threads in (1, 2):
                value = r.get(("analyticValue", loss, size, threads))
                both = r.get(("analyticValueAndGradient", loss, size, threads))
                graph = r.get(("autodiffValueAndGradient", loss, size, threads))
                if not (value or both or graph):
                    continue
                cell = lambda v: f"{v[0]:.1f}" if v else ""
                fraction = f"{both[0] / plain[size]:.2f}" if both and size in plain else ""
                ratio = f"{both[0] / graph[0]:.1f}x" if both and graph else ""
                print(f"| {loss} | {size:,} | {threads} | {cell(value)} | {cell(both)} | {fraction} "
                      f"| {cell(graph)} | {ratio} |")
    print()
    print("| plain array pass (read two arrays, write one), 1 thread | size | M elements/s |")
    print("|---|---:|---:|")
    for size, rate in sorted(plain.items()):
        print(f"| | {size:,} | {rate:.1f} |")
    print()
    print("Call times at size 10 (us/op): " + ", ".join(
        f"{b} {loss} {v[1]:.3f}" for (b, loss, size, _), v in sorted(r.items()) if size == 10))


if __name__ == "__main__":
    main()
