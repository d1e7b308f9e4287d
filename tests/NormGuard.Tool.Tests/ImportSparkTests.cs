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

    [Fact]
    public void Params_Spark_itself_refuses_and_Spark_2_models_are_refused_naming_the_stage()
    {
        using TempDirectory temp = ToolRunner.Temp();
        // MinMaxScalerParams.validateAndTransformSchema: require(min < max); RobustScalerParams: 0 < lower < upper < 1
        Write(temp.File("minmax_equal"), "MinMaxScalerModel", "MinMaxScaler_eq", new Dictionary<string, object> { ["min"] = 1.0, ["max"] = 1.0 }, new Dictionary<string, object> { ["min"] = 0.0, ["max"] = 1.0 },
            ("originalMin", SparkVector.Dense(0, 1)), ("originalMax", SparkVector.Dense(2, 3)));
        Write(temp.File("robust_crossed"), "RobustScalerModel", "RobustScaler_cr", new Dictionary<string, object> { ["lower"] = 0.75, ["upper"] = 0.25 }, None,
            ("range", SparkVector.Dense(1)), ("median", SparkVector.Dense(0)));
        // Spark 2.4's MinMaxScalerModel divided by the range (SPARK-28499 changed that in 3.0.0)
        WriteVersion("2.4.8", temp.File("spark24"), "MinMaxScalerModel", "MinMaxScaler_24", None, new Dictionary<string, object> { ["min"] = 0.0, ["max"] = 1.0 },
            ("originalMin", SparkVector.Dense(0, 1)), ("originalMax", SparkVector.Dense(2, 3)));
        WriteVersion("unknown", temp.File("noversion"), "MaxAbsScalerModel", "MaxAbsScaler_nv", None, None, ("maxAbs", SparkVector.Dense(2)));

        (string Path, string[] Expected)[] cases =
        [
            (temp.File("minmax_equal"), ["MinMaxScalerModel 'MinMaxScaler_eq'", "min = 1 and max = 1", "requires min < max"]),
            (temp.File("robust_crossed"), ["RobustScalerModel 'RobustScaler_cr'", "lower = 0.75 and upper = 0.25", "0 < lower < upper < 1"]),
            (temp.File("spark24"), ["MinMaxScalerModel 'MinMaxScaler_24'", "saved by Spark 2.4.8", "Spark 3.0 to 3.5"]),
            (temp.File("noversion"), ["sparkVersion is 'unknown'"]),
        ];
        foreach ((string path, string[] expected) in cases)
        {
            ToolResult result = ToolRunner.Run("import", "spark", path, "--out", temp.File("m.json"));
            output.WriteLine(result.ToString());
            Assert.Equal(1, result.ExitCode);
            Assert.All(expected, e => Assert.Contains(e, result.Error, StringComparison.Ordinal));
            Assert.False(File.Exists(temp.File("m.json")));
        }
    }

    [Fact]
    public void Assembled_vectors_are_named_as_Spark_names_them_and_a_vector_of_unknown_slots_is_refused_unless_names_are_given()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string Uid, Action<string> Write) Assembler(string uid, string outputCol, params string[] inputs) =>
            (uid, dir => WriteMetadata(dir, "org.apache.spark.ml.feature.VectorAssembler", uid, new Dictionary<string, object> { ["inputCols"] = inputs, ["outputCol"] = outputCol }, new Dictionary<string, object> { ["handleInvalid"] = "error" }));
        (string Uid, Action<string> Write) Scaler(string uid, string inputCol, string outputCol, int size) =>
            (uid, dir => Write(dir, "MaxAbsScalerModel", uid, new Dictionary<string, object> { ["inputCol"] = inputCol, ["outputCol"] = outputCol }, None,
                ("maxAbs", SparkVector.Dense(Enumerable.Range(1, size).Select(i => (double)i).ToArray()))));

        // An assembler of an assembler and of a scaler's output: VectorAssembler names a vector input's slots
        // "<column>_<attribute name>" (the inner assembler's names) or "<column>_<i>" (a scaler's output has no names).
        string nested = WritePipeline(temp.File("nested"),
            Assembler("VectorAssembler_in", "inner", "a", "b"),
            Scaler("MaxAbsScaler_first", "v", "scaled_v", 2),
            Assembler("VectorAssembler_out", "features", "inner", "scaled_v", "c"),
            Scaler("MaxAbsScaler_second", "features", "scaled", 5));
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("nested.json"), "spark", nested);
        Assert.Equal(["v_0", "v_1", "inner_a", "inner_b", "scaled_v_0", "scaled_v_1", "c"], manifest.Features.Select(f => f.Name));

        // A OneHotEncoderModel's output inside the assembler: its slot count and names are not in the saved pipeline
        string onehot = WritePipeline(temp.File("onehot"),
            ("OneHotEncoder_oh", dir => WriteMetadata(dir, "org.apache.spark.ml.feature.OneHotEncoderModel", "OneHotEncoder_oh",
                new Dictionary<string, object> { ["inputCols"] = new[] { "cut_index" }, ["outputCols"] = new[] { "cut_vec" } }, new Dictionary<string, object> { ["dropLast"] = true })),
            Assembler("VectorAssembler_oh", "features", "carat", "cut_vec"),
            Scaler("MaxAbsScaler_oh", "features", "scaled", 5));
        // A vector column of the training data inside the assembler: 2 inputCols, 3 slots
        string raw = WritePipeline(temp.File("raw"),
            Assembler("VectorAssembler_raw", "features", "carat", "embedding"),
            Scaler("MaxAbsScaler_raw", "features", "scaled", 3));

        ToolResult refusedOneHot = ToolRunner.Run("import", "spark", onehot, "--out", temp.File("m.json"));
        output.WriteLine(refusedOneHot.ToString());
        Assert.Equal(1, refusedOneHot.ExitCode);
        Assert.Contains("MaxAbsScalerModel 'MaxAbsScaler_oh'", refusedOneHot.Error, StringComparison.Ordinal);
        Assert.Contains("input column 'cut_vec' is the vector that OneHotEncoderModel 'OneHotEncoder_oh'", refusedOneHot.Error, StringComparison.Ordinal);
        Assert.Contains("--names (5 names)", refusedOneHot.Error, StringComparison.Ordinal);

        ToolResult refusedRaw = ToolRunner.Run("import", "spark", raw, "--out", temp.File("m.json"));
        output.WriteLine(refusedRaw.ToString());
        Assert.Equal(1, refusedRaw.ExitCode);
        Assert.Contains("VectorAssembler 'VectorAssembler_raw'", refusedRaw.Error, StringComparison.Ordinal);
        Assert.Contains("'carat', 'embedding'", refusedRaw.Error, StringComparison.Ordinal);
        Assert.Contains("MaxAbsScalerModel 'MaxAbsScaler_raw'", refusedRaw.Error, StringComparison.Ordinal);
        Assert.Contains("cannot name its 3 features", refusedRaw.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("m.json")));

        // --names still names them (and overrides an assembler's names)
        Assert.Equal(["carat", "cut_good", "cut_ideal", "cut_premium", "cut_fair"],
            ImportTestSupport.Import(output.WriteLine, temp.File("onehot.json"), "spark", onehot, "--names", "carat,cut_good,cut_ideal,cut_premium,cut_fair").Features.Select(f => f.Name));
        Assert.Equal(["carat", "e0", "e1"], ImportTestSupport.Import(output.WriteLine, temp.File("raw.json"), "spark", raw, "--names", "carat,e0,e1").Features.Select(f => f.Name));
        Assert.Equal(["p", "q", "r", "s", "t", "u", "w"], ImportTestSupport.Import(output.WriteLine, temp.File("renamed.json"), "spark", nested, "--names", "p,q,r,s,t,u,w").Features.Select(f => f.Name));
    }

    [Fact]
    public void A_Scala_PipelineModel_of_ten_or_more_stages_is_read_in_stage_order()
    {
        using TempDirectory temp = ToolRunner.Temp();
        var stages = new List<(string Uid, Action<string> Write)>();
        for (int i = 0; i < 11; i++)
        {
            string index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            double maxAbs = i + 1;
            stages.Add(("MaxAbsScaler_" + index, dir => Write(dir, "MaxAbsScalerModel", "MaxAbsScaler_" + index, new Dictionary<string, object> { ["inputCol"] = "c" + index }, None, ("maxAbs", SparkVector.Dense(maxAbs)))));
        }

        // Pipeline.scala SharedReadWrite.getStagePath: "%02d_<uid>" for 11 stages
        string pipeline = WritePipeline(temp.File("eleven"), stages.ToArray());
        Assert.True(Directory.Exists(Path.Combine(pipeline, "stages", "00_MaxAbsScaler_0")));
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "spark", pipeline);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => "c" + i), manifest.Features.Select(f => f.Name));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (NormalizationStep)new MaxAbsStep(i)), manifest.Features.Select(f => f.Steps[0]));
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
