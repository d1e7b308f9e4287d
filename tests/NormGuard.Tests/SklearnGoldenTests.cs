using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// Generated code against scikit-learn 1.2.1's own outputs (Golden/make_sklearn_golden.py): every op, float64 and
/// float32 pipelines, constant columns, out-of-range inputs with clip, huge offsets and tiny scales.
/// The float64 pipeline's outputs are compared after rounding to float32, which is what NormGuard writes.
/// </summary>
public sealed class SklearnGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Float64_pipeline_matches_scikit_learn_bit_for_bit()
    {
        List<Dictionary<string, string>> vectors = GoldenFiles.ReadCsv("golden_sklearn_f64.vectors.csv");
        SklearnF64Row[] rows = GoldenFiles.SklearnF64Rows(vectors);

        Compare(vectors, rows, SklearnF64Row.FeatureSet, r => Normalizer.NormalizeBatch<SklearnF64Row>(r), text => (float)GoldenFiles.ParseDouble(text));
    }

    [Fact]
    public void Float32_pipeline_matches_scikit_learn_bit_for_bit()
    {
        List<Dictionary<string, string>> vectors = GoldenFiles.ReadCsv("golden_sklearn_f32.vectors.csv");
        SklearnF32Row[] rows = GoldenFiles.SklearnF32Rows(vectors);

        Compare(vectors, rows, SklearnF32Row.FeatureSet, r => Normalizer.NormalizeBatch<SklearnF32Row>(r), GoldenFiles.ParseFloat);
    }

    private void Compare<T>(List<Dictionary<string, string>> vectors, T[] rows, FeatureSetInfo info, Func<T[], float[]> batch, Func<string, float> expected)
        where T : INormalizable<T>
    {
        float[] actual = batch(rows);
        var single = new float[T.Width];
        var mismatches = new Dictionary<string, int>();
        int compared = 0, rejected = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r].Normalize(single);
            for (int c = 0; c < T.Width; c++)
            {
                string column = info.OutputColumns[c];
                string text = vectors[r]["out:" + column];
                Assert.True(GoldenFiles.SameFloat(single[c], actual[(r * T.Width) + c]), $"row {r} {column}: Normalize {single[c]} != NormalizeBatch {actual[(r * T.Width) + c]}");
                if (text == "error")
                {
                    // scikit-learn refuses infinite values (ValueError); NormGuard computes the IEEE result.
                    rejected++;
                    continue;
                }

                compared++;
                float want = expected(text);
                if (!GoldenFiles.SameFloat(want, actual[(r * T.Width) + c]))
                {
                    mismatches[column] = mismatches.GetValueOrDefault(column) + 1;
                    if (mismatches[column] <= 3)
                    {
                        output.WriteLine($"row {r} {column}: expected {want:R} ({text}), got {actual[(r * T.Width) + c]:R}");
                    }
                }
            }
        }

        output.WriteLine($"{info.Name}: {compared} cells compared, {rejected} inputs scikit-learn rejects, {mismatches.Values.Sum()} mismatched");
        Assert.True(compared > 40_000, $"only {compared} cells compared");
        Assert.Empty(mismatches);
    }
}
