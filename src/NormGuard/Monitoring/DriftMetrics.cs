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
        Meter.CreateObservableGauge("normguard.drift.psi", () => Measure(f => f.Psi), description: "Population stability index of a feature's live values against its training baseline.");
        Meter.CreateObservableGauge("normguard.drift.ks", () => Measure(f => f.Ks ?? double.NaN), description: "Kolmogorov-Smirnov statistic against the training baseline's quantiles.");
        Meter.CreateObservableGauge("normguard.drift.mean_shift", () => Measure(f => f.MeanShift ?? double.NaN), unit: "{std}", description: "Live mean minus training mean, in training standard deviations.");
        Meter.CreateObservableGauge("normguard.drift.missing_rate", () => Measure(f => f.LiveMissingRate), description: "Share of live values that are missing.");
        Meter.CreateObservableGauge("normguard.drift.unknown_rate", () => Measure(f => f.UnknownRate), description: "Share of a one-hot feature's live values not among its categories.");
        Meter.CreateObservableGauge("normguard.drift.drifted", () => Measure(f => f.Drifted ? 1 : 0), description: "1 when a feature crossed a drift threshold, else 0.");
        Meter.CreateObservableUpDownCounter("normguard.drift.rows", MeasureRows, unit: "{row}", description: "Rows a drift monitor has counted since it was created or reset.");
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
