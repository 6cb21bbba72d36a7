#!/usr/bin/env python3
"""GFLOP/s of MatrixProductBenchmark from its JMH JSON (BENCHMARKS.md, "Training throughput").

Each product of shape n x k x m is 2 n k m floating-point operations; the table shows the best
measurement iteration's time per product (microseconds; on a shared machine the least disturbed one,
and past the Vector API's uncompiled fallback of the first iteration) and GFLOP/s, scalar and vector,
and the graph's forward.
Usage: python3 bench/matmul_gflops.py RESULT.json [PEAK_GFLOPS]
"""
import json
import sys


def main():
    results = json.load(open(sys.argv[1]))
    peak = float(sys.argv[2]) if len(sys.argv) > 2 else None
    rows = {}
    for r in results:
        method = r["benchmark"].rsplit(".", 1)[1]
        shape = r["params"]["shape"]
        n, k, m = (int(d) for d in shape.split("x"))
        path = "vector" if r["params"]["vector"] == "true" else "scalar"
        if method == "graphForward":
            if path == "vector":
                continue  # the graph ignores the parameter: one measurement is enough
            path = "graph"
        micros = min(x for fork in r["primaryMetric"]["rawData"] for x in fork)
        rows.setdefault((method if path != "graph" else "forward", shape), {})[path] = (micros, 2 * n * k * m / micros / 1e3)
    header = "| product | n x k x m | graph (us, GFLOP/s) | scalar (us, GFLOP/s) | vector (us, GFLOP/s) |"
    if peak:
        header += " vector / peak |"
    print(header)
    print("|---|---|---:|---:|---:|" + ("---:|" if peak else ""))
    for (method, shape), paths in rows.items():
        cells = [f"{paths[p][0]:.0f}, {paths[p][1]:.2f}" if p in paths else "" for p in ("graph", "scalar", "vector")]
        line = f"| {method} | {shape} | " + " | ".join(cells) + " |"
        if peak and "vector" in paths:
            line += f" {paths['vector'][1] / peak:.0%} |"
        print(line)


if __name__ == "__main__":
    main()
