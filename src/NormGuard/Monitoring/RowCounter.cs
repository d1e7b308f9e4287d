using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NormGuard.Monitoring;

/// <summary>
/// Counts blocks of rows into a shard's counters: each feature's bin (or its missing counter) and, for numeric
/// features, the sums of the centred value and its square. A value's bin is the number of its 19 edges below it, so
/// compares place many values at once with no data-dependent branch or load (a binary search per value is a chain of
/// five dependent loads: 130 ns a row for 12 features). Rows are only ever counted in blocks (the monitor buffers
/// single rows): counting one row at a time, incrementing bins in memory, cost 26–32 ns a row for 12 features against
/// 18–23 ns in blocks of 64 (docs/drift.md). Float blocks on 512-bit hardware go by columns (RowCounter.Columns.cs);
/// every path sums each block's values from zero and adds the block's total, so all give the same sums bit for bit.
/// </summary>
internal sealed partial class RowCounter
{
    private const int Lanes = 4;
    private const int EdgeCount = FeatureBaseline.NumericBins - 1;

    private readonly int _features;

    /// <summary>Per group of four features, its 19 edges four at a time: edge e of feature 4g + l at [(19g + e) · 4 + l],
    /// so each compare reads at a constant offset; +∞ where a feature has no such edge (one-hot, no baseline).</summary>
    private readonly double[] _edges;

    private readonly double[] _centers;

    /// <summary>Where each numeric feature's counters start in a shard; the sink for one-hot features and padding.</summary>
    private readonly long[] _offsets;

    /// <summary>All ones for a numeric feature: the lanes whose bins and moment sums the vector path keeps.</summary>
    private readonly long[] _numeric;

    private readonly (int Feature, int Offset, int Categories)[] _oneHot;

    public RowCounter(IReadOnlyList<FeatureBaseline> features, int counters)
    {
        _features = features.Count;
        Padded = (features.Count + Lanes - 1) / Lanes * Lanes;
        Sink = counters;
        _edges = new double[EdgeCount * Padded];
        _edges.AsSpan().Fill(double.PositiveInfinity);
        _centers = new double[Padded];
        _offsets = new long[Padded];
        _offsets.AsSpan().Fill(Sink);
        _numeric = new long[Padded];
        var oneHot = new List<(int, int, int)>();
        var numericFeatures = new List<int>();
        var floatEdges = new List<float>();
        for (int f = 0; f < features.Count; f++)
        {
            FeatureBaseline feature = features[f];
            if (feature.IsCategorical)
            {
                oneHot.Add((f, feature.CounterOffset, feature.Bins - 1));
                continue;
            }

            _offsets[f] = feature.CounterOffset;
            _numeric[f] = -1;
            _centers[f] = feature.Center;
            for (int e = 0; e < feature.Edges.Length; e++)
            {
                _edges[EdgeSlot(f, e)] = feature.Edges[e];
            }

            numericFeatures.Add(f);
            for (int e = 0; e < EdgeCount; e++)
            {
                floatEdges.Add(FloatAtOrBelow(_edges[EdgeSlot(f, e)]));
            }
        }

        _oneHot = oneHot.ToArray();
        _numericFeatures = numericFeatures.ToArray();
        _floatEdges = floatEdges.ToArray();
    }

    /// <summary>Inputs per row rounded up to whole vectors: a block holds rows of this many values.</summary>
    public int Padded { get; }

    /// <summary>A counter past the real ones, the offset of one-hot and padding lanes (no kernel counts into it); a
    /// shard holds <see cref="Sink"/> + 1 counters and snapshots ignore the last.</summary>
    public int Sink { get; }

    /// <summary>Moment sums per shard: Σd for each feature in [0, Padded), Σd² in [Padded, 2·Padded).</summary>
    public int SumSlots => 2 * Padded;

    private static int EdgeSlot(int feature, int edge) => (((feature / Lanes * EdgeCount) + edge) * Lanes) + (feature % Lanes);

    /// <summary>
    /// Counts <paramref name="rows"/> rows laid out one after another, <see cref="Padded"/> values each. Taken four
    /// features at a time over every row, each edge keeps a running count of the values above it in a register, so a
    /// row costs 19 compares and additions per four features and no counter in memory; the bins are the differences
    /// of those counts, added to the shard once per block.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void CountRows(long[] counters, double[] sums, ReadOnlySpan<double> block, int rows, float[] columns)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            CountRowsScalar(counters, sums, block, rows);
        }
        else if (!ColumnsAccelerated || !CountRowsByColumns(counters, sums, block, rows, columns))
        {
            CountRowsInRegisters(counters, sums, block, rows);
        }

        CountOneHot(counters, block, rows);
    }

    /// <summary>The block kernel one value at a time, for hardware without 256-bit vectors: the same sums in the same
    /// order (each block's values from zero, then the block's total added to the shard's).</summary>
    private void CountRowsScalar(long[] counters, double[] sums, ReadOnlySpan<double> block, int rows)
    {
        foreach (int f in _numericFeatures)
        {
            double s1 = 0, s2 = 0;
            long offset = _offsets[f];
            for (int r = 0; r < rows; r++)
            {
                double x = block[(r * Padded) + f];
                if (double.IsNaN(x))
                {
                    counters[offset + FeatureBaseline.NumericBins]++;
                    continue;
                }

                int below = 0;
                for (int e = 0; e < EdgeCount; e++)
                {
                    below += x > _edges[EdgeSlot(f, e)] ? 1 : 0;
                }

                counters[offset + below]++;
                double d = x - _centers[f];
                s1 += d;
                s2 += d * d;
            }

            sums[f] += s1;
            sums[Padded + f] += s2;
        }
    }

    /// <summary>The block kernel with 256-bit vectors, for any double values.</summary>
    private void CountRowsInRegisters(long[] counters, double[] sums, ReadOnlySpan<double> block, int rows)
    {
        Span<Vector256<long>> above = stackalloc Vector256<long>[EdgeCount];
        ref double first = ref MemoryMarshal.GetReference(block);
        ref double sum = ref MemoryMarshal.GetArrayDataReference(sums);
        nuint padded = (nuint)Padded;
        for (nuint v = 0; v < padded; v += Lanes)
        {
            ref double group = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_edges), v * EdgeCount);
            Vector256<double> center = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_centers), v);
            Vector256<long> numeric = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_numeric), v);
            Vector256<long> missing = default;
            Vector256<double> s1 = default, s2 = default;
            Vector256<long> a0 = default;
            Vector256<long> a1 = default;
            Vector256<long> a2 = default;
            Vector256<long> a3 = default;
            Vector256<long> a4 = default;
            Vector256<long> a5 = default;
            Vector256<long> a6 = default;
            Vector256<long> a7 = default;
            Vector256<long> a8 = default;
            Vector256<long> a9 = default;
            Vector256<long> a10 = default;
            Vector256<long> a11 = default;
            Vector256<long> a12 = default;
            Vector256<long> a13 = default;
            Vector256<long> a14 = default;
            Vector256<long> a15 = default;
            Vector256<long> a16 = default;
            Vector256<long> a17 = default;
            Vector256<long> a18 = default;
            for (nuint r = 0; r < (nuint)rows; r++)
            {
                Vector256<double> x = Vector256.LoadUnsafe(ref first, (r * padded) + v);
                Vector256<long> isMissing = ~Vector256.Equals(x, x).AsInt64();
                missing += isMissing;
                Vector256<double> d = (x - center) & Vector256.AndNot(numeric, isMissing).AsDouble();
                s1 += d;
                s2 += d * d;
                a0 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 0)).AsInt64();
                a1 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 4)).AsInt64();
                a2 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 8)).AsInt64();
                a3 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 12)).AsInt64();
                a4 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 16)).AsInt64();
                a5 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 20)).AsInt64();
                a6 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 24)).AsInt64();
                a7 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 28)).AsInt64();
                a8 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 32)).AsInt64();
                a9 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 36)).AsInt64();
                a10 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 40)).AsInt64();
                a11 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 44)).AsInt64();
                a12 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 48)).AsInt64();
                a13 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 52)).AsInt64();
                a14 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 56)).AsInt64();
                a15 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 60)).AsInt64();
                a16 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 64)).AsInt64();
                a17 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 68)).AsInt64();
                a18 += Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref group, 72)).AsInt64();
            }

            above[0] = -a0;
            above[1] = -a1;
            above[2] = -a2;
            above[3] = -a3;
            above[4] = -a4;
            above[5] = -a5;
            above[6] = -a6;
            above[7] = -a7;
            above[8] = -a8;
            above[9] = -a9;
            above[10] = -a10;
            above[11] = -a11;
            above[12] = -a12;
            above[13] = -a13;
            above[14] = -a14;
            above[15] = -a15;
            above[16] = -a16;
            above[17] = -a17;
            above[18] = -a18;
            (Vector256.LoadUnsafe(ref sum, v) + s1).StoreUnsafe(ref sum, v);
            (Vector256.LoadUnsafe(ref sum, v + padded) + s2).StoreUnsafe(ref sum, v + padded);
            AddBins(counters, (int)v, above, -missing, rows);
        }
    }

    private void CountOneHot(long[] counters, ReadOnlySpan<double> block, int rows)
    {
        foreach ((int feature, int offset, int categories) in _oneHot)
        {
            for (int r = 0; r < rows; r++)
            {
                double value = block[(r * Padded) + feature];
                int category = (int)value;
                int bin = double.IsNaN(value) ? categories + 1 : (uint)category < (uint)categories ? category : categories;
                counters[offset + bin]++;
            }
        }
    }

    /// <summary>Turns the counts of values above each edge into bin counts for the numeric features of one group.</summary>
    private void AddBins(long[] counters, int group, ReadOnlySpan<Vector256<long>> above, Vector256<long> missing, int rows)
    {
        for (int lane = 0; lane < Lanes && group + lane < _features; lane++)
        {
            int f = group + lane;
            if (_numeric[f] == 0)
            {
                continue;
            }

            long offset = _offsets[f];
            long present = rows - missing.GetElement(lane);
            counters[offset] += present - above[0].GetElement(lane);
            for (int e = 1; e < EdgeCount; e++)
            {
                counters[offset + e] += above[e - 1].GetElement(lane) - above[e].GetElement(lane);
            }

            counters[offset + EdgeCount] += above[EdgeCount - 1].GetElement(lane);
            counters[offset + FeatureBaseline.NumericBins] += missing.GetElement(lane);
        }
    }
}
