using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NormGuard.Monitoring;

/// <summary>
/// One row at a time with 512-bit vectors: when every numeric input of the row is a float32 value (NaN included), as
/// it is for float members, the bins are found for sixteen features at once by 19 float32 compares, where the double
/// path needs 19 compares per four features (57 for 12 features). The compare is exact, not approximate: each edge is
/// stored as the largest float32 at or below it, and for a float32 <c>x</c>, <c>x &gt; e ⇔ x &gt; ⌊e⌋₃₂</c> (if the
/// edge is a float32 nothing changes; otherwise no float32 lies in (⌊e⌋₃₂, e]). A row with any other numeric value
/// (a double that float32 cannot hold) is counted by the double path, so bins stay the ones the double compare gives.
/// </summary>
internal sealed partial class RowCounter
{
    private const int FloatLanes = 16;

    /// <summary>Per group of sixteen features, its 19 edges rounded down to float32, sixteen at a time: edge e of
    /// feature 16g + l at [(19g + e) · 16 + l]; +∞ where a feature has no such edge. Null without 512-bit vectors.</summary>
    private readonly float[]? _floatEdges;

    /// <summary>Where each numeric feature's counters start, as int lanes; the sink for one-hot features and padding.</summary>
    private readonly int[]? _floatOffsets;

    /// <summary>All ones (int lanes) for a numeric feature.</summary>
    private readonly int[]? _floatNumeric;

    /// <summary>All ones (long lanes) for a numeric feature: the lanes whose value must fit float32 for the float path.</summary>
    private readonly long[]? _wideNumeric;

    /// <summary>Inputs per row that <see cref="Count"/> reads: <see cref="Padded"/>, or whole groups of sixteen when
    /// the float path runs (the padding is ignored).</summary>
    public int InputPadded { get; }

    /// <summary>Whether <see cref="Count"/> tries the float32 path first.</summary>
    internal bool HasFloatPath => _floatEdges is not null;

    /// <summary>The largest float32 at or below <paramref name="edge"/>: for float32 values, "above the edge" and
    /// "above this float" are the same test. ±∞ stay themselves; an edge past float32's range rounds to ±MaxValue or −∞.</summary>
    internal static float FloorToFloat(double edge)
    {
        float nearest = (float)edge;
        return nearest > edge ? MathF.BitDecrement(nearest) : nearest;
    }

    private static int FloatEdgeSlot(int feature, int edge) => (((feature / FloatLanes * EdgeCount) + edge) * FloatLanes) + (feature % FloatLanes);

    private static int FloatPadded(int features) => (features + FloatLanes - 1) / FloatLanes * FloatLanes;

    private static float[] FloatEdges(IReadOnlyList<FeatureBaseline> features)
    {
        var edges = new float[EdgeCount * FloatPadded(features.Count)];
        edges.AsSpan().Fill(float.PositiveInfinity);
        for (int f = 0; f < features.Count; f++)
        {
            if (!features[f].IsCategorical)
            {
                for (int e = 0; e < features[f].Edges.Length; e++)
                {
                    edges[FloatEdgeSlot(f, e)] = FloorToFloat(features[f].Edges[e]);
                }
            }
        }

        return edges;
    }

    /// <summary>Counts the row's numeric bins and moments with float32 compares, sixteen features at a time, up to the
    /// first group holding a numeric input that is not a float32 value; returns how many leading inputs it counted
    /// (<see cref="InputPadded"/> when all), for the double path to count the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int CountFloatLanes(long[] counters, double[] sums, ReadOnlySpan<double> inputs)
    {
        ref double input = ref MemoryMarshal.GetReference(inputs);
        ref long counter = ref MemoryMarshal.GetArrayDataReference(counters);
        ref float edges = ref MemoryMarshal.GetArrayDataReference(_floatEdges!);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_floatOffsets!);
        ref int numeric = ref MemoryMarshal.GetArrayDataReference(_floatNumeric!);
        ref long wide = ref MemoryMarshal.GetArrayDataReference(_wideNumeric!);
        nuint padded = (nuint)InputPadded;
        nuint g = 0;
        for (; g < padded; g += FloatLanes)
        {
            Vector512<double> lo = LoadEight(ref Unsafe.Add(ref input, g));
            Vector512<double> hi = LoadEight(ref Unsafe.Add(ref input, g + 8));
            Vector512<float> x = Vector512.Narrow(lo, hi);

            // A lane fits when it survives the round trip; NaN never compares equal but is missing in both paths.
            Vector512<long> loMisfit = Vector512.AndNot(Vector512.Equals(lo, lo).AsInt64(), Vector512.Equals(Vector512.WidenLower(x), lo).AsInt64());
            Vector512<long> hiMisfit = Vector512.AndNot(Vector512.Equals(hi, hi).AsInt64(), Vector512.Equals(Vector512.WidenUpper(x), hi).AsInt64());
            if (((loMisfit & Vector512.LoadUnsafe(ref wide, g)) | (hiMisfit & Vector512.LoadUnsafe(ref wide, g + 8))) != Vector512<long>.Zero)
            {
                break;
            }

            Vector512<int> missing = ~Vector512.Equals(x, x).AsInt32();
            Vector512<int> bin = Vector512.ConditionalSelect(missing, Vector512.Create(FeatureBaseline.NumericBins), CountBelow(x, ref Unsafe.Add(ref edges, g * EdgeCount)));
            Vector512<int> position = Vector512.LoadUnsafe(ref offsets, g) + (bin & Vector512.LoadUnsafe(ref numeric, g));

            // Incremented straight from the register, four lanes at a time up to the last feature (padding lanes point
            // at the sink): storing the positions and reloading them would wait on store-to-load forwarding.
            int lanes = _features - (int)g;
            IncrementFour(ref counter, position.GetLower().GetLower());
            if (lanes > 4)
            {
                IncrementFour(ref counter, position.GetLower().GetUpper());
            }

            if (lanes > 8)
            {
                IncrementFour(ref counter, position.GetUpper().GetLower());
            }

            if (lanes > 12)
            {
                IncrementFour(ref counter, position.GetUpper().GetUpper());
            }

            // The moments from the vectors already loaded, four lanes (the sums' layout) at a time.
            ref double sum = ref MemoryMarshal.GetArrayDataReference(sums);
            AddMoments(ref sum, lo.GetLower(), g);
            if (lanes > 4)
            {
                AddMoments(ref sum, lo.GetUpper(), g + 4);
            }

            if (lanes > 8)
            {
                AddMoments(ref sum, hi.GetLower(), g + 8);
            }

            if (lanes > 12)
            {
                AddMoments(ref sum, hi.GetUpper(), g + 12);
            }
        }

        return (int)g;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void IncrementFour(ref long counter, Vector128<int> positions)
    {
        Unsafe.Add(ref counter, positions.GetElement(0))++;
        Unsafe.Add(ref counter, positions.GetElement(1))++;
        Unsafe.Add(ref counter, positions.GetElement(2))++;
        Unsafe.Add(ref counter, positions.GetElement(3))++;
    }

    /// <summary>Eight inputs as one vector, loaded one by one: they were usually just written one by one (ReadInputs),
    /// and a vector load spanning several pending stores waits for them to retire instead of forwarding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LoadEight(ref double p) => Vector512.Create(
        Vector256.Create(Vector128.Create(p, Unsafe.Add(ref p, 1)), Vector128.Create(Unsafe.Add(ref p, 2), Unsafe.Add(ref p, 3))),
        Vector256.Create(Vector128.Create(Unsafe.Add(ref p, 4), Unsafe.Add(ref p, 5)), Vector128.Create(Unsafe.Add(ref p, 6), Unsafe.Add(ref p, 7))));

    /// <summary>Σd and Σd² of the numeric features among inputs <paramref name="v"/> to v + 3, each lane summed as the
    /// double path sums it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddMoments(ref double sum, Vector256<double> x, nuint v)
    {
        Vector256<long> present = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_numeric), v) & Vector256.Equals(x, x).AsInt64();
        Vector256<double> d = (x - Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_centers), v)) & present.AsDouble();
        nuint padded = (nuint)Padded;
        (Vector256.LoadUnsafe(ref sum, v) + d).StoreUnsafe(ref sum, v);
        (Vector256.LoadUnsafe(ref sum, v + padded) + (d * d)).StoreUnsafe(ref sum, v + padded);
    }

    /// <summary>How many of the 19 edges lie below each of sixteen float32 values, summed as a tree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> CountBelow(Vector512<float> x, ref float edges)
    {
        // Four running counts, each raised by one in the lanes a compare finds above the edge (a masked add on
        // AVX-512), rather than a mask vector per compare and a tree of additions.
        Vector512<int> one = Vector512<int>.One;
        Vector512<int> a0 = Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 0)).AsInt32();
        Vector512<int> a1 = Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 16)).AsInt32();
        Vector512<int> a2 = Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 32)).AsInt32();
        Vector512<int> a3 = Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 48)).AsInt32();
        a0 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 64)).AsInt32(), a0 - one, a0);
        a1 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 80)).AsInt32(), a1 - one, a1);
        a2 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 96)).AsInt32(), a2 - one, a2);
        a3 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 112)).AsInt32(), a3 - one, a3);
        a0 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 128)).AsInt32(), a0 - one, a0);
        a1 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 144)).AsInt32(), a1 - one, a1);
        a2 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 160)).AsInt32(), a2 - one, a2);
        a3 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 176)).AsInt32(), a3 - one, a3);
        a0 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 192)).AsInt32(), a0 - one, a0);
        a1 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 208)).AsInt32(), a1 - one, a1);
        a2 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 224)).AsInt32(), a2 - one, a2);
        a3 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 240)).AsInt32(), a3 - one, a3);
        a0 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 256)).AsInt32(), a0 - one, a0);
        a1 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 272)).AsInt32(), a1 - one, a1);
        a2 = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.LoadUnsafe(ref edges, 288)).AsInt32(), a2 - one, a2);

        // Each count is negative (a true compare is −1, the masked steps subtract one): negated, it counts the edges below.
        Vector512<int> sum = (a0 + a1) + (a2 + a3);
        return -sum;
    }
}
