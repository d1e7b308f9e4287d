using System;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// The batch contract under "error" since issue 15: the kernels may check after the store, so a refused NaN in row k
/// throws a <see cref="NormalizationException"/> whose <see cref="NormalizationException.RowIndex"/> is k and whose
/// message names the row; rows before k are written exactly as the per-row code writes them; floats from row k on
/// are unspecified, but nothing past <c>rows.Length · Width</c> is ever written. Run on every stream-kernel shape:
/// the float32 kernel with every lane refusing (periods of 16 and 48 floats), with some lanes refusing (period 48),
/// with a period over 64 lanes (the screened-block path), and the two scikit-learn float64-arithmetic kernels. The
/// rows k are chosen around the kernels' stretches (periods and blocks of about 4,096 floats): first and last row,
/// both sides of a period and of a block boundary, inside a block. The class name matches .ci/run's fallback filter.
/// </summary>
public sealed class StreamKernelRowIndexTests
{
    /// <summary>The kernels check blocks of this many floats, rounded down to whole periods.</summary>
    private const int CheckBlockFloats = 4096;

    public static readonly TheoryData<string> Records = new() { "error12", "error8", "edge_normguard", "sensor", "edge_sklearn64", "edge_sklearn32" };

    [Theory]
    [MemberData(nameof(Records))]
    public void A_refused_NaN_in_row_k_throws_with_row_index_k_and_the_rows_before_written(string record)
    {
        int cases = record switch
        {
            "error12" => RunRows<StreamError12>(column: 7),
            "error8" => RunRows<StreamError8>(column: 0),
            "edge_normguard" => RunRows<EdgeStreamNormGuard>(column: 5),
            "sensor" => RunRows<Sensor>(column: 0),
            "edge_sklearn64" => RunRows<EdgeStreamSklearn64>(column: 3),
            _ => RunRows<EdgeStreamSklearn32>(column: 6),
        };
        Assert.True(cases >= 10, $"only {cases} rows k were tried");
    }

    [Fact]
    public void Infinities_in_refusing_lanes_never_throw_and_never_hide_a_later_NaN()
    {
        // x · 0 is NaN for ±∞ as for NaN, so every block here raises the folded check's alarm; the exact check must
        // clear each one (no throw, output equal to the per-row code) and still find the NaN in a later block.
        const int rows = 2000;
        var random = new Random(5);
        var batch = new StreamError12[rows];
        Span<float> flat = MemoryMarshal.Cast<StreamError12, float>(batch.AsSpan());
        for (int i = 0; i < flat.Length; i++)
        {
            flat[i] = (i % 37) switch
            {
                0 => float.PositiveInfinity,
                1 => float.NegativeInfinity,
                _ => (float)(random.NextDouble() * 100),
            };
        }

        float[] destination = new float[rows * StreamError12.Width];
        StreamError12.NormalizeBatch(batch, destination);
        StreamBatchAssert.RowsMatchPerRow(batch, destination, rows, "no NaN");

        const int k = 1234;
        batch[k].F4 = float.NaN;
        NormalizationException error = Assert.Throws<NormalizationException>(() => StreamError12.NormalizeBatch(batch, destination));
        Assert.Equal((k, "F4", "NaN"), (error.RowIndex, error.Feature, error.Value));
        StreamBatchAssert.RowsMatchPerRow(batch, destination, k, "before the NaN");
    }

    [Fact]
    public void A_single_row_has_no_row_index_and_its_message_names_no_row()
    {
        var row = new StreamError12 { F3 = float.NaN };
        NormalizationException error = Assert.Throws<NormalizationException>(() => row.Normalize(new float[StreamError12.Width]));
        Assert.Equal(("F3", "NaN"), (error.Feature, error.Value));
        Assert.Null(error.RowIndex);
        Assert.StartsWith("Feature set 'stream_error12', feature 'F3'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generic_batch_entry_points_carry_the_row_index()
    {
        var rows = new StreamError12[300];
        rows[299].F11 = float.NaN;
        NormalizationException error = Assert.Throws<NormalizationException>(() => Normalizer.NormalizeBatch<StreamError12>(rows));
        Assert.Equal((299, "F11"), (error.RowIndex, error.Feature));
        error = Assert.Throws<NormalizationException>(() => Normalizer.NormalizeBatch<StreamError12>(rows, new float[rows.Length * StreamError12.Width]));
        Assert.Equal(299, error.RowIndex);
    }

    /// <summary>For each chosen row k: a NaN in <paramref name="column"/> (a refusing lane) of row k, and another three rows later.</summary>
    private static int RunRows<T>(int column)
        where T : struct, INormalizable<T>
    {
        int width = T.Width;
        int period = StreamBatchAssert.Lcm(width, 16);
        int periodRows = period / width;
        int blockRows = CheckBlockFloats / period * period / width;
        int rows = (3 * blockRows) + periodRows + 1;
        string feature = T.FeatureSet.Manifest.Features[column].Name;
        Assert.Equal(MissingValueKind.Error, T.FeatureSet.Manifest.Features[column].Missing.Kind);

        var random = new Random(width);
        var clean = new T[rows];
        Span<float> flat = MemoryMarshal.Cast<T, float>(clean.AsSpan());
        for (int i = 0; i < flat.Length; i++)
        {
            // NaN in the lanes that accept it (propagate, fill) must never stop the batch.
            bool refuses = T.FeatureSet.Manifest.Features[i % width].Missing.Kind == MissingValueKind.Error;
            flat[i] = !refuses && random.Next(5) == 0 ? float.NaN : (float)((random.NextDouble() * 40) - 10);
        }

        int[] ks = [0, 1, periodRows - 1, periodRows, blockRows - 1, blockRows, blockRows + 1, blockRows + 37, (2 * blockRows) + periodRows, rows - 2, rows - 1];
        int cases = 0;
        foreach (int k in ks.Distinct())
        {
            string label = $"{typeof(T).Name}, {rows} rows, NaN in {feature} of row {k}";
            T[] batch = (T[])clean.Clone();
            Span<float> values = MemoryMarshal.Cast<T, float>(batch.AsSpan());
            values[(k * width) + column] = float.NaN;
            if (k + 3 < rows)
            {
                values[((k + 3) * width) + column] = float.NaN;
            }

            float[] destination = Enumerable.Repeat(StreamBatchAssert.Sentinel, (rows * width) + 9).ToArray();
            NormalizationException error = Assert.Throws<NormalizationException>(() => T.NormalizeBatch(batch, destination));
            Assert.True(error.RowIndex == k, $"{label}: RowIndex {error.RowIndex}");
            Assert.True((error.FeatureSet, error.Feature, error.Value) == (T.FeatureSet.Name, feature, "NaN"), $"{label}: names ({error.Feature}, {error.Value})");
            Assert.StartsWith($"Row {k} of the batch: Feature set '{T.FeatureSet.Name}', feature '{feature}'", error.Message, StringComparison.Ordinal);
            StreamBatchAssert.RowsMatchPerRow(batch, destination, k, label);
            StreamBatchAssert.NothingPast(destination, rows * width, label);
            cases++;
        }

        return cases;
    }
}
