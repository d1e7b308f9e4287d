using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NormGuard.Tool.Verification;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard import sklearn</c>. CI needs no Python: Data/sklearn/ holds what the shipped exporter
/// (tools/sklearn/normguard_export.py) wrote from two fitted pipelines, with scikit-learn 1.2.1's own transform of fixed
/// inputs (made by Data/sklearn/make_sklearn_import.py). The committed manifests must bind and reproduce those outputs
/// bit for bit through the manifest arithmetic. Only the live test runs Python, and only where /usr/bin/python3 has
/// scikit-learn.
/// </summary>
public sealed class ImportSklearnTests(ITestOutputHelper output)
{
    private const string Python = ScikitLearnPython.Path;

    [Theory]
    [InlineData("import_f64", 13, ManifestDType.Float64)]
    [InlineData("import_f32", 6, ManifestDType.Float32)]
    public void Exporter_manifest_binds_and_reproduces_scikit_learn_outputs_bit_for_bit(string stem, int features, ManifestDType dtype)
    {
        Manifest manifest = Manifest.Load(ImportTestSupport.Data("sklearn", stem + ".normguard.json"));
        Assert.Equal(NormalizationProfile.ScikitLearn, manifest.Profile);
        Assert.Equal(dtype, manifest.DType);
        Assert.Equal(features, manifest.Features.Count);
        Assert.Equal(DataSplit.Train, manifest.Fit!.Split);
        Assert.Equal($"normguard import sklearn from {stem}.pkl", manifest.Fit.Tool);
        Assert.Equal(ImportSupportSha(ImportTestSupport.Data("sklearn", stem + ".pkl")), manifest.Fit.SourceSha256);
        Assert.Contains($"\"sha256\": \"{manifest.Sha256}\"", File.ReadAllText(ImportTestSupport.Data("sklearn", stem + ".normguard.json")), StringComparison.Ordinal);

        // Scalers and passthrough carry NaN through in scikit-learn and NaN counts as missing, so they declare "propagate";
        // a one-hot encoder keeps "error".
        Assert.All(manifest.Features, f => Assert.Equal(f.Steps[0] is OneHotStep ? MissingValuePolicy.Error : MissingValuePolicy.Propagate, f.Missing));

        var interpreter = new ManifestInterpreter(manifest);
        List<Dictionary<string, string>> rows = ImportTestSupport.ReadCsv(ImportTestSupport.Data("sklearn", stem + ".vectors.csv"));
        var destination = new float[interpreter.Width];
        int compared = 0, mismatched = 0, nan = 0, negativeZero = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            foreach (FeatureProgram feature in interpreter.Features)
            {
                string cell = rows[r][feature.Name];
                FeatureValue value = feature.Kind == FeatureKind.OneHot && !double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
                    ? FeatureValue.Of(cell)
                    : FeatureValue.Of(dtype == ManifestDType.Float32 ? (float)ImportTestSupport.ParseDouble(cell) : ImportTestSupport.ParseDouble(cell));
                interpreter.Normalize(feature, value, destination.AsSpan(feature.Offset, feature.Width));
                for (int k = 0; k < feature.Width; k++)
                {
                    string column = interpreter.OutputColumns[feature.Offset + k];
                    float want = (float)ImportTestSupport.ParseDouble(rows[r]["out:" + column]);
                    float got = destination[feature.Offset + k];
                    compared++;
                    nan += float.IsNaN(want) ? 1 : 0;
                    negativeZero += BitConverter.SingleToInt32Bits(want) == unchecked((int)0x80000000) ? 1 : 0;
                    if (!ImportTestSupport.SameFloat(want, got) && ++mismatched <= 10)
                    {
                        output.WriteLine($"row {r} {column}: input {cell}, scikit-learn {ImportTestSupport.Bits(want)}, manifest {ImportTestSupport.Bits(got)}");
                    }
                }
            }
        }

        output.WriteLine($"{stem}: {rows.Count} rows, {compared} outputs compared ({nan} NaN, {negativeZero} -0), {mismatched} differ");
        Assert.True(nan > 0 && negativeZero > 0, "the inputs lost their special values");
        Assert.Equal(0, mismatched);
    }

    [Theory]
    [InlineData("import_f64")]
    [InlineData("import_f32")]
    public void Normguard_verify_accepts_the_committed_vectors(string stem)
    {
        ToolResult result = ToolRunner.Run("verify", "--manifest", ImportTestSupport.Data("sklearn", stem + ".normguard.json"), "--vectors", ImportTestSupport.Data("sklearn", stem + ".vectors.csv"));
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Exporter_maps_every_supported_estimator_as_documented()
    {
        Manifest f64 = Manifest.Load(ImportTestSupport.Data("sklearn", "import_f64.normguard.json"));
        Assert.Equal(["Z", "ZEpoch", "ZNoMean", "M", "MConst", "A", "R1090", "L1Z", "LZ", "ZC", "Cat", "Code", "P"], f64.Features.Select(f => f.Name));
        NormalizationStep Step(string name, int index = 0) => f64.Features.Single(f => f.Name == name).Steps[index];
        Assert.Equal(0d, Assert.IsType<ZScoreStep>(Step("ZNoMean")).Mean);
        MinMaxStep m = Assert.IsType<MinMaxStep>(Step("M"));
        Assert.Equal((-1d, 2d, true), (m.Low, m.High, m.Clip));
        MinMaxStep constant = Assert.IsType<MinMaxStep>(Step("MConst"));
        Assert.Equal(constant.Min, constant.Max);
        Assert.IsType<MaxAbsStep>(Step("A"));
        RobustStep r = Assert.IsType<RobustStep>(Step("R1090"));
        Assert.Equal((10d, 90d), (r.Lower, r.Upper));
        Assert.IsType<Log1pStep>(Step("L1Z"));
        Assert.IsType<ZScoreStep>(Step("L1Z", 1));
        Assert.IsType<LogStep>(Step("LZ"));
        Assert.Equal(new ClipStep(-3, 3), Step("ZC", 1));
        OneHotStep cat = Assert.IsType<OneHotStep>(Step("Cat"));
        Assert.Equal(["blue", "green", "red", "violet"], cat.Categories);
        Assert.Equal(UnknownCategory.AllZeros, cat.Unknown);
        Assert.Equal(["3", "7", "11", "42"], Assert.IsType<OneHotStep>(Step("Code")).Categories);
        Assert.IsType<PassthroughStep>(Step("P"));
        Assert.Equal(800, f64.Fit!.Rows);

        Manifest f32 = Manifest.Load(ImportTestSupport.Data("sklearn", "import_f32.normguard.json"));
        Assert.Equal(UnknownCategory.Error, Assert.IsType<OneHotStep>(f32.Features[5].Steps[0]).Unknown);
        Assert.Equal(["1", "2", "5"], ((OneHotStep)f32.Features[5].Steps[0]).Categories);
    }

    [Fact]
    public void Exporter_script_is_beside_the_tool()
    {
        Assert.True(File.Exists(Importers.SklearnImporter.ScriptPath), Importers.SklearnImporter.ScriptPath);
        Assert.Equal(File.ReadAllText(ToolRunner.Repo("tools", "sklearn", "normguard_export.py")), File.ReadAllText(Importers.SklearnImporter.ScriptPath));
    }

    [Fact]
    public void Missing_python_is_an_input_error_that_says_so()
    {
        using TempDirectory temp = ToolRunner.Temp();
        ToolResult result = ToolRunner.Run("import", "sklearn", ImportTestSupport.Data("sklearn", "import_f64.pkl"), "--python", temp.File("no-such-python3"), "--out", temp.File("m.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Python interpreter", result.Error, StringComparison.Ordinal);
        Assert.Contains("--python", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("on your word", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("m.json")));
    }

    // A Python that runs but has no scikit-learn (python3 -S: no site-packages), as the default `python3` of a machine
    // where the model was fitted in a virtual environment: the error names --python, and no split note is printed for a
    // manifest that was never written.
    [Fact]
    public void A_python_without_scikit_learn_is_an_input_error_that_names_the_python_option()
    {
        if (OperatingSystem.IsWindows() || !File.Exists(Python))
        {
            throw new PlatformNotSupportedException($"{Python} and a shell are needed to run a real interpreter without site-packages");
        }

        using TempDirectory temp = ToolRunner.Temp();
        string bare = temp.File("bare-python3");
        File.WriteAllText(bare, "#!/bin/sh\nexec " + Python + " -S \"$@\"\n");
        File.SetUnixFileMode(bare, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        ToolResult result = ToolRunner.Run("import", "sklearn", ImportTestSupport.Data("sklearn", "import_f64.pkl"), "--python", bare, "--out", temp.File("m.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        // one sentence: the interpreter, the reason, and --python PATH, each said once (before: the exporter's own
        // "cannot import scikit-learn/numpy (...): run it with the Python that fitted the model" was quoted inside the
        // importer's sentence that said it again)
        Assert.Contains($"the Python interpreter '{bare}' cannot import scikit-learn or numpy (No module named", result.Error, StringComparison.Ordinal);
        Assert.Contains("--python PATH", result.Error, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Error, "cannot import"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Error, "the Python that fitted the model"));
        Assert.DoesNotContain("on your word", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("m.json")));
    }

    [Fact]
    public void Missing_model_file_is_an_input_error()
    {
        using TempDirectory temp = ToolRunner.Temp();
        ToolResult result = ToolRunner.Run("import", "sklearn", temp.File("nothing.pkl"), "--out", temp.File("m.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing.pkl: no such file", result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the exporter through the CLI on the committed pickles and requires the very manifests committed beside them
    /// (the provenance included). Needs /usr/bin/python3 with scikit-learn 1.2.1 (Debian's); reports Skipped without
    /// (fails under NORMGUARD_REQUIRE_SKLEARN=1).
    /// </summary>
    [SkippableFact]
    public void Live_import_through_python_writes_the_committed_manifests()
    {
        ScikitLearnPython.Require();

        using TempDirectory temp = ToolRunner.Temp();

        // Both pipelines have log steps and were fitted on numpy's portable path (make_sklearn_import.py), which the
        // import's interpreter must use too: on a CPU with SIMD log kernels the plain interpreter refuses them.
        string portable = ScikitLearnPython.PortableWrapper(temp.Path);
        foreach ((string stem, string[] extra) in new[]
        {
            ("import_f64", Array.Empty<string>()),
            ("import_f32", new[] { "--names", "Z,M,A,R,L1Z,Code" }),
        })
        {
            string pickle = Path.Combine(temp.Path, stem + ".pkl");
            File.Copy(ImportTestSupport.Data("sklearn", stem + ".pkl"), pickle);
            ToolResult result = ToolRunner.Run(["import", "sklearn", pickle, "--python", portable, "--split", "train", "--out", temp.File(stem + ".json"), "--fitted-at", ImportTestSupport.FittedAt, .. extra]);
            output.WriteLine(result.ToString());
            Assert.Equal(0, result.ExitCode);
            Manifest committed = Manifest.Load(ImportTestSupport.Data("sklearn", stem + ".normguard.json"));
            Manifest live = Manifest.Load(temp.File(stem + ".json"));
            Assert.Equal(committed.ToCanonicalJson(), live.ToCanonicalJson());
            Assert.Equal(committed.Sha256, live.Sha256);
        }

        // without --split: train, on the user's word, with a note; without names: x0, x1, ... and a note
        ToolResult unnamed = ToolRunner.Run("import", "sklearn", Path.Combine(temp.Path, "import_f32.pkl"), "--python", portable, "--out", temp.File("unnamed.json"));
        output.WriteLine(unnamed.ToString());
        Assert.Equal(0, unnamed.ExitCode);
        Assert.Contains("\"split\": \"train\" on your word", unnamed.Error, StringComparison.Ordinal);
        Assert.Contains("--names", unnamed.Error, StringComparison.Ordinal);
        Assert.Equal(["x0", "x1", "x2", "x3", "x4", "x5"], Manifest.Load(temp.File("unnamed.json")).Features.Select(f => f.Name));
        Assert.Equal("import_f32", Manifest.Load(temp.File("unnamed.json")).FeatureSet);

        // an estimator the exporter does not know: exit 1, naming it
        string unsupported = temp.File("quantile.pkl");
        ScikitLearnPython.Run($"import pickle, numpy as np\nfrom sklearn.preprocessing import QuantileTransformer\npickle.dump(QuantileTransformer(n_quantiles=10).fit(np.arange(40.0).reshape(-1, 2)), open({ScikitLearnPython.Literal(unsupported)}, 'wb'))");
        ToolResult rejected = ToolRunner.Run("import", "sklearn", unsupported, "--python", Python, "--out", temp.File("q.json"));
        output.WriteLine(rejected.ToString());
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("QuantileTransformer on 'x0', 'x1' is not supported", rejected.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("q.json")));
    }

    private static string ImportSupportSha(string path) => Importers.ImportSupport.Sha256(path);
}
