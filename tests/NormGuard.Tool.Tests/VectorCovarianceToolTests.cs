using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NormGuard.Fitting;
using Xunit;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard fit</c>, <c>show</c> and <c>diff</c> with the covariance norms of a vector feature's stats, on the real
/// all-MiniLM-L6-v2 baseline embeddings of the SemanticSearch sample (500 × 384, a .npy written by numpy).
/// </summary>
/// <remarks>Decided before running: the CLI fit feeds the rows in file order to the same ManifestFitter the generated
/// fitter calls, so its two norms are that fitter's bit for bit (NormGuard.Tests checks the generated fitter against the
/// same ManifestFitter), and within 1e-12 relative of numpy's eigenvalue route (minilm_covariance.json; the bound is argued
/// in VectorCovarianceStatsTests). <c>show</c> prints both norms, and says that a manifest without them gets the
/// trace-only bound; <c>diff</c> from such a manifest to a refit says the norms were added.</remarks>
public sealed class VectorCovarianceToolTests
{
    private static readonly string Npy = ToolRunner.Repo("samples", "SemanticSearch", "data", "embeddings", "baseline.npy");
    private static readonly JsonElement Numpy = JsonDocument.Parse(File.ReadAllText(ToolRunner.Repo("tests", "NormGuard.Tests", "Golden", "Embeddings", "minilm_covariance.json"))).RootElement.GetProperty("covariance");

    private const string Template = """
        {"format": "normguard.manifest/1", "featureSet": "docs", "profile": "normguard", "dtype": "float32",
         "features": [{"name": "Embedding",
                       "space": {"name": "docs-minilm", "model": "sentence-transformers/all-MiniLM-L6-v2", "nativeDimension": 384, "dimension": 384},
                       "steps": [{"op": "l2"}], "missing": "error"}]}
        """;

    [Fact]
    public void Fit_writes_the_fitters_norms_which_agree_with_numpy_and_show_and_diff_report_them()
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("t.json"), Template);

        ToolResult fit = ToolRunner.Run("fit", "--data", Npy, "--template", temp.File("t.json"), "--out", temp.File("docs.normguard.json"));

        Assert.True(fit.ExitCode == 0, fit.ToString());
        Manifest manifest = Manifest.Load(temp.File("docs.normguard.json"));
        FeatureStats stats = manifest.Features[0].Stats!;

        var fitter = new ManifestFitter("docs", NormalizationProfile.NormGuard, ManifestDType.Float32, [FitterFeature.Vector("Embedding", "docs-minilm", "sentence-transformers/all-MiniLM-L6-v2", null, 384, [FitStep.L2()])]);
        float[] rows = ReadNpy(Npy, out int count);
        for (int i = 0; i < count; i++)
        {
            fitter.Vector(0, rows.AsSpan(i * 384, 384));
            fitter.EndRow();
        }

        FeatureStats direct = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1).Features[0].Stats!;
        Assert.Equal(BitConverter.DoubleToInt64Bits(direct.CovarianceFrobeniusNorm!.Value), BitConverter.DoubleToInt64Bits(stats.CovarianceFrobeniusNorm!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(direct.CovarianceSchatten4Norm!.Value), BitConverter.DoubleToInt64Bits(stats.CovarianceSchatten4Norm!.Value));
        Assert.Equal(direct.MeanVector.Select(BitConverter.DoubleToInt64Bits), stats.MeanVector.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(direct.Norm!.Quantiles.Append(direct.Norm.Mean!.Value).Append(direct.Norm.Std!.Value).Select(BitConverter.DoubleToInt64Bits),
            stats.Norm!.Quantiles.Append(stats.Norm.Mean!.Value).Append(stats.Norm.Std!.Value).Select(BitConverter.DoubleToInt64Bits));
        AssertClose(Parse("frobenius"), stats.CovarianceFrobeniusNorm.Value);
        AssertClose(Parse("schatten4"), stats.CovarianceSchatten4Norm.Value);

        ToolResult show = ToolRunner.Run("show", temp.File("docs.normguard.json"));
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("covariance Frobenius 1.116, Schatten-4 0.5009", Unwrapped(show.Output), StringComparison.Ordinal);

        // What every manifest held before: the same stats without the pair.
        FeatureManifest feature = manifest.Features[0];
        var old = new Manifest
        {
            FeatureSet = manifest.FeatureSet,
            Version = 1,
            Profile = manifest.Profile,
            DType = manifest.DType,
            Features = [new FeatureManifest { Name = feature.Name, Space = feature.Space, Steps = feature.Steps, Missing = feature.Missing, Stats = new FeatureStats { Count = stats.Count, Missing = stats.Missing, Norm = stats.Norm, MeanVector = stats.MeanVector } }],
        };
        File.WriteAllText(temp.File("old.normguard.json"), old.ToJson());

        ToolResult showOld = ToolRunner.Run("show", temp.File("old.normguard.json"));
        Assert.Contains("no covariance norms (drift: trace-only bound; refit for the tight one)", Unwrapped(showOld.Output), StringComparison.Ordinal);

        ToolResult diff = ToolRunner.Run("diff", temp.File("old.normguard.json"), temp.File("docs.normguard.json"));
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains("covariance norms added (drift: tight bound)", Unwrapped(diff.Output), StringComparison.Ordinal);
        ToolResult back = ToolRunner.Run("diff", temp.File("docs.normguard.json"), temp.File("old.normguard.json"));
        Assert.Contains("covariance norms removed (drift: trace-only bound)", Unwrapped(back.Output), StringComparison.Ordinal);

        // A refit on 70 % of the rows: other norms, compared as ratios beside the (unchanged) l2 step.
        Assert.Equal(0, ToolRunner.Run("fit", "--data", Npy, "--template", temp.File("t.json"), "--holdout", "0.3", "--version", "2", "--out", temp.File("v2.json")).ExitCode);
        ToolResult refit = ToolRunner.Run("diff", temp.File("docs.normguard.json"), temp.File("v2.json"));
        Assert.Matches(@"covariance Frobenius x\d\.\d+, Schatten-4 x\d\.\d+", Unwrapped(refit.Output));
    }

    // The table wraps a long cell over several lines: read it as one line of words.
    private static string Unwrapped(string output) => System.Text.RegularExpressions.Regex.Replace(output, "[\\s│]+", " ");

    private static double Parse(string name) => double.Parse(Numpy.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Abs(expected), $"expected {expected:R}, found {actual:R}");

    // numpy's .npy format 1.0: magic, version, header length (little-endian uint16), a Python dict, then the data.
    private static float[] ReadNpy(string path, out int rows)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        Assert.Contains(", 384)", header, StringComparison.Ordinal);
        rows = (bytes.Length - 10 - headerLength) / (384 * sizeof(float));
        float[] values = new float[rows * 384];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * sizeof(float));
        return values;
    }
}
