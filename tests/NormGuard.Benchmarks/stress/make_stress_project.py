#!/usr/bin/python3
"""Generates the NormGuard build-time stress project, and optionally measures it.

    /usr/bin/python3 make_stress_project.py [OUT] --repo /work/main [--sets 200] [--features 20] [--no-stats]
                                            [--measure 5] [--modes cold,warm]

OUT (default /tmp/normguard-stress) receives:

- Stress.csproj: a net10.0 library that references the NormGuard runtime, the generator/analyzers (as an
  analyzer) and NormGuard.props by absolute path under --repo, so it can live outside the repository.
  `-p:NoNormGuard=true` removes the generator/analyzers from the compilation, the manifests from its
  AdditionalFiles and the code that calls generated members: the same sources then compile without NormGuard,
  the baseline of the measurement (the records keep their attributes, which live in the runtime).
- FeatureSets/FsNNN.cs: one [FeatureSet] record per set, --features members each, a mix of
  [ZScore], [MinMax], [MinMax(-1, 1, Clip = true)], [Robust], [Robust(10, 90)], [MaxAbs], [Log1p, ZScore],
  [ZScore, Clip(-3, 3)], [OneHot] on an enum and on a string, [Passthrough] on a bool and an int, and a
  nullable member whose manifest fills missing values; record structs, record classes, classes and structs;
  every fourth set pins the scikit-learn profile, every set pins its manifest version.
- Manifests/fsNNN.normguard.json: the matching manifests, with realistic parameters and a full training
  baseline (count, missing, min, max, mean, std, 101 quantiles; category counts), and their sha256 (the
  RFC 8785 canonical form of docs/manifest-format.md), so every set binds with zero NormGuard diagnostics.
- Enums.cs, Plain/*.cs: shared enums and ordinary code (arithmetic, strings, LINQ) so that the operation-
  level analyzers have something to walk; Usage.cs touches every generated type (the build fails if one
  set did not generate) and fits one set on a training split.

With --measure N the script then builds the project N times in each of three variants: with NormGuard; with
NormGuard's generated files compiled as ordinary sources (generator and analyzers not run); without NormGuard
(`dotnet build -c Release -p:ReportAnalyzer=true -v:detailed -clp:PerformanceSummary --no-incremental
-p:BuildProjectReferences=false`: Csc always runs, the referenced projects are not rebuilt), in two modes: "cold"
(a csc process per build, what this machine's environment and a CI build do) and "warm" (the compiler server).
It reads the analyzer/generator report the compiler prints under the Csc task (-p:ReportAnalyzer=true) and the
Csc line of the task performance summary, fails if any NormGuard diagnostic appears, and prints a markdown
table of medians. Logs are kept in OUT/logs/.

Standard library only; deterministic for a given --seed.
"""
import argparse
import hashlib
import json
import math
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from decimal import Decimal

# ------------------------------------------------------------------------------------------------------
# RFC 8785 canonical JSON (docs/manifest-format.md), for the manifests' sha256
# ------------------------------------------------------------------------------------------------------


def jcs_number(x):
    if isinstance(x, bool):
        raise TypeError("bool is not a number")
    if isinstance(x, int):
        return str(x)
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        raise ValueError("not a JSON number")
    if x == 0.0:
        return "-0" if math.copysign(1.0, x) < 0 else "0"  # NormGuard keeps -0 (RFC 8785 writes 0)
    sign = "-" if x < 0 else ""
    t = Decimal(repr(abs(x))).as_tuple()
    digits = "".join(map(str, t.digits))
    exp = t.exponent
    while len(digits) > 1 and digits.endswith("0"):
        digits = digits[:-1]
        exp += 1
    k = len(digits)
    n = exp + k
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        es = ("+" if e >= 0 else "-") + str(abs(e))
        s = digits + "e" + es if k == 1 else digits[0] + "." + digits[1:] + "e" + es
    return sign + s


def _json_string(s):
    return json.dumps(s, ensure_ascii=False)


def canonical_json(v):
    if isinstance(v, dict):
        return "{" + ",".join(_json_string(k) + ":" + canonical_json(v[k])
                              for k in sorted(v.keys(), key=lambda s: s.encode("utf-16-be"))) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(canonical_json(x) for x in v) + "]"
    if isinstance(v, str):
        return _json_string(v)
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    return jcs_number(v)


def pretty(v, level=0):
    """Readable JSON whose numbers are already canonical text (what normguard fit writes, give or take spacing)."""
    pad = "  " * (level + 1)
    end = "  " * level
    if isinstance(v, dict):
        one = "{ " + ", ".join(_json_string(k) + ": " + pretty(x, level + 1) for k, x in v.items()) + " }"
        if len(one) <= 110 and "\n" not in one:
            return one
        return "{\n" + ",\n".join(pad + _json_string(k) + ": " + pretty(x, level + 1) for k, x in v.items()) + "\n" + end + "}"
    if isinstance(v, list):
        if all(not isinstance(x, (dict, list)) for x in v):
            return "[" + ", ".join(canonical_json(x) for x in v) + "]"
        return "[\n" + ",\n".join(pad + pretty(x, level + 1) for x in v) + "\n" + end + "]"
    return canonical_json(v)


# ------------------------------------------------------------------------------------------------------
# the feature mix
# ------------------------------------------------------------------------------------------------------

# (kind, weight in a 20-feature set). Scaled by --features / 20 and filled up with zscore.
MIX = [
    ("zscore", 5), ("zscore_nullable_fill", 1), ("minmax", 2), ("minmax_clip", 1), ("robust", 1),
    ("robust_1090", 1), ("maxabs", 1), ("log1p_zscore", 2), ("zscore_clip", 2), ("onehot_enum", 1),
    ("onehot_string", 1), ("passthrough_bool", 1), ("passthrough_int", 1),
]

WORDS = ["Temperature", "Pressure", "Humidity", "Voltage", "Current", "Torque", "Speed", "Load", "Vibration",
         "Latency", "Throughput", "Price", "Quantity", "Discount", "Tenure", "Balance", "Income", "Age", "Score",
         "Distance", "Duration", "Weight", "Height", "Depth", "Width", "Ratio", "Count", "Rate", "Margin", "Demand"]

ENUMS = {
    "Region": ["North", "South", "East", "West", "Central"],
    "Channel": ["Web", "Mobile", "Store", "Phone"],
    "Tier": ["Free", "Basic", "Plus", "Pro", "Enterprise", "Internal"],
    "Shift": ["Early", "Day", "Late", "Night"],
    "Grade": ["A", "B", "C", "D", "E", "F", "G"],
}

STRING_CATEGORIES = [
    ["red", "green", "blue", "black", "white"],
    ["EUR", "USD", "GBP", "JPY", "CHF", "SEK"],
    ["linux", "windows", "macos", "android", "ios"],
    ["S", "M", "L", "XL"],
    ["de-DE", "en-US", "fi-FI", "tr-TR", "ja-JP", "pt-BR", "fr-FR"],
]

TYPE_KINDS = ["record struct", "record", "class", "struct"]

_NORMAL = statistics.NormalDist()


def r(x, digits=9):
    """A parameter as a fitted one looks: a double with a handful of significant digits (no float noise)."""
    if x == 0:
        return 0.0
    return float(f"{x:.{digits}g}")


def normal_quantiles(mu, sigma, rows):
    # percentiles 0..100 of a normal sample of `rows` values: the ends are the expected sample extremes
    edge = 1.0 / (rows + 1)
    qs = []
    for p in range(101):
        prob = min(max(p / 100.0, edge), 1.0 - edge)
        qs.append(r(mu + sigma * _NORMAL.inv_cdf(prob)))
    return qs


def numeric_stats(rows, missing, quantiles, mean, std):
    return {"count": rows - missing, "missing": missing, "min": quantiles[0], "max": quantiles[-1],
            "mean": r(mean), "std": r(std), "quantiles": quantiles}


def make_feature(kind, name, rng, rows):
    """Returns (C# attribute list, C# type, manifest feature)."""
    mu = r(rng.choice([1, 10, 100, 1000]) * rng.uniform(-2, 5), 6)
    sigma = r(abs(mu) * rng.uniform(0.05, 0.6) + rng.uniform(0.1, 3), 6)
    q = normal_quantiles(mu, sigma, rows)
    mean = mu + sigma * rng.uniform(-0.01, 0.01)
    std = sigma * rng.uniform(0.99, 1.01)
    stats = numeric_stats(rows, 0, q, mean, std)

    if kind in ("zscore", "zscore_nullable_fill", "zscore_clip"):
        steps = [{"op": "zscore", "mean": r(mean), "std": r(std)}]
        attrs = "[ZScore]"
        ctype = "float"
        feature = {"name": name, "steps": steps, "missing": "error", "stats": stats}
        if kind == "zscore_clip":
            steps.append({"op": "clip", "min": -3, "max": 3})
            attrs = "[ZScore, Clip(-3, 3)]"
        if kind == "zscore_nullable_fill":
            missing = rng.randrange(1, rows // 50)
            stats.update(count=rows - missing, missing=missing)
            feature["missing"] = {"fill": q[50]}  # a median imputer in front of the scaler
            ctype = "float?"
        return attrs, ctype, feature
    if kind in ("minmax", "minmax_clip"):
        low, high, clip = (0, 1, False) if kind == "minmax" else (-1, 1, True)
        steps = [{"op": "minmax", "min": q[0], "max": q[-1], "low": low, "high": high, "clip": clip}]
        attrs = "[MinMax]" if kind == "minmax" else "[MinMax(-1, 1, Clip = true)]"
        return attrs, "float", {"name": name, "steps": steps, "missing": "error", "stats": stats}
    if kind in ("robust", "robust_1090"):
        lo, hi = (25, 75) if kind == "robust" else (10, 90)
        steps = [{"op": "robust", "center": q[50], "scale": r(q[hi] - q[lo]), "lower": lo, "upper": hi}]
        attrs = "[Robust]" if kind == "robust" else "[Robust(10, 90)]"
        return attrs, "float", {"name": name, "steps": steps, "missing": "error", "stats": stats}
    if kind == "maxabs":
        steps = [{"op": "maxabs", "maxabs": max(abs(q[0]), abs(q[-1]))}]
        return "[MaxAbs]", "float", {"name": name, "steps": steps, "missing": "error", "stats": stats}
    if kind == "log1p_zscore":
        # raw values are log-normal: log1p(x) ~ N(m, s); stats are over the raw values, zscore over log1p(x)
        m = rng.uniform(0.5, 6)
        s = rng.uniform(0.2, 1.2)
        edge = 1.0 / (rows + 1)
        qraw = [r(math.expm1(m + s * _NORMAL.inv_cdf(min(max(p / 100.0, edge), 1.0 - edge)))) for p in range(101)]
        raw_mean = math.exp(m + s * s / 2) - 1
        raw_std = math.sqrt((math.exp(s * s) - 1) * math.exp(2 * m + s * s))
        steps = [{"op": "log1p"}, {"op": "zscore", "mean": r(m), "std": r(s)}]
        return "[Log1p, ZScore]", "double", {"name": name, "steps": steps, "missing": "error",
                                              "stats": numeric_stats(rows, 0, qraw, raw_mean, raw_std)}
    if kind == "onehot_enum":
        enum = rng.choice(sorted(ENUMS))
        cats = ENUMS[enum]
        return "[OneHot]", enum, {"name": name, "steps": [{"op": "onehot", "categories": cats, "unknown": "error"}],
                                  "missing": "error", "stats": category_stats(rng, rows, len(cats))}
    if kind == "onehot_string":
        cats = rng.choice(STRING_CATEGORIES)
        return "[OneHot(Unknown = UnknownCategory.AllZeros)]", "string", {
            "name": name, "steps": [{"op": "onehot", "categories": cats, "unknown": "allZeros"}],
            "missing": "error", "stats": category_stats(rng, rows, len(cats))}
    if kind == "passthrough_bool":
        p = rng.uniform(0.05, 0.6)
        ones = int(rows * p)
        qb = [0.0 if pct < 100 * (1 - ones / rows) else 1.0 for pct in range(101)]
        qb[-1] = 1.0
        mean = ones / rows
        return "[Passthrough]", "bool", {"name": name, "steps": [{"op": "passthrough"}], "missing": "error",
                                         "stats": numeric_stats(rows, 0, [int(v) for v in qb], mean,
                                                                math.sqrt(mean * (1 - mean)))}
    if kind == "passthrough_int":
        lam = rng.randrange(2, 40)
        qi = [max(0, round(lam + math.sqrt(lam) * _NORMAL.inv_cdf(min(max(pct / 100.0, 1.0 / (rows + 1)),
                                                                          1.0 - 1.0 / (rows + 1)))))
              for pct in range(101)]
        return "[Passthrough]", "int", {"name": name, "steps": [{"op": "passthrough"}], "missing": "error",
                                        "stats": numeric_stats(rows, 0, qi, lam, math.sqrt(lam))}
    raise ValueError(kind)


def category_stats(rng, rows, k):
    weights = [rng.uniform(0.2, 3) for _ in range(k)]
    total = sum(weights)
    counts = [int(rows * w / total) for w in weights]
    counts[0] += rows - sum(counts)
    return {"count": rows, "missing": 0, "categoryCounts": counts}


def kinds_for(n_features, rng):
    """One of each kind, then the common ones again (for 20 features: exactly MIX's weights), shuffled."""
    kinds = [kind for kind, _ in MIX]
    extra = [kind for kind, weight in MIX for _ in range(weight - 1)]
    while len(kinds) < n_features:
        kinds.append(extra[(len(kinds) - len(MIX)) % len(extra)])
    rng.shuffle(kinds)
    return kinds


def make_set(i, n_features, rng, stats=True):
    name = f"fs{i:03d}"
    type_name = f"Fs{i:03d}"
    type_kind = TYPE_KINDS[i % len(TYPE_KINDS)]
    sklearn = i % 4 == 1
    version = rng.randrange(1, 30)
    rows = rng.choice([12_000, 43_152, 250_000, 1_000_000, 7_654_321])
    accessor = "{ get; init; }" if type_kind in ("record struct", "record") else "{ get; set; }"

    members = []
    features = []
    words = rng.sample(WORDS, k=min(len(WORDS), n_features))
    for j, kind in enumerate(kinds_for(n_features, rng)):
        member = f"{words[j % len(words)]}{j:02d}"
        attrs, ctype, feature = make_feature(kind, member, rng, rows)
        if j % 7 == 3:
            # a snake_case training column name, bound with [FeatureName]
            feature["name"] = f"{words[j % len(words)].lower()}_{j:02d}"
            attrs = f'[FeatureName("{feature["name"]}")' + ", " + attrs[1:]
        if ctype == "string":
            ctype = "string?"
        members.append(f"    {attrs} public {ctype} {member} {accessor}")
        if not stats:
            del feature["stats"]
        features.append(feature)

    any_double = any(m.split(" public ")[1].startswith("double") for m in members)
    manifest = {
        "format": "normguard.manifest/1",
        "featureSet": name,
        "version": version,
        "profile": "sklearn" if sklearn else "normguard",
        "dtype": "float64" if any_double else "float32",
        "fit": {"split": "train", "rows": rows, "source": f"data/{name}/train.parquet",
                "sourceSha256": hashlib.sha256(name.encode()).hexdigest(),
                "fittedAt": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T0{i % 10}:00:00Z", "tool": "normguard 0.1.0"},
        "features": features,
    }
    manifest["sha256"] = hashlib.sha256(canonical_json(manifest).encode("utf-8")).hexdigest()

    pins = [f"Version = {version}"]
    if sklearn:
        pins.append("Profile = NormalizationProfile.ScikitLearn")
    source = (
        "// Written by make_stress_project.py (NormGuard build-time stress project).\n"
        "using NormGuard;\n\n"
        "namespace Stress.FeatureSets;\n\n"
        f"/// <summary>Stress feature set {name}: {n_features} features, manifest {name}.normguard.json.</summary>\n"
        f'[FeatureSet("{name}", {", ".join(pins)})]\n'
        f"public partial {type_kind} {type_name}\n{{\n" + "\n".join(members) + "\n\n"
        f"    [Ignore] public string? Comment {accessor}\n}}\n")
    return type_name, source, manifest


PLAIN = {
    "Geometry.cs": r'''// Written by make_stress_project.py: ordinary code, no feature sets.
using System;

namespace Stress.Plain;

public readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(Vec3 a, double k) => new(a.X * k, a.Y * k, a.Z * k);
    public double Dot(Vec3 o) => X * o.X + Y * o.Y + Z * o.Z;
    public double Length => Math.Sqrt(Dot(this));
    public Vec3 Normalized() => Length == 0 ? this : this * (1.0 / Length);
    public Vec3 Cross(Vec3 o) => new(Y * o.Z - Z * o.Y, Z * o.X - X * o.Z, X * o.Y - Y * o.X);
}

public static class Geometry
{
    public static double TriangleArea(Vec3 a, Vec3 b, Vec3 c) => (b - a).Cross(c - a).Length / 2.0;

    public static double Celsius(double fahrenheit) => (fahrenheit - 32.0) * 5.0 / 9.0;

    public static double Lerp(double a, double b, double t) => a + (b - a) * t;

    public static double Clamp01(double x) => x < 0 ? 0 : x > 1 ? 1 : x;

    public static (double Mean, double Std) Moments(ReadOnlySpan<double> values)
    {
        double sum = 0, sq = 0;
        foreach (double v in values)
        {
            sum += v;
            sq += v * v;
        }

        double mean = values.Length == 0 ? 0 : sum / values.Length;
        return (mean, Math.Sqrt(Math.Max(0, sq / Math.Max(1, values.Length) - mean * mean)));
    }

    public static double Polygon(ReadOnlySpan<Vec3> points)
    {
        double area = 0;
        for (int i = 0; i < points.Length; i++)
        {
            Vec3 p = points[i], q = points[(i + 1) % points.Length];
            area += p.X * q.Y - q.X * p.Y;
        }

        return Math.Abs(area) * 0.5;
    }
}
''',
    "Text.cs": r'''// Written by make_stress_project.py: ordinary code, no feature sets.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Stress.Plain;

public static class TextTools
{
    public static IEnumerable<string> Tokens(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text.Substring(start, i - start).ToLowerInvariant();
                start = -1;
            }
        }
    }

    public static string Slug(string title)
    {
        var sb = new StringBuilder(title.Length);
        foreach (string token in Tokens(title))
        {
            if (sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(token);
        }

        return sb.ToString();
    }

    public static bool TryParseCsvLine(string line, List<double> values)
    {
        values.Clear();
        foreach (string cell in line.Split(','))
        {
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                return false;
            }

            values.Add(v);
        }

        return true;
    }

    public static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }
}
''',
    "Orders.cs": r'''// Written by make_stress_project.py: ordinary code, no feature sets.
using System;
using System.Collections.Generic;
using System.Linq;

namespace Stress.Plain;

public sealed record Order(int Id, string Customer, DateTime Placed, decimal Amount, string Currency);

public static class Orders
{
    public static decimal Total(IEnumerable<Order> orders, string currency) =>
        orders.Where(o => o.Currency == currency).Sum(o => o.Amount);

    public static IReadOnlyDictionary<string, decimal> ByCustomer(IEnumerable<Order> orders) =>
        orders.GroupBy(o => o.Customer).ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));

    public static IEnumerable<(int Year, int Month, int Count)> Monthly(IEnumerable<Order> orders) =>
        orders.GroupBy(o => (o.Placed.Year, o.Placed.Month))
              .OrderBy(g => g.Key)
              .Select(g => (g.Key.Year, g.Key.Month, g.Count()));

    public static decimal WithTax(decimal amount, decimal rate) => Math.Round(amount * (1 + rate), 2);

    public static decimal Discounted(decimal amount, int loyaltyYears) =>
        amount - amount * Math.Min(0.25m, loyaltyYears * 0.02m);

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        double rank = (sorted.Count - 1) * p / 100.0;
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
''',
    "Cache.cs": r'''// Written by make_stress_project.py: ordinary code, no feature sets.
using System;
using System.Collections.Generic;

namespace Stress.Plain;

public sealed class LruCache<TKey, TValue> where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map = new();
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();

    public LruCache(int capacity) => _capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _map.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
        }
        else if (_map.Count == _capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _map.Remove(last.Value.Key);
        }

        _map[key] = _order.AddFirst((key, value));
    }
}

public static class Backoff
{
    public static TimeSpan Delay(int attempt, double baseMs = 100, double factor = 2.0, double capMs = 30_000) =>
        TimeSpan.FromMilliseconds(Math.Min(capMs, baseMs * Math.Pow(factor, attempt - 1)));
}
''',
}


def usage_source(type_names, n_features):
    widths = " +\n        ".join(f"{t}.Width" for t in type_names)
    first = type_names[0]
    return f'''// Written by make_stress_project.py: code that uses the generated members (compiled only with NormGuard).
#if NORMGUARD
using System;
using NormGuard;
using Stress.FeatureSets;

namespace Stress;

public static class Usage
{{
    /// <summary>Names every generated type: the build fails if one feature set did not generate.</summary>
    public const int TotalWidth =
        {widths};

    public static float[] Normalize(ReadOnlySpan<{first}> rows)
    {{
        var output = new float[rows.Length * {first}.Width];
        {first}.NormalizeBatch(rows, output);
        return output;
    }}

    public static Manifest Refit({first}[] train)
    {{
        var fitter = {first}.CreateFitter();
        fitter.Add(train);
        return fitter.ToManifest(new FitProvenance {{ Split = DataSplit.Train, Rows = train.Length, Source = "train.parquet" }}, {first}.FeatureSet.Version + 1);
    }}
}}
#endif
'''


def csproj(repo):
    return f'''<Project Sdk="Microsoft.NET.Sdk">
  <!-- Written by make_stress_project.py. -p:NoNormGuard=true compiles the same sources without NormGuard's
       generator and analyzers (and without the manifests): the baseline. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <IsPackable>false</IsPackable>
    <NoWarn>$(NoWarn);CS1591</NoWarn>
    <DefineConstants Condition="'$(NoNormGuard)' != 'true' or '$(StressGeneratedAsSource)' == 'true'">$(DefineConstants);NORMGUARD</DefineConstants>
    <NormGuardIncludeManifests Condition="'$(NoNormGuard)' == 'true'">false</NormGuardIncludeManifests>
    <DefaultItemExcludes>$(DefaultItemExcludes);generated-src/**;logs/**</DefaultItemExcludes>
  </PropertyGroup>

  <!-- -p:NoNormGuard=true -p:StressGeneratedAsSource=true: NormGuard's generated files (saved by a build with
       -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath=generated-src) compiled as ordinary
       sources, without running the generator or the analyzers: the cost of compiling the generated code alone. -->
  <ItemGroup Condition="'$(StressGeneratedAsSource)' == 'true'">
    <Compile Include="generated-src/NormGuard.Generators/**/*.cs" />
  </ItemGroup>

  <Import Project="{repo}/src/NormGuard/build/NormGuard.props" />

  <ItemGroup>
    <ProjectReference Include="{repo}/src/NormGuard/NormGuard.csproj" />
    <ProjectReference Include="{repo}/src/NormGuard.Generators/NormGuard.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>

  <Target Name="StressDropNormGuard" AfterTargets="ResolveProjectReferences" BeforeTargets="CoreCompile" Condition="'$(NoNormGuard)' == 'true'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'NormGuard.Generators'" />
    </ItemGroup>
  </Target>
</Project>
'''


def enums_source():
    lines = ["// Written by make_stress_project.py.", "namespace Stress.FeatureSets;", ""]
    for name in sorted(ENUMS):
        lines.append(f"public enum {name} {{ {', '.join(ENUMS[name])} }}")
        lines.append("")
    return "\n".join(lines)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(out, repo, n_sets, n_features, seed, stats=True):
    for sub in ("FeatureSets", "Manifests", "Plain"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    rng = random.Random(seed)
    type_names = []
    manifest_bytes = 0
    for i in range(n_sets):
        type_name, source, manifest = make_set(i, n_features, rng, stats)
        type_names.append(type_name)
        write(os.path.join(out, "FeatureSets", f"{type_name}.cs"), source)
        text = pretty(manifest) + "\n"
        manifest_bytes += len(text.encode("utf-8"))
        path = os.path.join(out, "Manifests", f"{manifest['featureSet']}.normguard.json")
        write(path, text)
        with open(path, encoding="utf-8") as f:  # the hash read back from the file is the same
            back = json.load(f)
        body = {k: v for k, v in back.items() if k != "sha256"}
        assert hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest() == back["sha256"], path
    write(os.path.join(out, "Enums.cs"), enums_source())
    for name, text in PLAIN.items():
        write(os.path.join(out, "Plain", name), text)
    write(os.path.join(out, "Usage.cs"), usage_source(type_names, n_features))
    write(os.path.join(out, "Stress.csproj"), csproj(repo))
    print(f"wrote {out}: {n_sets} feature sets x {n_features} features, manifests {manifest_bytes / 1e6:.1f} MB", file=sys.stderr)


# ------------------------------------------------------------------------------------------------------
# measurement
# ------------------------------------------------------------------------------------------------------

def servers():
    """pid -> CPU seconds used so far, of the running compiler servers (VBCSCompiler): where a warm build compiles."""
    found = {}
    tick = os.sysconf("SC_CLK_TCK")
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"VBCSCompiler" not in f.read():
                    continue
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                found[int(pid)] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except OSError:
            continue
    return found


def server_cpu():
    return sum(servers().values())


def dotnet_build(out, log, extra):
    """Returns (wall seconds, CPU seconds, log text). CPU is user + system time of `dotnet build` and its children
    (csc in a cold build) plus the compiler server's (a warm build): unlike wall time, it hardly changes when other
    work shares the machine."""
    cmd = ["dotnet", "build", os.path.join(out, "Stress.csproj"), "-c", "Release", "-p:ReportAnalyzer=true",
           "-v:detailed", "-clp:PerformanceSummary", "--no-restore", "--no-incremental",
           "-p:BuildProjectReferences=false"] + extra
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = server_cpu()
    t0 = time.perf_counter()
    with open(log, "w", encoding="utf-8") as f:
        rc = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime) + max(0.0, server_cpu() - server_before)
    with open(log, encoding="utf-8") as f:
        text = f.read()
    if rc != 0:
        sys.exit(f"build failed ({rc}); see {log}")
    return wall, cpu, text


_SECTION = re.compile(r"Total (analyzer|generator) execution time: ([\d.]+) seconds\.")
_ROW = re.compile(r"^\s*(<?[\d.]+)\s+(<?\d+)\s+(\S.*?)\s*$")


def parse_report(text):
    """The compiler's /reportanalyzer block: totals, and seconds per assembly and per analyzer / generator type."""
    result = {"analyzer_total": 0.0, "generator_total": 0.0, "items": {}}
    section = None
    for line in text.splitlines():
        m = _SECTION.search(line)
        if m:
            section = m.group(1)
            result[section + "_total"] = float(m.group(2))
            continue
        if section is None:
            continue
        body = line.strip()
        if body == "" or body.startswith(("Time (s)", "NOTE:", "All analyzers")):
            continue
        row = _ROW.match(body)
        if not row:
            section = None
            continue
        seconds = row.group(1)
        result["items"][(section, row.group(3))] = 0.0005 if seconds.startswith("<") else float(seconds)
    return result


def csc_ms(text):
    m = re.search(r"^\s*(\d+) ms\s+Csc\s+\d+ calls", text, re.M)
    return int(m.group(1)) if m else float("nan")


def ng_diagnostics(text):
    return sorted(set(re.findall(r"(?:warning|error) (NG\d{4})", text)))


VARIANTS = [
    ("ng", []),                                                              # with NormGuard
    ("src", ["-p:NoNormGuard=true", "-p:StressGeneratedAsSource=true"]),     # its generated code, no generator/analyzers
    ("base", ["-p:NoNormGuard=true"]),                                       # without NormGuard
]

MODES = {
    # what this machine's environment does (UseSharedCompilation=false), and what a CI build does: a fresh csc
    # process per compilation, so Roslyn, the SDK analyzers and NormGuard are loaded and JIT-compiled every time
    "cold": [],
    # the compiler server (VBCSCompiler), as in a developer's repeated builds: assemblies loaded and jitted once
    "warm": ["-p:UseSharedCompilation=true"],
}


def generated_size(out):
    """Lines and bytes of NormGuard's saved generated files (generated-src)."""
    lines = size = 0
    for root, _, files in os.walk(os.path.join(out, "generated-src", "NormGuard.Generators")):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                data = f.read()
            lines += data.count(b"\n")
            size += len(data)
    return lines, size


def measure(out, runs, modes, warmup):
    logs = os.path.join(out, "logs")
    os.makedirs(logs, exist_ok=True)
    project = os.path.join(out, "Stress.csproj")
    quiet = {"stdout": sys.stderr}
    subprocess.check_call(["dotnet", "restore", project, "-v:q"], **quiet)
    # the referenced projects once (Release), so that the measured builds compile only Stress.csproj
    subprocess.check_call(["dotnet", "build", project, "-c", "Release", "-v:q", "--no-restore", "-p:UseSharedCompilation=false"], **quiet)
    # NormGuard's output, saved once so that the "src" variant can compile it without the generator
    shutil.rmtree(os.path.join(out, "generated-src"), ignore_errors=True)
    subprocess.check_call(["dotnet", "build", project, "-c", "Release", "-v:q", "--no-restore", "--no-incremental",
                           "-p:BuildProjectReferences=false", "-p:UseSharedCompilation=false", "-p:EmitCompilerGeneratedFiles=true",
                           f"-p:CompilerGeneratedFilesOutputPath={os.path.join(out, 'generated-src')}"], **quiet)
    samples = {}
    servers_before = set(servers())
    samples["generated"] = generated_size(out)
    try:
        measure_modes(out, runs, modes, samples, logs, warmup)
    finally:
        # the compiler server the warm builds started (it would idle for minutes): ended by its pid, others left alone
        for pid in set(servers()) - servers_before:
            try:
                os.kill(pid, 15)
            except OSError:
                pass
    return samples


def measure_modes(out, runs, modes, samples, logs, warm_warmup):
    for mode in modes:
        warmup = 1 if mode == "cold" else warm_warmup  # discarded: disk cache; for warm, the server's loads and tiered JIT
        for run in range(warmup + runs):
            for variant, extra in VARIANTS:
                log = os.path.join(logs, f"{mode}-{variant}-{run}.log")
                load = os.getloadavg()[0]
                wall, cpu, text = dotnet_build(out, log, MODES[mode] + extra)
                diags = ng_diagnostics(text)
                if diags:
                    sys.exit(f"NormGuard diagnostics in {log}: {diags}")
                report = parse_report(text)
                has_ng = any("NormGuard" in name for _, name in report["items"])
                if variant == "src" and not text.count("generated-src/NormGuard.Generators/"):
                    sys.exit(f"{log}: the saved generated sources were not compiled")
                if has_ng != (variant == "ng"):
                    sys.exit(f"{log}: NormGuard {'missing from' if variant == 'ng' else 'present in'} the analyzer report")
                entry = {"wall": wall, "cpu": cpu, "csc": csc_ms(text), "report": report, "load": load}
                print(f"{mode} run {run} {variant}: wall {wall:.1f} s, CPU {cpu:.1f} s, Csc {entry['csc']} ms, analyzers "
                      f"{report['analyzer_total']:.3f} s, generators {report['generator_total']:.3f} s, "
                      f"load average before {load:.2f}", file=sys.stderr)
                if run >= warmup:
                    samples.setdefault((mode, variant), []).append(entry)


def table(samples, modes, n_sets):
    med = statistics.median
    gen_lines, gen_bytes = samples["generated"]
    lines = [f"generated code: {gen_lines} lines, {gen_bytes} bytes; per feature set {gen_lines / n_sets:.0f} lines, {gen_bytes / n_sets / 1000:.1f} KB"]
    for mode in modes:
        ng, base = samples[(mode, "ng")], samples[(mode, "base")]
        lines += ["", f"**{mode}** (median of {len(ng)} builds each)", "",
                  "| what | ms | ms per feature set |", "| --- | ---: | ---: |"]

        def item(entries, key):
            return med([e["report"]["items"].get(key, 0.0) for e in entries]) * 1000

        keys = sorted({k for e in ng for k in e["report"]["items"] if "NormGuard" in k[1]},
                      key=lambda k: (k[0] != "generator", "Version=" not in k[1], -item(ng, k)))
        for section, name in keys:
            ms = item(ng, (section, name))
            label = name.split(",")[0] if "Version=" in name else name
            label = label.replace("NormGuard.Generators.Analyzers.", "").replace("NormGuard.Generators.", "")
            total = "Version=" in name
            text = f"{section}s in NormGuard.Generators, total" if total else f"{section} {label}"
            lines.append(f"| {'**' + text + '**' if total else text} | {ms:.1f} | {ms / n_sets:.3f} |")
        for section in ("generator", "analyzer"):
            a = med([e["report"][section + "_total"] for e in ng]) * 1000
            b = med([e["report"][section + "_total"] for e in base]) * 1000
            lines.append(f"| all {section}s (compiler's total, SDK's included), with / without NormGuard | {a:.0f} / {b:.0f} | {(a - b) / n_sets:.3f} |")
        src = samples[(mode, "src")]
        cn, cs, cb = (med([e["csc"] for e in v]) for v in (ng, src, base))
        lines.append(f"| Csc task: with NormGuard / generated code as plain sources / without NormGuard | {cn:.0f} / {cs:.0f} / {cb:.0f} | |")
        lines.append(f"| Csc, with − without NormGuard: what NormGuard adds to the compile | {cn - cb:.0f} | {(cn - cb) / n_sets:.3f} |")
        lines.append(f"| of which running the generator and analyzers (with − generated as sources) | {cn - cs:.0f} | {(cn - cs) / n_sets:.3f} |")
        lines.append(f"| of which compiling the generated code (generated as sources − without) | {cs - cb:.0f} | {(cs - cb) / n_sets:.3f} |")
        wn, wb = med([e["wall"] for e in ng]) * 1000, med([e["wall"] for e in base]) * 1000
        lines.append(f"| `dotnet build` wall time, with / without NormGuard | {wn:.0f} / {wb:.0f} | {(wn - wb) / n_sets:.3f} |")
        pn, ps, pb = (med([e["cpu"] for e in v]) * 1000 for v in (ng, src, base))
        lines.append(f"| build CPU time (user + sys): with NormGuard / generated code as plain sources / without | {pn:.0f} / {ps:.0f} / {pb:.0f} | |")
        lines.append(f"| CPU, with − without NormGuard | {pn - pb:.0f} | {(pn - pb) / n_sets:.3f} |")
        lines.append(f"| of which the generator and analyzers (with − generated as sources) | {pn - ps:.0f} | {(pn - ps) / n_sets:.3f} |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default="/tmp/normguard-stress")
    ap.add_argument("--repo", required=True, help="absolute path of the NormGuard repository (e.g. /work/main)")
    ap.add_argument("--sets", type=int, default=200)
    ap.add_argument("--features", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--no-stats", action="store_true",
                    help="leave the training baseline (stats, 101 quantiles) out of the manifests: shows what its size costs")
    ap.add_argument("--measure", type=int, default=0, metavar="N", help="build N times in each variant and mode and print the medians")
    ap.add_argument("--modes", default="cold,warm", help="cold (a csc process per build), warm (the compiler server), or both")
    ap.add_argument("--warmup", type=int, default=4, metavar="N",
                    help="discarded warm-up builds before the measured ones in warm mode (default 4; cold mode: 1)")
    args = ap.parse_args(argv)
    repo = os.path.abspath(args.repo)
    if not os.path.isfile(os.path.join(repo, "src", "NormGuard", "NormGuard.csproj")):
        sys.exit(f"{repo} is not a NormGuard repository (no src/NormGuard/NormGuard.csproj)")
    if args.features < 13:
        sys.exit("--features must be at least 13 (one of each kind)")
    out = os.path.abspath(args.out)
    generate(out, repo, args.sets, args.features, args.seed, not args.no_stats)
    if args.measure:
        modes = [m for m in args.modes.split(",") if m]
        if any(m not in MODES for m in modes):
            sys.exit(f"--modes: one of {', '.join(MODES)}")
        samples = measure(out, args.measure, modes, args.warmup)
        print(table(samples, modes, args.sets))


if __name__ == "__main__":
    main()
