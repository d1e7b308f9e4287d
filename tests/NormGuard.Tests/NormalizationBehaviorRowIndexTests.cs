using System;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// Mixed records (nullable members, one-hot categories: the per-row batch loop, no stream kernel) name the failing row
/// of a batch in <see cref="NormalizationException.RowIndex"/> and in the message, for every refusal the per-row code
/// makes: a missing value under "error", an unknown category under "error". Rows before it are written as
/// <c>Normalize</c> writes them. A single row has no row index. The class name matches .ci/run's fallback filter.
/// </summary>
public sealed class NormalizationBehaviorRowIndexTests
{
    public static readonly TheoryData<int, string> Refusals = new()
    {
        { 0, "Required" },
        { 1, "Required" },
        { 517, "Level" },
        { 998, "Tag" },
        { 999, "Level" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refusal_in_row_k_of_a_mixed_batch_names_row_k(int k, string feature)
    {
        PolicyRow[] rows = Enumerable.Range(0, 1000).Select(i => new PolicyRow
        {
            Propagated = i % 7 == 0 ? null : i,
            Filled = i % 5 == 0 ? double.NaN : i % 4,
            Required = i % 9,
            Level = i % 2 == 0 ? Level.Low : Level.High,
            Tag = i % 3 == 0 ? "zzz" : "a",
            Active = i % 2 == 0,
        }).ToArray();
        switch (feature)
        {
            case "Required": rows[k].Required = null; break;
            case "Level": rows[k].Level = Level.Extreme; break;
            default: rows[k].Tag = null; break;
        }

        float[] destination = new float[rows.Length * PolicyRow.Width];
        NormalizationException error = Assert.Throws<NormalizationException>(() => PolicyRow.NormalizeBatch(rows, destination));
        Assert.Equal((k, "policies", feature), (error.RowIndex, error.FeatureSet, error.Feature));
        Assert.StartsWith($"Row {k} of the batch: Feature set 'policies', feature '{feature}'", error.Message, StringComparison.Ordinal);

        float[] single = new float[PolicyRow.Width];
        for (int r = 0; r < k; r++)
        {
            rows[r].Normalize(single);
            Assert.True(single.AsSpan().SequenceEqual(destination.AsSpan(r * PolicyRow.Width, PolicyRow.Width)), $"row {r} before the failing row {k}");
        }

        NormalizationException alone = Assert.Throws<NormalizationException>(() => rows[k].Normalize(single));
        Assert.Equal(feature, alone.Feature);
        Assert.Null(alone.RowIndex);
        Assert.StartsWith("Feature set 'policies'", alone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_adaptive_normalizer_batch_carries_the_row_index()
    {
        var normalizer = new AdaptiveNormalizer<StreamError12>();
        var rows = new StreamError12[50];
        rows[42].F0 = float.NaN;
        NormalizationException error = Assert.Throws<NormalizationException>(() => normalizer.Normalize(rows, new float[rows.Length * StreamError12.Width]));
        Assert.Equal((42, "F0"), (error.RowIndex, error.Feature));
    }

    [Fact]
    public void The_constructors_keep_their_shape_and_a_row_index_prefixes_the_message()
    {
        var plain = new NormalizationException("set", "f", "NaN", "the message");
        Assert.Equal(("the message", (int?)null), (plain.Message, plain.RowIndex));
        var batch = new NormalizationException("set", "f", "NaN", "the message", 12);
        Assert.Equal(("Row 12 of the batch: the message", (int?)12), (batch.Message, batch.RowIndex));
    }
}
