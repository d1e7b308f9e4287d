using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Numerics;
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
    public void Few_rows_give_no_verdict_until_the_tests_can_run_and_a_feature_without_stats_has_no_baseline()
    {
        // Rows far from training in every feature: x 45 stds off, k never a category, m always missing. With 19 rows no
        // test may judge (KS, missing and unknown rates need 20); with 50 every feature has drifted, each by its own test.
        using var monitor = new DriftMonitor(Probe);
        for (int i = 0; i < 19; i++)
        {
            monitor.Add([100, -1, double.NaN]);
        }

        DriftReport few = monitor.Snapshot();
        Assert.All(few.Features, f => Assert.Equal(DriftStatus.TooFewRows, f.Status));
        Assert.Equal(DriftVerdict.NoVerdict, few.Verdict);

        for (int i = 19; i < 50; i++)
        {
            monitor.Add([100, -1, double.NaN]);
        }

        DriftReport enough = monitor.Snapshot();
        Assert.All(enough.Features, f => Assert.Equal(DriftStatus.Drifted, f.Status));
        Assert.StartsWith("KS 0.950 > ", Assert.Single(enough["x"].Reasons), StringComparison.Ordinal);
        Assert.StartsWith("unknown categories 100.0 %", Assert.Single(enough["k"].Reasons), StringComparison.Ordinal);
        Assert.StartsWith("missing 100.0 % against 2.0 %", Assert.Single(enough["m"].Reasons), StringComparison.Ordinal);

        using var policies = new DriftMonitor<PolicyRow>();
        for (int i = 0; i < 500; i++)
        {
            policies.Add(new PolicyRow { Propagated = i, Required = 1, Tag = "a" });
        }

        DriftReport unmonitored = policies.Snapshot();
        Assert.All(unmonitored.Features, f => Assert.Equal(DriftStatus.NoBaseline, f.Status));
        Assert.All(unmonitored.Features, f => Assert.Equal(DriftTests.None, f.Judged));
        Assert.Equal(DriftVerdict.NoVerdict, unmonitored.Verdict);
    }

    [Fact]
    public void A_window_of_169_rows_is_judged_by_KS_and_the_rates_while_PSI_and_the_mean_shift_wait()
    {
        // The case: 169 rows, x moved by 2.4 training stds and m by 1.6. Shifts like these move a normal CDF by
        // about 0.77 and 0.58; KS's critical value at 169 values is about 0.17, so both drift, by KS alone, while PSI and
        // the mean shift wait for 200 rows. k keeps its training shares and has no unknown category: stable.
        var random = new Random(21);
        using var monitor = new DriftMonitor(Probe);
        for (int i = 0; i < 169; i++)
        {
            monitor.Add([Normal(random, Mean + (2.4 * Std), Std), TrainingCategory(random), random.Next(50) == 0 ? double.NaN : Normal(random, 1.6, 1)]);
        }

        DriftReport report = monitor.Snapshot();
        FeatureDrift x = report["x"], k = report["k"], m = report["m"];
        Assert.Equal(DriftVerdict.Drifted, report.Verdict);
        Assert.Equal(["x", "m"], report.Features.Where(f => f.Drifted).Select(f => f.Name));
        Assert.StartsWith("KS ", Assert.Single(x.Reasons), StringComparison.Ordinal);
        Assert.StartsWith("KS ", Assert.Single(m.Reasons), StringComparison.Ordinal);
        Assert.Equal(DriftTests.Ks | DriftTests.MissingRate, x.Judged);
        Assert.Equal(DriftTests.Psi | DriftTests.MeanShift, x.Waiting);
        Assert.Equal(["PSI and mean shift wait for 200 rows; 169 seen"], x.Notes);

        // m has a few missing values, so its values are fewer than its rows and the note counts values.
        long mValues = m.Rows - (long)Math.Round(m.LiveMissingRate * m.Rows);
        Assert.True(mValues < 169, "the generator should have left some m missing");
        Assert.Equal([$"PSI and mean shift wait for 200 values; {mValues} seen"], m.Notes);

        Assert.Equal(DriftStatus.Stable, k.Status);
        Assert.Equal(DriftTests.MissingRate | DriftTests.UnknownRate, k.Judged);
        Assert.Equal(DriftTests.Psi, k.Waiting);
        Assert.Equal(["PSI waits for 200 rows; 169 seen"], k.Notes);
    }

    [Fact]
    public void Twenty_rows_are_the_first_that_KS_and_the_rates_judge_and_none_is_no_verdict()
    {
        using var monitor = new DriftMonitor(Probe);
        DriftReport empty = monitor.Snapshot();
        Assert.Equal(DriftVerdict.NoVerdict, empty.Verdict);
        Assert.All(empty.Features, f => Assert.Equal(DriftStatus.TooFewRows, f.Status));

        // x 5 stds off: every value above the baseline's 95 % edge, so KS is 0.95 whatever the rows; its critical value
        // at 19 values would be 0.52, but below 20 values KS does not judge.
        var random = new Random(23);
        for (int i = 0; i < 19; i++)
        {
            monitor.Add([Mean + (5 * Std), TrainingCategory(random), Normal(random, 0, 1)]);
        }

        DriftReport before = monitor.Snapshot();
        Assert.Equal(DriftVerdict.NoVerdict, before.Verdict);
        Assert.Equal(DriftStatus.TooFewRows, before["x"].Status);
        Assert.Equal(0.95, before["x"].Ks!.Value, 12);
        Assert.Equal(["KS and missing rate wait for 20 rows; 19 seen", "PSI and mean shift wait for 200 rows; 19 seen"], before["x"].Notes);

        monitor.Add([Mean + (5 * Std), TrainingCategory(random), Normal(random, 0, 1)]);
        DriftReport after = monitor.Snapshot();
        Assert.Equal(DriftVerdict.Drifted, after.Verdict);
        Assert.Equal(DriftStatus.Drifted, after["x"].Status);
        Assert.Equal(DriftStatus.Stable, after["k"].Status);
        Assert.Equal(DriftStatus.Stable, after["m"].Status);
    }

    [Fact]
    public void A_missing_rate_in_a_small_window_is_judged_by_an_exact_test_not_by_a_5_point_change()
    {
        // m is missing in 2.0 % of training rows. 2 missing in 25 rows is 8 %, a change of 6 points, but 2 or more
        // missing in 25 rows happens by chance with probability 0.09 (binomial 25, 0.02; two-sided about 0.18): stable.
        // 8 in 25 has a probability of about 3e-9: drifted, though its 17 values are too few for KS.
        FeatureDrift Window(int missing)
        {
            var random = new Random(29);
            using var monitor = new DriftMonitor(Probe);
            for (int i = 0; i < 25; i++)
            {
                monitor.Add([Normal(random, Mean, Std), TrainingCategory(random), i < missing ? double.NaN : Normal(random, 0, 1)]);
            }

            return monitor.Snapshot()["m"];
        }

        FeatureDrift chance = Window(2);
        Assert.Equal(0.08, chance.LiveMissingRate, 12);
        Assert.Equal(DriftStatus.Stable, chance.Status);
        Assert.True(chance.Judged.HasFlag(DriftTests.MissingRate | DriftTests.Ks), chance.Judged.ToString());

        FeatureDrift drifted = Window(8);
        Assert.Equal(DriftStatus.Drifted, drifted.Status);
        Assert.StartsWith("missing 32.0 % against 2.0 % in training", Assert.Single(drifted.Reasons), StringComparison.Ordinal);
        Assert.True(drifted.Waiting.HasFlag(DriftTests.Ks), "17 values are too few for KS");
    }

    [Theory]
    [InlineData(2, 25, 2041, 102_041)]     // 8 % missing against 2 %: chance
    [InlineData(8, 25, 2041, 102_041)]     // 32 % against 2 %
    [InlineData(1, 10, 0, 43_152)]         // the first missing value ever, in 10 rows
    [InlineData(2, 10, 0, 43_152)]
    [InlineData(0, 169, 37, 153)]          // none missing where training had 24 %: the lower tail
    [InlineData(60, 169, 37, 153)]
    [InlineData(3, 200, 0, 200)]           // a small baseline knows its rate only roughly
    [InlineData(20, 400, 2041, 102_041)]
    public void The_exact_rate_test_equals_Fisher_s_test_summed_in_whole_numbers(long live, long rows, long baseline, long baselineRows)
    {
        // Hypergeometric tails summed exactly as ratios of binomial coefficients (BigInteger), then twice the tail on
        // the side the live share lies (at most 1).
        long total = rows + baselineRows, counted = live + baseline;
        BigInteger Choose(long n, long k)
        {
            BigInteger result = BigInteger.One;
            for (long i = 1; i <= k; i++)
            {
                result = result * (n - k + i) / i;
            }

            return result;
        }

        double Tail(Func<long, bool> include)
        {
            BigInteger sum = BigInteger.Zero;
            for (long x = Math.Max(0, rows - (total - counted)); x <= Math.Min(rows, counted); x++)
            {
                if (include(x))
                {
                    sum += Choose(counted, x) * Choose(total - counted, rows - x);
                }
            }

            return sum.IsZero ? 0 : Math.Exp(BigInteger.Log(sum) - BigInteger.Log(Choose(total, rows)));
        }

        double liveShare = (double)live / rows, baselineShare = (double)baseline / baselineRows;
        double expected = Math.Min(1, 2 * (liveShare > baselineShare ? Tail(x => x >= live) : liveShare < baselineShare ? Tail(x => x <= live) : 0.5));
        double p = Monitoring.ExactRateTest.TwoSided(live, rows, baseline, baselineRows, alpha: 1);
        Assert.True(Math.Abs(p - expected) <= 1e-9 * expected, $"p {p:R}, summed {expected:R}");

        double greater = liveShare > baselineShare ? Tail(x => x >= live) : 1;
        Assert.True(Math.Abs(Monitoring.ExactRateTest.Greater(live, rows, baseline, baselineRows, alpha: 1) - greater) <= 1e-9 * greater);
    }

    [Fact]
    public void Below_the_row_minimums_the_meter_publishes_only_the_figures_that_judge()
    {
        // Two monitors, one collection (the gauges read a snapshot cached for a second, so one monitor read twice
        // would depend on the clock): 10 rows, where nothing judges, and the 169 rows with x 2.4 stds off.
        var seen = new List<(string FeatureSet, string Instrument, string Feature, double Value)>();
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
            if (t.GetValueOrDefault("feature_set") is string set && set.StartsWith("drift_window_", StringComparison.Ordinal))
            {
                seen.Add((set, instrument.Name, (string)t["feature"]!, value));
            }
        });
        listener.Start();

        var random = new Random(31);
        using var few = new DriftMonitor(ProbeManifest("drift_window_10"));
        using var window = new DriftMonitor(ProbeManifest("drift_window_169"));
        for (int i = 0; i < 169; i++)
        {
            double[] row = [Normal(random, Mean + (2.4 * Std), Std), TrainingCategory(random), Normal(random, 0, 1)];
            window.Add(row);
            if (i < 10)
            {
                few.Add(row);
            }
        }

        listener.RecordObservableInstruments();
        DriftReport report = window.Snapshot();
        double Value(string set, string instrument, string feature) => seen.Single(s => s.FeatureSet == set && s.Instrument == instrument && s.Feature == feature).Value;
        bool Published(string set, string instrument, string feature) => seen.Any(s => s.FeatureSet == set && s.Instrument == instrument && s.Feature == feature);

        // 10 rows: no verdict anywhere, so "drifted" is not published (a 0 would read as stable) and "judged" says 0;
        // no figure is published, since no test judges.
        Assert.DoesNotContain(seen, s => s.FeatureSet == "drift_window_10" && s.Instrument != "normguard.drift.judged");
        Assert.Equal([0d, 0d, 0d], seen.Where(s => s.FeatureSet == "drift_window_10").Select(s => s.Value));

        // 169 rows: x drifted by KS, published as 1 with its KS and missing rate; PSI and the mean shift still wait.
        Assert.Equal(1d, Value("drift_window_169", "normguard.drift.drifted", "x"));
        Assert.Equal(0d, Value("drift_window_169", "normguard.drift.drifted", "k"));
        Assert.Equal(1d, Value("drift_window_169", "normguard.drift.judged", "x"));
        Assert.Equal(report["x"].Ks!.Value, Value("drift_window_169", "normguard.drift.ks", "x"), 12);
        Assert.Equal(0d, Value("drift_window_169", "normguard.drift.missing_rate", "x"));
        Assert.Equal(0d, Value("drift_window_169", "normguard.drift.unknown_rate", "k"));
        Assert.False(Published("drift_window_169", "normguard.drift.psi", "x"), "PSI waits for 200 rows");
        Assert.False(Published("drift_window_169", "normguard.drift.psi", "k"), "PSI waits for 200 rows");
        Assert.False(Published("drift_window_169", "normguard.drift.mean_shift", "x"), "the mean shift waits for 200 rows");
    }

    private static double TrainingCategory(Random random) => random.Next(100) switch { < 50 => 0, < 80 => 1, _ => 2 };

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
    private static Manifest ProbeManifest(string name = "drift_probe")
    {
        var random = new Random(1);
        FeatureStats Stats(double mean, double std, long missing) =>
            StatsOf(Enumerable.Range(0, 100_000).Select(_ => Normal(random, mean, std)).Order().ToArray(), missing);

        return new Manifest
        {
            FeatureSet = name,
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
