using System;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>What the stream-kernel batch tests compare a batch with: the per-row code, bit for bit, and sentinels past its rows.</summary>
internal static class StreamBatchAssert
{
    /// <summary>A signalling NaN no kernel writes: a float still holding it was not written.</summary>
    public static readonly float Sentinel = BitConverter.Int32BitsToSingle(0x7FA5_5A5A);

    public static bool IsSentinel(float value) => BitConverter.SingleToInt32Bits(value) == BitConverter.SingleToInt32Bits(Sentinel);

    /// <summary>The first <paramref name="count"/> rows of <paramref name="destination"/> equal <c>Normalize</c> of each row, bit for bit.</summary>
    public static void RowsMatchPerRow<T>(T[] batch, float[] destination, int count, string label)
        where T : struct, INormalizable<T>
    {
        float[] single = new float[T.Width];
        for (int r = 0; r < count; r++)
        {
            batch[r].Normalize(single);
            for (int c = 0; c < T.Width; c++)
            {
                int at = (r * T.Width) + c;
                Assert.True(BitConverter.SingleToInt32Bits(single[c]) == BitConverter.SingleToInt32Bits(destination[at]), $"{label}: row {r} column {c}: per row {single[c]:R}, batch {destination[at]:R}");
            }
        }
    }

    public static void NothingPast(float[] destination, int floats, string label) =>
        Assert.True(destination.AsSpan(floats).ToArray().All(IsSentinel), label + ": wrote past the batch's rows");

    public static int Lcm(int a, int b)
    {
        int x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }
}
