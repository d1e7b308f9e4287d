using System;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

// No manifest: this record only fits, as a training program's first run does (NG0001 is off for this project: see NoWarn in the .csproj).
[FeatureSet("merge_probe", Profile = NormalizationProfile.ScikitLearn)]
public partial record struct MergeRow
{
    [Log1p, ZScore] public double Skewed { get; init; }
    [MinMax(-1, 1, Clip = true)] public float Bounded { get; init; }
    [MaxAbs] public int Count { get; init; }
    [Robust(10, 90)] public double? Heavy { get; init; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public Color Color { get; init; }
    [OneHot] public string? Store { get; init; }
    [Passthrough] public bool Flag { get; init; }
}

public enum Color
{
    Red,
    Green,
    Blue,
    Violet,
}

/// <summary>Partial fits of partitions, merged, equal one pass over all rows.</summary>
public sealed class MergeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Four_partitions_merged_in_order_equal_one_pass_exactly(int seed)
    {
        MergeRow[] rows = RandomRows(seed, out int[] cuts);
        Manifest onePass = Fit(rows);

        FeatureSetFitter<MergeRow>[] parts = Enumerable.Range(0, 4).Select(_ => MergeRow.CreateFitter()).ToArray();
        for (int p = 0; p < 4; p++)
        {
            parts[p].Add(rows.AsSpan(cuts[p], cuts[p + 1] - cuts[p]));
        }

        for (int p = 1; p < 4; p++)
        {
            parts[0].Merge(parts[p]);
        }

        Manifest merged = parts[0].ToManifest(Provenance, 1);
        Assert.Equal(rows.Length, parts[0].Rows);
        Assert.Equal(onePass.ToJson(), merged.ToJson());
        Assert.Equal(onePass.Sha256, merged.Sha256);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Partitions_merged_in_any_order_agree_to_1e_12(int seed)
    {
        MergeRow[] rows = RandomRows(seed, out int[] cuts);
        Manifest onePass = Fit(rows);
        FeatureSetFitter<MergeRow>[] parts = Enumerable.Range(0, 4).Select(_ => MergeRow.CreateFitter()).ToArray();
        for (int p = 0; p < 4; p++)
        {
            parts[p].Add(rows.AsSpan(cuts[p], cuts[p + 1] - cuts[p]));
        }

        parts[3].Merge(parts[1]);
        parts[3].Merge(parts[0]);
        parts[3].Merge(parts[2]);
        Manifest merged = parts[3].ToManifest(Provenance, 1);

        for (int f = 0; f < onePass.Features.Count; f++)
        {
            Assert.Equal(onePass.Features[f].Stats!.Quantiles, merged.Features[f].Stats!.Quantiles);
            Assert.Equal(onePass.Features[f].Stats!.CategoryCounts, merged.Features[f].Stats!.CategoryCounts);
            Assert.Equal(onePass.Features[f].Stats!.Min, merged.Features[f].Stats!.Min);
            Assert.Equal(onePass.Features[f].Stats!.Max, merged.Features[f].Stats!.Max);
            Close(onePass.Features[f].Stats!.Mean, merged.Features[f].Stats!.Mean);
            Close(onePass.Features[f].Stats!.Std, merged.Features[f].Stats!.Std);
        }

        var z1 = (ZScoreStep)onePass.Features[0].Steps[1];
        var z2 = (ZScoreStep)merged.Features[0].Steps[1];
        Close(z1.Mean, z2.Mean);
        Close(z1.Std, z2.Std);
        Assert.Equal(onePass.Features[1].Steps, merged.Features[1].Steps);
        Assert.Equal(onePass.Features[2].Steps, merged.Features[2].Steps);
        Assert.Equal(onePass.Features[3].Steps, merged.Features[3].Steps);
    }

    [Fact]
    public void Merge_refuses_itself_and_other_profiles()
    {
        FeatureSetFitter<MergeRow> fitter = MergeRow.CreateFitter();
        Assert.Throws<ArgumentException>(() => fitter.Merge(fitter));
        Assert.Throws<ArgumentException>(() => fitter.Merge(MergeRow.CreateFitter(NormalizationProfile.Spark)));
    }

    [Fact]
    public void A_fitter_without_rows_or_values_says_which_feature()
    {
        FeatureSetFitter<MergeRow> fitter = MergeRow.CreateFitter();
        Assert.Throws<InvalidOperationException>(() => fitter.ToManifest(Provenance, 1));
        fitter.Add(new MergeRow { Skewed = -5, Bounded = 1, Count = 1, Heavy = 2, Store = "a" });
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => fitter.ToManifest(Provenance, 1));
        Assert.Contains("Skewed", error.Message, StringComparison.Ordinal);
    }

    private static readonly FitProvenance Provenance = new() { Split = DataSplit.Train, Source = "random" };

    private static Manifest Fit(MergeRow[] rows)
    {
        FeatureSetFitter<MergeRow> fitter = MergeRow.CreateFitter();
        fitter.Add(rows);
        return fitter.ToManifest(Provenance, 1);
    }

    private static void Close(double? expected, double? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        double e = expected ?? 0, a = actual ?? 0;
        Assert.True(Math.Abs(e - a) <= 1e-12 * Math.Max(Math.Abs(e), 1e-300), $"{e:R} vs {a:R}");
    }

    private static MergeRow[] RandomRows(int seed, out int[] cuts)
    {
        var random = new Random(seed);
        int n = random.Next(200, 20_000);
        string[] stores = ["north", "south", "east", "west", "online"];
        MergeRow[] rows = Enumerable.Range(0, n).Select(_ => new MergeRow
        {
            Skewed = Math.Exp(random.NextDouble() * 6),
            Bounded = (float)(random.NextDouble() * 100 - 50),
            Count = random.Next(-1000, 1000),
            Heavy = random.NextDouble() < 0.1 ? null : 1e6 + (random.NextDouble() * 1e3),
            Color = (Color)random.Next(0, 3),
            Store = random.NextDouble() < 0.05 ? null : stores[random.Next(stores.Length)],
            Flag = random.NextDouble() < 0.3,
        }).ToArray();
        int[] inner = Enumerable.Range(0, 3).Select(_ => random.Next(0, n + 1)).Order().ToArray();
        cuts = [0, inner[0], inner[1], inner[2], n];
        return rows;
    }
}
