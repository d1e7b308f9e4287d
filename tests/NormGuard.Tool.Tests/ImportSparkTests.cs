using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard.Tool.Verification;
using Xunit;
using Xunit.Abstractions;
using static NormGuard.Tool.Tests.SparkModelWriter;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard import spark</c> on model directories in the layout Spark 3.x writes (synthesized by
/// <see cref="SparkModelWriter"/>; no Spark runs here): the parameters, and the imported manifest's arithmetic against a
/// transcription of each model's transform from Spark's Scala source, in double, rounded once to float32 (what NormGuard
/// writes for a float64 pipeline).
/// </summary>
public sealed class ImportSparkTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, object> None = new();

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void StandardScalerModel_matches_Spark_transform(bool withMean, bool withStd)
    {
        using TempDirectory temp = ToolRunner.Temp();
        double[] std = [2.5, 0, 1e-9, 3e6];
        double[] mean = [10.25, -3, 1e-3, 1.7e9];
        string model = Write(temp.File("standard"), "StandardScalerModel", "StandardScaler_" + Uid("s"),
            new Dictionary<string, object> { ["withMean"] = withMean, ["withStd"] = withStd, ["inputCol"] = "features", ["outputCol"] = "scaled" },
            new Dictionary<string, object> { ["withMean"] = false, ["withStd"] = true, ["outputCol"] = "StandardScaler_out" },
            ("std", SparkVector.Dense(std)), ("mean", SparkVector.Dense(mean)));
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "spark", model);

        Assert.Equal(NormalizationProfile.Spark, manifest.Profile);
        Assert.Equal(ManifestDType.Float64, manifest.DType);
        Assert.Equal(["features_0", "features_1", "features_2", "features_3"], manifest.Features.Select(f => f.Name));
        Assert.Equal("normguard import spark from standard", manifest.Fit!.Tool);
        Assert.All(manifest.Features, f => Assert.Equal(MissingValuePolicy.Propagate, f.Missing));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(new ZScoreStep(withMean ? mean[i] : 0, withStd ? std[i] : 1), manifest.Features[i].Steps[0]);
        }

        Compare(manifest, (i, x) =>
        {
            // StandardScalerModel.getTransformFunc(shift, scale, withMean, withStd)
            double scale = std[i] == 0 ? 0.0 : 1.0 / std[i];
            return (withMean, withStd) switch
            {
                (true, true) => (x - mean[i]) * scale,
                (true, false) => x - mean[i],
                (false, true) => x * scale,
                _ => x,
            };
        }, mean);
    }

    [Fact]
    public void StandardScalerModel_defaults_come_from_defaultParamMap_or_Spark()
    {
        using TempDirectory temp = ToolRunner.Temp();

        // Spark 2.3 and earlier write no defaultParamMap: Spark's defaults (withMean false, withStd true) apply
        string model = Write(temp.File("old"), "StandardScalerModel", "StandardScaler_" + Uid("o"), new Dictionary<string, object> { ["inputCol"] = "x" }, None,
            ("std", SparkVector.Dense(4)), ("mean", SparkVector.Dense(1)));
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "spark", model);
        Assert.Equal(["x"], manifest.Features.Select(f => f.Name));
        Assert.Equal(new ZScoreStep(0, 4), manifest.Features[0].Steps[0]);
    }

    [Fact]
    public void MinMaxScalerModel_matches_Spark_transform_including_constant_features_and_sparse_vectors()
    {
        using TempDirectory temp = ToolRunner.Temp();
        double[] min = [0, -5, 3.5, 0, 1e-300];
        double[] max = [10, 5, 3.5, 1e-9, 2e-300];
        string model = Write(temp.File("minmax"), "MinMaxScalerModel", "MinMaxScaler_" + Uid("m"),
            new Dictionary<string, object> { ["min"] = -1.0, ["max"] = 2.0, ["inputCol"] = "raw" },
            new Dictionary<string, object> { ["min"] = 0.0, ["max"] = 1.0 },
            ("originalMin", SparkVector.Sparse(min)), ("originalMax", SparkVector.Dense(max)));
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "spark", model, "--names", "a,b,c,d,e");
        Assert.Equal(["a", "b", "c", "d", "e"], manifest.Features.Select(f => f.Name));
        for (int i = 0; i < min.Length; i++)
        {
            Assert.Equal(new MinMaxStep(min[i], max[i], -1, 2), manifest.Features[i].Steps[0]);
        }

        Compare(manifest, (i, x) =>
        {
            // MinMaxScalerModel.transform
            double scale = 2.0 - -1.0;
            double range = max[i] - min[i];
            double k = range != 0 ? scale / range : 0.0;
            if (double.IsNaN(x))
            {
                return x;
            }

            return k != 0 ? ((x - min[i]) * k) + -1.0 : (-1.0 + 2.0) / 2;
        }, min);
    }

    [Fact]
    public void MaxAbsScalerModel_matches_Spark_transform()
    {
        using TempDirectory temp = ToolRunner.Temp();
        double[] maxAbs = [7.5, 0, 1e-12, 0, 3];
        string model = Write(temp.File("maxabs"), "MaxAbsScalerModel", "MaxAbsScaler_" + Uid("a"), new Dictionary<string, object> { ["inputCol"] = "v" }, None,
            ("maxAbs", SparkVector.Sparse(maxAbs)));
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "spark", model);
        Assert.Equal(maxAbs.Select(m => (NormalizationStep)new MaxAbsStep(m)), manifest.Features.Select(f => f.Steps[0]));
        Compare(manifest, (i, x) => x * (maxAbs[i] == 0 ? 1.0 : 1 / maxAbs[i]), maxAbs);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void RobustScalerModel_matches_Spark_transform(bool withCentering, bool withScaling)
    {
        using TempDirectory temp = ToolRunner.Temp();
        double[] range = [20, 0, 0.5];
        double[] median = [100, 4, -0.25];
        string model = Write(temp.File("robust"), "RobustScalerModel", "RobustScaler_" + Uid("r"),
            new Dictionary<string, object> { ["withCentering"] = withCentering, ["withScaling"] = withScaling, ["lower"] = 0.1, ["upper"] = 0.9, ["inputCol"] = "f" },
            new Dictionary<string, object> { ["withCentering"] = false, ["withScaling"] = true, ["lower"] = 0.25, ["upper"] = 0.75 },
            ("range", SparkVector.Dense(range)), ("median", SparkVector.Dense(median)));
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "spark", model);
        for (int i = 0; i < range.Length; i++)
        {
            Assert.Equal(new RobustStep(withCentering ? median[i] : 0, withScaling ? range[i] : 1, 10, 90), manifest.Features[i].Steps[0]);
        }

        Compare(manifest, (i, x) =>
        {
            // RobustScalerModel: StandardScalerModel.getTransformFunc(median, range.map(v => if (v == 0) 0.0 else 1.0 / v), ...)
            double scale = range[i] == 0 ? 0.0 : 1.0 / range[i];
            return (withCentering, withScaling) switch
            {
                (true, true) => (x - median[i]) * scale,
                (true, false) => x - median[i],
                (false, true) => x * scale,
                _ => x,
            };
        }, median);
    }

    [Fact]
    public void PipelineModel_imports_its_scalers_named_by_the_VectorAssembler()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string pipeline = WritePipeline(temp.File("pipeline"),
            ("VectorAssembler_" + Uid("va"), dir => WriteMetadata(dir, "org.apache.spark.ml.feature.VectorAssembler", "VectorAssembler_" + Uid("va"),
                new Dictionary<string, object> { ["inputCols"] = new[] { "carat", "depth", "table" }, ["outputCol"] = "features" }, new Dictionary<string, object> { ["handleInvalid"] = "error" })),
            ("StandardScaler_" + Uid("ss"), dir => Write(dir, "StandardScalerModel", "StandardScaler_" + Uid("ss"),
                new Dictionary<string, object> { ["withMean"] = true, ["inputCol"] = "features", ["outputCol"] = "scaled" }, new Dictionary<string, object> { ["withStd"] = true },
                ("std", SparkVector.Dense(0.47, 1.43, 2.23)), ("mean", SparkVector.Dense(0.79, 61.75, 57.46)))),
            ("LogisticRegression_" + Uid("lr"), dir => WriteMetadata(dir, "org.apache.spark.ml.classification.LogisticRegressionModel", "LogisticRegression_" + Uid("lr"), None, None)));
        ToolResult result = ToolRunner.Run("import", "spark", pipeline, "--out", temp.File("m.json"), "--feature-set", "diamonds", "--version", "3", "--split", "train", "--fitted-at", ImportTestSupport.FittedAt);
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("VectorAssembler, LogisticRegressionModel", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("on your word", result.Error, StringComparison.Ordinal);
        Manifest manifest = Manifest.Load(temp.File("m.json"));
        Assert.Equal(("diamonds", 3, DataSplit.Train), (manifest.FeatureSet, manifest.Version, manifest.Fit!.Split));
        Assert.Equal(["carat", "depth", "table"], manifest.Features.Select(f => f.Name));
        Assert.Equal(new ZScoreStep(61.75, 1.43), manifest.Features[1].Steps[0]);
        Assert.Equal("pipeline", manifest.Fit.Source);
        Assert.Equal(Importers.ImportSupport.Sha256(pipeline), manifest.Fit.SourceSha256);

        // the directory hash ignores Hadoop's .crc files and _SUCCESS markers, and changes with any data file
        string before = manifest.Fit.SourceSha256!;
        File.WriteAllText(Path.Combine(pipeline, "metadata", "_SUCCESS"), "touched");
        Assert.Equal(before, Importers.ImportSupport.Sha256(pipeline));
        File.AppendAllText(Path.Combine(pipeline, "metadata", "part-00000"), " ");
        Assert.NotEqual(before, Importers.ImportSupport.Sha256(pipeline));
    }

    [Fact]
    public void A_PipelineModel_saved_from_Python_imports_like_one_saved_from_Scala()
    {
        using TempDirectory temp = ToolRunner.Temp();
        var stages = new List<(string Uid, Action<string> Write)>
        {
            ("VectorAssembler_" + Uid("va"), dir => WriteMetadata(dir, "org.apache.spark.ml.feature.VectorAssembler", "VectorAssembler_" + Uid("va"),
                new Dictionary<string, object> { ["inputCols"] = new[] { "carat", "depth", "table" }, ["outputCol"] = "features" }, new Dictionary<string, object> { ["handleInvalid"] = "error" })),
            ("Clipper_" + Uid("py"), dir => WriteMetadata(dir, "__main__.Clipper", "Clipper_" + Uid("py"), new Dictionary<string, object>(), new Dictionary<string, object>())),
        };
        for (int i = 0; i < 8; i++)
        {
            string uid = "SQLTransformer_" + Uid("sql" + i);
            stages.Add((uid, dir => WriteMetadata(dir, "org.apache.spark.ml.feature.SQLTransformer", uid, new Dictionary<string, object> { ["statement"] = "SELECT * FROM __THIS__" }, new Dictionary<string, object>())));
        }

        // The 11th stage, in a directory numbered "10_": after "09_" by number, before it by text.
        stages.Add(("StandardScaler_" + Uid("ss"), dir => Write(dir, "StandardScalerModel", "StandardScaler_" + Uid("ss"),
            new Dictionary<string, object> { ["withMean"] = true, ["inputCol"] = "features", ["outputCol"] = "scaled" }, new Dictionary<string, object> { ["withStd"] = true },
            ("std", SparkVector.Dense(0.47, 1.43, 2.23)), ("mean", SparkVector.Dense(0.79, 61.75, 57.46)))));
        string pipeline = WritePythonPipeline(temp.File("pipeline"), stages.ToArray());
        Assert.True(Directory.Exists(Path.Combine(pipeline, "stages", "00_VectorAssembler_" + Uid("va"))));

        ToolResult result = ToolRunner.Run("import", "spark", pipeline, "--out", temp.File("m.json"), "--feature-set", "diamonds", "--version", "3", "--split", "train", "--fitted-at", ImportTestSupport.FittedAt);
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Clipper", result.Error, StringComparison.Ordinal);
        Manifest manifest = Manifest.Load(temp.File("m.json"));
        Assert.Equal(["carat", "depth", "table"], manifest.Features.Select(f => f.Name));
        Assert.Equal(new ZScoreStep(0.79, 0.47), manifest.Features[0].Steps[0]);
        Assert.Equal(new ZScoreStep(57.46, 2.23), manifest.Features[2].Steps[0]);
    }

    [Fact]
    public void Bad_model_directories_are_input_errors_naming_the_file()
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("file.txt"), "x");
        Directory.CreateDirectory(temp.File("empty"));
        WriteMetadata(temp.File("pca"), "org.apache.spark.ml.feature.PCAModel", "PCA_1", None, None);
        Write(temp.File("nodata"), "StandardScalerModel", "StandardScaler_2", None, None, ("std", SparkVector.Dense(1, 2)));
        Write(temp.File("uneven"), "MinMaxScalerModel", "MinMaxScaler_3", None, None, ("originalMin", SparkVector.Dense(1, 2)), ("originalMax", SparkVector.Dense(3)));
        File.WriteAllText(Path.Combine(temp.File("empty"), "x"), string.Empty);

        (string Path, string Expected)[] cases =
        [
            (temp.File("file.txt"), "is a directory (metadata/ and data/), not a file"),
            (temp.File("missing"), "missing: no such directory"),
            (temp.File("empty"), "no metadata/part-00000"),
            (temp.File("pca"), "class org.apache.spark.ml.feature.PCAModel is not a Spark ML scaler model"),
            (temp.File("nodata"), "StandardScalerModel data has no 'mean' column"),
            (temp.File("uneven"), "originalMin has 2 values, originalMax has 1 values"),
        ];
        foreach ((string path, string expected) in cases)
        {
            ToolResult result = ToolRunner.Run("import", "spark", path, "--out", temp.File("m.json"));
            output.WriteLine(result.ToString());
            Assert.Equal(1, result.ExitCode);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>The manifest's arithmetic against <paramref name="spark"/> (feature index, input) on random and special inputs.</summary>
    private void Compare(Manifest manifest, Func<int, double, double> spark, double[] centers)
    {
        var interpreter = new ManifestInterpreter(manifest);
        var random = new Random(17);
        double[] specials = [0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, double.Epsilon, 1e300, -1e-300, 2.5, 3.5, 1e-9];
        int compared = 0, mismatched = 0;
        for (int f = 0; f < manifest.Features.Count; f++)
        {
            for (int n = 0; n < 5000; n++)
            {
                double x = n < specials.Length ? specials[n]
                    : n < specials.Length + 3 ? centers[f] + ((n - specials.Length - 1) * Math.Abs(centers[f]) * 1e-15)
                    : random.Next(3) switch
                    {
                        0 => centers[f] + ((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12))),
                        1 => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-300, 300)),
                        _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
                    };
                float want = (float)spark(f, x);
                float got = ImportTestSupport.Normalize(interpreter, f, x);
                compared++;
                if (!ImportTestSupport.SameFloat(want, got) && ++mismatched <= 10)
                {
                    output.WriteLine($"{manifest.Features[f].Name}({x:R}): Spark {ImportTestSupport.Bits(want)}, manifest {ImportTestSupport.Bits(got)} ({string.Join(" ", interpreter.Features[f].Ops)})");
                }
            }
        }

        output.WriteLine($"{compared} values compared with the Spark transcription: {mismatched} differ");
        Assert.Equal(0, mismatched);
    }
}
