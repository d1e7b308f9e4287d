using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// DriftMonitor with windows that move by themselves (<see cref="DriftWindow"/>). The reference for every window is a
/// fresh unbounded monitor fed exactly the rows the window should hold: the two reports must be identical, figure for
/// figure (written down before running: a tumbling window of 500 rows holds rows 0–499 after 500 rows and only row 500
/// after 501; a sliding window of 1,000 rows in 4 buckets holds rows 1,750–2,749 after 2,750 rows and rows 2,000–2,799
/// after 2,800).
/// </summary>
/// <remarks>
/// Values of <c>x</c> lie on a grid of 1/64 around the baseline mean 10, so every moment sum is exact and bucket sums
/// add up to the same bits in any grouping; <see cref="Doubles_off_the_grid_give_the_same_bins_and_moments_within_rounding"/>
/// covers arbitrary doubles, whose sums may round differently by bucket.
/// </remarks>
public sealed class DriftWindowTests
{
    private const double Mean = 10, Std = 2;

    private static readonly Manifest Probe = ProbeManifest();

    [Fact]
    public void Tumbling_by_rows_resets_exactly_at_the_boundary()
    {
        double[][] rows = GridRows(new Random(21), 1000);
        using var monitor = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Tumbling(500) });

        AddAll(monitor, rows[..499]);
        Assert.Equal(499, monitor.Rows);
        AddAll(monitor, rows[499..500]);
        AssertSameReport(Fresh(rows[..500]), monitor.Snapshot());

        monitor.Add(rows[500]);
        Assert.Equal(1, monitor.Rows);
        AssertSameReport(Fresh(rows[500..501]), monitor.Snapshot());

        AddAll(monitor, rows[501..1000]);
        AssertSameReport(Fresh(rows[500..1000]), monitor.Snapshot());
    }

    [Fact]
    public void Sliding_by_rows_reports_exactly_the_last_rows_of_its_buckets()
    {
        double[][] rows = GridRows(new Random(22), 2800);
        using var monitor = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Sliding(1000, 4) });

        AddAll(monitor, rows[..700]);
        AssertSameReport(Fresh(rows[..700]), monitor.Snapshot());

        AddAll(monitor, rows[700..2750]);
        Assert.Equal(1000, monitor.Rows);
        AssertSameReport(Fresh(rows[1750..2750]), monitor.Snapshot());

        // Mid-bucket: the bucket being filled (2,750–2,799) and the three full ones before it.
        AddAll(monitor, rows[2750..2800]);
        Assert.Equal(800, monitor.Rows);
        AssertSameReport(Fresh(rows[2000..2800]), monitor.Snapshot());
    }

    [Fact]
    public void Records_added_as_a_span_fall_in_the_same_buckets_as_one_at_a_time()
    {
        DiamondRow[] rows = Diamonds(new Random(23), 3000);
        using var batch = new DriftMonitor<DiamondRow>(new DriftMonitorOptions { Window = DriftWindow.Sliding(1200, 3) });
        using var single = new DriftMonitor<DiamondRow>(new DriftMonitorOptions { Window = DriftWindow.Sliding(1200, 3) });
        using var fresh = new DriftMonitor<DiamondRow>();
        batch.Add(rows.AsSpan(0, 1777));
        batch.Add(rows.AsSpan(1777));
        foreach (DiamondRow row in rows)
        {
            single.Add(row);
        }

        // 3,000 rows: the bucket of 2,800–2,999 being filled, and 2,000–2,799 before it.
        fresh.Add(rows.AsSpan(2000));
        Assert.Equal(1000, batch.Rows);
        AssertSameReport(single.Snapshot(), batch.Snapshot(), exactMoments: false);
        AssertSameReport(fresh.Snapshot(), batch.Snapshot(), exactMoments: false);
    }

    [Fact]
    public void Doubles_off_the_grid_give_the_same_bins_and_moments_within_rounding()
    {
        var random = new Random(24);
        double[][] rows = Enumerable.Range(0, 5000).Select(_ => new[] { Normal(random, Mean, Std), random.Next(3), Normal(random, 0, 1) }).ToArray();
        using var monitor = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Sliding(2000, 8) });
        AddAll(monitor, rows);
        AssertSameReport(Fresh(rows[3000..]), monitor.Snapshot(), exactMoments: false);
    }

    [Fact]
    public async Task Threads_adding_at_once_leave_exactly_the_window_s_rows()
    {
        // 4 threads × 12,345 rows = 49,380 numbered rows; buckets of 2,000: the last is 24 (48,000–49,379), the window
        // epochs 20–24, so 9,380 rows. A tumbling window of 5,000: 49,380 − 45,000 = 4,380.
        double[][] rows = GridRows(new Random(25), 12_345);
        using var sliding = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Sliding(10_000, 5) });
        using var tumbling = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Tumbling(5_000) });
        long largest = 0;
        using var done = new CancellationTokenSource();
        Task watcher = Task.Run(() =>
        {
            // Concurrent snapshots never see more rows than the window holds.
            while (!done.IsCancellationRequested)
            {
                largest = Math.Max(largest, sliding.Snapshot().Rows);
            }
        });
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            foreach (double[] row in rows)
            {
                sliding.Add(row);
                tumbling.Add(row);
            }
        });
        done.Cancel();
        await watcher;

        Assert.Equal(9_380, sliding.Rows);
        Assert.Equal(4_380, tumbling.Rows);
        Assert.Equal(9_380, sliding.Snapshot().Features[0].Rows);
        Assert.InRange(largest, 0, 10_000);
    }

    [Fact]
    public void Tumbling_by_time_starts_a_fresh_window_at_each_period_of_the_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero));
        double[][] rows = GridRows(new Random(26), 700);
        using var monitor = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Tumbling(TimeSpan.FromMinutes(1)), TimeProvider = clock });

        AddAll(monitor, rows[..300]);
        clock.Advance(TimeSpan.FromSeconds(59));
        AddAll(monitor, rows[300..500]);
        AssertSameReport(Fresh(rows[..500]), monitor.Snapshot());

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, monitor.Rows);
        AddAll(monitor, rows[500..700]);
        AssertSameReport(Fresh(rows[500..700]), monitor.Snapshot());

        // Three periods with no rows: an empty window, not the last one that had rows.
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(0, monitor.Rows);
    }

    [Fact]
    public void Sliding_by_time_drops_a_bucket_as_the_clock_passes_it()
    {
        // Ten minutes in five buckets of two: rows added at minutes 0, 2, 4, 6, 8 and 10 (100 each). At minute 10 the
        // window is minutes 2–11: the rows of minutes 2–10, not those of minute 0.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero));
        double[][] rows = GridRows(new Random(27), 600);
        using var monitor = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Sliding(TimeSpan.FromMinutes(10), 5), TimeProvider = clock });
        for (int minute = 0; minute <= 10; minute += 2)
        {
            AddAll(monitor, rows[(minute * 50)..((minute * 50) + 100)]);
            if (minute < 10)
            {
                clock.Advance(TimeSpan.FromMinutes(2));
            }
        }

        AssertSameReport(Fresh(rows[100..600]), monitor.Snapshot());
        clock.Advance(TimeSpan.FromMinutes(8));
        AssertSameReport(Fresh(rows[500..600]), monitor.Snapshot());
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, monitor.Rows);
    }

    [Fact]
    public void A_shift_that_leaves_the_sliding_window_clears_the_verdict()
    {
        // Expected: 2,000 rows as trained → stable; 2,000 with x shifted by half a std → x drifted; 2,000 more as trained
        // → the shifted rows have left the window, stable again.
        var random = new Random(28);
        using var monitor = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Sliding(2000, 4) });
        AddAll(monitor, Normals(random, 2000, shift: 0));
        Assert.Equal(DriftVerdict.Stable, monitor.Snapshot().Verdict);

        AddAll(monitor, Normals(random, 2000, shift: 0.5 * Std));
        DriftReport shifted = monitor.Snapshot();
        Assert.Equal(["x"], shifted.Drifted.Select(f => f.Name));

        AddAll(monitor, Normals(random, 2000, shift: 0));
        DriftReport after = monitor.Snapshot();
        Assert.Equal(DriftVerdict.Stable, after.Verdict);
        Assert.Equal(2000, after.Rows);
    }

    [Fact]
    public void Reset_restarts_a_moving_window_empty()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 5, 0, 0, TimeSpan.Zero));
        double[][] rows = GridRows(new Random(29), 800);
        using var byRows = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Sliding(1000, 4) });
        using var byTime = new DriftMonitor(Probe, new DriftMonitorOptions { Window = DriftWindow.Sliding(TimeSpan.FromMinutes(4), 4), TimeProvider = clock });
        AddAll(byRows, rows[..700]);
        AddAll(byTime, rows[..700]);
        clock.Advance(TimeSpan.FromSeconds(30));
        byRows.Reset();
        byTime.Reset();
        Assert.Equal((0, 0), (byRows.Rows, byTime.Rows));

        AddAll(byRows, rows[700..]);
        AddAll(byTime, rows[700..]);
        AssertSameReport(Fresh(rows[700..]), byRows.Snapshot());
        AssertSameReport(Fresh(rows[700..]), byTime.Snapshot());

        // The time window's buckets are timed from the reset: 3 min 59 s later the rows are still in the window, 4 min
        // later (four buckets of a minute) they have left it.
        clock.Advance(TimeSpan.FromSeconds(239));
        Assert.Equal(100, byTime.Rows);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, byTime.Rows);
    }

    [Theory]
    [InlineData(0L, 1)]
    [InlineData(1000L, 3)]
    [InlineData(1000L, 0)]
    [InlineData(1000L, 1025)]
    public void A_window_that_cannot_split_into_equal_buckets_is_refused(long rows, int buckets)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DriftWindow.Sliding(rows, buckets));
        Assert.NotEmpty(error.Message);
    }

    private static void AddAll(DriftMonitor monitor, IEnumerable<double[]> rows)
    {
        foreach (double[] row in rows)
        {
            monitor.Add(row);
        }
    }

    private static DriftReport Fresh(double[][] rows)
    {
        using var monitor = new DriftMonitor(Probe);
        AddAll(monitor, rows);
        return monitor.Snapshot();
    }

    /// <summary>Every figure of two reports, written in round-trip form; the moments (mean, std, mean shift) to 12 digits
    /// when <paramref name="exactMoments"/> is false.</summary>
    private static void AssertSameReport(DriftReport expected, DriftReport actual, bool exactMoments = true)
    {
        Assert.Equal(Describe(expected, exactMoments), Describe(actual, exactMoments));
    }

    private static string Describe(DriftReport report, bool exactMoments)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"rows {report.Rows} verdict {report.Verdict}\n");
        foreach (FeatureDrift f in report.Features)
        {
            string Moment(double? value) => value is double v ? (exactMoments ? v.ToString("R", CultureInfo.InvariantCulture) : v.ToString("G12", CultureInfo.InvariantCulture)) : "-";
            text.Append(CultureInfo.InvariantCulture, $"{f.Name}: {f.Status} judged {f.Judged} waiting {f.Waiting} rows {f.Rows} psi {f.Psi:R} ks {f.Ks:R} ksc {f.KsCritical:R} ");
            text.Append(CultureInfo.InvariantCulture, $"mean {Moment(f.LiveMean)} std {Moment(f.LiveStd)} shift {Moment(f.MeanShift)} missing {f.LiveMissingRate:R} unknown {f.UnknownRate:R}\n");
            text.Append("  shares ").AppendJoin(' ', f.LiveShares.Select(s => s.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
            if (exactMoments)
            {
                text.Append("  reasons ").AppendJoin(" | ", f.Reasons).Append("\n  notes ").AppendJoin(" | ", f.Notes).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>x on a 1/64 grid within ±8 of the baseline mean (exact moment sums), a category with one unknown in
    /// twenty, m missing one time in ten.</summary>
    private static double[][] GridRows(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => new[]
        {
            Mean + (Math.Round(Normal(random, 0, Std) * 64) / 64),
            random.Next(20) == 0 ? -1 : random.Next(3),
            random.Next(10) == 0 ? double.NaN : Math.Round(Normal(random, 0, 1) * 64) / 64,
        }).ToArray();

    private static double[][] Normals(Random random, int count, double shift) =>
        Enumerable.Range(0, count).Select(_ => new[]
        {
            Normal(random, Mean, Std) + shift,
            random.Next(100) switch { < 50 => 0, < 80 => 1, _ => 2 },
            random.Next(100) < 2 ? double.NaN : Normal(random, 0, 1),
        }).ToArray();

    private static DiamondRow[] Diamonds(Random random, int count)
    {
        string[] cuts = ["Fair", "Good", "Very Good", "Premium", "Ideal"], colors = ["D", "E", "F", "G", "H", "I", "J"], clarities = ["I1", "SI2", "SI1", "VS2", "VS1", "VVS2", "VVS1", "IF"];
        return Enumerable.Range(0, count).Select(_ => new DiamondRow
        {
            Carat = 0.2 + (random.NextDouble() * 2),
            Cut = cuts[random.Next(cuts.Length)],
            Color = colors[random.Next(colors.Length)],
            Clarity = clarities[random.Next(clarities.Length)],
            Depth = Normal(random, 61.7, 1.4),
            Table = Normal(random, 57.5, 2.2),
            X = 4 + (random.NextDouble() * 4),
            Y = 4 + (random.NextDouble() * 4),
            Z = 2.5 + (random.NextDouble() * 2.5),
        }).ToArray();
    }

    private static double Normal(Random random, double mean, double std) =>
        mean + (std * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    /// <summary>x: baseline N(10, 2) with its mean stated as exactly 10; k: three categories; m: N(0, 1), 2 % missing.</summary>
    private static Manifest ProbeManifest()
    {
        var random = new Random(1);
        FeatureStats Stats(double mean, double std, long missing)
        {
            double[] values = Enumerable.Range(0, 100_000).Select(_ => Normal(random, mean, std)).Order().ToArray();
            double[] quantiles = Enumerable.Range(0, 101).Select(k =>
            {
                double position = k / 100d * (values.Length - 1);
                int lower = (int)Math.Floor(position);
                return lower + 1 < values.Length ? values[lower] + ((position - lower) * (values[lower + 1] - values[lower])) : values[lower];
            }).ToArray();
            return new FeatureStats { Count = values.Length, Missing = missing, Mean = mean, Std = std, Min = values[0], Max = values[^1], Quantiles = quantiles };
        }

        return new Manifest
        {
            FeatureSet = "drift_window_probe",
            Version = 1,
            Features =
            [
                new FeatureManifest { Name = "x", Steps = [new ZScoreStep(Mean, Std)], Stats = Stats(Mean, Std, 0) },
                new FeatureManifest { Name = "k", Steps = [new OneHotStep(["a", "b", "c"])], Stats = new FeatureStats { Count = 100_000, CategoryCounts = [50_000, 30_000, 20_000] } },
                new FeatureManifest { Name = "m", Steps = [new ZScoreStep(0, 1)], Missing = MissingValuePolicy.Propagate, Stats = Stats(0, 1, 2041) },
            ],
        };
    }
}
