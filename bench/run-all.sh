#!/usr/bin/env bash
# The measurement behind BENCHMARKS.md: JMH (one fork per configuration) then PyTorch, in one session.
# Usage: bash bench/run-all.sh OUTPUT_DIR   (after: mvn -B -o -q -pl bench -am package -DskipTests)
set -e
out=${1:-bench/results}
mkdir -p "$out"
jar=bench/target/benchmarks.jar
common="-f 1 -i 5 -w 1 -r 1 -rf json"
{ date -u; uptime; } > "$out/machine.txt"
java -jar $jar 'LossBenchmark.analytic(Value|ValueAndGradient)$' -p size=1000,1000000,10000000 $common -wi 2 -rff "$out/analytic.json" > "$out/analytic.txt"
# The optional Vector API kernels (docs/vector.md): the losses that have one, on the same machine in the same session.
# Until C2 has compiled them they run the Vector API's boxing fallback (the first call at 1e7 takes seconds) and
# reach their speed only after several seconds of compiling: a longer warm-up, as for the graph path.
java -jar $jar 'LossBenchmark.analytic(Value|ValueAndGradient)$' -p loss=binary_cross_entropy,categorical_cross_entropy -p size=1000000,10000000 -p vector=true $common -wi 6 -rff "$out/vector.json" > "$out/vector.txt"
# The graph path has many small methods to compile: it needs a longer warm-up than the fused kernels.
java -jar $jar 'LossBenchmark.autodiffValueAndGradient' -p size=10,1000,1000000 -p threads=1 $common -wi 6 -rff "$out/autodiff.json" > "$out/autodiff.txt"
java -jar $jar 'LossBenchmark.analyticValueAndGradient' -p size=10 -p threads=1 $common -wi 2 -rff "$out/small.json" > "$out/small.txt"
java -jar $jar 'LossBenchmark.plainArrayPass' -p loss=binary_cross_entropy -p threads=1 -p size=1000,1000000,10000000 $common -wi 2 -rff "$out/plain.json" > "$out/plain.txt"
java -jar $jar 'LossBenchmark.analyticValueAndGradient$' -p loss=binary_cross_entropy,categorical_cross_entropy -p size=1000000 -p threads=1 -p vector=false,true -f 1 -wi 1 -i 3 -w 1 -r 1 -prof gc > "$out/gc.txt"
python3 bench/pytorch_reference.py 1 2 > "$out/pytorch.txt"
# The CLI's bench task and the training example (its jar built beforehand, so no build is timed).
./xent run examples/bench-binary-cross-entropy.json > "$out/cli-bench.txt"
./xent run examples/bench-categorical-cross-entropy.json >> "$out/cli-bench.txt"
export XENT_JAVA_OPTS="--add-modules jdk.incubator.vector -Dxent.vector=true"
./xent run examples/bench-binary-cross-entropy.json > "$out/vector-cli-bench.txt" 2>&1
./xent run examples/bench-categorical-cross-entropy.json >> "$out/vector-cli-bench.txt" 2>&1
unset XENT_JAVA_OPTS
for run in 1 2 3; do { time ./xent run examples/digits-softmax.json; } >> "$out/train.txt" 2>&1; done
# The example trainings whose output README.md and docs/training.md quote.
{ date -u; uptime; for job in breast-cancer-logistic iris-softmax digits-softmax breast-cancer-conjugate-gradient; do
      echo "\$ ./xent run examples/$job.json"; ./xent run "examples/$job.json"; done; } > "$out/examples.txt" 2>&1
# Streaming evaluate: 10,000,000 rows (the generator of docs/cli.md), -Xmx256m, five runs of the whole command.
data=$(mktemp -d)
awk 'BEGIN { srand(7); print "logit,y"; for (i = 0; i < 10000000; i++) { z = 3 * (rand() + rand() - 1);
    printf "%.9f,%d\n", z, rand() < 1 / (1 + exp(-z)) } }' > "$data/big.csv"
printf '{"task": "evaluate", "loss": {"name": "binary_cross_entropy", "params": {"from_logits": true}},\n "data": {"path": "big.csv", "prediction": "logit", "target": "y"}, "output": {"report": "report.json"}}\n' > "$data/job.json"
jar_path=$(pwd)/cli/target/xent.jar
{ echo "file: $(wc -c < "$data/big.csv") bytes, $(($(wc -l < "$data/big.csv") - 1)) rows"
  for run in 1 2 3 4 5; do
      (cd "$data" && /usr/bin/time -f "%e s elapsed, max RSS %M KB" java -Xmx256m -Djava.awt.headless=true -jar "$jar_path" run job.json) 2>&1
  done
  cat "$data/report.json"; } > "$out/evaluate.txt"
rm -rf "$data"
{ date -u; uptime; } >> "$out/machine.txt"
