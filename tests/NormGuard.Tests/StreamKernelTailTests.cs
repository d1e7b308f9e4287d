using System;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// The last rows of a batch, fewer than a period (whole rows of lcm(Width, 16) floats), are computed and checked by the
/// same vector loop as the rest since issue 15, the last vector with masked loads and stores. For every batch size from
/// 0 to three periods and one row, and 40 periods plus each remainder: the output equals the per-row code bit for bit, NaN in lanes that accept it never
/// stops the batch, ±∞ never throws, a refused NaN in the last row throws naming that row with every row before it
/// written, and nothing past <c>rows.Length · Width</c> is written. Records: every lane refusing with a period of one
/// vector (StreamError8) and of three (StreamError12), and some lanes refusing, some filling (EdgeStreamNormGuard).
/// </summary>
public sealed class StreamKernelTailTests
{
    public static readonly TheoryData<string> Records = new() { "error8", "error12", "edge_normguard" };

    [Theory]
    [MemberData(nameof(Records))]
    public void Every_batch_size_matches_the_per_row_code_and_writes_nothing_past_its_rows(string record)
    {
        int sizes = record switch
        {
            "error8" => RunSizes<StreamError8>(),
            "error12" => RunSizes<StreamError12>(),
            _ => RunSizes<EdgeStreamNormGuard>(),
        };
        Assert.True(sizes >= 11, $"only {sizes} sizes were tried");
    }

    private static int RunSizes<T>()
        where T : struct, INormalizable<T>
    {
        int width = T.Width;
        int periodRows = StreamBatchAssert.Lcm(width, 16) / width;
        int refusing = Enumerable.Range(0, width).First(c => Refuses<T>(c));
        int sizes = 0;
        // Every size up to three periods and a row, then every remainder after a longer run of whole periods.
        var all = Enumerable.Range(0, (3 * periodRows) + 2).Concat(Enumerable.Range(40 * periodRows, periodRows + 1));
        foreach (int rows in all)
        {
            string label = $"{typeof(T).Name}, {rows} rows";
            T[] batch = Draw<T>(rows, seed: rows);
            float[] destination = Fresh(rows, width);
            T.NormalizeBatch(batch, destination);
            StreamBatchAssert.RowsMatchPerRow(batch, destination, rows, label);
            StreamBatchAssert.NothingPast(destination, rows * width, label);

            if (rows > 0)
            {
                Span<float> values = MemoryMarshal.Cast<T, float>(batch.AsSpan());
                values[((rows - 1) * width) + refusing] = float.PositiveInfinity;
                values[((rows - 1) * width) + ((refusing + 1) % width)] = float.NegativeInfinity;
                destination = Fresh(rows, width);
                T.NormalizeBatch(batch, destination);
                StreamBatchAssert.RowsMatchPerRow(batch, destination, rows, label + ", ±∞ in the last row");
                StreamBatchAssert.NothingPast(destination, rows * width, label + ", ±∞ in the last row");

                values[((rows - 1) * width) + refusing] = float.NaN;
                destination = Fresh(rows, width);
                NormalizationException error = Assert.Throws<NormalizationException>(() => T.NormalizeBatch(batch, destination));
                Assert.True(error.RowIndex == rows - 1, $"{label}, NaN in the last row: RowIndex {error.RowIndex}");
                Assert.Equal(T.FeatureSet.Manifest.Features[refusing].Name, error.Feature);
                StreamBatchAssert.RowsMatchPerRow(batch, destination, rows - 1, label + ", NaN in the last row");
                StreamBatchAssert.NothingPast(destination, rows * width, label + ", NaN in the last row");
            }

            sizes++;
        }

        return sizes;
    }

    private static bool Refuses<T>(int column)
        where T : struct, INormalizable<T> => T.FeatureSet.Manifest.Features[column].Missing.Kind == MissingValueKind.Error;

    /// <summary>Values around the features' ranges; NaN in a fifth of the lanes that accept it.</summary>
    private static T[] Draw<T>(int rows, int seed)
        where T : struct, INormalizable<T>
    {
        var random = new Random(seed);
        var batch = new T[rows];
        Span<float> flat = MemoryMarshal.Cast<T, float>(batch.AsSpan());
        for (int i = 0; i < flat.Length; i++)
        {
            flat[i] = !Refuses<T>(i % T.Width) && random.Next(5) == 0 ? float.NaN : (float)((random.NextDouble() * 40) - 10);
        }

        return batch;
    }

    private static float[] Fresh(int rows, int width) => Enumerable.Repeat(StreamBatchAssert.Sentinel, (rows * width) + 40).ToArray();
}
