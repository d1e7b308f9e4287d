using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>The runtime's public model of vector features: writing, reading back, the canonical form and hash, the
/// embedding spaces a manifest and a feature set expose, and Load's errors.</summary>
public sealed class VectorManifestTests
{
    private static Manifest Built(double firstMean = 0.5) => new()
    {
        FeatureSet = "docs",
        Version = 3,
        Profile = NormalizationProfile.ScikitLearn,
        DType = ManifestDType.Float32,
        Features =
        [
            new FeatureManifest { Name = "Age", Steps = [new ZScoreStep(40, 12)] },
            new FeatureManifest
            {
                Name = "Embedding",
                Space = new EmbeddingSpaceDeclaration("docs-mini", "m/mini", 4, 2) { Revision = "abc" },
                Steps =
                [
                    new CenterStep([firstMean, -1, 0, 2]),
                    new PcaStep([0, 0, 0, 0], [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]], [3, 2, 1], Whiten: true),
                    new TruncateStep(2),
                    new L2NormalizeStep(1e-12),
                ],
                Missing = MissingValuePolicy.Propagate,
                Stats = new FeatureStats
                {
                    Count = 10,
                    Missing = 1,
                    Norm = new FeatureStats { Count = 9, Min = 0.5, Max = 2, Mean = 1, Std = 0.25, Quantiles = [0.5, 1, 2] },
                    MeanVector = [1, 2, 3, 4],
                },
            },
        ],
    };

    [Fact]
    public void A_vector_feature_saves_and_loads_back_unchanged()
    {
        Manifest original = Built();
        string path = Path.Combine(Path.GetTempPath(), "ng-vector-" + Guid.NewGuid().ToString("N") + ".normguard.json");
        try
        {
            original.Save(path);
            Manifest loaded = Manifest.Load(path);

            FeatureManifest feature = loaded.Features[1];
            Assert.True(feature.IsVector);
            Assert.False(loaded.Features[0].IsVector);
            Assert.Equal(original.Features[1].Space, feature.Space);
            Assert.Equal(original.Features[1].Steps, feature.Steps);
            Assert.Equal(MissingValuePolicy.Propagate, feature.Missing);
            Assert.Equal([1d, 2, 3, 4], feature.Stats!.MeanVector);
            Assert.Equal((9L, 0.5, 2d, 1d, 0.25), (feature.Stats.Norm!.Count, feature.Stats.Norm.Min, feature.Stats.Norm.Max, feature.Stats.Norm.Mean, feature.Stats.Norm.Std));
            Assert.Equal([0.5, 1, 2], feature.Stats.Norm.Quantiles);
            Assert.Null(feature.Stats.Mean);

            Assert.Equal(original.Sha256, loaded.Sha256);
            Assert.Equal(original.ToCanonicalJson(), loaded.ToCanonicalJson());
            Assert.Equal(original.EmbeddingSpaces.Single().Sha256, loaded.EmbeddingSpaces.Single().Sha256);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Written out by hand before the writer existed: a vector feature's fields in canonical order, every pca parameter
    // explicit, epsilon only when it is not 0.
    [Fact]
    public void The_canonical_form_of_a_vector_feature_is_RFC_8785()
    {
        var manifest = new Manifest
        {
            FeatureSet = "v",
            Version = 1,
            Profile = NormalizationProfile.NormGuard,
            DType = ManifestDType.Float32,
            Features =
            [
                new FeatureManifest
                {
                    Name = "E",
                    Space = new EmbeddingSpaceDeclaration("s", "m", 2, 1),
                    Steps = [new PcaStep([0.5, -0.0], [[0.6, 0.8]], [2]), new L2NormalizeStep()],
                    Stats = new FeatureStats { Count = 2, Norm = new FeatureStats { Count = 2, Min = 1 }, MeanVector = [1, 1e21] },
                },
            ],
        };

        Assert.Equal(
            "{\"dtype\":\"float32\",\"featureSet\":\"v\",\"features\":[{\"missing\":\"error\",\"name\":\"E\"," +
            "\"space\":{\"dimension\":1,\"model\":\"m\",\"name\":\"s\",\"nativeDimension\":2}," +
            "\"stats\":{\"count\":2,\"meanVector\":[1,1e+21],\"missing\":0,\"norm\":{\"count\":2,\"min\":1}}," +
            "\"steps\":[{\"components\":[[0.6,0.8]],\"explainedVariance\":[2],\"mean\":[0.5,-0],\"op\":\"pca\",\"whiten\":false},{\"op\":\"l2\"}]}]," +
            "\"format\":\"normguard.manifest/1\",\"profile\":\"normguard\",\"version\":1}",
            manifest.ToCanonicalJson());
    }

    // The runtime derives a space's identity from its model; the reader derives it from text. A hand-written file with
    // the same values (other layout, omitted defaults, other number spelling) must give the same hash.
    [Fact]
    public void The_space_identity_from_the_model_equals_the_one_read_from_a_hand_written_file()
    {
        const string HandWritten = """
            {"format": "normguard.manifest/1", "featureSet": "docs", "version": 3, "profile": "sklearn", "dtype": "float32",
             "features": [
               {"name": "Age", "steps": [{"op": "zscore", "mean": 40, "std": 12}]},
               {"name": "Embedding",
                "steps": [{"op": "center", "mean": [5E-1, -1.0, 0, 2]},
                          {"whiten": true, "op": "pca", "mean": [0, 0, 0, 0], "explainedVariance": [3, 2, 1],
                           "components": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]},
                          {"op": "truncate", "dimension": 2}, {"op": "l2", "epsilon": 0.000000000001}],
                "space": {"revision": "abc", "dimension": 2, "nativeDimension": 4, "model": "m/mini", "name": "docs-mini"}}]}
            """;

        EmbeddingSpace fromText = Manifest.Parse(HandWritten).GetEmbeddingSpace("Embedding");
        EmbeddingSpace fromModel = Built().GetEmbeddingSpace("Embedding");

        Assert.Equal(fromModel.Sha256, fromText.Sha256);
        Assert.Equal("center, pca(3, whiten), truncate(2), l2(epsilon=1e-12)", fromModel.Normalization);
        Assert.True(fromModel.IsUnitLength);
        Assert.Equal(("docs-mini", "m/mini", "abc", 4, 2), (fromModel.Name, fromModel.Model, fromModel.Revision, fromModel.NativeDimension, fromModel.Dimension));
        Assert.NotEqual(fromModel.Sha256, Built(firstMean: 0.25).GetEmbeddingSpace("Embedding").Sha256);
    }

    [Fact]
    public void A_feature_set_exposes_the_embedded_manifests_spaces()
    {
        Manifest manifest = Built();
        var info = new FeatureSetInfo("docs", 3, manifest.Sha256, NormalizationProfile.ScikitLearn, ["Age", "Embedding[0]", "Embedding[1]"], manifest.ToCanonicalJson());

        EmbeddingSpace space = Assert.Single(info.EmbeddingSpaces);
        Assert.Same(space, info.GetEmbeddingSpace("Embedding"));
        Assert.Equal(manifest.GetEmbeddingSpace("Embedding").Sha256, space.Sha256);

        ArgumentException scalar = Assert.Throws<ArgumentException>(() => info.GetEmbeddingSpace("Age"));
        Assert.Contains("'Age' is a scalar feature", scalar.Message, StringComparison.Ordinal);
        Assert.Contains("vector features of 'docs' are: Embedding", scalar.Message, StringComparison.Ordinal);
        ArgumentException unknown = Assert.Throws<ArgumentException>(() => info.GetEmbeddingSpace("Embeding"));
        Assert.Contains("'Embeding' is not a feature", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_without_vector_features_has_no_spaces()
    {
        Manifest manifest = new() { FeatureSet = "s", Version = 1, Features = [new FeatureManifest { Name = "x", Steps = [new ZScoreStep(0, 1)] }] };
        Assert.Empty(manifest.EmbeddingSpaces);
        Assert.Contains("none", Assert.Throws<ArgumentException>(() => manifest.GetEmbeddingSpace("x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_non_finite_or_ragged_vector_parameter_is_refused()
    {
        static Manifest With(NormalizationStep step) => new()
        {
            FeatureSet = "bad",
            Version = 1,
            Features = [new FeatureManifest { Name = "E", Space = new EmbeddingSpaceDeclaration("s", "m", 2, 2), Steps = [step] }],
        };

        Assert.Contains("non-finite", Assert.Throws<InvalidOperationException>(() => With(new CenterStep([0, double.NaN])).ToJson()).Message, StringComparison.Ordinal);
        Assert.Contains("not all 2 long", Assert.Throws<InvalidOperationException>(() => With(new PcaStep([0, 0], [[1, 0], [1]], [1, 1])).ToJson()).Message, StringComparison.Ordinal);
    }

    // .NET 10's "R" formats 2^-25 as 2.980232238769531E-08, which parses to the double below it (2^-958 too). A float32
    // PCA fitted by scikit-learn holds -2^-25 (Data/sklearn/embeddings/pca8_whiten.pkl): written that way, the manifest's
    // hash differed from the one Python computes and a save and load changed the parameter. Python's repr gives 17 digits.
    [Fact]
    public void Powers_of_two_that_the_runtimes_shortest_format_misses_keep_their_value_and_python_form()
    {
        double low = Math.Pow(2, -25), tiny = Math.Pow(2, -958);
        Assert.Equal("2.9802322387695312e-8", NormGuard.Manifests.JsonNumber.FormatCanonical(low));
        Assert.Equal("-4.1045368012983762e-289", NormGuard.Manifests.JsonNumber.FormatCanonical(-tiny));

        var manifest = new Manifest
        {
            FeatureSet = "p",
            Version = 1,
            DType = ManifestDType.Float32,
            Features = [new FeatureManifest { Name = "E", Space = new EmbeddingSpaceDeclaration("s", "m", 2, 2), Steps = [new CenterStep([-low, tiny])] }],
        };
        Manifest reread = Manifest.Parse(manifest.ToJson());

        var mean = ((CenterStep)reread.Features[0].Steps[0]).Mean;
        Assert.Equal(BitConverter.DoubleToInt64Bits(-low), BitConverter.DoubleToInt64Bits(mean[0]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(tiny), BitConverter.DoubleToInt64Bits(mean[1]));
        Assert.Contains("\"mean\":[-2.9802322387695312e-8,4.1045368012983762e-289]", reread.ToCanonicalJson(), StringComparison.Ordinal);
        Assert.Equal(manifest.Sha256, reread.Sha256);
    }

    [Theory]
    [MemberData(nameof(VectorManifestReaderTests.BadCases), MemberType = typeof(VectorManifestReaderTests))]
    public void Load_of_a_bad_vector_feature_names_the_file_line_and_column(string marked, string message)
    {
        int at = marked.IndexOf("@@", StringComparison.Ordinal);
        string text = marked.Replace("@@", string.Empty, StringComparison.Ordinal);
        int line = text[..at].Count(c => c == '\n') + 1;
        int column = at - (text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1;

        ManifestException error = Assert.Throws<ManifestException>(() => Manifest.Parse(text, "models/docs.normguard.json"));

        Assert.Contains(error.Problems, p => p.Line == line && p.Column == column && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.StartsWith("models/docs.normguard.json(", error.Message, StringComparison.Ordinal);
    }
}
