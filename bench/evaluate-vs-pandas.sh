#!/usr/bin/env bash
# Issue 16's streaming-evaluate comparison in one session: a generated 10,000,000-row CSV of
# probabilities and labels (about 200 MB), evaluated five times by the CLI (`-Xmx256m`, the whole
# command: JVM start-up included) and five times by pandas read_csv + scikit-learn log_loss (the whole
# python3 command: imports included), each run's elapsed time and peak RSS from /usr/bin/time.
# Usage: bash bench/evaluate-vs-pandas.sh [output folder]   (after: mvn -B -o -q -pl cli -am package -DskipTests)
# PYTHON: a python3 with pandas and scikit-learn (default python3; here Debian's /usr/bin/python3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/bench/results}"
mkdir -p "$out"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
awk 'BEGIN { srand(11); print "p,y"; for (i = 0; i < 10000000; i++) { p = 0.001 + 0.998 * rand();
    printf "%.15f,%d\n", p, rand() < p } }' > "$data/predictions.csv"
printf '{"task": "evaluate", "loss": {"name": "binary_cross_entropy"},\n "data": {"path": "predictions.csv", "prediction": "p", "target": "y"}, "output": {"report": "report.json"}}\n' > "$data/job.json"
cat > "$data/log_loss.py" <<'PY'
import sys
import pandas as pd
from sklearn.metrics import log_loss
table = pd.read_csv(sys.argv[1])
print(f"log_loss {log_loss(table['y'], table['p']):.15f}")
PY
jar="$root/cli/target/xent.jar"
{
    date -u; uptime
    echo "file: $(wc -c < "$data/predictions.csv") bytes, $(($(wc -l < "$data/predictions.csv") - 1)) rows"
    for run in 1 2 3 4 5; do
        echo "xent run $run:"
        (cd "$data" && /usr/bin/time -f "%e s elapsed, max RSS %M KB" java -Xmx256m -Djava.awt.headless=true \
            -jar "$jar" run job.json) 2>&1 | grep -v "^wrote"
        echo "pandas + scikit-learn run $run:"
        /usr/bin/time -f "%e s elapsed, max RSS %M KB" "${PYTHON:-python3}" "$data/log_loss.py" "$data/predictions.csv" 2>&1
    done
    echo "xent report:"; cat "$data/report.json"; echo
    date -u; uptime
} | tee "$out/evaluate-vs-pandas.txt"
