using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using NormGuard.Tool.Verification;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard import mlnet</c> against ML.NET itself: the test fits ML.NET's normalizers, saves the model zip, imports it,
/// and compares ML.NET's own transform with the imported manifest's arithmetic (the verify interpreter) bit for bit.
/// Scalar (R4) columns and vector columns must both match exactly: ML.NET's vector path writes every zero as +0 (its
/// buffer builder drops exact zeros), which the importer records as "mlnetColumn": "vector" on each slot's feature.
/// </summary>
public sealed class ImportMLNetTests(ITestOutputHelper output)
{
    private const int Rows = 600;

    public sealed class Input
    {
        public float MeanVar { get; set; }

        public float MeanVarFixZero { get; set; }

        public float MinMax { get; set; }

        public float MinMaxFixZero { get; set; }

        public float Robust { get; set; }

        public float Constant { get; set; }

        [VectorType(5)]
        public float[] Features { get; set; } = [];
    }

    public sealed class Output
    {
        public float MeanVarN { get; set; }

        public float MeanVarFixZeroN { get; set; }

        public float MinMaxN { get; set; }

        public float MinMaxFixZeroN { get; set; }

        public float RobustN { get; set; }

        public float ConstantN { get; set; }

        [VectorType(5)]
        public float[] FeaturesN { get; set; } = [];
    }

    private static readonly string[] Scalars = ["MeanVar", "MeanVarFixZero", "MinMax", "MinMaxFixZero", "Robust", "Constant"];

    // the op each of the 11 imported features is labelled with (--as): the estimator that fitted it
    private const string Labels = "zscore,zscore,minmax,maxabs,robust,zscore,minmax,minmax,minmax,minmax,minmax";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Imported_normalizers_reproduce_ML_NET_transform_bit_for_bit(bool labelled)
    {
        var ml = new MLContext(seed: 3);
        var random = new Random(11);
        Input[] training = Enumerable.Range(0, Rows).Select(_ => Row(random, training: true)).ToArray();
        IDataView data = ml.Data.LoadFromEnumerable(training);
        var pipeline = ml.Transforms.NormalizeMeanVariance("MeanVarN", "MeanVar", fixZero: false)
            .Append(ml.Transforms.NormalizeMeanVariance("MeanVarFixZeroN", "MeanVarFixZero", fixZero: true))
            .Append(ml.Transforms.NormalizeMinMax("MinMaxN", "MinMax", fixZero: false))
            .Append(ml.Transforms.NormalizeMinMax("MinMaxFixZeroN", "MinMaxFixZero", fixZero: true))
            .Append(ml.Transforms.NormalizeRobustScaling("RobustN", "Robust"))
            .Append(ml.Transforms.NormalizeMeanVariance("ConstantN", "Constant", fixZero: false))
            .Append(ml.Transforms.NormalizeMinMax("FeaturesN", "Features", fixZero: false));
        ITransformer model = pipeline.Fit(data);

        using TempDirectory temp = ToolRunner.Temp();
        string zip = temp.File("normalizers.zip");
        ml.Model.Save(model, data.Schema, zip);
        string[] args = ["mlnet", zip, "--feature-set", "mlnet_import", .. labelled ? ["--as", Labels] : Array.Empty<string>()];
        Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), args);

        Assert.Equal(NormalizationProfile.MLNet, manifest.Profile);
        Assert.Equal(ManifestDType.Float32, manifest.DType);
        Assert.Equal("mlnet_import", manifest.FeatureSet);
        Assert.All(manifest.Features, f => Assert.Equal(MissingValuePolicy.Propagate, f.Missing));
        Assert.Equal([.. Scalars, "Features_0", "Features_1", "Features_2", "Features_3", "Features_4"], manifest.Features.Select(f => f.Name));

        // which path ML.NET runs: the scalar columns' arithmetic, or the vector column's (every zero +0)
        Assert.Equal(Scalars.Select(_ => false).Concat(Enumerable.Repeat(true, 5)), manifest.Features.Select(f => f.MLNetVectorColumn));
        Assert.Equal(0d, manifest.Features[^1].Steps[0] switch { ZScoreStep z => z.Std, MinMaxStep m => m.Max - m.Min, _ => double.NaN }); // the constant slot
        if (labelled)
        {
            Assert.Equal(Labels.Split(','), manifest.Features.Select(f => f.Steps[0].Op));
        }
        else
        {
            Assert.All(manifest.Features, f => Assert.IsType<ZScoreStep>(f.Steps[0]));
        }

        // the constant column: ML.NET's zero-variance convention (scale 0)
        Assert.Equal(0d, manifest.Features[5].Steps[0] switch { ZScoreStep z => z.Std, _ => double.NaN });

        // ML.NET's transform of fresh rows with every special value, against the manifest arithmetic
        Input[] rows = Enumerable.Range(0, 2000).Select(_ => Row(random, training: false)).ToArray();
        Output[] expected = ml.Data.CreateEnumerable<Output>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToArray();
        var interpreter = new ManifestInterpreter(manifest);

        // the same parameters on ML.NET's scalar path (the marker removed): where it writes -0 the vector path writes +0
        var scalarPath = new ManifestInterpreter(new Manifest
        {
            FeatureSet = manifest.FeatureSet,
            Version = manifest.Version,
            Profile = manifest.Profile,
            DType = manifest.DType,
            Features = manifest.Features.Select(f => new FeatureManifest { Name = f.Name, Steps = f.Steps, Missing = f.Missing }).ToArray(),
        });
        // show says which path each feature follows; diff reports a changed path
        ToolResult shown = ToolRunner.Run("show", temp.File("m.json"));
        Assert.Contains("(ML.NET vector column)", shown.Output, StringComparison.Ordinal);
        string unmarked = temp.File("unmarked.json");
        new Manifest { FeatureSet = manifest.FeatureSet, Version = manifest.Version, Profile = manifest.Profile, DType = manifest.DType, Fit = manifest.Fit, Features = scalarPath.Manifest.Features }.Save(unmarked);
        ToolResult diff = ToolRunner.Run("diff", temp.File("m.json"), unmarked);
        output.WriteLine(diff.ToString());
        Assert.Contains("mlnetColumn vector -> scalar", diff.Output, StringComparison.Ordinal);

        int exact = 0, other = 0, negativeZero = 0, vectorZeroCases = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            float[] inputs = [rows[r].MeanVar, rows[r].MeanVarFixZero, rows[r].MinMax, rows[r].MinMaxFixZero, rows[r].Robust, rows[r].Constant, .. rows[r].Features];
            float[] want = [expected[r].MeanVarN, expected[r].MeanVarFixZeroN, expected[r].MinMaxN, expected[r].MinMaxFixZeroN, expected[r].RobustN, expected[r].ConstantN, .. expected[r].FeaturesN];
            for (int f = 0; f < inputs.Length; f++)
            {
                float got = ImportTestSupport.Normalize(interpreter, f, inputs[f]);
                bool vector = f >= Scalars.Length;
                negativeZero += !vector && BitConverter.SingleToInt32Bits(want[f]) == unchecked((int)0x80000000) ? 1 : 0;
                vectorZeroCases += vector && BitConverter.SingleToInt32Bits(ImportTestSupport.Normalize(scalarPath, f, inputs[f])) == unchecked((int)0x80000000) ? 1 : 0;
                if (ImportTestSupport.SameFloat(want[f], got))
                {
                    exact++;
                }
                else if (++other <= 10)
                {
                    output.WriteLine($"row {r} {manifest.Features[f].Name}: input {ImportTestSupport.Bits(inputs[f])}, ML.NET {ImportTestSupport.Bits(want[f])}, manifest {ImportTestSupport.Bits(got)} ({string.Join(" ", interpreter.Features[f].Ops)})");
                }
            }
        }

        output.WriteLine($"{rows.Length} rows x {manifest.Features.Count}: {exact} bit-identical, {other} differ; scalar -0 outputs: {negativeZero}; vector cells where the scalar path would write -0: {vectorZeroCases}");
        Assert.True(vectorZeroCases > 0, "the vector inputs lost the cases where ML.NET's vector path differs from its scalar path");
        Assert.True(negativeZero > 0, "the inputs lost their -0 cases");
        Assert.Equal(0, other);
    }

    [Fact]
    public void Slot_names_of_a_concatenated_vector_name_the_features()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(5);
        Input[] training = Enumerable.Range(0, 100).Select(_ => Row(random, training: true)).ToArray();
        IDataView data = ml.Data.LoadFromEnumerable(training);
        var pipeline = ml.Transforms.Concatenate("Assembled", "MeanVar", "MinMax", "Robust")
            .Append(ml.Transforms.NormalizeMeanVariance("AssembledN", "Assembled"));
        ITransformer model = pipeline.Fit(data);
        using TempDirectory temp = ToolRunner.Temp();
        string zip = temp.File("assembled.zip");
        ml.Model.Save(model, data.Schema, zip);
        ToolResult result = ToolRunner.Run("import", "mlnet", zip, "--out", temp.File("m.json"), "--split", "train");
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ColumnConcatenatingTransformer", result.Error, StringComparison.Ordinal);
        Manifest manifest = Manifest.Load(temp.File("m.json"));
        Assert.Equal(["MeanVar", "MinMax", "Robust"], manifest.Features.Select(f => f.Name));
        Assert.All(manifest.Features, f => Assert.Equal(0d, ((ZScoreStep)f.Steps[0]).Mean)); // fixZero: true, ML.NET's default
    }

    [Fact]
    public void Unsupported_normalizers_are_input_errors_naming_the_column()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(6);
        IDataView data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 100).Select(_ => Row(random, training: true)).ToArray());
        using TempDirectory temp = ToolRunner.Temp();

        string log = temp.File("log.zip");
        ml.Model.Save(ml.Transforms.NormalizeLogMeanVariance("RobustN", "Robust").Fit(data), data.Schema, log);
        ToolResult result = ToolRunner.Run("import", "mlnet", log, "--out", temp.File("m.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("column 'Robust'", result.Error, StringComparison.Ordinal);
        Assert.Contains("not an affine", result.Error, StringComparison.Ordinal);

        IDataView doubles = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new DoubleInput { Value = i * 0.5 }).ToArray());
        string r8 = temp.File("r8.zip");
        ml.Model.Save(ml.Transforms.NormalizeMinMax("ValueN", "Value").Fit(doubles), doubles.Schema, r8);
        result = ToolRunner.Run("import", "mlnet", r8, "--out", temp.File("m.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("column 'Value' is a double (R8) column", result.Error, StringComparison.Ordinal);

        System.IO.File.WriteAllText(temp.File("not-a-model.zip"), "hello");
        result = ToolRunner.Run("import", "mlnet", temp.File("not-a-model.zip"), "--out", temp.File("m.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not-a-model.zip: not a loadable ML.NET model", result.Error, StringComparison.Ordinal);

        result = ToolRunner.Run("import", "mlnet", log, "--as", "maxabs", "--out", temp.File("m.json"));
        Assert.Equal(1, result.ExitCode);
    }

    public sealed class DoubleInput
    {
        public double Value { get; set; }
    }

    private static Input Row(Random random, bool training)
    {
        float Special(float center, float spread)
        {
            if (training || random.Next(6) != 0)
            {
                return center + (spread * (float)((random.NextDouble() * 2) - 1) * (training ? 1 : (float)Math.Pow(10, random.Next(0, 4))));
            }

            float[] specials = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -float.MaxValue, float.Epsilon, -float.Epsilon, center, -center, 1e-30f, -1e30f];
            return specials[random.Next(specials.Length)];
        }

        return new Input
        {
            MeanVar = Special(5f, 2f),
            MeanVarFixZero = Special(-3f, 0.5f),
            MinMax = Special(50f, 15f),
            MinMaxFixZero = Special(-7f, 4f),
            Robust = Special(100f, 25f),
            Constant = training ? 3.7f : Special(3.7f, 1f),
            Features = [Special(1e-3f, 1e-5f), Special(20000f, 3f), Special(0f, 1f), Special(-1f, 1e4f), training ? 2.5f : Special(2.5f, 1f)],
        };
    }
}
