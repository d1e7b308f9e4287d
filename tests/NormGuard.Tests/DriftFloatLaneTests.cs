using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using NormGuard.Monitoring;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// The one-row drift counter compares float32 values with edges rounded down to float32, sixteen features at a time.
/// Expected: every value lands in exactly the bin the double compare (the path used before) gives, with the same
/// moment sums to the bit; a row holding a double that float32 cannot represent is counted by the double path.
/// </summary>
public sealed class DriftFloatLaneTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.1)]
    [InlineData(1e-300)]
    [InlineData(-1e-300)]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    [InlineData(16_777_217d)]
    [InlineData(-16_777_217d)]
    [InlineData(3.4028235677973366e38)]
    [InlineData(3.40282357e38)]
    [InlineData(-3.40282357e38)]
    [InlineData(0d)]
    [InlineData(2e-45)]
    [InlineData(1.5)]
    public void An_edge_rounds_down_to_the_largest_float_at_or_below_it(double edge)
    {
        float f = RowCounter.FloorToFloat(edge);
        Assert.True(f <= edge, $"{f:R} is above {edge:R}");
        Assert.True(MathF.BitIncrement(f) > edge, $"{MathF.BitIncrement(f):R} is not above {edge:R}");
    }

    [Fact]
    public void Edges_past_float_range_round_to_the_extremes()
    {
        Assert.Equal(float.MaxValue, RowCounter.FloorToFloat(1e300));
        Assert.Equal(float.NegativeInfinity, RowCounter.FloorToFloat(-1e300));
        Assert.Equal(0f, RowCounter.FloorToFloat(1e-300));
        Assert.Equal(-float.Epsilon, RowCounter.FloorToFloat(-1e-300));
        Assert.Equal(float.PositiveInfinity, RowCounter.FloorToFloat(double.PositiveInfinity));
    }

    [Fact]
    public void Float_lanes_put_every_edge_value_in_the_bin_the_double_compare_gives()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            Assert.Fail("This machine has no 512-bit vectors: the float path cannot run here, so this test cannot decide.");
        }

        (RowCounter counter, int counters, List<FeatureBaseline> features) = Counter();
        Assert.True(counter.HasFloatPath);
        int rows = 0;
        foreach (double value in Probes(features))
        {
            // The value in every feature, and rotated so that neighbouring features see different values.
            foreach (double[] row in new[] { Row(features.Count, counter.InputPadded, _ => value), Row(features.Count, counter.InputPadded, f => f % 3 == 0 ? value : -value) })
            {
                (long[] floatCounts, double[] floatSums) = (new long[counters], new double[counter.SumSlots]);
                (long[] doubleCounts, double[] doubleSums) = (new long[counters], new double[counter.SumSlots]);
                Assert.Equal(counter.InputPadded, counter.CountFloatLanes(floatCounts, floatSums, row));
                counter.CountOneHot(floatCounts, row);
                counter.CountWithDoubles(doubleCounts, doubleSums, row, 0);
                counter.CountOneHot(doubleCounts, row);
                Assert.Equal(Real(doubleCounts), Real(floatCounts));
                Assert.Equal(doubleSums.Select(BitConverter.DoubleToInt64Bits), floatSums.Select(BitConverter.DoubleToInt64Bits));
                rows++;
            }
        }

        Assert.True(rows > 200, $"only {rows} rows probed");
    }

    [Fact]
    public void A_double_that_float32_cannot_hold_sends_its_group_and_the_rest_to_the_double_path()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            Assert.Fail("This machine has no 512-bit vectors: the float path cannot run here, so this test cannot decide.");
        }

        (RowCounter counter, int counters, List<FeatureBaseline> features) = Counter();
        double onEdge = features[0].Edges[7];
        Assert.NotEqual(onEdge, (double)(float)onEdge);
        foreach ((int feature, int expectedFloatInputs) in new[] { (0, 0), (15, 0), (16, 16), (features.Count - 1, 16) })
        {
            double[] row = Row(features.Count, counter.InputPadded, f => f == feature ? onEdge : 1.25);
            if (features[feature].IsCategorical)
            {
                continue;
            }

            (long[] mixedCounts, double[] mixedSums) = (new long[counters], new double[counter.SumSlots]);
            (long[] doubleCounts, double[] doubleSums) = (new long[counters], new double[counter.SumSlots]);
            int floatInputs = counter.CountFloatLanes(mixedCounts, mixedSums, row);
            Assert.Equal(expectedFloatInputs, floatInputs);
            counter.CountWithDoubles(mixedCounts, mixedSums, row, floatInputs);
            counter.CountWithDoubles(doubleCounts, doubleSums, row, 0);
            Assert.Equal(Real(doubleCounts), Real(mixedCounts));
            Assert.Equal(doubleSums, mixedSums);

            // Through the public entry point too, one-hot features included.
            var viaCount = new long[counters];
            counter.Count(viaCount, new double[counter.SumSlots], row);
            counter.CountOneHot(doubleCounts, row);
            Assert.Equal(Real(doubleCounts), Real(viaCount));
        }

        // Bin b holds (edge b−1, edge b]: the value exactly on edge 7 of feature 0 counts in bin 7.
        var once = new long[counters];
        counter.Count(once, new double[counter.SumSlots], Row(features.Count, counter.InputPadded, f => f == 0 ? onEdge : 1.25));
        Assert.Equal(1, once[features[0].CounterOffset + 7]);
    }

    /// <summary>The counters snapshots read: all but the last, the sink that one-hot and padding lanes increment.</summary>
    private static long[] Real(long[] counters) => counters[..^1];

    private static double[] Row(int features, int padded, Func<int, double> value)
    {
        var row = new double[padded];
        for (int f = 0; f < features; f++)
        {
            row[f] = value(f);
        }

        return row;
    }

    /// <summary>Values around every edge (as float32: the largest at or below it and the next one up), the edges that
    /// are float32 values themselves, zeros of both signs, infinities, NaN, the float32 extremes, beyond either end.</summary>
    private static IEnumerable<double> Probes(List<FeatureBaseline> features)
    {
        var values = new SortedSet<double>();
        foreach (double edge in features.SelectMany(f => f.Edges))
        {
            float below = RowCounter.FloorToFloat(edge);
            values.Add(below);
            values.Add(MathF.BitIncrement(below));
            values.Add(MathF.BitDecrement(below));
        }

        foreach (double v in new[] { 0d, double.PositiveInfinity, double.NegativeInfinity, float.MaxValue, -float.MaxValue, float.Epsilon, -float.Epsilon, -1e30f, 1e30f })
        {
            values.Add(v);
        }

        return values.Where(v => !double.IsNaN(v)).Append(-0d).Append(double.NaN);
    }

    /// <summary>Eighteen features (two groups of sixteen, the second partial): edges at full double precision, integer
    /// edges with ties (float32 values, so values fall exactly on them), subnormal doubles, edges past float32's range,
    /// an edge at −0, a one-hot feature and a numeric feature without a baseline.</summary>
    private static (RowCounter Counter, int Counters, List<FeatureBaseline> Features) Counter()
    {
        Func<int, double>[] kinds =
        [
            k => 10 + ((k - 50) * 0.0731) + (1e-9 * k),
            k => Math.Floor(k / 10d),
            k => (k - 50) * 1e-310,
            k => (k - 50) * 1e37,
            k => k == 50 ? -0d : k - 50,
            k => -3 + (k * 0.0625) + (k % 7 * 1e-12),
        ];
        var manifests = new List<FeatureManifest>();
        for (int f = 0; f < 18; f++)
        {
            string name = "f" + f;
            if (f == 5)
            {
                manifests.Add(new FeatureManifest { Name = name, Steps = [new OneHotStep(["a", "b"])], Stats = new FeatureStats { Count = 10, CategoryCounts = [6, 4] } });
            }
            else if (f == 11)
            {
                manifests.Add(new FeatureManifest { Name = name, Steps = [new ZScoreStep(0, 1)] });
            }
            else
            {
                Func<int, double> kind = kinds[f % kinds.Length];
                double[] q = Enumerable.Range(0, 101).Select(k => kind(k)).ToArray();
                manifests.Add(new FeatureManifest { Name = name, Steps = [new ZScoreStep(q[50], 1)], Stats = new FeatureStats { Count = 1000, Mean = q[50], Std = 1, Quantiles = q } });
            }
        }

        List<FeatureBaseline> features = manifests.Select(FeatureBaseline.Create).ToList();
        int counters = 0;
        foreach (FeatureBaseline feature in features)
        {
            feature.CounterOffset = counters;
            counters += feature.Bins + 1;
        }

        var counter = new RowCounter(features, counters);
        return (counter, counters + 1, features);
    }
}
