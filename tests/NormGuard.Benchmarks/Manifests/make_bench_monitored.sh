#!/usr/bin/env bash
# Writes bench_monitored.normguard.json: bench_default's 12 features (6 z-score, 3 min-max, 3 max-abs) fitted by the
# CLI on 100,000 synthetic normal rows, so the drift benchmark's monitor has a real baseline (stats, quantiles).
# Run from anywhere after building the CLI: bash tests/NormGuard.Benchmarks/Manifests/make_bench_monitored.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work/rows.csv" <<'PY'
import csv, random, sys
random.seed(20261126)
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow([f"F{i}" for i in range(12)])
    for _ in range(100_000):
        w.writerow([repr(random.gauss(10 + i, 2.5 + i / 10)) for i in range(12)])
PY

sed 's/"featureSet": "bench_default"/"featureSet": "bench_monitored"/' "$here/bench_default.normguard.json" > "$work/template.json"
cd "$work"   # so the manifest's fit.source reads "rows.csv", not a temporary path
dotnet "$root/src/NormGuard.Tool/bin/Release/net10.0/NormGuard.Tool.dll" fit --data rows.csv --template template.json \
  --holdout 0.2 --seed 1 --fitted-at 2026-11-26T00:00:00Z --out "$here/bench_monitored.normguard.json"
