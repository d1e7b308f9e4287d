using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using NormGuard.Internal;
using NormGuard.Manifests;
using NormGuard.Tool.Verification;
using Xunit;
using Xunit.Abstractions;
using static NormGuard.Tool.Tests.SparkModelWriter;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard import spark</c> against Spark's transform as transcribed, outside this code, by
/// <c>Data/spark/make_spark_transform_reference.py</c> (each model's Scala transform, line by line, in Python doubles):
/// every scaler model type, every withMean/withStd/withCentering/withScaling combination, dense and compressed (sparse)
/// vectors, saved as Spark 3.0 … 3.5 save them — alone, in a PipelineModel saved from Scala and in one saved by PySpark's
/// own writer, each scaler behind a VectorAssembler that names its features.
/// </summary>
public sealed class ImportSparkReferenceTests(ITestOutputHelper output)
{
    private static readonly Lazy<Case[]> Cases = new(LoadCases);

    public static TheoryData<string> Versions() => new(Spark3Versions);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_scaler_model_saved_alone_by_this_Spark_version_transforms_as_Spark_does(string sparkVersion)
    {
        using TempDirectory temp = ToolRunner.Temp();
        int compared = 0, mismatched = 0;
        foreach (Case c in Cases.Value)
        {
            string model = WriteCase(sparkVersion, temp.File(c.Name), c);
            string metadata = File.ReadAllText(Path.Combine(model, "metadata", "part-00000"));
            Assert.Contains($"\"sparkVersion\":\"{sparkVersion}\"", metadata, StringComparison.Ordinal);
            if (c.Class == "MinMaxScalerModel")
            {
                Assert.Contains("\"min\":0.0,\"max\":1.0", metadata, StringComparison.Ordinal); // json4s's rendering of the defaults
            }

            Manifest manifest = ImportTestSupport.Import(output.WriteLine, temp.File(c.Name + ".json"), "spark", model);
            Assert.Equal(Enumerable.Range(0, c.Outputs.Length).Select(i => $"in_{c.Name}_{i}"), manifest.Features.Select(f => f.Name));
            (int n, int bad) = CompareCase(manifest, 0, c);
            compared += n;
            mismatched += bad;
        }

        output.WriteLine($"Spark {sparkVersion}: {Cases.Value.Length} model directories, {compared} values compared with the transcription: {mismatched} differ");
        Assert.Equal(0, mismatched);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_scaler_model_in_a_Scala_and_a_Python_PipelineModel_of_this_Spark_version_is_named_by_its_VectorAssembler(string sparkVersion)
    {
        using TempDirectory temp = ToolRunner.Temp();
        var stages = new List<(string Uid, Action<string> Write)>();
        foreach (Case c in Cases.Value)
        {
            string assembler = "vecAssembler_" + Uid("va" + c.Name); // VectorAssembler: Identifiable.randomUID("vecAssembler")
            string[] inputs = Enumerable.Range(0, c.Outputs.Length).Select(i => $"{c.Name}_{i}").ToArray();
            stages.Add((assembler, dir => WriteMetadata(dir, "org.apache.spark.ml.feature.VectorAssembler", assembler,
                new Dictionary<string, object> { ["inputCols"] = inputs, ["outputCol"] = "in_" + c.Name },
                new Dictionary<string, object> { ["handleInvalid"] = "error", ["outputCol"] = assembler + "__output" }, sparkVersion)));
            stages.Add((c.Uid, dir => WriteCase(sparkVersion, dir, c)));
        }

        string scala = WritePipelineVersion(sparkVersion, temp.File("scala"), stages.ToArray());
        stages.Insert(0, ("Clipper_" + Uid("py"), dir => WriteMetadata(dir, "__main__.Clipper", "Clipper_" + Uid("py"), new Dictionary<string, object>(), new Dictionary<string, object>(), sparkVersion)));
        string python = WritePythonPipelineVersion(sparkVersion, temp.File("python"), stages.ToArray());
        string[] expectedNames = Cases.Value.SelectMany(c => Enumerable.Range(0, c.Outputs.Length).Select(i => $"{c.Name}_{i}")).ToArray();

        int compared = 0, mismatched = 0;
        foreach (string pipeline in new[] { scala, python })
        {
            Manifest manifest = ImportTestSupport.Import(output.WriteLine, pipeline + ".json", "spark", pipeline);
            Assert.Equal(expectedNames, manifest.Features.Select(f => f.Name));
            int first = 0;
            foreach (Case c in Cases.Value)
            {
                (int n, int bad) = CompareCase(manifest, first, c);
                compared += n;
                mismatched += bad;
                first += c.Outputs.Length;
            }
        }

        output.WriteLine($"Spark {sparkVersion}: 2 pipelines of {Cases.Value.Length} scalers, {compared} values compared with the transcription: {mismatched} differ");
        Assert.Equal(0, mismatched);
    }

    /// <summary>The case's model directory as Spark <paramref name="sparkVersion"/> saves it (metadata and data as the reference stores them).</summary>
    private static string WriteCase(string sparkVersion, string directory, Case c)
    {
        var paramMap = new Dictionary<string, object>(c.ParamMap) { ["inputCol"] = "in_" + c.Name, ["outputCol"] = "out_" + c.Name };
        var defaults = new Dictionary<string, object>(c.DefaultParamMap) { ["outputCol"] = c.Uid + "__output" };
        return WriteVersion(sparkVersion, directory, c.Class, c.Uid, paramMap, defaults, c.Data);
    }

    private (int Compared, int Mismatched) CompareCase(Manifest manifest, int first, Case c)
    {
        var interpreter = new ManifestInterpreter(manifest);
        int compared = 0, mismatched = 0;
        for (int slot = 0; slot < c.Outputs.Length; slot++)
        {
            FeatureProgram program = interpreter.Features[first + slot];
            Assert.Equal(Precision.Float64, program.Precision);
            for (int n = 0; n < c.Inputs.Length; n++)
            {
                double x = c.Inputs[n], spark = c.Outputs[slot][n];

                // What NormGuard writes (a float: Spark's double rounded once), and, stricter, the double the profile's
                // operations compute before that rounding, which must be Spark's double bit for bit.
                float want = (float)spark;
                float got = ImportTestSupport.Normalize(interpreter, first + slot, x);
                double wide = double.IsNaN(x) ? x : Float64(program.Ops, x);
                compared += 2;
                bool sameFloat = ImportTestSupport.SameFloat(want, got);
                bool sameDouble = BitConverter.DoubleToInt64Bits(wide) == BitConverter.DoubleToInt64Bits(spark) || (double.IsNaN(wide) && double.IsNaN(spark));
                mismatched += (sameFloat ? 0 : 1) + (sameDouble ? 0 : 1);
                if ((!sameFloat || !sameDouble) && mismatched <= 10)
                {
                    output.WriteLine($"{c.Name}[{slot}]({x:R}): Spark {spark:R} / {ImportTestSupport.Bits(want)}, manifest {wide:R} / {ImportTestSupport.Bits(got)} ({string.Join(" ", program.Ops)})");
                }
            }
        }

        return (compared, mismatched);
    }

    /// <summary>The profile's operations in double, each rounded to double as the generated float64 code computes them.</summary>
    private static double Float64(ReadOnlySpan<ArithStep> ops, double x)
    {
        foreach (ArithStep op in ops)
        {
            x = op.Op switch
            {
                ArithOp.Sub => x - op.Operand,
                ArithOp.Mul => x * op.Operand,
                ArithOp.Div => x / op.Operand,
                ArithOp.Add => x + op.Operand,
                ArithOp.ConstantUnlessNaN => double.IsNaN(x) ? x : op.Operand,
                _ => throw new InvalidOperationException($"a scaler's program has {op}"),
            };
        }

        return x;
    }

    private sealed record Case(string Name, string Class, string Uid, Dictionary<string, object> ParamMap, Dictionary<string, object> DefaultParamMap,
        (string Column, SparkVector Vector)[] Data, double[] Inputs, double[][] Outputs);

    // Identifiable.randomUID(prefix) of each estimator ("stdScal", "minMaxScal", "maxAbsScal", "robustScal"): the model keeps its estimator's uid
    private static readonly Dictionary<string, string> UidPrefix = new()
    {
        ["StandardScalerModel"] = "stdScal", ["MinMaxScalerModel"] = "minMaxScal", ["MaxAbsScalerModel"] = "maxAbsScal", ["RobustScalerModel"] = "robustScal",
    };

    private static Case[] LoadCases()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(ImportTestSupport.Data("spark", "spark_transform_reference.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c =>
        {
            string name = c.GetProperty("name").GetString()!;
            string cls = c.GetProperty("class").GetString()!;
            return new Case(
                name,
                cls,
                UidPrefix[cls] + "_" + Uid(name),
                Params(c.GetProperty("paramMap")),
                Params(c.GetProperty("defaultParamMap")),
                c.GetProperty("data").EnumerateObject().Select(column => (column.Name, Vector(column.Value))).ToArray(),
                c.GetProperty("inputs").EnumerateArray().Select(Double).ToArray(),
                c.GetProperty("outputs").EnumerateArray().Select(slot => slot.EnumerateArray().Select(Double).ToArray()).ToArray());
        }).ToArray();
    }

    private static SparkVector Vector(JsonElement stored)
    {
        double[] values = stored.GetProperty("values").EnumerateArray().Select(Double).ToArray();
        return stored.GetProperty("type").GetInt32() == 1
            ? SparkVector.Dense(values)
            : new SparkVector(values, stored.GetProperty("size").GetInt32(), stored.GetProperty("indices").EnumerateArray().Select(i => i.GetInt32()).ToArray());
    }

    private static double Double(JsonElement hex) => BitConverter.Int64BitsToDouble(long.Parse(hex.GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    // booleans and numbers, as DefaultParamsWriter writes them (json4s: true/false, doubles)
    private static Dictionary<string, object> Params(JsonElement map) => map.EnumerateObject().ToDictionary(
        p => p.Name,
        p => p.Value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => (object)p.Value.GetDouble(),
            _ => p.Value.GetString()!,
        });
}
