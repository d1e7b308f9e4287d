using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// DriftMonitor against a baseline made from 100,000 normal values: its statistics against a direct computation,
/// its verdicts on shifted, unknown and missing inputs, its windows, threads and metrics.
/// </summary>
public sealed class DriftMonitorTests
{
    private const double Mean = 10, Std = 2;

    private static readonly Manifest Probe = ProbeManifest();

    [Fact]
    public void Statistics_equal_a_direct_computation_from_the_quantiles()
    {
        var random = new Random(3);
        double[] live = Enumerable.Range(0, 5000).Select(_ => Normal(random, Mean + 0.3, Std * 1.2)).ToArray();
        using var monitor = new DriftMonitor(Probe);
        foreach (double value in live)
        {
            monitor.Add([value, 0, 1.5]);
        }

        FeatureDrift x = monitor.Snapshot()["x"];

        IReadOnlyList<double> q = Probe.Features[0].Stats!.Quantiles;
        double[] edges = Enumerable.Range(1, 19).Select(i => q[5 * i]).ToArray();
        double[] cdf = edges.Select(e => Enumerable.Range(0, 101).Last(k => q[k] <= e) / 100d).ToArray();
        double[] liveCdf = edges.Select(e => live.Count(v => v <= e) / (double)live.Length).ToArray();
        double ks = cdf.Zip(liveCdf, (b, l) => Math.Abs(b - l)).Max();
        double psi = 0;
        for (int d = 0; d < 10; d++)
        {
            double lo = d == 0 ? double.NegativeInfinity : edges[(2 * d) - 1], hi = d == 9 ? double.PositiveInfinity : edges[(2 * d) + 1];
            double baseShare = (d == 9 ? 1 : cdf[(2 * d) + 1]) - (d == 0 ? 0 : cdf[(2 * d) - 1]);
            double liveShare = live.Count(v => v > lo && v <= hi) / (double)live.Length;
            psi += (liveShare - baseShare) * Math.Log(liveShare / baseShare);
        }

        double liveMean = live.Average();
        double liveStd = Math.Sqrt(live.Sum(v => (v - liveMean) * (v - liveMean)) / live.Length);
        Assert.Equal(psi, x.Psi, 12);
        Assert.Equal(ks, x.Ks!.Value, 12);
        Assert.Equal(liveMean, x.LiveMean!.Value, 9);
        Assert.Equal(liveStd, x.LiveStd!.Value, 9);
        Assert.Equal((liveMean - Probe.Features[0].Stats!.Mean!.Value) / Probe.Features[0].Stats!.Std!.Value, x.MeanShift!.Value, 9);
        Assert.Equal(live.Length, x.Rows);
        Assert.Equal(1d, x.LiveShares.Sum(), 12);
    }

    [Fact]
    public void Same_distribution_is_stable_and_a_shift_drifts_that_feature_only()
    {
        var random = new Random(5);
        using var same = new DriftMonitor(Probe);
        using var shifted = new DriftMonitor(Probe);
        for (int i = 0; i < 2000; i++)
        {
            double x = Normal(random, Mean, Std), category = random.Next(100) switch { < 50 => 0, < 80 => 1, _ => 2 }, m = Normal(random, 0, 1);
            same.Add([x, category, m]);
            shifted.Add([x + (0.5 * Std), category, m]);
        }

        DriftReport stable = same.Snapshot();
        Assert.All(stable.Features, f => Assert.Equal(DriftStatus.Stable, f.Status));
        Assert.False(stable.AnyDrifted);

        DriftReport drifted = shifted.Snapshot();
        Assert.Equal(["x"], drifted.Drifted.Select(f => f.Name));
        Assert.InRange(drifted["x"].MeanShift!.Value, 0.4, 0.6);
        Assert.Contains(drifted["x"].Reasons, r => r.StartsWith("mean shift", StringComparison.Ordinal));
        Assert.Equal(PsiBand.Significant, drifted["x"].PsiBand);
    }

    [Fact]
    public void Unknown_categories_and_missing_values_drift_with_a_reason_each()
    {
        var random = new Random(9);
        using var monitor = new DriftMonitor(Probe);
        for (int i = 0; i < 1000; i++)
        {
            double category = i % 20 == 0 ? -1 : random.Next(100) switch { < 50 => 0, < 80 => 1, _ => 2 };
            monitor.Add([Normal(random, Mean, Std), category, i % 4 == 0 ? double.NaN : Normal(random, 0, 1)]);
        }

        DriftReport report = monitor.Snapshot();
        FeatureDrift k = report["k"], m = report["m"];
        Assert.True(k.Drifted);
        Assert.Equal(0.05, k.UnknownRate, 12);
        Assert.Contains(k.Reasons, r => r.StartsWith("unknown categories 5.0 %", StringComparison.Ordinal));
        Assert.Equal(["a", "b", "c", "(unknown)"], k.BinLabels);
        Assert.True(m.Drifted);
        Assert.Equal(0.25, m.LiveMissingRate, 12);
        Assert.Equal(2041d / 102_041, m.BaselineMissingRate, 15);
        Assert.Contains(m.Reasons, r => r.StartsWith("missing 25.0 %", StringComparison.Ordinal));
        Assert.False(report["x"].Drifted);
    }

    [Fact]
    public void Few_rows_give_no_verdict_and_a_feature_without_stats_has_no_baseline()
    {
        using var monitor = new DriftMonitor(Probe);
        for (int i = 0; i < 50; i++)
        {
            monitor.Add([100, -1, double.NaN]);
        }

        Assert.All(monitor.Snapshot().Features, f => Assert.Equal(DriftStatus.TooFewRows, f.Status));

        using var policies = new DriftMonitor<PolicyRow>();
        for (int i = 0; i < 500; i++)
        {
            policies.Add(new PolicyRow { Propagated = i, Required = 1, Tag = "a" });
        }

        Assert.All(policies.Snapshot().Features, f => Assert.Equal(DriftStatus.NoBaseline, f.Status));
    }

    [Fact]
    public void Records_are_counted_as_their_generated_inputs()
    {
        var rows = Enumerable.Range(0, 3000).Select(i => new PolicyRow
        {
            Propagated = i % 7 == 0 ? null : i * 0.5f,
            Filled = i % 3,
            Required = i,
            Level = (Level)(i % 3),
            Tag = (i % 5) switch { 0 => "a", 1 => "b", 2 => null, _ => "other" },
            Active = i % 2 == 0,
        }).ToArray();
        using var typed = new DriftMonitor<PolicyRow>();
        using var raw = new DriftMonitor(PolicyRow.FeatureSet.Manifest);
        typed.Add(rows.AsSpan(0, 1000));
        double[] inputs = new double[PolicyRow.InputCount];
        foreach (PolicyRow row in rows)
        {
            row.ReadInputs(inputs);
            raw.Add(inputs);
        }

        foreach (PolicyRow row in rows.Skip(1000))
        {
            typed.Add(row);
        }

        DriftReport a = typed.Snapshot(), b = raw.Snapshot();
        Assert.Equal(3000, a.Rows);
        for (int f = 0; f < a.Features.Count; f++)
        {
            Assert.Equal(b.Features[f].LiveShares, a.Features[f].LiveShares);
            Assert.Equal(b.Features[f].LiveMissingRate, a.Features[f].LiveMissingRate);
            Assert.Equal(b.Features[f].LiveMean, a.Features[f].LiveMean);
        }

        Assert.Equal(3000d / 7 / 3000, a["Propagated"].LiveMissingRate, 3);
        Assert.Equal(0.2, a["Tag"].LiveMissingRate, 12);
        Assert.Equal(0.5, a["Tag"].UnknownRate, 12);
    }

    [Fact]
    public void A_block_of_records_counts_the_same_bins_and_moments_as_one_record_at_a_time()
    {
        DiamondRow[] diamonds = DriftCalibrationTests.ReadDiamonds();
        diamonds[7] = diamonds[7] with { Cut = "Flawless" };   // an unknown category inside a block
        using var blocks = new DriftMonitor<DiamondRow>();
        using var rows = new DriftMonitor<DiamondRow>();
        blocks.Add(diamonds.AsSpan(0, 1000));
        blocks.Add(diamonds.AsSpan(1000));   // not a whole number of blocks
        foreach (DiamondRow diamond in diamonds)
        {
            rows.Add(diamond);
        }

        DriftReport a = blocks.Snapshot(), b = rows.Snapshot();
        Assert.Equal(diamonds.Length, a.Rows);
        for (int f = 0; f < a.Features.Count; f++)
        {
            Assert.Equal(b.Features[f].LiveShares, a.Features[f].LiveShares);
            Assert.Equal(b.Features[f].UnknownRate, a.Features[f].UnknownRate);
            if (b.Features[f].LiveMean is double mean)
            {
                // Summed in another order: equal to rounding.
                Assert.Equal(mean, a.Features[f].LiveMean!.Value, 1e-12 * Math.Max(1, Math.Abs(mean)));
                Assert.Equal(b.Features[f].LiveStd!.Value, a.Features[f].LiveStd!.Value, 1e-9);
            }
        }

        Assert.True(a["carat"].LiveShares.Count(share => share > 0) >= 19, "the diamonds fill the carat bins");
    }

    [Fact]
    public void Threads_count_every_row_and_reset_starts_a_new_window()
    {
        double[][] rows = Rows(new Random(11), 40_000);
        using var single = new DriftMonitor(Probe);
        foreach (double[] row in rows)
        {
            single.Add(row);
        }

        using var shared = new DriftMonitor(Probe);
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            for (int i = t; i < rows.Length; i += 4)
            {
                shared.Add(rows[i]);
            }
        });

        DriftReport one = single.Snapshot(), many = shared.Snapshot();
        Assert.Equal(rows.Length, many.Rows);
        for (int f = 0; f < one.Features.Count; f++)
        {
            Assert.Equal(one.Features[f].LiveShares, many.Features[f].LiveShares);
            Assert.Equal(one.Features[f].Psi, many.Features[f].Psi, 12);
        }

        shared.Reset();
        Assert.Equal(0, shared.Rows);
        double[][] window = Rows(new Random(12), 1000);
        using var fresh = new DriftMonitor(Probe);
        foreach (double[] row in window)
        {
            shared.Add(row);
            fresh.Add(row);
        }

        Assert.Equal(fresh.Snapshot()["x"].LiveShares, shared.Snapshot()["x"].LiveShares);
        Assert.Equal(1000, shared.Snapshot().Rows);
    }

    [Fact]
    public void Statistics_are_published_on_the_NormGuard_meter_until_disposed()
    {
        var seen = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
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
            seen.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        var monitor = new DriftMonitor(Probe);
        foreach (double[] row in Rows(new Random(13), 500))
        {
            monitor.Add([row[0] + Std, row[1], row[2]]);
        }

        listener.RecordObservableInstruments();
        var mine = seen.Where(s => Equals(s.Tags.GetValueOrDefault("feature_set"), "drift_probe")).ToList();
        var psi = mine.Single(s => s.Instrument == "normguard.drift.psi" && Equals(s.Tags["feature"], "x"));
        Assert.Equal(monitor.Snapshot()["x"].Psi, psi.Value, 12);
        Assert.Equal(1d, mine.Single(s => s.Instrument == "normguard.drift.drifted" && Equals(s.Tags["feature"], "x")).Value);
        Assert.Equal(500d, mine.Single(s => s.Instrument == "normguard.drift.rows").Value);
        Assert.Equal(1, mine.Single(s => s.Instrument == "normguard.drift.psi" && Equals(s.Tags["feature"], "x")).Tags["version"]);

        monitor.Dispose();
        seen.Clear();
        listener.RecordObservableInstruments();
        Assert.DoesNotContain(seen, s => Equals(s.Tags.GetValueOrDefault("feature_set"), "drift_probe"));
    }

    [Fact]
    public void A_value_on_an_edge_counts_in_the_bin_below_it_and_infinities_in_the_outer_bins()
    {
        IReadOnlyList<double> q = Probe.Features[0].Stats!.Quantiles;
        double[] edges = Enumerable.Range(1, 19).Select(i => q[5 * i]).ToArray();
        using var monitor = new DriftMonitor(Probe);
        foreach (double value in edges.Append(double.NegativeInfinity).Append(double.PositiveInfinity).Append(Math.BitIncrement(edges[^1])))
        {
            monitor.Add([value, 0, 0]);
        }

        // Bin b holds (edge b−1, edge b]: each edge lands in its own bin, −∞ in the first, +∞ and just above the last edge in the last.
        long[] expected = [2, .. Enumerable.Repeat(1L, 18), 2];
        long[] counted = monitor.Snapshot()["x"].LiveShares.Select(share => (long)Math.Round(share * 22)).ToArray();
        Assert.Equal(expected, counted);
    }

    [Fact]
    public void A_discrete_feature_reads_its_tied_baseline_at_the_grid_midpoint_and_widens_the_KS_critical_value()
    {
        // Ages in whole years (a binomial): each value holds several percent of the rows, so most edges are tied.
        var random = new Random(17);
        double Age() => 20 + Enumerable.Range(0, 40).Count(_ => random.NextDouble() < 0.5);
        double[] baseline = Enumerable.Range(0, 100_000).Select(_ => Age()).Order().ToArray();
        var manifest = new Manifest
        {
            FeatureSet = "ages",
            Version = 1,
            Features = [new FeatureManifest { Name = "age", Steps = [new ZScoreStep(40, 3)], Stats = StatsOf(baseline, missing: 0) }],
        };

        using var large = new DriftMonitor(manifest);
        for (int i = 0; i < 200_000; i++)
        {
            large.Add([Age()]);
        }

        // With 200,000 live values the sampling error is about 0.001; what remains is the grid's bias, which the
        // midpoint keeps within half a percentile (reading the grid's lower end would be up to a whole one off).
        FeatureDrift age = large.Snapshot()["age"];
        Assert.InRange(age.Ks!.Value, 0, 0.0065);
        Assert.Equal(DriftThresholds.Default.KsCritical(200_000, 100_000) + 0.01, age.KsCritical!.Value, 12);
        Assert.False(age.Drifted, string.Join("; ", age.Reasons));

        for (int sample = 0; sample < 50; sample++)
        {
            using var monitor = new DriftMonitor(manifest);
            for (int i = 0; i < 1000; i++)
            {
                monitor.Add([Age()]);
            }

            Assert.False(monitor.Snapshot()["age"].Drifted, string.Join("; ", monitor.Snapshot()["age"].Reasons));
        }
    }

    private static double[][] Rows(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => new[] { Normal(random, Mean, Std), random.Next(3), random.Next(50) == 0 ? double.NaN : Normal(random, 0, 1) }).ToArray();

    private static double Normal(Random random, double mean, double std) =>
        mean + (std * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    /// <summary>x ~ N(10, 2) and m ~ N(0, 1) with 2 % missing, from 100,000 values; k: categories a, b, c at 50/30/20 %.</summary>
    private static Manifest ProbeManifest()
    {
        var random = new Random(1);
        FeatureStats Stats(double mean, double std, long missing) =>
            StatsOf(Enumerable.Range(0, 100_000).Select(_ => Normal(random, mean, std)).Order().ToArray(), missing);

        return new Manifest
        {
            FeatureSet = "drift_probe",
            Version = 1,
            Features =
            [
                new FeatureManifest { Name = "x", Steps = [new ZScoreStep(Mean, Std)], Stats = Stats(Mean, Std, 0) },
                new FeatureManifest { Name = "k", Steps = [new OneHotStep(["a", "b", "c"])], Stats = new FeatureStats { Count = 100_000, CategoryCounts = [50_000, 30_000, 20_000] } },
                new FeatureManifest { Name = "m", Steps = [new ZScoreStep(0, 1)], Missing = MissingValuePolicy.Propagate, Stats = Stats(0, 1, 2041) },
            ],
        };
    }

    /// <summary>Training statistics of sorted values, with numpy's linear-interpolation percentiles.</summary>
    private static FeatureStats StatsOf(double[] values, long missing)
    {
        double[] quantiles = Enumerable.Range(0, 101).Select(k =>
        {
            double position = k / 100d * (values.Length - 1);
            int lower = (int)Math.Floor(position);
            return lower + 1 < values.Length ? values[lower] + ((position - lower) * (values[lower + 1] - values[lower])) : values[lower];
        }).ToArray();
        double average = values.Average();
        return new FeatureStats
        {
            Count = values.Length,
            Missing = missing,
            Mean = average,
            Std = Math.Sqrt(values.Sum(v => (v - average) * (v - average)) / values.Length),
            Min = values[0],
            Max = values[^1],
            Quantiles = quantiles,
        };
    }
}
