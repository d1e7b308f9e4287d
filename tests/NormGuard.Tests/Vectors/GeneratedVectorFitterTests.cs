using System;
using System.IO;
using System.Linq;
using NormGuard.Manifests;
using Xunit;

namespace NormGuard.Tests.Vectors;

/// <summary>The generated fitter of a record with a vector member: FitterFeature.Vector with the declared steps, AddVector per row.</summary>
public sealed class GeneratedVectorFitterTests
{
    private static readonly NpzFile Golden = new(GoldenFiles.PathOf(Path.Combine("Vectors", "vectors_384.npz")));

    [Fact]
    public void The_fitter_writes_the_vector_feature_with_its_space_and_the_mean_of_the_rows_it_saw()
    {
        int rows = Golden.Shape("x")[0];
        // The drawn rows (after the 12 special cases, whose huge values would swamp a mean).
        float[][] vectors = [.. Enumerable.Range(12, rows - 12).Select(r => Golden.Row("x", r))];
        FeatureSetFitter<EmbeddedDoc> fitter = EmbeddedDoc.CreateFitter();
        foreach (float[] vector in vectors)
        {
            fitter.Add(new EmbeddedDoc { Clicks = 1, Embedding = vector, Age = 2 });
        }

        fitter.Add(new EmbeddedDoc { Clicks = 1, Embedding = null, Age = 2 });
        Manifest manifest = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);

        FeatureManifest embedding = manifest.Features.Single(f => f.Name == "Embedding");
        Assert.Equal(["Clicks", "Embedding", "Age"], manifest.Features.Select(f => f.Name));
        Assert.Equal("golden-384/embedded_docs", embedding.Space!.Name);
        Assert.Equal("synthetic/low-rank-gaussian", embedding.Space.Model);
        Assert.Equal(384, embedding.Space.NativeDimension);
        Assert.Equal(MissingValuePolicy.Propagate, embedding.Missing); // float[]? declares missing vectors expected
        var center = Assert.IsType<CenterStep>(embedding.Steps[0]);
        Assert.IsType<L2NormalizeStep>(embedding.Steps[1]);
        for (int i = 0; i < 384; i++)
        {
            double mean = vectors.Average(v => (double)v[i]);
            Assert.True(Math.Abs(center.Mean[i] - mean) <= 1e-6 * (1 + Math.Abs(mean)), $"dimension {i}: {center.Mean[i]:R} vs {mean:R}");
        }
    }

    [Fact]
    public void A_vector_member_without_a_model_pin_cannot_be_fitted_here_and_says_why()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WideVector.CreateFitter());
        Assert.Contains("'V'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'wide-4100'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Model = ", error.Message, StringComparison.Ordinal);
    }
}
