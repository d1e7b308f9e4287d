using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using NormGuard.Tool.Verification;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard import mlnet</c> on whole ML.NET pipelines as people save them: a normalizer in front of a trainer from
/// another ML.NET package (FastTree, LightGbm), trained here with ML.NET and saved with <c>MLContext.Model.Save</c>.
/// The tool runs as its own process from its own build output, which holds neither package, as a user's installed
/// tool does (in this test process the trainers' assemblies are loaded, so an in-process run would not show it).
/// </summary>
public sealed class ImportMLNetPipelineTests(ITestOutputHelper output)
{
    public sealed class Row
    {
        public float Carat { get; set; }

        public float Depth { get; set; }

        public float Table { get; set; }

        public float Price { get; set; }

        /// <summary>Constant in training: ML.NET's zero-scale slot, where a negative input gives −0 on the scalar path and +0 on the vector path.</summary>
        public float Const { get; set; }

        public float Label { get; set; }
    }

    public sealed class Normalized
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];

        public float DepthN { get; set; }

        public float TableN { get; set; }
    }

    public static TheoryData<string> Pipelines => ["fasttree", "lightgbm", "two-normalizers-fasttree", "nested-chain-copy-fasttree"];

    /// <summary>
    /// Expected (written before running the tool): exit 0; the trainer named in a note by its loader and package and not
    /// loaded; one feature per normalized slot or column with ML.NET's names; vector slots marked "mlnetColumn": "vector";
    /// every normalized cell of ML.NET's own transform of the saved model reproduced bit for bit.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pipelines))]
    public void A_trainer_from_another_package_after_the_normalizer_is_not_needed(string pipeline)
    {
        var ml = new MLContext(seed: 7);
        var random = new Random(pipeline.Length);
        Row[] training = Enumerable.Range(0, 400).Select(_ => Training(random)).ToArray();
        IDataView data = ml.Data.LoadFromEnumerable(training);
        ITransformer model = pipeline switch
        {
            "fasttree" => ml.Transforms.Concatenate("Features", "Carat", "Depth", "Table", "Price", "Const")
                .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false))
                .Append(ml.Regression.Trainers.FastTree(numberOfLeaves: 4, numberOfTrees: 5, minimumExampleCountPerLeaf: 5))
                .Fit(data),
            "lightgbm" => ml.Transforms.Concatenate("Features", "Carat", "Depth", "Table", "Price", "Const")
                .Append(ml.Transforms.NormalizeMinMax("Features", fixZero: false))
                .Append(ml.Regression.Trainers.LightGbm(numberOfLeaves: 4, numberOfIterations: 5, minimumExampleCountPerLeaf: 5))
                .Fit(data),
            "nested-chain-copy-fasttree" => Nested(ml, data),
            _ => ml.Transforms.NormalizeMeanVariance("DepthN", "Depth", fixZero: false)
                .Append(ml.Transforms.NormalizeMinMax("TableN", "Table", fixZero: true))
                .Append(ml.Transforms.Concatenate("Features", "Carat", "DepthN", "TableN", "Price", "Const"))
                .Append(ml.Regression.Trainers.FastTree(numberOfLeaves: 4, numberOfTrees: 5, minimumExampleCountPerLeaf: 5))
                .Fit(data),
        };

        using TempDirectory temp = ToolRunner.Temp();
        string zip = temp.File(pipeline + ".zip");
        ml.Model.Save(model, data.Schema, zip);
        ToolResult result = RunInstalledTool("import", "mlnet", zip, "--out", temp.File("m.json"), "--split", "train", "--fitted-at", ImportTestSupport.FittedAt);
        output.WriteLine(result.ToString());

        Assert.Equal(0, result.ExitCode);
        string package = pipeline == "lightgbm" ? "Microsoft.ML.LightGbm" : "Microsoft.ML.FastTree";
        Assert.Contains("not loaded", result.Error, StringComparison.Ordinal);
        Assert.Contains(package, result.Error, StringComparison.Ordinal);
        Assert.Contains("written by ML.NET 6.0.0", result.Error, StringComparison.Ordinal);

        Manifest manifest = Manifest.Load(temp.File("m.json"));
        bool vector = pipeline != "two-normalizers-fasttree";
        string price = pipeline.StartsWith("nested", StringComparison.Ordinal) ? "PriceCopy" : "Price";
        Assert.Equal(vector ? ["Carat", "Depth", "Table", price, "Const"] : ["Depth", "Table"], manifest.Features.Select(f => f.Name));
        Assert.All(manifest.Features, f => Assert.Equal(vector, f.MLNetVectorColumn));

        // ML.NET's own transform of fresh rows (every special value) through the saved model, against the manifest
        Row[] rows = Enumerable.Range(0, 1500).Select(_ => Fresh(random)).ToArray();
        ITransformer reloaded = ml.Model.Load(zip, out _);
        Normalized[] expected = ml.Data.CreateEnumerable<Normalized>(reloaded.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false, ignoreMissingColumns: true).ToArray();
        var interpreter = new ManifestInterpreter(manifest);
        int cells = 0, differ = 0, zeros = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            (float Input, float Want)[] pairs = vector
                ? [(rows[r].Carat, expected[r].Features[0]), (rows[r].Depth, expected[r].Features[1]), (rows[r].Table, expected[r].Features[2]), (rows[r].Price, expected[r].Features[3]), (rows[r].Const, expected[r].Features[4])]
                : [(rows[r].Depth, expected[r].DepthN), (rows[r].Table, expected[r].TableN)];
            for (int f = 0; f < pairs.Length; f++)
            {
                float got = ImportTestSupport.Normalize(interpreter, f, pairs[f].Input);
                cells++;
                zeros += pairs[f].Want == 0f ? 1 : 0;
                if (!ImportTestSupport.SameFloat(pairs[f].Want, got) && ++differ <= 10)
                {
                    output.WriteLine($"row {r} {manifest.Features[f].Name}: input {ImportTestSupport.Bits(pairs[f].Input)}, ML.NET {ImportTestSupport.Bits(pairs[f].Want)}, manifest {ImportTestSupport.Bits(got)}");
                }
            }
        }

        output.WriteLine($"{pipeline}: {cells} cells compared with ML.NET {typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}, {differ} differ, {zeros} zeros");
        Assert.True(zeros > 0, "the rows lost their zero outputs (where the sign of zero can differ)");
        Assert.Equal(0, differ);
    }

    /// <summary>
    /// Expected: a transform in front of the normalizer that changes the values it reads cannot be in a manifest, so the
    /// import fails (exit 1, nothing written) and names that transform; a transform that cannot even be loaded (a
    /// custom mapping whose factory only the training program has) is named by its zip stage and loader.
    /// </summary>
    [Fact]
    public void A_transform_in_front_of_the_normalizer_that_changes_its_input_is_refused_by_name()
    {
        var ml = new MLContext(seed: 3);
        var random = new Random(21);
        IDataView data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 200).Select(_ => Training(random)).ToArray());
        using TempDirectory temp = ToolRunner.Temp();

        string replaced = temp.File("replace-missing.zip");
        ml.Model.Save(
            ml.Transforms.ReplaceMissingValues("Depth", replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean)
                .Append(ml.Transforms.Concatenate("Features", "Carat", "Depth"))
                .Append(ml.Transforms.NormalizeMinMax("Features"))
                .Append(ml.Regression.Trainers.FastTree(numberOfLeaves: 4, numberOfTrees: 3, minimumExampleCountPerLeaf: 5))
                .Fit(data),
            data.Schema,
            replaced);
        ToolResult result = RunInstalledTool("import", "mlnet", replaced, "--out", temp.File("m.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("slot 1 ('Depth')", result.Error, StringComparison.Ordinal);
        Assert.Contains("MissingValueReplacingTransformer", result.Error, StringComparison.Ordinal);
        Assert.Contains("Transform_000", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("m.json")));

        // a transform on another column in front is fine: only the normalizer's inputs matter
        string other = temp.File("other-column.zip");
        ml.Model.Save(
            ml.Transforms.ReplaceMissingValues("Label")
                .Append(ml.Transforms.NormalizeMeanVariance("DepthN", "Depth"))
                .Fit(data),
            data.Schema,
            other);
        result = RunInstalledTool("import", "mlnet", other, "--out", temp.File("m2.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Depth"], Manifest.Load(temp.File("m2.json")).Features.Select(f => f.Name));

        string mapped = temp.File("custom-mapping.zip");
        ml.Model.Save(
            ml.Transforms.CustomMapping<Row, DoubledDepth>((input, result) => result.Depth = input.Depth * 2f, contractName: "DoubleDepth")
                .Append(ml.Transforms.NormalizeMinMax("DepthN", "Depth"))
                .Fit(data),
            data.Schema,
            mapped);
        result = RunInstalledTool("import", "mlnet", mapped, "--out", temp.File("m3.json"));
        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot load stage Transform_000", result.Error, StringComparison.Ordinal);
        Assert.Contains("CustomTransformer (Microsoft.ML.Transforms)", result.Error, StringComparison.Ordinal); // CustomMappingTransformer.LoaderSignature
        Assert.DoesNotContain("target of an invocation", result.Error, StringComparison.Ordinal);
    }

    // the preprocessing fitted as its own chain (with a CopyColumns in front of the Concatenate), then the trainer: the
    // zip's Transform_000 is itself a TransformerChain
    private static ITransformer Nested(MLContext ml, IDataView data)
    {
        ITransformer preprocessing = ml.Transforms.CopyColumns("PriceCopy", "Price")
            .Append(ml.Transforms.Concatenate("Features", "Carat", "Depth", "Table", "PriceCopy", "Const"))
            .Append(ml.Transforms.NormalizeMeanVariance("Features", fixZero: true))
            .Fit(data);
        ITransformer trainer = ml.Regression.Trainers.FastTree(numberOfLeaves: 4, numberOfTrees: 5, minimumExampleCountPerLeaf: 5).Fit(preprocessing.Transform(data));
        return new TransformerChain<ITransformer>(preprocessing, trainer);
    }

    public sealed class DoubledDepth
    {
        public float Depth { get; set; }
    }

    private static Row Training(Random random)
    {
        float carat = 0.2f + (float)random.NextDouble() * 2f;
        return new Row
        {
            Carat = carat,
            Depth = 55f + (float)random.NextDouble() * 10f,
            Table = 50f + (float)random.NextDouble() * 15f,
            Price = 300f + (carat * 4000f) + (float)random.NextDouble() * 500f,
            Const = 1f,
            Label = carat * 3f,
        };
    }

    // values of every magnitude and the special ones; the zero-crossing centers give exact zero outputs
    private static Row Fresh(Random random)
    {
        float[] specials = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, 1e-40f, -1e-40f, float.MaxValue, -float.MaxValue];
        float Pick(Row center, Func<Row, float> field) => random.Next(5) == 0
            ? specials[random.Next(specials.Length)]
            : random.Next(4) == 0 ? field(center) : field(center) * (float)((random.NextDouble() * 4) - 2);
        Row c = Training(random);
        return new Row { Carat = Pick(c, x => x.Carat), Depth = Pick(c, x => x.Depth), Table = Pick(c, x => x.Table), Price = Pick(c, x => x.Price), Const = Pick(c, x => x.Const), Label = c.Label };
    }

    /// <summary>Runs the tool's own build output as a process (<c>dotnet NormGuard.Tool.dll …</c>), as an installed tool runs.</summary>
    private static ToolResult RunInstalledTool(params string[] args)
    {
        string configuration = typeof(ImportMLNetPipelineTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
        string directory = ToolRunner.Repo("src", "NormGuard.Tool", "bin", configuration, "net10.0");
        string dll = Path.Combine(directory, "NormGuard.Tool.dll");
        Assert.True(File.Exists(dll), dll);
        Assert.False(File.Exists(Path.Combine(directory, "Microsoft.ML.FastTree.dll")), "the tool ships FastTree");
        Assert.False(File.Exists(Path.Combine(directory, "Microsoft.ML.LightGbm.dll")), "the tool ships LightGbm");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string standardOutput = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ToolResult(process.ExitCode, standardOutput, error.Result);
    }
}
