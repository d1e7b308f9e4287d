using System;
using System.Globalization;
using System.Linq;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>
/// Manifests with a vector feature, written as text the way a fit would write them. The parameters are fixed
/// deterministic sequences (not produced by the code under test): the tests recompute what the generated code must give
/// from these same numbers with VectorKernels.
/// </summary>
internal static class VectorManifests
{
    public const string Space = "docs-minilm";
    public const string Model = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>A mean-like sequence, one value per dimension, with both signs and non-representable decimals.</summary>
    public static double[] Means(int d, int salt = 0) => [.. Enumerable.Range(0, d).Select(i => (((i * 37) + salt) % 101 - 50) / 1000.3)];

    /// <summary>Positive stds, including exactly 1 (an identity scale the arithmetic drops) every 11th dimension.</summary>
    public static double[] Stds(int d) => [.. Enumerable.Range(0, d).Select(i => i % 11 == 0 ? 1d : 0.05 + ((i * 13) % 17) / 23.7)];

    /// <summary>Row-major k × d components (not orthonormal; the projection is a plain matrix product either way).</summary>
    public static double[] Components(int k, int d) => [.. Enumerable.Range(0, k * d).Select(i => Math.Sin((i * 0.37) + 0.1) / Math.Sqrt(d))];

    public static double[] Variances(int k) => [.. Enumerable.Range(0, k).Select(i => 2.5 / (i + 1))];

    /// <summary>An embedding-like input: small values of both signs.</summary>
    public static float[] Input(int d, int salt = 0) => [.. Enumerable.Range(0, d).Select(i => (float)(Math.Sin((i + salt) * 0.7) * 0.08 + Math.Cos(i * 0.013) * 0.01))];

    public static string Numbers(double[] values) => "[" + string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    /// <summary>A manifest of feature set "docs" with a scalar "Score" (zscore mean 2, std 4) and the vector feature "Embedding".</summary>
    public static string Manifest(int native, int dimension, string steps, string profile = "normguard", string dtype = "float32", string missing = "error", string? revision = null, string space = Space) =>
        "{\"format\":\"normguard.manifest/1\",\"featureSet\":\"docs\",\"version\":1,\"profile\":\"" + profile + "\",\"dtype\":\"" + dtype + "\"," +
        "\"fit\":{\"split\":\"train\",\"rows\":1000},\"features\":[" +
        "{\"name\":\"Score\",\"steps\":[{\"op\":\"zscore\",\"mean\":2,\"std\":4}]}," +
        "{\"name\":\"Embedding\",\"space\":{\"name\":\"" + space + "\",\"model\":\"" + Model + "\"" + (revision is null ? string.Empty : ",\"revision\":\"" + revision + "\"") +
        ",\"nativeDimension\":" + native.ToString(CultureInfo.InvariantCulture) + ",\"dimension\":" + dimension.ToString(CultureInfo.InvariantCulture) + "}," +
        "\"steps\":[" + steps + "],\"missing\":\"" + missing + "\"}]}";

    public static string Center(double[] mean) => "{\"op\":\"center\",\"mean\":" + Numbers(mean) + "}";

    public static string ZScore(double[] mean, double[] std) => "{\"op\":\"zscore\",\"mean\":" + Numbers(mean) + ",\"std\":" + Numbers(std) + "}";

    public static string L2(double epsilon = 0) => epsilon == 0 ? "{\"op\":\"l2\"}" : "{\"op\":\"l2\",\"epsilon\":" + epsilon.ToString("R", CultureInfo.InvariantCulture) + "}";

    public static string Truncate(int k) => "{\"op\":\"truncate\",\"dimension\":" + k.ToString(CultureInfo.InvariantCulture) + "}";

    public static string Pca(double[] mean, double[] components, double[] variance, bool whiten) =>
        "{\"op\":\"pca\",\"mean\":" + Numbers(mean) + ",\"components\":[" +
        string.Join(",", Enumerable.Range(0, variance.Length).Select(r => Numbers(components.Skip(r * mean.Length).Take(mean.Length).ToArray()))) +
        "],\"explainedVariance\":" + Numbers(variance) + ",\"whiten\":" + (whiten ? "true" : "false") + "}";

    /// <summary>The record: a scalar before the vector, as in the manifest.</summary>
    public static string Record(string embeddingDeclaration, string steps, int dimension = 384, string space = Space) => """
        using System;
        using NormGuard;

        namespace Search;

        [FeatureSet("docs")]
        public sealed partial record Doc
        {
            [ZScore] public float Score { get; init; }
        """ + "\n    [Embedding(\"" + space + "\", " + dimension.ToString(CultureInfo.InvariantCulture) + ")" + (steps.Length == 0 ? string.Empty : ", " + steps) + "] public " + embeddingDeclaration + "\n}\n";
}
