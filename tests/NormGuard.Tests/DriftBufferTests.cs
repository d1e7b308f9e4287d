using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NormGuard.Monitoring;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>The benchmark's 12 float features with their training baseline (bench_monitored.normguard.json).</summary>
[FeatureSet("bench_monitored", Version = 1)]
public partial struct MonitoredRow
{
    [ZScore] public float F0;
    [ZScore] public float F1;
    [ZScore] public float F2;
    [ZScore] public float F3;
    [ZScore] public float F4;
    [ZScore] public float F5;
    [MinMax] public float F6;
    [MinMax] public float F7;
    [MinMax] public float F8;
    [MaxAbs] public float F9;
    [MaxAbs] public float F10;
    [MaxAbs] public float F11;
}

/// <summary>
/// Rows buffered per thread and counted 64 at a time: every snapshot sees each row exactly once (buffered or counted),
/// and the counts equal a plain model written here — a value's bin is the number of its baseline edges below it
/// (double compares), NaN is missing, and the moment sums add each block of 64 rows (in the order one thread added
/// them) from zero, then add the block total to the running sum.
/// </summary>
public sealed class DriftBufferTests(ITestOutputHelper output)
{
    private const int Block = 64;

    /// <summary>The spacing of doubles at 1: a relative rounding error is at most half of it per addition.</summary>
    private const double Unit = 1.0 / (1L << 52);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    public void Records_added_one_at_a_time_are_counted_as_the_model_counts_them(int count)
    {
        MonitoredRow[] rows = Records(new Random(count), count);
        using var single = new DriftMonitor<MonitoredRow>();
        foreach (MonitoredRow row in rows)
        {
            single.Add(in row);
        }

        AssertModel(single, rows.Select(Inputs).ToList());

        // Spans of uneven lengths, a single row between them: the same buffer, so the same sums bit for bit.
        using var spans = new DriftMonitor<MonitoredRow>();
        for (int start = 0; start < count;)
        {
            int length = Math.Min(count - start, (start % 3) switch { 0 => 1, 1 => 37, _ => 100 });
            if (length == 1)
            {
                spans.Add(in rows[start]);
            }
            else
            {
                spans.Add(rows.AsSpan(start, length));
            }

            start += length;
        }

        AssertModel(spans, rows.Select(Inputs).ToList());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    public void Doubles_that_are_not_floats_are_counted_as_the_model_counts_them(int count)
    {
        // Doubles with all 53 bits: no block can be counted as floats.
        var random = new Random(100 + count);
        List<double[]> rows = Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, 12).Select(f => Value(random, f)).ToArray()).ToList();
        using var monitor = new DriftMonitor(MonitoredRow.FeatureSet.Manifest);
        foreach (double[] row in rows)
        {
            monitor.Add(row);
        }

        AssertModel(monitor, rows);
    }

    [Fact]
    public void Floats_on_and_beside_every_edge_fall_in_the_bins_of_double_compares()
    {
        // For each edge e: the largest float at or below e, the floats either side of it, and e itself rounded to
        // nearest; then infinities, zeros, NaN and the extreme floats. Whole blocks of float values, so the float
        // kernel counts them; one extra block carries a double (an edge itself), which the double kernel must take.
        using var records = new DriftMonitor<MonitoredRow>();
        var candidates = new List<float>();
        foreach (FeatureBaseline feature in records.Baselines)
        {
            foreach (double edge in feature.Edges)
            {
                float below = RowCounter.FloatAtOrBelow(edge);
                candidates.AddRange([below, MathF.BitIncrement(below), MathF.BitDecrement(below), (float)edge]);
            }
        }

        candidates.AddRange([float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.NaN, float.MaxValue, float.MinValue, float.Epsilon]);
        var rows = new List<double[]>();
        for (int i = 0; i < candidates.Count; i++)
        {
            rows.Add(Enumerable.Range(0, 12).Select(f => (double)candidates[(i + (7 * f)) % candidates.Count]).ToArray());
        }

        using var doubles = new DriftMonitor(MonitoredRow.FeatureSet.Manifest);
        foreach (double[] row in rows)
        {
            doubles.Add(row);
        }

        AssertModel(doubles, rows);

        double[] edgeRow = records.Baselines.Select(b => b.Edges[9]).ToArray();
        Assert.Contains(edgeRow, e => (float)e != e);
        rows.AddRange(Enumerable.Repeat(edgeRow, Block));
        using var mixed = new DriftMonitor(MonitoredRow.FeatureSet.Manifest);
        foreach (double[] row in rows)
        {
            mixed.Add(row);
        }

        AssertModel(mixed, rows);
    }

    [Fact]
    public void The_largest_float_at_or_below_an_edge_orders_every_float_as_the_edge_does()
    {
        var random = new Random(7);
        double[] specials = [0, -0d, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, float.MaxValue, -(double)float.MaxValue, 1e300, -1e300, double.Epsilon, float.Epsilon, 1e-46, -1e-46, 1, 0.1, -0.1];
        float[] floats = [0, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, 1, 0.1f, -0.1f];
        for (int i = 0; i < 20_000; i++)
        {
            double edge = i < specials.Length ? specials[i] : BitConverter.Int64BitsToDouble(random.NextInt64()) is var bits && !double.IsNaN(bits) ? bits : 1.5;
            if (i % 2 == 1)
            {
                edge = Math.Round(edge, 3) is var r && double.IsFinite(r) ? r + (random.NextDouble() * 1e-9) : edge;
            }

            float below = RowCounter.FloatAtOrBelow(edge);
            Assert.True(below <= edge, $"{below:R} > {edge:R}");
            Assert.True(MathF.BitIncrement(below) > edge || below == float.PositiveInfinity, $"a float above {below:R} is still at or below {edge:R}");
            foreach (float x in floats.Append((float)edge).Append(MathF.BitIncrement((float)edge)).Append(MathF.BitDecrement((float)edge)))
            {
                Assert.Equal(x > edge, x > below);
            }
        }

        Assert.True(float.IsNaN(RowCounter.FloatAtOrBelow(double.NaN)));
    }

    [Fact]
    public void Snapshots_taken_while_threads_add_see_every_row_once()
    {
        // Writers cycle through their own rows until 30 snapshots have been taken (and each has added a few blocks);
        // each snapshot must lie between the rows finished before it and the rows started after it, and count every
        // row in every feature.
        const int Writers = 4, Distinct = 5_000, Snapshots = 30;
        MonitoredRow[][] rows = Enumerable.Range(0, Writers).Select(w => Records(new Random(200 + w), Distinct)).ToArray();
        int[] added = new int[Writers];
        using var monitor = new DriftMonitor<MonitoredRow>();
        long started = 0, finished = 0;
        bool stop = false;
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            int i = 0;
            while (!Volatile.Read(ref stop) || i < Distinct)
            {
                Interlocked.Increment(ref started);
                monitor.Add(in rows[w][i % Distinct]);
                Interlocked.Increment(ref finished);
                i++;
            }

            added[w] = i;
        })).ToList();
        threads.ForEach(t => t.Start());
        for (int s = 0; s < Snapshots; s++)
        {
            long before = Interlocked.Read(ref finished);
            DriftMonitor.Totals totals = monitor.Sum();
            long after = Interlocked.Read(ref started);
            Assert.InRange(totals.Rows, before, after);
            AssertBinsSumToRows(monitor, totals);
        }

        Volatile.Write(ref stop, true);
        threads.ForEach(t => t.Join());
        output.WriteLine($"rows added while {Snapshots} snapshots were taken: {string.Join(", ", added)}");

        // Each writer's rows in its own order: the counts, and each shard's block sums, are the model's; only the order
        // in which the shards' sums are added differs (so those compare to rounding).
        double[][][] inputs = rows.Select(r => r.Select(Inputs).ToArray()).ToArray();
        DriftMonitor.Totals final = monitor.Sum();
        Assert.Equal(added.Sum(), final.Rows);
        Assert.Equal(added.Sum(), monitor.Snapshot().Rows);
        long[] counts = new long[final.Counters.Length];
        for (int w = 0; w < Writers; w++)
        {
            // Row i of the cycle was added once per pass that reached it.
            long[] times = Enumerable.Range(0, Distinct).Select(i => (long)((added[w] - i - 1) / Distinct) + 1).ToArray();
            long[] counted = ModelCounters(monitor, inputs[w], times);
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] += counted[i];
            }
        }

        Assert.Equal(counts, final.Counters);
        double[][] sums = Enumerable.Range(0, Writers).Select(w => ModelSums(monitor, new Cycle(inputs[w], added[w]))).ToArray();
        foreach (int f in Numeric(monitor))
        {
            foreach (int i in new[] { f, (final.Sums.Length / 2) + f })
            {
                double expected = sums.Sum(s => s[i]), scale = sums.Sum(s => Math.Abs(s[i]));
                Assert.True(Math.Abs(final.Sums[i] - expected) <= 4 * Writers * Unit * scale, $"sum {i}: {final.Sums[i]:R} against {expected:R}");
            }
        }
    }

    [Fact]
    public void Reset_with_rows_buffered_starts_the_window_after_them()
    {
        MonitoredRow[] rows = Records(new Random(5), 130);
        using var monitor = new DriftMonitor<MonitoredRow>();
        foreach (MonitoredRow row in rows.AsSpan(0, 100))
        {
            monitor.Add(in row);   // 36 rows buffered
        }

        monitor.Reset();
        Assert.Equal(0, monitor.Rows);
        Assert.All(monitor.Sum().Counters, c => Assert.Equal(0, c));

        foreach (MonitoredRow row in rows.AsSpan(100))
        {
            monitor.Add(in row);   // fills the block of 64, which counts 28 rows from before the reset
        }

        DriftMonitor.Totals totals = monitor.Sum();
        Assert.Equal(30, totals.Rows);
        Assert.Equal(ModelCounters(monitor, rows.Skip(100).Select(Inputs).ToList()), totals.Counters);
        Assert.Equal(30, monitor.Snapshot().Rows);
    }

    [Fact]
    public void Rows_buffered_by_a_thread_that_has_exited_are_counted()
    {
        MonitoredRow[] rows = Records(new Random(6), 80);
        using var monitor = new DriftMonitor<MonitoredRow>();
        var thread = new Thread(() =>
        {
            foreach (MonitoredRow row in rows.AsSpan(0, 10))
            {
                monitor.Add(in row);
            }
        });
        thread.Start();
        thread.Join();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        AssertModel(monitor, rows.Take(10).Select(Inputs).ToList());
        foreach (MonitoredRow row in rows.AsSpan(10))
        {
            monitor.Add(in row);
        }

        DriftMonitor.Totals totals = monitor.Sum();
        Assert.Equal(80, totals.Rows);
        Assert.Equal(ModelCounters(monitor, rows.Select(Inputs).ToList()), totals.Counters);
    }

    [Fact]
    public void A_disposed_monitor_with_rows_buffered_refuses_snapshots()
    {
        var monitor = new DriftMonitor<MonitoredRow>();
        foreach (MonitoredRow row in Records(new Random(8), 10))
        {
            monitor.Add(in row);
        }

        Assert.Equal(10, monitor.Rows);
        monitor.Dispose();
        monitor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => monitor.Snapshot());
        Assert.Throws<ObjectDisposedException>(() => monitor.Rows);
        Assert.Throws<ObjectDisposedException>(() => monitor.Reset());
    }

    private static void AssertModel(DriftMonitor monitor, IReadOnlyList<double[]> rows)
    {
        DriftMonitor.Totals totals = monitor.Sum();
        Assert.Equal(rows.Count, totals.Rows);
        Assert.Equal(rows.Count, monitor.Snapshot().Rows);
        Assert.Equal(ModelCounters(monitor, rows), totals.Counters);
        double[] sums = ModelSums(monitor, rows);
        foreach (int f in Numeric(monitor))
        {
            int padded = totals.Sums.Length / 2;
            Assert.Equal(BitConverter.DoubleToInt64Bits(sums[f]), BitConverter.DoubleToInt64Bits(totals.Sums[f]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(sums[padded + f]), BitConverter.DoubleToInt64Bits(totals.Sums[padded + f]));
        }
    }

    private static void AssertBinsSumToRows(DriftMonitor monitor, DriftMonitor.Totals totals)
    {
        foreach (FeatureBaseline feature in monitor.Baselines)
        {
            long counted = totals.Counters.AsSpan(feature.CounterOffset, feature.Bins + 1).ToArray().Sum();
            Assert.Equal(totals.Rows, counted);
        }
    }

    private static IEnumerable<int> Numeric(DriftMonitor monitor) =>
        Enumerable.Range(0, monitor.InputCount).Where(f => !monitor.Baselines[f].IsCategorical);

    /// <summary>Each value's counter: numeric bin = edges below it, NaN missing; a category index, unknown, missing.</summary>
    private static long[] ModelCounters(DriftMonitor monitor, IReadOnlyList<double[]> rows, long[]? times = null)
    {
        FeatureBaseline last = monitor.Baselines[^1];
        var counters = new long[last.CounterOffset + last.Bins + 1];
        for (int r = 0; r < rows.Count; r++)
        {
            double[] row = rows[r];
            for (int f = 0; f < monitor.InputCount; f++)
            {
                FeatureBaseline feature = monitor.Baselines[f];
                double x = row[f];
                int bin = double.IsNaN(x) ? feature.Bins
                    : feature.IsCategorical ? (x >= 0 && x < feature.Bins - 1 ? (int)x : feature.Bins - 1)
                    : feature.Edges.Count(e => x > e);
                counters[feature.CounterOffset + bin] += times?[r] ?? 1;
            }
        }

        return counters;
    }

    /// <summary>Σd and Σd² (d = value − baseline centre, 0 when missing), one block of 64 rows at a time.</summary>
    private static double[] ModelSums(DriftMonitor monitor, IReadOnlyList<double[]> rows)
    {
        int padded = (monitor.InputCount + 3) / 4 * 4;
        var sums = new double[2 * padded];
        for (int start = 0; start < rows.Count; start += Block)
        {
            var block = new double[2 * padded];
            for (int r = start; r < Math.Min(start + Block, rows.Count); r++)
            {
                double[] row = rows[r];
                foreach (int f in Numeric(monitor))
                {
                    double d = double.IsNaN(row[f]) ? 0 : row[f] - monitor.Baselines[f].Center;
                    block[f] += d;
                    block[padded + f] += d * d;
                }
            }

            for (int i = 0; i < sums.Length; i++)
            {
                sums[i] += block[i];
            }
        }

        return sums;
    }

    private static double[] Inputs(MonitoredRow row)
    {
        double[] inputs = new double[MonitoredRow.InputCount];
        row.ReadInputs(inputs);
        return inputs;
    }

    /// <summary>Around each feature's training range, with 3 % missing (infinities: see the edge test).</summary>
    private static MonitoredRow[] Records(Random random, int count)
    {
        float Draw(int f) => (float)Value(random, f);
        return Enumerable.Range(0, count).Select(_ => new MonitoredRow
        {
            F0 = Draw(0), F1 = Draw(1), F2 = Draw(2), F3 = Draw(3), F4 = Draw(4), F5 = Draw(5),
            F6 = Draw(6), F7 = Draw(7), F8 = Draw(8), F9 = Draw(9), F10 = Draw(10), F11 = Draw(11),
        }).ToArray();
    }

    private static double Value(Random random, int feature) => random.Next(100) switch
    {
        < 3 => double.NaN,
        _ => 10 + feature + ((2.5 + (feature / 10d)) * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())),
    };

    /// <summary>The first <paramref name="Count"/> rows of endless passes over <paramref name="Rows"/>.</summary>
    private sealed record Cycle(double[][] Rows, int Count) : IReadOnlyList<double[]>
    {
        public double[] this[int index] => Rows[index % Rows.Length];

        public IEnumerator<double[]> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
