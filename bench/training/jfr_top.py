#!/usr/bin/env python3
"""Summarises a JFR recording of a CLI train run: the training thread's and kernel threads' execution
samples by part of the step (BENCHMARKS.md, "Training throughput", the per-step breakdown).

A sample belongs to training when its stack passes through Trainer.fit, TrainingRun.fit (the CLI) or EpochLoop.fit, or it was taken on a kernel
pool thread (xent-kernel-*, which only training uses after the data is read). Its part is decided by
the frame nearest the leaf that matches one of PARTS, in order. Also prints the top leaf frames.

Native frames (Math.tanh is a native call on JDK 17) are only in jdk.NativeMethodSample events, taken every
20 ms against 10 ms for Java code with settings=profile: print both event types, and each native sample
counts twice (NATIVE_WEIGHT), so that a part's share is its share of the time.

Usage: jfr print --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample REC.jfr \
           | python3 bench/training/jfr_top.py
Recording: java -XX:StartFlightRecording=filename=REC.jfr,settings=profile -jar cli/target/xent.jar run JOB.json
"""
import collections
import re
import sys

PARTS = [
    ("products (matmul forward and backward)",
     r"MatrixProduct|ProductKernel|LinearLayer\.|GraphNode\.product|GraphNode\.lambda\$matmul"),
    ("activation", r"Activation|Math\.tanh|StrictMath\.tanh|GraphNode\.(tanh|relu)|GraphNode\.lambda\$(tanh|relu)"),
    ("loss (softmax cross-entropy)", r"dev\.xent\.losses\.|VectorMath|dev\.xent\.autodiff\.(Softmax|Axis|SelectionOps|LogAndRoot)"),
    ("optimizer", r"AdamStep|Optimizer|GradientStep|\.Adam"),
    ("batch gathering and shuffling", r"Batch\.|Trainer\.(miniBatches|shuffle)|Dataset\.|ValidationSplit\.shuffle"),
    ("graph bookkeeping (nodes, backward order, add/bias)", r"dev\.xent\.autodiff\."),
    ("validation and reduction helpers", r"Validate|dev\.xent\.core\."),
]


NATIVE_WEIGHT = 2  # native samples every 20 ms, Java samples every 10 ms (settings=profile)


def samples(lines):
    thread, frames, inside, weight = None, [], False, 1
    for line in lines:
        line = line.strip()
        if line.startswith("jdk.NativeMethodSample"):
            weight = NATIVE_WEIGHT
        elif line.startswith("jdk.ExecutionSample"):
            weight = 1
        elif line.startswith("sampledThread"):
            thread = line.split('"')[1]
        elif line.startswith("stackTrace = ["):
            frames, inside = [], True
        elif inside and line == "]":
            inside = False
            yield thread, frames, weight
        elif inside and line != "...":
            frames.append(re.sub(r"\s+line:.*", "", line))


def main():
    parts = collections.Counter()
    leaves = collections.Counter()
    total = 0
    for thread, frames, weight in samples(sys.stdin):
        training = thread.startswith("xent-kernel") or any(re.search(r"(Trainer|TrainingRun|EpochLoop)\.fit\(", f) for f in frames)
        if not training or not frames:
            continue
        total += weight
        leaves[frames[0]] += weight
        part = "other (epoch loop, metrics, JIT-less leaves)"
        for frame in frames:
            found = next((name for name, pattern in PARTS if re.search(pattern, frame)), None)
            if found:
                part = found
                break
        parts[part] += weight
    print(f"{total} training samples (native samples counted {NATIVE_WEIGHT}x)")
    for part, count in parts.most_common():
        print(f"{100 * count / total:5.1f}%  {part}")
    print("top leaf frames:")
    for frame, count in leaves.most_common(15):
        print(f"{100 * count / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
