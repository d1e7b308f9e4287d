using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// <c>normguard.drift.unknown_rate</c> is a one-hot feature's figure (docs/drift.md, "Metrics"): the issue saw it
/// published for numeric features too, always 0. On main at 68ae3b7 this test already passed (the gauge publishes a
/// figure only while its test judges the feature, and the unknown-rate test applies to one-hot features only since the
/// small-window verdicts), so it guards that behaviour rather than fixing it. Expected before running: on a feature set with two numeric features
/// (one with missing values) and one one-hot feature, fed 100 rows of which 10 carry an unknown category, the
/// instrument has exactly one measurement, for the one-hot feature, equal to the report's 0.1; the missing rate is
/// published for all three.
/// </summary>
public sealed class DriftMetricsUnknownRateTests
{
    [Fact]
    public void Unknown_rate_is_published_for_one_hot_features_only()
    {
        const string featureSet = "unknown_rate_probe";
        var stats = new FeatureStats { Count = 10_000, Min = 0, Max = 100, Mean = 50, Std = 29, Quantiles = Enumerable.Range(0, 101).Select(i => (double)i).ToArray() };
        var manifest = new Manifest
        {
            FeatureSet = featureSet,
            Version = 1,
            Features =
            [
                new FeatureManifest { Name = "x", Steps = [new ZScoreStep(50, 29)], Stats = stats },
                new FeatureManifest { Name = "k", Steps = [new OneHotStep(["a", "b"])], Stats = new FeatureStats { Count = 10_000, CategoryCounts = [5_000, 5_000] } },
                new FeatureManifest { Name = "m", Steps = [new ZScoreStep(50, 29)], Missing = MissingValuePolicy.Propagate, Stats = stats },
            ],
        };

        var seen = new List<(string Instrument, string Feature, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "NormGuard")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            Dictionary<string, object?> t = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value);
            if (Equals(t.GetValueOrDefault("feature_set"), featureSet))
            {
                lock (seen)
                {
                    seen.Add((instrument.Name, (string)t["feature"]!, value));
                }
            }
        });
        listener.Start();

        using var monitor = new DriftMonitor(manifest);
        for (int i = 0; i < 100; i++)
        {
            monitor.Add([i, i % 10 == 0 ? -1 : i % 2, i % 5 == 0 ? double.NaN : i]);
        }

        listener.RecordObservableInstruments();
        DriftReport report = monitor.Snapshot();

        Assert.Equal([("k", report["k"].UnknownRate)], seen.Where(s => s.Instrument == "normguard.drift.unknown_rate").Select(s => (s.Feature, s.Value)));
        Assert.Equal(0.1, report["k"].UnknownRate, 12);
        Assert.Equal(["k", "m", "x"], seen.Where(s => s.Instrument == "normguard.drift.missing_rate").Select(s => s.Feature).Order());
    }
}
