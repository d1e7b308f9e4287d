using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NormGuard.Monitoring;

/// <summary>
/// One feature's training baseline, turned into fixed bins. A numeric feature has 20 bins split at the baseline's
/// 5 %, 10 %, …, 95 % quantiles (PSI merges them into deciles; KS compares the two distributions at the 19 edges),
/// plus a missing counter. A one-hot feature has one bin per category, one for unknown categories, and a missing
/// counter. Live values are only counted: memory is fixed whatever the traffic.
/// </summary>
internal sealed class FeatureBaseline
{
    public const int NumericBins = 20;

    private FeatureBaseline(FeatureManifest feature, bool categorical)
    {
        Name = feature.Name;
        IsCategorical = categorical;
        FeatureStats? stats = feature.Stats;
        BaselineValues = stats?.Count ?? 0;
        BaselineMissing = stats?.Missing ?? 0;
        BaselineMissingRate = BaselineRows == 0 ? 0 : (double)BaselineMissing / BaselineRows;
        Mean = stats?.Mean;
        Std = stats?.Std;
    }

    public string Name { get; }

    public bool IsCategorical { get; }

    /// <summary>Bins counted per live value: 20 numeric bins, or the categories plus "unknown".</summary>
    public int Bins { get; private init; }

    /// <summary>Where this feature's counters start in a shard: its bins, then the missing counter.</summary>
    public int CounterOffset { get; set; }

    public int MissingCounter => CounterOffset + Bins;

    /// <summary>Sorted interior edges (numeric), empty without quantiles.</summary>
    public double[] Edges { get; private init; } = Array.Empty<double>();

    /// <summary>The baseline's share of values per bin; empty without a baseline.</summary>
    public double[] BaselineShares { get; private init; } = Array.Empty<double>();

    /// <summary>The baseline's cumulative share at each edge (numeric).</summary>
    public double[] BaselineCdf { get; private init; } = Array.Empty<double>();

    public string[] Labels { get; private init; } = Array.Empty<string>();

    /// <summary>Added to the KS critical value: a feature with tied values (prices in cents, depths to 0.1) has its
    /// baseline CDF known only to within one percentile of the grid, so chance alone must not cross on that error.</summary>
    public double KsGridTolerance { get; private init; }

    public long BaselineValues { get; }

    /// <summary>Training rows whose value was missing.</summary>
    public long BaselineMissing { get; }

    /// <summary>Training rows, missing ones included: what the missing-rate test compares the live rows with.</summary>
    public long BaselineRows => BaselineValues + BaselineMissing;

    public double BaselineMissingRate { get; }

    public double? Mean { get; }

    public double? Std { get; }

    /// <summary>The value subtracted before summing moments: keeps the sums small, so they do not lose precision.</summary>
    public double Center => Mean ?? 0;

    public bool HasDistribution => BaselineShares.Length > 0;

    public static FeatureBaseline Create(FeatureManifest feature)
    {
        if (feature.Steps.OfType<OneHotStep>().FirstOrDefault() is OneHotStep oneHot)
        {
            return Categorical(feature, oneHot.Categories);
        }

        return Numeric(feature);
    }

    private static FeatureBaseline Categorical(FeatureManifest feature, IReadOnlyList<string> categories)
    {
        IReadOnlyList<long> counts = feature.Stats?.CategoryCounts ?? Array.Empty<long>();
        long total = counts.Sum();
        double[] shares = counts.Count == categories.Count && total > 0
            ? counts.Select(c => (double)c / total).Append(0d).ToArray()
            : Array.Empty<double>();
        return new FeatureBaseline(feature, categorical: true)
        {
            Bins = categories.Count + 1,
            BaselineShares = shares,
            Labels = categories.Append("(unknown)").ToArray(),
        };
    }

    private static FeatureBaseline Numeric(FeatureManifest feature)
    {
        IReadOnlyList<double> q = feature.Stats?.Quantiles ?? Array.Empty<double>();
        if (q.Count != 101 || q.Any(v => !double.IsFinite(v)))
        {
            return new FeatureBaseline(feature, categorical: false) { Bins = NumericBins };
        }

        double[] edges = new double[NumericBins - 1];
        double[] cdf = new double[NumericBins - 1];
        for (int i = 0; i < edges.Length; i++)
        {
            edges[i] = q[5 * (i + 1)];

            // P(X ≤ edge) read off the percentile grid: the largest k whose percentile is at most the edge. When the
            // edge is a tied value (a discrete feature: several percentiles equal it) the true share lies between k and
            // k + 1 percent, so the midpoint halves the grid's bias; coinciding edges leave empty bins on both sides.
            int k = 100;
            while (q[k] > edges[i])
            {
                k--;
            }

            bool tied = k > 0 && q[k - 1] == edges[i];
            cdf[i] = tied && k < 100 ? (k + 0.5) / 100d : k / 100d;
        }

        double[] shares = new double[NumericBins];
        for (int b = 0; b < NumericBins; b++)
        {
            double upper = b < cdf.Length ? cdf[b] : 1d;
            double lower = b == 0 ? 0d : cdf[b - 1];
            shares[b] = upper - lower;
        }

        return new FeatureBaseline(feature, categorical: false)
        {
            Bins = NumericBins,
            Edges = edges,
            BaselineCdf = cdf,
            BaselineShares = shares,
            Labels = NumericLabels(edges),
            KsGridTolerance = HasTies(q) ? 0.01 : 0,
        };
    }

    private static bool HasTies(IReadOnlyList<double> quantiles)
    {
        for (int i = 1; i < quantiles.Count; i++)
        {
            if (quantiles[i] == quantiles[i - 1])
            {
                return true;
            }
        }

        return false;
    }

    private static string[] NumericLabels(double[] edges)
    {
        static string Show(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

        var labels = new string[edges.Length + 1];
        labels[0] = "≤ " + Show(edges[0]);
        for (int i = 1; i < edges.Length; i++)
        {
            labels[i] = Show(edges[i - 1]) + " – " + Show(edges[i]);
        }

        labels[edges.Length] = "> " + Show(edges[^1]);
        return labels;
    }
}
