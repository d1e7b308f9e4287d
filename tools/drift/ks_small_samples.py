#!/usr/bin/env python3
"""The figures behind docs/drift.md, "Verdicts, and what a small window can say".

1. Size: the KS critical value c(a)*sqrt((n+m)/(n*m)), c(a) = sqrt(-ln(a/2)/2), against the exact one-sample
   (scipy's kstwo) and exact two-sample distributions: the printed ratios P(D > critical) / a are at most 1 when the
   critical value is valid at that n.
2. Power: the monitor's binned KS (19 edges at the baseline's 5 % quantiles, + 0.01 for a tied baseline) on a normal
   feature shifted by 0.5, 1, 1.6 and 2.4 std, by simulation.
3. The mean shift's chance rate of |shift| >= 0.25 std for a normal feature at n values.

Debian: apt-get install python3-scipy; run with /usr/bin/python3.
"""
import math

import numpy as np
from scipy.stats import kstwo, norm
from scipy.stats import _stats_py


def c(alpha):
    return math.sqrt(-math.log(alpha / 2) / 2)


print("1. size, one sample: P(D_n > c(a)/sqrt(n)) / a")
for alpha in [1e-4, 1e-3, 1e-2, 5e-2]:
    ratios = {n: kstwo.sf(c(alpha) / math.sqrt(n), n) / alpha for n in range(1, 1001)}
    worst = max(ratios, key=ratios.get)
    print(f"  a = {alpha:g}: n = 20 {ratios[20]:.2f}, n = 169 {ratios[169]:.2f}, largest {ratios[worst]:.2f} (n = {worst})")

print("1. size, two samples (exact): largest P(D > critical) / a over n = 5..59, 100, 169, 200")
for alpha in [1e-4, 1e-2, 5e-2]:
    for m in [116, 146, 153, 400]:
        worst = 0.0
        for n in list(range(5, 60)) + [100, 169, 200]:
            critical = c(alpha) * math.sqrt((n + m) / (n * m))
            lcm = n * m // math.gcd(n, m)
            k = math.floor(critical * lcm + 1e-9) + 1  # the first attainable value above the critical one
            if k > lcm:
                continue
            ok, _, p = _stats_py._attempt_exact_2kssamp(n, m, math.gcd(n, m), k / lcm, "two-sided")
            if ok:
                worst = max(worst, p / alpha)
        print(f"  a = {alpha:g}, m = {m}: {worst:.2f}")

print("2. power of the binned KS at a = 0.0001 (normal feature, m = 43,152 baseline values)")
rng = np.random.default_rng(1)
edges = norm.ppf(np.arange(1, 20) / 20)
cdf = np.arange(1, 20) / 20
for tolerance in [0, 0.01]:
    for n in [10, 15, 20, 30, 50, 169]:
        critical = c(1e-4) * math.sqrt((n + 43152) / (n * 43152)) + tolerance
        caught = []
        for shift in [0.5, 1.0, 1.6, 2.4]:
            x = rng.standard_normal((20000, n)) + shift
            live = (x[:, :, None] <= edges).mean(axis=1)
            caught.append((np.abs(live - cdf).max(axis=1) > critical).mean())
        print(f"  tolerance {tolerance}, n = {n}, critical {critical:.3f}: " + ", ".join(f"{s} std {p:.1%}" for s, p in zip([0.5, 1.0, 1.6, 2.4], caught)))

print("3. chance of |mean shift| >= 0.25 std (normal feature)")
for n in [20, 50, 100, 169, 200, 1000]:
    print(f"  n = {n}: {2 * norm.sf(0.25 * math.sqrt(n)):.2g}")
