"""Reference parameters for `normguard fit --profile spark`, computed with numpy by Spark ML 3.x's rules.

No Spark runs on the machine that made this file, so each rule is transcribed from Spark's source:
- StandardScaler: mean, and the *sample* standard deviation (Summarizer's "std", ddof = 1);
- MinMaxScaler: originalMin / originalMax of the column;
- MaxAbsScaler: max(|min|, |max|);
- RobustScaler: QuantileSummaries.query on an uncompressed summary (fewer than 10,000 values): no interpolation,
  the value at rank ceil(q * n) (1-based); median = query(0.5), range = query(upper) - query(lower).
Run: /usr/bin/python3 make_spark_reference.py  (Debian python3-numpy); writes spark_reference.json.
"""
import csv
import json
import math
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
TRAIN = HERE.parent.parent.parent / "NormGuard.Tests" / "Golden" / "golden_sklearn_f64.train.csv"


def spark_query(values, q, relative_error=0.001):
    s = np.sort(values)
    n = len(s)
    if q <= relative_error:
        return float(s[0])
    if q >= 1 - relative_error:
        return float(s[-1])
    rank = math.ceil(q * n)
    return float(s[min(max(rank - 1, 0), n - 1)])


with open(TRAIN, newline="") as f:
    rows = list(csv.DictReader(f))
columns = {name: np.array([float(r[name]) for r in rows]) for name in ["Z", "ZEpoch", "M", "A", "R", "R1090"]}

reference = {
    "source": "golden_sklearn_f64.train.csv",
    "rows": len(rows),
    "zscore": {c: {"mean": float(np.mean(columns[c])), "std": float(np.std(columns[c], ddof=1))} for c in ["Z", "ZEpoch"]},
    "minmax": {"M": {"min": float(np.min(columns["M"])), "max": float(np.max(columns["M"]))}},
    "maxabs": {"A": {"maxabs": float(max(abs(np.min(columns["A"])), abs(np.max(columns["A"]))))}},
    "robust": {
        "R": {"center": spark_query(columns["R"], 0.5), "scale": spark_query(columns["R"], 0.75) - spark_query(columns["R"], 0.25), "lower": 25, "upper": 75},
        "R1090": {"center": spark_query(columns["R1090"], 0.5), "scale": spark_query(columns["R1090"], 0.9) - spark_query(columns["R1090"], 0.1), "lower": 10, "upper": 90},
    },
}
(HERE / "spark_reference.json").write_text(json.dumps(reference, indent=2) + "\n")
print("wrote spark_reference.json")
