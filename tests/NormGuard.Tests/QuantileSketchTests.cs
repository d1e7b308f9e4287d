using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard.Fitting;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// The KLL quantile sketch against exact quantiles (sorted data): rank error within its stated bound on several
/// distributions, after merging partitions, with bounded memory, allocation-free adds and deterministic results.
/// </summary>
public sealed class QuantileSketchTests(ITestOutputHelper output)
{
    private static readonly double[] Qs = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1];

    // The stated cap on retained values for k = 1024 up to n = 10^8 (3,100 there; 3,027 at 10^6).
    private const int RetainedCap = 3100;

    [Theory]
    [InlineData("uniform", 1)]
    [InlineData("uniform", 2)]
    [InlineData("uniform", 3)]
    [InlineData("uniform", 7)]
    [InlineData("uniform", 100)]
    [InlineData("uniform", 1024)]
    [InlineData("uniform", 1025)]
    [InlineData("uniform", 5000)]
    [InlineData("uniform", 100_000)]
    [InlineData("uniform", 1_000_000)]
    [InlineData("uniform", 2_500_000)]
    [InlineData("normal", 1000)]
    [InlineData("normal", 50_000)]
    [InlineData("normal", 1_000_000)]
    [InlineData("lognormal", 20_000)]
    [InlineData("lognormal", 1_000_000)]
    [InlineData("duplicates", 5000)]
    [InlineData("duplicates", 500_000)]
    [InlineData("mostly-zero", 500_000)]
    [InlineData("constant", 200_000)]
    [InlineData("sorted", 7000)]
    [InlineData("sorted", 1_000_000)]
    [InlineData("reverse", 7000)]
    [InlineData("reverse", 1_000_000)]
    [InlineData("sawtooth", 500_000)]
    public void Quantiles_are_within_the_rank_error_bound(string distribution, int n)
    {
        double[] data = Generate(distribution, n, seed: (ulong)n * 31 + (ulong)distribution.Length);
        var sketch = new QuantileSketch();
        foreach (double value in data)
        {
            sketch.Add(value);
        }

        Array.Sort(data);
        double worst = CheckQuantiles(sketch, data);
        output.WriteLine($"{distribution} n={n}: worst rank error {worst:F1} = {worst / n:P4} of n (bound {QuantileSketch.RankErrorBound:P2} + 1/n; this history's bound {sketch.RankError():P3}); retained {sketch.RetainedCount}, levels {sketch.Levels}");
    }

    [Theory]
    [InlineData("uniform", 4)]
    [InlineData("uniform", 16)]
    [InlineData("lognormal", 4)]
    [InlineData("lognormal", 16)]
    [InlineData("sorted", 16)]
    [InlineData("duplicates", 16)]
    public void Merged_partition_sketches_stay_within_the_bound(string distribution, int partitions)
    {
        const int N = 1_000_000;
        double[] data = Generate(distribution, N, seed: (ulong)partitions * 977);

        // Unequal partitions, in data order (a sorted input gives each partition its own value range).
        var rng = new SplitMix(12345 + (ulong)partitions);
        int[] cuts = Enumerable.Range(0, partitions - 1).Select(_ => (int)(rng.NextDouble() * N)).Append(0).Append(N).Order().ToArray();
        var sketches = new QuantileSketch[partitions];
        for (int p = 0; p < partitions; p++)
        {
            sketches[p] = new QuantileSketch();
            for (int i = cuts[p]; i < cuts[p + 1]; i++)
            {
                sketches[p].Add(data[i]);
            }
        }

        // Merged in order into the first, and as a balanced tree.
        var sequential = new QuantileSketch();
        foreach (QuantileSketch part in sketches)
        {
            sequential.Merge(part);
        }

        QuantileSketch tree = MergeTree(sketches, 0, partitions);

        Array.Sort(data);
        foreach (QuantileSketch merged in new[] { sequential, tree })
        {
            Assert.Equal(N, merged.Count);
            Assert.Equal(data[0], merged.Min);
            Assert.Equal(data[^1], merged.Max);
            Assert.True(merged.RetainedCount <= merged.Capacity);
            Assert.True(merged.Capacity <= RetainedCap, $"capacity {merged.Capacity}");
            double worst = CheckQuantiles(merged, data);
            output.WriteLine($"{distribution}, {partitions} partitions ({(ReferenceEquals(merged, tree) ? "tree" : "sequential")}): worst rank error {worst:F1} = {worst / N:P4} of n (bound {QuantileSketch.RankErrorBound:P2}; this history's bound {merged.RankError():P3}); retained {merged.RetainedCount}");
        }
    }

    [Fact]
    public void Merging_identical_partitions_stays_within_the_bound()
    {
        // Identical data flips identical coins in every partition: the errors add up rather than average out.
        double[] part = Generate("normal", 100_000, seed: 5);
        var merged = new QuantileSketch();
        for (int p = 0; p < 16; p++)
        {
            var sketch = new QuantileSketch();
            foreach (double value in part)
            {
                sketch.Add(value);
            }

            merged.Merge(sketch);
        }

        double[] all = Enumerable.Repeat(part, 16).SelectMany(x => x).ToArray();
        Array.Sort(all);
        double worst = CheckQuantiles(merged, all);
        output.WriteLine($"16 identical partitions: worst rank error {worst:F1} = {worst / all.Length:P4} of n; this history's bound {merged.RankError():P3}");
    }

    [Fact]
    public void Small_sketches_and_their_merges_are_exact_as_numpy()
    {
        var rng = new SplitMix(99);
        foreach (int n in new[] { 1, 2, 5, 100, 999, QuantileSketch.DefaultK })
        {
            double[] data = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 200 - 100).ToArray();
            var whole = new QuantileSketch();
            var merged = new QuantileSketch();
            var part = new QuantileSketch();
            for (int i = 0; i < n; i++)
            {
                whole.Add(data[i]);
                part.Add(data[i]);
                if (i % 37 == 36)
                {
                    merged.Merge(part);
                    part = new QuantileSketch();
                }
            }

            merged.Merge(part);
            var sorted = data.Order().ToList();
            foreach (QuantileSketch sketch in new[] { whole, merged })
            {
                Assert.True(sketch.IsExact);
                for (int p = 0; p <= 100; p++)
                {
                    Assert.Equal(Quantiles.Percentile(sorted, p), sketch.Percentile(p));
                    Assert.Equal(Quantiles.Percentile(sorted, p, float32: true), sketch.Percentile(p, float32: true));
                    Assert.Equal(Quantiles.Percentile(sorted, p), sketch.Quantile(p / 100d));
                }

                Assert.Equal(Quantiles.Median(sorted), sketch.Median());
                Assert.Equal(Quantiles.Median(sorted, float32: true), sketch.Median(float32: true));
            }
        }
    }

    [Fact]
    public void Memory_stays_bounded_as_n_grows()
    {
        var sketch = new QuantileSketch();
        var rng = new SplitMix(7);
        int[] capacities = new int[3];
        for (int i = 1; i <= 4_000_000; i++)
        {
            sketch.Add(rng.NextDouble());
            Assert.True(i > 100_000 || sketch.RetainedCount <= sketch.Capacity);
            if (i is 1_000_000 or 2_000_000 or 4_000_000)
            {
                int at = i == 1_000_000 ? 0 : i == 2_000_000 ? 1 : 2;
                capacities[at] = sketch.Capacity;
                Assert.True(sketch.RetainedCount <= sketch.Capacity);
                output.WriteLine($"n={i}: retained {sketch.RetainedCount}, capacity {sketch.Capacity} doubles ({sketch.Capacity * 8 / 1024.0:F1} KiB), levels {sketch.Levels}");
            }
        }

        Assert.All(capacities, c => Assert.InRange(c, 3 * QuantileSketch.DefaultK - 100, RetainedCap));

        // One level more per doubling of n, holding k·(2/3)^depth values (19 and 13 here; 8 from depth 12 on).
        Assert.InRange(capacities[1] - capacities[0], 0, 24);
        Assert.InRange(capacities[2] - capacities[1], 0, 24);
    }

    [Fact]
    public void Add_allocates_only_when_a_level_is_added()
    {
        var sketch = new QuantileSketch();
        var rng = new SplitMix(3);
        for (int i = 0; i < 1_000_000; i++)
        {
            sketch.Add(rng.NextDouble());
        }

        int levels = sketch.Levels;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000_000; i++)
        {
            sketch.Add(rng.NextDouble());
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        int added = sketch.Levels - levels;
        output.WriteLine($"1,000,000 adds past n = 10^6 allocated {allocated} bytes ({added} level(s) added)");
        Assert.InRange(added, 0, 2);
        Assert.True(allocated <= added * ((sketch.Capacity * 8) + 64), $"allocated {allocated} bytes");
    }

    [Fact]
    public void Same_adds_and_merges_give_the_same_results()
    {
        double[] first = Run();
        double[] second = Run();
        Assert.Equal(first.Select(BitConverter.DoubleToInt64Bits), second.Select(BitConverter.DoubleToInt64Bits));

        // The same on every machine and runtime: inputs from integer arithmetic only, results pinned.
        ulong hash = 14695981039346656037UL;
        foreach (double value in first)
        {
            hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(value)) * 1099511628211UL;
        }

        output.WriteLine($"hash {hash:X16}; median {first[50]:R}");
        Assert.Equal(GoldenHash, hash);

        static double[] Run()
        {
            var rng = new SplitMix(2024);
            var total = new QuantileSketch();
            for (int p = 0; p < 5; p++)
            {
                var part = new QuantileSketch();
                for (int i = 0; i < 60_000 * (p + 1); i++)
                {
                    part.Add(Math.Floor(rng.NextDouble() * 1e6) / 8);
                }

                total.Merge(part);
            }

            for (int i = 0; i < 100_000; i++)
            {
                total.Add(rng.NextDouble());
            }

            return Enumerable.Range(0, 101).Select(p => total.Percentile(p))
                .Append(total.RetainedCount).Append(total.Levels).Append(total.Rank(60_000)).ToArray();
        }
    }

    [Fact]
    public void Different_seeds_differ_and_the_stated_bound_covers_the_analysis()
    {
        Assert.True(QuantileSketch.RankErrorBound >= QuantileSketch.RankErrorBoundFor(QuantileSketch.DefaultK, QuantileSketch.FailureProbability));
        Assert.True(QuantileSketch.RankErrorBoundFor(200, 0.01) > QuantileSketch.RankErrorBoundFor(QuantileSketch.DefaultK, 0.01));

        var a = new QuantileSketch(seed: 1);
        var b = new QuantileSketch(seed: 2);
        var rng = new SplitMix(8);
        for (int i = 0; i < 100_000; i++)
        {
            double value = rng.NextDouble();
            a.Add(value);
            b.Add(value);
        }

        Assert.Contains(Enumerable.Range(1, 99), p => a.Percentile(p) != b.Percentile(p));
        Assert.Equal(a.Count, b.Count);
    }

    [Fact]
    public void Edge_cases()
    {
        var empty = new QuantileSketch();
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.Quantile(0.5)));
        Assert.True(double.IsNaN(empty.Min));
        Assert.Equal(0, empty.Rank(1));
        Assert.Throws<ArgumentException>(() => empty.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => empty.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => empty.Quantile(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(k: 4));
        Assert.Throws<ArgumentException>(() => empty.Merge(new QuantileSketch(k: 200)));
        Assert.Throws<ArgumentException>(() => empty.Merge(empty));

        // Merging into an empty sketch and merging an empty one.
        var source = new QuantileSketch();
        for (int i = 0; i < 10_000; i++)
        {
            source.Add(i);
        }

        var copy = new QuantileSketch();
        copy.Merge(source);
        copy.Merge(new QuantileSketch());
        Assert.Equal(source.Count, copy.Count);
        Assert.Equal(0d, copy.Min);
        Assert.Equal(9999d, copy.Max);
        Assert.Equal(10_000, source.Count);
        Assert.InRange(copy.Quantile(0.5), 5000 - 130, 5000 + 130);

        // Infinities are values like any other, with numpy's arithmetic (inf·0 = NaN at the median of three).
        var infinite = new QuantileSketch();
        infinite.Add(double.NegativeInfinity);
        infinite.Add(1);
        infinite.Add(double.PositiveInfinity);
        Assert.Equal(double.NegativeInfinity, infinite.Quantile(0));
        Assert.Equal(double.PositiveInfinity, infinite.Quantile(1));
        var values = new List<double> { double.NegativeInfinity, 1, double.PositiveInfinity };
        foreach (double p in new[] { 10d, 25d, 50d, 60d, 90d })
        {
            Assert.Equal(Quantiles.Percentile(values, p), infinite.Percentile(p));
        }
    }

    // The worst rank error (in ranks) of the sketch's quantiles, asserted within the stated bound (+1 rank for
    // numpy's interpolation), and within this history's own bound; q = 0 and 1 exact.
    private static double CheckQuantiles(QuantileSketch sketch, double[] sorted)
    {
        int n = sorted.Length;
        Assert.Equal(n, sketch.Count);
        Assert.Equal(sorted[0], sketch.Quantile(0));
        Assert.Equal(sorted[^1], sketch.Quantile(1));
        Assert.True(sketch.RankError() <= QuantileSketch.RankErrorBound, $"history bound {sketch.RankError()}");
        Assert.True(sketch.RetainedCount <= sketch.Capacity);

        double worst = 0;
        foreach (double q in Qs)
        {
            double value = sketch.Quantile(q);
            double error = RankError(sorted, value, q * n);
            worst = Math.Max(worst, error);
            Assert.True(error <= (QuantileSketch.RankErrorBound * n) + 1, $"q={q}: value {value}, rank error {error} > {QuantileSketch.RankErrorBound * n + 1} (n={n})");
            Assert.True(error <= (sketch.RankError() * n) + 1, $"q={q}: rank error {error} over this history's bound {sketch.RankError() * n + 1}");

            // Rank of a data value: the estimated count ≤ it.
            double exactValue = sorted[(int)Math.Min(n - 1, Math.Floor(q * n))];
            long trueRank = UpperBound(sorted, exactValue);
            Assert.True(Math.Abs(sketch.Rank(exactValue) - trueRank) <= QuantileSketch.RankErrorBound * n, $"Rank({exactValue}) = {sketch.Rank(exactValue)}, true {trueRank}");
        }

        return worst;
    }

    // How far q·n lies outside [#(x < v), #(x ≤ v)], the rank positions v holds (0 if v is an exact q-quantile).
    private static double RankError(double[] sorted, double value, double target)
    {
        long below = LowerBound(sorted, value);
        long atOrBelow = UpperBound(sorted, value);
        return Math.Max(0, Math.Max(below - target, target - atOrBelow));
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static QuantileSketch MergeTree(QuantileSketch[] sketches, int from, int to)
    {
        if (to - from == 1)
        {
            var copy = new QuantileSketch();
            copy.Merge(sketches[from]);
            return copy;
        }

        int middle = (from + to) / 2;
        QuantileSketch left = MergeTree(sketches, from, middle);
        left.Merge(MergeTree(sketches, middle, to));
        return left;
    }

    private static double[] Generate(string distribution, int n, ulong seed)
    {
        var rng = new SplitMix(seed);
        var data = new double[n];
        for (int i = 0; i < n; i++)
        {
            data[i] = distribution switch
            {
                "uniform" or "sorted" or "reverse" => rng.NextDouble(),
                "normal" => rng.NextNormal() * 3 + 10,
                "lognormal" => Math.Exp(2 * rng.NextNormal()),
                "duplicates" => Math.Floor(rng.NextDouble() * 20),
                "mostly-zero" => rng.NextDouble() < 0.9 ? 0 : rng.NextDouble(),
                "constant" => 4.25,
                "sawtooth" => i % 1000,
                _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
            };
        }

        if (distribution is "sorted" or "reverse")
        {
            Array.Sort(data);
        }

        if (distribution == "reverse")
        {
            Array.Reverse(data);
        }

        return data;
    }

    private const ulong GoldenHash = 0xF64F343979C6653AUL;

    private sealed class SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1d / (1UL << 53));

        public double NextNormal()
        {
            double u = 1d - NextDouble();
            return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * NextDouble());
        }
    }
}
