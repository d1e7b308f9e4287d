using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using NormGuard.Manifests;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// The shared reader on vector features (a feature with a <c>space</c>): what it accepts, every refusal at the offending
/// value, and the space's identity (sha256, normalization string, unit length) that the generator and runtime share.
/// </summary>
/// <remarks>
/// The bad cases mark the offending value with <c>@@…@@</c>; the markers are removed before reading and the error must
/// start exactly where the first one stood. Each message fragment was written down before the reader existed.
/// </remarks>
public sealed class VectorManifestReaderTests
{
    private const string Header = "{\"format\":\"normguard.manifest/1\",\"featureSet\":\"docs\",\"version\":1,\"profile\":\"sklearn\",\"dtype\":\"float32\",\n\"features\":[";

    private static string Vector(string steps, string dimension = "4", string missing = "\"error\"", string extra = "", string space = "") =>
        Header + "{\"name\":\"Embedding\",\n\"space\":{\"name\":\"docs-mini\",\"model\":\"m/mini\",\"revision\":\"abc\",\n\"nativeDimension\":4," + space + "\n\"dimension\":" + dimension + "},\n" +
        "\"steps\":[\n" + steps + "\n],\n\"missing\":" + missing + extra + "}]}";

    private const string Pca3 = "{\"op\":\"pca\",\"mean\":[0,0,0,0],\"components\":[[1,0,0,0],[0,1,0,0],[0,0,1,0]],\"explainedVariance\":[3,2,1],\"whiten\":true}";

    public static TheoryData<string, string> BadCases => new()
    {
        { Vector("{\"op\":@@\"minmax\"@@,\"min\":0,\"max\":1}"), "\"minmax\" is a scalar op, and this feature is a vector" },
        { Vector("{\"op\":@@\"passthrough\"@@}"), "is a scalar op" },
        { Header + "{\"name\":\"Age\",\"steps\":[{\"op\":@@\"l2\"@@}]}]}", "\"l2\" is a vector op, and this feature has no \"space\"" },
        { Header + "{\"name\":\"Age\",\"steps\":[{\"op\":@@\"pca\"@@,\"components\":[[1]]}]}]}", "is a vector op" },
        { Vector("{\"op\":\"center\",\"mean\":@@[1,2,3]@@}"), "\"mean\" has 3 values, expected 4" },
        { Vector("{\"op\":\"truncate\",\"dimension\":2},\n{\"op\":\"zscore\",\"mean\":[0,0],\"std\":@@[1,1,1]@@}", "2"), "\"std\" has 3 values, expected 2" },
        { Vector("{\"op\":\"zscore\",\"mean\":@@0.5@@,\"std\":[1,1,1,1]}"), "\"mean\" must be an array of 4 numbers" },
        { Vector("{\"op\":\"center\",\"mean\":[0,@@NaN@@,0,0]}"), "\"mean\"[1] is NaN: parameters must be finite" },
        { Vector("{\"op\":\"zscore\",\"mean\":[0,0,0,0],\"std\":[1,1,1,@@-Infinity@@]}"), "\"std\"[3] is -Infinity: parameters must be finite" },
        { Vector("{\"op\":\"zscore\",\"mean\":[0,0,0,0],\"std\":[1,@@-2@@,1,1]}"), "must not be negative" },
        { Vector("{\"op\":\"l2\"}", "@@3@@"), "\"dimension\" is 3 but the steps produce 4" },
        { Vector("{\"op\":\"l2\"}", missing: "@@{\"fill\":0}@@"), "a vector feature takes \"missing\": \"error\" or \"propagate\"" },
        { Vector("{\"op\":\"truncate\",\"dimension\":@@8@@}"), "\"dimension\" is 8 but the vector has only 4" },
        { Vector("{\"op\":\"truncate\",\"dimension\":@@0@@}"), "must be a whole number from 1" },
        { Vector("{\"op\":\"pca\",\"mean\":[0,0,0,0],\"components\":[[1,0,0,0],@@[0,1,0]@@],\"explainedVariance\":[1,1]}", "2"), "\"components\"[1] must be an array of 4 numbers" },
        { Vector("{\"op\":\"pca\",\"mean\":[0,0,0,0],\"components\":[[1,0,0,0],[0,1,0,@@Infinity@@]],\"explainedVariance\":[1,1]}", "2"), "\"components\"[1][3] is Infinity" },
        { Vector("{\"op\":\"pca\",\"mean\":[0,0,0,0],\"components\":@@[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1],[1,1,1,1]]@@,\"explainedVariance\":[1,1,1,1,1]}", "5"), "has 5 rows but the vector has only 4" },
        { Vector("{\"op\":\"pca\",\"mean\":[0,0,0,0],\"components\":[[1,0,0,0],[0,1,0,0]],\"explainedVariance\":@@[1]@@}", "2"), "\"explainedVariance\" has 1 values, expected 2" },
        { Vector("{\"op\":\"pca\",\"mean\":[0,0,0,0],\"components\":[[1,0,0,0],[0,1,0,0]],\"explainedVariance\":[1,@@0@@],\"whiten\":true}", "2"), "whitening divides by its square root" },
        { Vector("{\"op\":\"pca\",\"mean\":@@[0,0]@@,\"components\":[[1,0,0,0]],\"explainedVariance\":[1]}", "1"), "\"mean\" has 2 values, expected 4" },
        { Vector("{\"op\":\"l2\",\"epsilon\":@@-1e-12@@}"), "\"epsilon\" must be a finite number >= 0" },
        { Vector("{\"op\":\"l2\"}", extra: ",\"stats\":{\"count\":3,\"meanVector\":@@[1,2]@@}"), "\"meanVector\" has 2 values, expected 4" },
        { Vector("{\"op\":\"l2\"}", extra: ",\"stats\":{\"count\":3,@@\"min\"@@:0}"), "has an unknown field \"min\"" },
        { Vector("{\"op\":\"l2\"}", extra: ",\"mlnetColumn\":@@\"vector\"@@"), "\"mlnetColumn\" marks a scalar slot" },
        { Vector("{\"op\":\"l2\"}", space: "@@\"dims\"@@:4,"), "\"space\" has an unknown field \"dims\"" },
        { Vector("{\"op\":\"l2\"}").Replace("\"nativeDimension\":4", "\"nativeDimension\":@@4.5@@", StringComparison.Ordinal), "\"nativeDimension\" must be a whole number" },
        { Vector("{\"op\":\"l2\"}").Replace("\"model\":\"m/mini\"", "\"model\":@@\"\"@@", StringComparison.Ordinal), "\"model\" must not be empty" },
        { Vector("{\"op\":@@\"whiten\"@@}"), "unknown op \"whiten\"" },
    };

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Each_bad_vector_feature_is_refused_at_the_offending_value(string marked, string message)
    {
        int at = marked.IndexOf("@@", StringComparison.Ordinal);
        Assert.True(at >= 0, "the case marks no value");
        string text = marked.Replace("@@", string.Empty, StringComparison.Ordinal);

        ManifestReadResult result = ManifestReader.Read(text);

        Assert.False(result.Succeeded);
        ManifestError error = Assert.Single(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(at, error.Range.Start);
        (int line, int column) = LineAndColumn(text, at);
        Assert.Equal((line, column), (error.Range.StartLine, error.Range.StartColumn));
        Assert.EndsWith("(line " + (line + 1) + ", column " + (column + 1) + ")", error.Message, StringComparison.Ordinal);
    }

    // One mistake, one error: a wrong length early on must not report every later step's length too.
    [Fact]
    public void A_wrong_step_does_not_cascade_into_later_length_errors()
    {
        string text = Vector("{\"op\":\"truncate\",\"dimension\":9},\n{\"op\":\"center\",\"mean\":[0,0]}", "2");
        ManifestReadResult result = ManifestReader.Read(text);
        ManifestError error = Assert.Single(result.Errors);
        Assert.Contains("\"dimension\" is 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_vector_feature_reads_its_space_steps_and_stats()
    {
        string text = Vector(
            "{\"op\":\"center\",\"mean\":[0.5,-1,0,2]},\n" + Pca3 + ",\n{\"op\":\"truncate\",\"dimension\":2},\n{\"op\":\"l2\",\"epsilon\":1e-12}",
            "2",
            "\"propagate\"",
            ",\"stats\":{\"count\":10,\"missing\":1,\"norm\":{\"count\":9,\"min\":0.5,\"max\":2,\"mean\":1,\"std\":0.25,\"quantiles\":[0.5,1,2]},\"meanVector\":[1,2,3,4]}");

        ManifestReadResult result = ManifestReader.Read(text);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        FeatureData feature = Assert.Single(result.Manifest!.Features);
        Assert.True(feature.IsVector);
        SpaceData space = feature.Space!;
        Assert.Equal(("docs-mini", "m/mini", "abc", 4, 2), (space.Name, space.Model, space.Revision, space.NativeDimension, space.Dimension));
        Assert.Equal("center, pca(3, whiten), truncate(2), l2(epsilon=1e-12)", space.Normalization);
        Assert.True(space.UnitLength);
        Assert.Equal(MissingKind.Propagate, feature.Missing);

        Assert.Equal([ManifestOp.Center, ManifestOp.Pca, ManifestOp.Truncate, ManifestOp.L2], feature.Steps.Select(s => s.Op));
        Assert.Equal([0.5, -1, 0, 2], feature.Steps[0].MeanVector);
        StepData pca = feature.Steps[1];
        Assert.Equal(3, pca.ComponentCount);
        Assert.Equal([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], pca.Components);
        Assert.Equal([3, 2, 1], pca.ExplainedVariance);
        Assert.True(pca.Whiten);
        Assert.Equal(2, feature.Steps[2].Dimension);
        Assert.Equal(1e-12, feature.Steps[3].Epsilon);

        Assert.Equal(10, feature.Stats!.Count);
        Assert.Equal([1, 2, 3, 4], feature.Stats.MeanVector);
        Assert.Equal((9L, 0.5, 2d, 1d, 0.25), (feature.Stats.Norm!.Count, feature.Stats.Norm.Min, feature.Stats.Norm.Max, feature.Stats.Norm.Mean, feature.Stats.Norm.Std));
        Assert.Equal([0.5, 1, 2], feature.Stats.Norm.Quantiles);
    }

    [Fact]
    public void A_vector_feature_may_have_no_steps_and_is_then_not_unit_length()
    {
        ManifestReadResult result = ManifestReader.Read(Vector(string.Empty));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        SpaceData space = result.Manifest!.Features[0].Space!;
        Assert.Equal("none", space.Normalization);
        Assert.False(space.UnitLength);

        // l2 that is not last does not make the output unit length
        SpaceData centered = ManifestReader.Read(Vector("{\"op\":\"l2\"},{\"op\":\"center\",\"mean\":[0,0,0,0]}")).Manifest!.Features[0].Space!;
        Assert.Equal("l2, center", centered.Normalization);
        Assert.False(centered.UnitLength);
    }

    [Fact]
    public void A_template_may_leave_out_fitted_vectors_and_pca_components()
    {
        string text = Vector("{\"op\":\"center\"},\n{\"op\":\"pca\",\"whiten\":false},\n{\"op\":\"l2\"}", "64");
        ManifestReadResult template = ManifestReader.ReadTemplate(text);
        Assert.True(template.Succeeded, string.Join("\n", template.Errors.Select(e => e.Message)));

        // the same text is not a manifest: the fitted values are missing
        ManifestReadResult manifest = ManifestReader.Read(text);
        Assert.Contains(manifest.Errors, e => e.Message.Contains("step \"center\" has no \"mean\"", StringComparison.Ordinal));
        Assert.Contains(manifest.Errors, e => e.Message.Contains("step \"pca\" has no \"components\"", StringComparison.Ordinal));
    }

    // The definition, written out by hand: SHA-256 of the RFC 8785 form of {dtype, profile, space, steps}.
    [Fact]
    public void The_space_sha256_is_the_hash_of_the_canonical_dtype_profile_space_and_steps()
    {
        string text = Header + "{\"name\":\"E\",\"space\":{\"name\":\"docs-mini\",\"model\":\"m/mini\",\"revision\":\"abc\",\"nativeDimension\":2,\"dimension\":2}," +
            "\"steps\":[{\"op\":\"center\",\"mean\":[0.5,-1.0]},{\"op\":\"l2\"}],\"missing\":\"error\"}]}";
        const string Canonical = "{\"dtype\":\"float32\",\"profile\":\"sklearn\",\"space\":{\"dimension\":2,\"model\":\"m/mini\",\"name\":\"docs-mini\",\"nativeDimension\":2,\"revision\":\"abc\"}," +
            "\"steps\":[{\"mean\":[0.5,-1],\"op\":\"center\"},{\"op\":\"l2\"}]}";
        string expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical))).ToLowerInvariant();

        Assert.Equal(expected, SpaceOf(text).Sha256);
    }

    [Fact]
    public void The_space_sha256_ignores_layout_key_order_number_spelling_defaults_and_stats()
    {
        string compact = Vector("{\"op\":\"center\",\"mean\":[0.5,-1,0,2]},\n" + Pca3.Replace(",\"whiten\":true", string.Empty, StringComparison.Ordinal) + ",\n{\"op\":\"l2\"}", "3");
        string reordered = Header.Replace("\"version\":1", "\"version\":7", StringComparison.Ordinal) +
            "\n  {\n    \"steps\": [\n      {\"mean\": [5e-1, -1.0, 0.0, 2E0], \"op\": \"center\"},\n" +
            "      {\"whiten\": false, \"explainedVariance\": [3.0, 2, 1], \"components\": [[1,0,0,0],[0,1,0,0],[0,0,1,0]], \"mean\": [0,0,0,0], \"op\": \"pca\"},\n" +
            "      {\"epsilon\": 0, \"op\": \"l2\"}\n    ],\n" +
            "    \"space\": {\"dimension\": 3, \"nativeDimension\": 4, \"revision\": \"abc\", \"model\": \"m/mini\", \"name\": \"docs-mini\"},\n" +
            "    \"name\": \"Renamed\",\n    \"missing\": \"propagate\",\n    \"stats\": {\"count\": 99, \"meanVector\": [1, 1, 1, 1]}\n  }\n]}";

        Assert.Equal(SpaceOf(compact).Sha256, SpaceOf(reordered).Sha256);
        Assert.Equal(64, SpaceOf(compact).Sha256.Length);
    }

    [Theory]
    [InlineData("\"mean\":[0.5,-1,0,2]", "\"mean\":[0.5,-1,0,2.000000001]")]
    [InlineData("\"mean\":[0.5,-1,0,2]", "\"mean\":[0.5,-1,-0,2]")]
    [InlineData("{\"op\":\"l2\"}", "{\"op\":\"l2\",\"epsilon\":1e-12}")]
    [InlineData("\"explainedVariance\":[3,2,1]", "\"explainedVariance\":[3,2,1.5]")]
    [InlineData("[0,0,1,0]]", "[0,0,-1,0]]")]
    [InlineData("\"revision\":\"abc\"", "\"revision\":\"abd\"")]
    [InlineData("\"revision\":\"abc\",", "")]
    [InlineData("\"model\":\"m/mini\"", "\"model\":\"m/mini2\"")]
    [InlineData("\"name\":\"docs-mini\"", "\"name\":\"docs-mini2\"")]
    [InlineData("\"profile\":\"sklearn\"", "\"profile\":\"normguard\"")]
    [InlineData("\"dtype\":\"float32\"", "\"dtype\":\"float64\"")]
    public void The_space_sha256_changes_when_anything_it_covers_changes(string before, string after)
    {
        string text = Vector("{\"op\":\"center\",\"mean\":[0.5,-1,0,2]},\n" + Pca3 + ",\n{\"op\":\"l2\"}", "3");
        Assert.Contains(before, text, StringComparison.Ordinal);
        string changed = text.Replace(before, after, StringComparison.Ordinal);

        Assert.NotEqual(SpaceOf(text).Sha256, SpaceOf(changed).Sha256);
    }

    private static SpaceData SpaceOf(string text)
    {
        ManifestReadResult result = ManifestReader.Read(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Message)));
        return result.Manifest!.Features[0].Space!;
    }

    private static (int Line, int Column) LineAndColumn(string text, int offset)
    {
        int line = 0, start = 0;
        for (int i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        }

        return (line, offset - start);
    }
}
