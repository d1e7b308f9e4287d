using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NormGuard.Monitoring;

/// <summary>
/// The block kernel with 512-bit vectors: each numeric feature's values are turned into a column of floats, 16 rows
/// per vector, and one compare with an edge gives a 16-bit mask whose population count is the number of those rows
/// above it. A row then costs 19 · features / 16 compares, against 19 · features / 4 compare-and-add pairs in
/// <see cref="CountRowsInRegisters"/>.
/// </summary>
/// <remarks>
/// Exact because a float value x lies above a double edge e exactly when it lies above the largest float ≤ e (if
/// x > e then x > that float; if x ≤ e, x is a float ≤ e, so x ≤ the largest one). A block is counted this way only
/// when every numeric value in it survives the round trip through float bit for bit (records with float members,
/// NaN); a double that does not (or a NaN with a payload) sends the whole block to the double kernel. The moment sums
/// and missing counts are the double kernel's own arithmetic, in the same order.
/// </remarks>
internal sealed partial class RowCounter
{
    /// <summary>Rows a block may hold: <see cref="CountRows"/> counts at most this many at once.</summary>
    public const int MaxBlockRows = 64;

    private const int ColumnVector = 16;

    /// <summary>Per numeric feature, the largest float ≤ each edge: edge e of the i-th numeric feature at [19i + e].</summary>
    private readonly float[] _floatEdges;

    /// <summary>The numeric features, in order; their columns and float edges are indexed by position in this list.</summary>
    private readonly int[] _numericFeatures;

    /// <summary>Floats a caller's column scratch for <see cref="CountRows"/> must hold.</summary>
    public int ColumnSlots => Padded * MaxBlockRows;

    private static bool ColumnsAccelerated => Vector512.IsHardwareAccelerated && Avx.IsSupported;

    /// <summary>The largest float not above <paramref name="edge"/> (NaN for NaN, −∞ below every float).</summary>
    internal static float FloatAtOrBelow(double edge)
    {
        float rounded = (float)edge;
        return rounded > edge ? MathF.BitDecrement(rounded) : rounded;
    }

    /// <summary>Counts a block by columns; false (nothing counted) when a numeric value is not exactly a float.</summary>
    private bool CountRowsByColumns(long[] counters, double[] sums, ReadOnlySpan<double> block, int rows, float[] columns)
    {
        nuint padded = (nuint)Padded;
        int groups = Padded / Lanes;
        Span<Vector256<double>> moments = stackalloc Vector256<double>[2 * groups];
        Span<Vector256<long>> missing = stackalloc Vector256<long>[groups];
        ref double first = ref MemoryMarshal.GetReference(block);
        ref float column = ref MemoryMarshal.GetArrayDataReference(columns);
        Vector256<long> inexact = default;
        for (nuint v = 0; v < padded; v += Lanes)
        {
            Vector256<double> center = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_centers), v);
            Vector256<long> numeric = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_numeric), v);
            Vector256<long> groupMissing = default, groupInexact = default;
            Vector256<double> s1 = default, s2 = default;
            ref float lane0 = ref Unsafe.Add(ref column, v * MaxBlockRows);
            nuint r = 0;
            for (; r + 4 <= (nuint)rows; r += 4)
            {
                // Four rows at a time, so their floats are turned into columns with a 4 × 4 transpose and four stores.
                Vector128<float> n0 = Accumulate(Vector256.LoadUnsafe(ref first, (r * padded) + v), center, numeric, ref s1, ref s2, ref groupMissing, ref groupInexact);
                Vector128<float> n1 = Accumulate(Vector256.LoadUnsafe(ref first, ((r + 1) * padded) + v), center, numeric, ref s1, ref s2, ref groupMissing, ref groupInexact);
                Vector128<float> n2 = Accumulate(Vector256.LoadUnsafe(ref first, ((r + 2) * padded) + v), center, numeric, ref s1, ref s2, ref groupMissing, ref groupInexact);
                Vector128<float> n3 = Accumulate(Vector256.LoadUnsafe(ref first, ((r + 3) * padded) + v), center, numeric, ref s1, ref s2, ref groupMissing, ref groupInexact);
                Vector128<float> t0 = Sse.UnpackLow(n0, n1), t1 = Sse.UnpackLow(n2, n3), t2 = Sse.UnpackHigh(n0, n1), t3 = Sse.UnpackHigh(n2, n3);
                Sse.MoveLowToHigh(t0, t1).StoreUnsafe(ref lane0, r);
                Sse.MoveHighToLow(t1, t0).StoreUnsafe(ref lane0, r + MaxBlockRows);
                Sse.MoveLowToHigh(t2, t3).StoreUnsafe(ref lane0, r + (2 * MaxBlockRows));
                Sse.MoveHighToLow(t3, t2).StoreUnsafe(ref lane0, r + (3 * MaxBlockRows));
            }

            for (; r < (nuint)rows; r++)
            {
                Vector128<float> narrow = Accumulate(Vector256.LoadUnsafe(ref first, (r * padded) + v), center, numeric, ref s1, ref s2, ref groupMissing, ref groupInexact);
                Unsafe.Add(ref lane0, r) = narrow.ToScalar();
                Unsafe.Add(ref lane0, r + MaxBlockRows) = narrow.GetElement(1);
                Unsafe.Add(ref lane0, r + (2 * MaxBlockRows)) = narrow.GetElement(2);
                Unsafe.Add(ref lane0, r + (3 * MaxBlockRows)) = narrow.GetElement(3);
            }

            inexact |= groupInexact & numeric;
            moments[(int)(v / Lanes)] = s1;
            moments[groups + (int)(v / Lanes)] = s2;
            missing[(int)(v / Lanes)] = groupMissing;
        }

        if (inexact != Vector256<long>.Zero)
        {
            return false;
        }

        ref double sum = ref MemoryMarshal.GetArrayDataReference(sums);
        for (nuint v = 0; v < padded; v += Lanes)
        {
            (Vector256.LoadUnsafe(ref sum, v) + moments[(int)(v / Lanes)]).StoreUnsafe(ref sum, v);
            (Vector256.LoadUnsafe(ref sum, v + padded) + moments[groups + (int)(v / Lanes)]).StoreUnsafe(ref sum, v + padded);
        }

        Span<int> above = stackalloc int[EdgeCount];
        for (int i = 0; i < _numericFeatures.Length; i++)
        {
            int f = _numericFeatures[i];
            ref float values = ref Unsafe.Add(ref column, f * MaxBlockRows);
            if (rows < MaxBlockRows)
            {
                // NaN is above no edge, so the rows past the block's end count nowhere.
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref values, rows), MaxBlockRows - rows).Fill(float.NaN);
            }

            CountAbove(ref values, ref _floatEdges[i * EdgeCount], above);
            long absent = -missing[f / Lanes].GetElement(f % Lanes);
            long offset = _offsets[f];
            counters[offset] += rows - absent - above[0];
            for (int e = 1; e < EdgeCount; e++)
            {
                counters[offset + e] += above[e - 1] - above[e];
            }

            counters[offset + EdgeCount] += above[EdgeCount - 1];
            counters[offset + FeatureBaseline.NumericBins] += absent;
        }

        return true;
    }

    /// <summary>Adds one row's four values to the group's moment sums and missing counts (the double kernel's
    /// arithmetic), notes any that is not exactly a float, and returns them as floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Accumulate(Vector256<double> x, Vector256<double> center, Vector256<long> numeric, ref Vector256<double> s1, ref Vector256<double> s2, ref Vector256<long> missing, ref Vector256<long> inexact)
    {
        Vector256<long> isMissing = ~Vector256.Equals(x, x).AsInt64();
        missing += isMissing;
        Vector256<double> d = (x - center) & Vector256.AndNot(numeric, isMissing).AsDouble();
        s1 += d;
        s2 += d * d;
        Vector128<float> narrow = Avx.ConvertToVector128Single(x);
        inexact |= Avx.ConvertToVector256Double(narrow).AsInt64() ^ x.AsInt64();
        return narrow;
    }

    /// <summary>For each edge, how many of a column's 64 values lie above it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountAbove(ref float values, ref float edges, Span<int> above)
    {
        Vector512<float> c0 = Vector512.LoadUnsafe(ref values, 0);
        Vector512<float> c1 = Vector512.LoadUnsafe(ref values, ColumnVector);
        Vector512<float> c2 = Vector512.LoadUnsafe(ref values, 2 * ColumnVector);
        Vector512<float> c3 = Vector512.LoadUnsafe(ref values, 3 * ColumnVector);
        for (int e = 0; e < EdgeCount; e++)
        {
            Vector512<float> edge = Vector512.Create(Unsafe.Add(ref edges, e));
            int a = BitOperations.PopCount(Vector512.GreaterThan(c0, edge).ExtractMostSignificantBits())
                + BitOperations.PopCount(Vector512.GreaterThan(c1, edge).ExtractMostSignificantBits());
            int b = BitOperations.PopCount(Vector512.GreaterThan(c2, edge).ExtractMostSignificantBits())
                + BitOperations.PopCount(Vector512.GreaterThan(c3, edge).ExtractMostSignificantBits());
            above[e] = a + b;
        }
    }
}
