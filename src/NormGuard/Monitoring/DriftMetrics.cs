using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NormGuard.Monitoring;

/// <summary>
/// Publishes every live monitor's statistics on the meter <c>NormGuard</c>, tagged <c>feature_set</c>,
/// <c>version</c> and <c>feature</c>, so OpenTelemetry or a Prometheus exporter collects them with no extra code.
/// The values are computed when a listener collects them, from a snapshot at most a second old.
/// </summary>
internal static class DriftMetrics
{
    public const string MeterName = "NormGuard";

    private static readonly List<WeakReference<DriftMonitor>> Monitors = new();
    private static readonly Meter Meter = new(MeterName, typeof(DriftMetrics).Assembly.GetName().Version?.ToString());

    static DriftMetrics()
    {
        // A figure is published only while its test judges the feature (PSI and the mean shift from MinRows values, KS
        // and the rates from MinTestRows), and "drifted" only while the feature has a verdict: a 0 there means judged
        // and stable, never "not judged yet".
        Meter.CreateObservableGauge("normguard.drift.psi", () => Measure(DriftTests.Psi, f => f.Psi), description: "Population stability index of a feature's live values against its training baseline; published from MinRows live values.");
        Meter.CreateObservableGauge("normguard.drift.ks", () => Measure(DriftTests.Ks, f => f.Ks ?? double.NaN), description: "Kolmogorov-Smirnov statistic against the training baseline's quantiles; published from MinTestRows live values.");
        Meter.CreateObservableGauge("normguard.drift.mean_shift", () => Measure(DriftTests.MeanShift, f => f.MeanShift ?? double.NaN), unit: "{std}", description: "Live mean minus training mean, in training standard deviations; published from MinRows live values.");
        Meter.CreateObservableGauge("normguard.drift.missing_rate", () => Measure(DriftTests.MissingRate, f => f.LiveMissingRate), description: "Share of live values that are missing; published from MinTestRows live rows.");
        Meter.CreateObservableGauge("normguard.drift.unknown_rate", () => Measure(DriftTests.UnknownRate, f => f.UnknownRate), description: "Share of a one-hot feature's live values not among its categories; published from MinTestRows live values.");
        Meter.CreateObservableGauge("normguard.drift.drifted", () => Verdicts(Measure(f => f.HasVerdict ? (f.Drifted ? 1 : 0) : double.NaN), MeasureEmbeddings(e => e.HasVerdict ? (e.Drifted ? 1 : 0) : double.NaN)), description: "1 when a feature crossed a drift threshold, 0 when it was judged stable; not published while it has no verdict.");
        Meter.CreateObservableGauge("normguard.drift.judged", () => Verdicts(Measure(f => f.HasVerdict ? 1 : 0), MeasureEmbeddings(e => e.HasVerdict ? 1 : 0)), description: "1 when a feature has a verdict, 0 while no test can judge it (too few rows, or no baseline).");

        // Vector features (DriftReport.Embeddings), tagged with the feature's name: the norm distribution's PSI and KS
        // under the scalar rules, the mean vector's cosine distance and critical value while that test judges. Their
        // verdict is published on normguard.drift.drifted and normguard.drift.judged like a scalar feature's.
        Meter.CreateObservableGauge("normguard.drift.embedding.norm_psi", () => MeasureEmbeddings(e => e.Norm.Judged.HasFlag(DriftTests.Psi) ? e.Norm.Psi : double.NaN), description: "Population stability index of an embedding feature's live vector norms against the baseline's norm distribution; published from MinRows live vectors.");
        Meter.CreateObservableGauge("normguard.drift.embedding.norm_ks", () => MeasureEmbeddings(e => e.Norm.Judged.HasFlag(DriftTests.Ks) ? e.Norm.Ks ?? double.NaN : double.NaN), description: "Kolmogorov-Smirnov statistic of an embedding feature's live vector norms against the baseline's norm quantiles; published from MinTestRows live vectors.");
        Meter.CreateObservableGauge("normguard.drift.embedding.mean_cosine_distance", () => MeasureEmbeddings(e => e.MeanJudged ? e.MeanCosineDistance ?? double.NaN : double.NaN), description: "Cosine distance of an embedding feature's live mean vector to the baseline mean vector; published while the mean-vector test judges (MeanMinVectors live vectors and a critical value below 1).");
        Meter.CreateObservableGauge("normguard.drift.embedding.mean_cosine_critical", () => MeasureEmbeddings(e => e.MeanCosineCritical ?? double.NaN), description: "The cosine distance above which an embedding feature's mean vector counts as drifted, for the live vectors seen (it shrinks as they grow); published while the mean-vector test judges.");
        Meter.CreateObservableUpDownCounter("normguard.drift.rows", MeasureRows, unit: "{row}", description: "Rows in a drift monitor's current window: with no window, every row since the monitor was created or reset.");
    }

    public static void Register(DriftMonitor monitor)
    {
        lock (Monitors)
        {
            Monitors.RemoveAll(w => !w.TryGetTarget(out _));
            Monitors.Add(new WeakReference<DriftMonitor>(monitor));
        }
    }

    public static void Unregister(DriftMonitor monitor)
    {
        lock (Monitors)
        {
            Monitors.RemoveAll(w => !w.TryGetTarget(out DriftMonitor? m) || ReferenceEquals(m, monitor));
        }
    }

    private static List<DriftMonitor> Live()
    {
        lock (Monitors)
        {
            var live = new List<DriftMonitor>(Monitors.Count);
            foreach (WeakReference<DriftMonitor> reference in Monitors)
            {
                if (reference.TryGetTarget(out DriftMonitor? monitor))
                {
                    live.Add(monitor);
                }
            }

            return live;
        }
    }

    private static IEnumerable<Measurement<double>> Measure(DriftTests test, Func<FeatureDrift, double> value) =>
        Measure(f => f.Judged.HasFlag(test) ? value(f) : double.NaN);

    private static IEnumerable<Measurement<double>> Measure(Func<FeatureDrift, double> value)
    {
        foreach (DriftMonitor monitor in Live())
        {
            if (monitor.CachedSnapshot(TimeSpan.FromSeconds(1)) is not { } report)
            {
                continue;
            }

            foreach (FeatureDrift feature in report.Features)
            {
                double measured = value(feature);
                if (!double.IsNaN(measured))
                {
                    yield return new Measurement<double>(measured, Tags(report, feature.Name));
                }
            }
        }
    }

    private static IEnumerable<Measurement<double>> MeasureEmbeddings(Func<EmbeddingDrift, double> value)
    {
        foreach (DriftMonitor monitor in Live())
        {
            if (monitor.CachedSnapshot(TimeSpan.FromSeconds(1)) is not { } report)
            {
                continue;
            }

            foreach (EmbeddingDrift embedding in report.Embeddings)
            {
                double measured = value(embedding);
                if (!double.IsNaN(measured))
                {
                    yield return new Measurement<double>(measured, Tags(report, embedding.Name));
                }
            }
        }
    }

    /// <summary>A verdict instrument's measurements: the scalar features', then the vector features'.</summary>
    private static IEnumerable<Measurement<double>> Verdicts(IEnumerable<Measurement<double>> scalars, IEnumerable<Measurement<double>> embeddings)
    {
        foreach (Measurement<double> measurement in scalars)
        {
            yield return measurement;
        }

        foreach (Measurement<double> measurement in embeddings)
        {
            yield return measurement;
        }
    }

    private static IEnumerable<Measurement<long>> MeasureRows()
    {
        foreach (DriftMonitor monitor in Live())
        {
            if (monitor.CachedSnapshot(TimeSpan.FromSeconds(1)) is { } report)
            {
                yield return new Measurement<long>(report.Rows, new TagList { { "feature_set", report.FeatureSet }, { "version", report.Version } });
            }
        }
    }

    private static TagList Tags(DriftReport report, string feature) =>
        new() { { "feature_set", report.FeatureSet }, { "version", report.Version }, { "feature", feature } };
}
