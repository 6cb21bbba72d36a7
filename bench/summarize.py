#!/usr/bin/env python3
"""Markdown tables for BENCHMARKS.md from the JMH JSON files that bench/run-all.sh writes.

Optional tooling (xent never needs Python). Usage: python3 bench/summarize.py RESULTS_DIR
"""
import json
import re
import sys
from pathlib import Path


def load(directory, name):
    path = Path(directory) / name
    return json.loads(path.read_text()) if path.exists() else []


def rates(entries, vector=False):
    """{(benchmark, loss, size, threads): (M elements/s, us/op)} of the runs with the given vector switch."""
    out = {}
    for e in entries:
        p = e["params"]
        if (p.get("vector", "false") == "true") != vector:
            continue
        size = int(p["size"])
        micros = e["primaryMetric"]["score"]
        out[(e["benchmark"].rsplit(".", 1)[1], p["loss"], size, int(p["threads"]))] = (size / micros, micros)
    return out


def pytorch_rates(directory):
    """{(loss, threads): M elements/s} from bench/pytorch_reference.py's output, if present."""
    path = Path(directory) / "pytorch.txt"
    out = {}
    if not path.exists():
        return out
    for line in path.read_text().splitlines():
        match = re.match(r"threads=(\d+) (\w+) .*, ([\d.]+) M elements/s", line)
        if match:
            loss = {"bce_with_logits": "binary_cross_entropy", "cross_entropy": "categorical_cross_entropy"}[match[2]]
            out[(loss, int(match[1]))] = float(match[3])
    return out


def vector_table(d, scalar):
    """The Vector API kernels beside the scalar ones and PyTorch (value + gradient, same session)."""
    vector = rates(load(d, "vector.json"), vector=True)
    if not vector:
        return
    torch = pytorch_rates(d)
    print("| loss | size | threads | vector value | vector value+gradient | scalar value+gradient "
          "| vector / scalar | vector / PyTorch | scalar / PyTorch |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (bench, loss, size, threads), both in sorted(vector.items()):
        if bench != "analyticValueAndGradient":
            continue
        value = vector.get(("analyticValue", loss, size, threads))
        plain = scalar.get((bench, loss, size, threads))
        reference = torch.get((loss, threads)) if size == 10_000_000 else None
        print(f"| {loss} | {size:,} | {threads} | {value[0] if value else 0:.1f} | {both[0]:.1f} "
              f"| {plain[0] if plain else 0:.1f} | {both[0] / plain[0] if plain else 0:.2f}x "
              f"| {f'{both[0] / reference:.1f}x' if reference else ''} "
              f"| {f'{plain[0] / reference:.1f}x' if reference and plain else ''} |")
    print()


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
    print()
    vector_table(d, r)


if __name__ == "__main__":
    main()
