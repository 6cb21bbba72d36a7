#!/usr/bin/env bash
# Issue 13's Spark measurements (BENCHMARKS.md, "Spark"): SparkBenchmark on local[2] with the spark module's
# JVM options (its surefire argLine: Spark's launcher options), -Xmx4g and the quiet log4j2 test config.
# Usage: bash bench/spark.sh [ROWS=10000000] [CLASS_ROWS=1000000] [TRAIN_ROWS=200000] [REPEATS=5]
# (ROWS: binary rows, CLASS_ROWS: softmax rows of 10 classes, TRAIN_ROWS: training rows of 20 features;
# 0 skips a part). Each measurement is warmed up once, then the measurements run in turn REPEATS times.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q -pl spark -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
    -Dmdep.includeScope=test -Dmaven.javadoc.skip=true
# The argLine of spark/pom.xml's surefire configuration, without its -Xmx (given below).
opts=$(sed -n '/<argLine>/,/<\/argLine>/p' spark/pom.xml | sed 's/<[^>]*>//g' | tr -s ' \n' ' ' | sed 's/-Xmx[^ ]*//')
date -u; uptime
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 java $opts -Xmx4g -Dlog4j2.configurationFile=spark/src/test/resources/log4j2-test.properties \
    -cp "spark/target/test-classes:spark/target/classes:$(cat "$cp_file")" dev.xent.spark.bench.SparkBenchmark \
    "${1:-10000000}" "${2:-1000000}" "${3:-200000}" "${4:-5}" 2>&1 | grep -v WARN
date -u; uptime
