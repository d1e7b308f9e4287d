using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// <c>normguard.drift.rows</c> with a window: what a scrape shows (its value and the HELP text Prometheus and
/// dotnet-counters print from the instrument's description) must say the rows of the current window, not every row
/// since creation. Expected before running: a tumbling window of 100 rows fed 250 rows publishes 50 (the third window),
/// equal to the report's Rows, and the description speaks of the window (it said "since it was created or reset").
/// </summary>
public sealed class DriftMetricsWindowRowsTests
{
    [Fact]
    public void Rows_instrument_publishes_and_describes_the_current_window()
    {
        const string featureSet = "window_rows_probe";
        var manifest = new Manifest
        {
            FeatureSet = featureSet,
            Version = 1,
            Features =
            [
                new FeatureManifest
                {
                    Name = "x",
                    Steps = [new ZScoreStep(50, 29)],
                    Stats = new FeatureStats { Count = 10_000, Min = 0, Max = 100, Mean = 50, Std = 29, Quantiles = Enumerable.Range(0, 101).Select(i => (double)i).ToArray() },
                },
            ],
        };

        var seen = new List<long>();
        string? description = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "NormGuard" && instrument.Name == "normguard.drift.rows")
                {
                    description = instrument.Description;
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Any(tag => tag.Key == "feature_set" && Equals(tag.Value, featureSet)))
            {
                lock (seen)
                {
                    seen.Add(value);
                }
            }
        });
        listener.Start();

        using var monitor = new DriftMonitor(manifest, new DriftMonitorOptions { Window = DriftWindow.Tumbling(100) });
        for (int i = 0; i < 250; i++)
        {
            monitor.Add([i % 100]);
        }

        listener.RecordObservableInstruments();

        Assert.Equal([50L], seen);
        Assert.Equal(50, monitor.Snapshot().Rows);
        Assert.Contains("window", description, StringComparison.Ordinal);
        Assert.DoesNotContain("since it was created", description, StringComparison.Ordinal);
    }
}
