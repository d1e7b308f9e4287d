using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>
/// The contract of issue 15's "one home for each profile's arithmetic": the generator and the runtime derive a profile's
/// offsets and scales with one source file (src/Shared/ProfileArithmetic.cs), so the code the generator emits and the
/// runtime's scalar program (<c>Internal/StepProgram</c>, which <c>normguard verify</c> and the adaptive normalizer run)
/// write the same float for every input, bit for bit, on every profile, dtype and step kind, edge parameters included.
/// </summary>
public sealed class SharedArithmeticContractTests
{
    private static readonly NormalizationProfile[] Profiles =
        [NormalizationProfile.NormGuard, NormalizationProfile.ScikitLearn, NormalizationProfile.Onnx, NormalizationProfile.MLNet, NormalizationProfile.Spark];

    /// <summary>One swept feature: its steps as manifest JSON and as the record's attributes.</summary>
    private sealed record SweptFeature(string Json, string Attributes, bool ZeroScale = false, bool MLNetVector = false);

    [Fact]
    public void StepProgram_WritesWhatTheGeneratedCodeWrites_ForEveryProfileDTypeAndStepKind()
    {
        var sources = new StringBuilder("using System;\nusing NormGuard;\n\nnamespace Sweep;\n");
        var manifests = new List<(string Path, string Text)>();
        var cases = new List<(string Id, NormalizationProfile Profile, string DType, SweptFeature[] Features)>();
        foreach (NormalizationProfile profile in Profiles)
        {
            foreach (string dtype in new[] { "float32", "float64" })
            {
                string id = ProfileName(profile) + "_" + dtype;
                SweptFeature[] features = Features(profile).ToArray();
                cases.Add((id, profile, dtype, features));
                manifests.Add(("/sweep/" + id + ".normguard.json", ManifestJson(id, profile, dtype, features)));
                sources.Append(RecordAndDriver(id, dtype == "float32" ? "float" : "double", features));
            }
        }

        GenerationRun run = GeneratorHost.Run(sources.ToString(), [.. manifests]);
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.CompileErrors);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        Assembly consumer = Assembly.Load(image.ToArray());

        Type stepProgram = typeof(FeatureSetAttribute).Assembly.GetType("NormGuard.Internal.StepProgram", throwOnError: true)!;
        ConstructorInfo create = stepProgram.GetConstructor([typeof(IReadOnlyList<NormalizationStep>), typeof(NormalizationProfile), typeof(ManifestDType), typeof(bool)])!;
        MethodInfo apply = stepProgram.GetMethod("Apply", [typeof(double)])!;

        double[] inputs = Inputs();
        long compared = 0, negativeZeros = 0, nans = 0;
        foreach ((string id, NormalizationProfile profile, string dtype, SweptFeature[] features) in cases)
        {
            Manifest manifest = Manifest.Parse(manifests.Single(m => m.Path.EndsWith("/" + id + ".normguard.json", StringComparison.Ordinal)).Text);
            Assert.Equal(profile, manifest.Profile);
            Assert.Equal(features.Length, manifest.Features.Count);
            float[] generated = new float[inputs.Length * features.Length];
            consumer.GetType("Sweep.Driver_" + id, throwOnError: true)!.GetMethod("Normalize")!.Invoke(null, [inputs, generated]);

            for (int f = 0; f < features.Length; f++)
            {
                FeatureManifest feature = manifest.Features[f];
                Assert.Equal(features[f].MLNetVector, feature.MLNetVectorColumn);
                object program = create.Invoke([feature.Steps, manifest.Profile, manifest.DType, feature.MLNetVectorColumn]);
                for (int r = 0; r < inputs.Length; r++)
                {
                    // the value as the record's member holds it
                    double input = dtype == "float32" ? (float)inputs[r] : inputs[r];
                    float interpreted = (float)apply.Invoke(program, [input])!;
                    float expected = generated[(r * features.Length) + f];
                    Assert.True(
                        BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(interpreted),
                        $"{id} feature {feature.Name} ({features[f].Json}) input {input.ToString("R", CultureInfo.InvariantCulture)}: generated 0x{BitConverter.SingleToInt32Bits(expected):x8} ({expected.ToString("R", CultureInfo.InvariantCulture)}), StepProgram 0x{BitConverter.SingleToInt32Bits(interpreted):x8} ({interpreted.ToString("R", CultureInfo.InvariantCulture)})");
                    compared++;
                    negativeZeros += BitConverter.SingleToInt32Bits(expected) == unchecked((int)0x80000000) ? 1 : 0;
                    nans += float.IsNaN(expected) ? 1 : 0;
                }
            }
        }

        // The sweep reaches what it is for: both signs of zero and NaN among the outputs, every case compared.
        Assert.Equal(cases.Sum(c => c.Features.Length) * (long)inputs.Length, compared);
        Assert.True(negativeZeros > 100, $"only {negativeZeros} outputs of −0");
        Assert.True(nans > 100, $"only {nans} NaN outputs");
    }

    /// <summary>
    /// Both shipped assemblies hold the derivation as the same types from the same source file, and neither keeps a copy
    /// of its own: reflection finds <c>ProfileArithmetic</c>, <c>ArithStep</c>, <c>ArithOp</c> and <c>Precision</c> once
    /// per assembly, in the shared namespace, and each assembly's debug information maps <c>ProfileArithmetic.Plan</c> to
    /// src/Shared/ProfileArithmetic.cs.
    /// </summary>
    [Fact]
    public void Generator_and_runtime_compile_the_one_derivation_from_src_Shared()
    {
        Assembly generator = typeof(NormGuardGenerator).Assembly;
        Assembly runtime = typeof(FeatureSetAttribute).Assembly;
        foreach (Assembly assembly in new[] { generator, runtime })
        {
            foreach (string name in new[] { "ProfileArithmetic", "ArithStep", "ArithOp", "Precision" })
            {
                Type[] found = assembly.GetTypes().Where(t => t.Name == name).ToArray();
                Assert.True(found.Length == 1 && found[0].FullName == "NormGuard.Manifests." + name, $"{assembly.GetName().Name}: {name} is {string.Join(", ", found.Select(t => t.FullName))}");
            }

            Type arithmetic = assembly.GetType("NormGuard.Manifests.ProfileArithmetic", throwOnError: true)!;
            MethodInfo plan = arithmetic.GetMethod("Plan", BindingFlags.Public | BindingFlags.Static)!;
            string document = SourceDocument(assembly, plan);
            Assert.True(document.Replace('\\', '/').EndsWith("src/Shared/ProfileArithmetic.cs", StringComparison.Ordinal), $"{assembly.GetName().Name}: ProfileArithmetic.Plan is compiled from {document}");
        }

        // The enums are one definition: the same members with the same values (the generator's models and the runtime's
        // interpreter switch on them).
        foreach (string name in new[] { "ArithOp", "Precision" })
        {
            Type a = generator.GetType("NormGuard.Manifests." + name, throwOnError: true)!;
            Type b = runtime.GetType("NormGuard.Manifests." + name, throwOnError: true)!;
            Assert.Equal(Enum.GetNames(a).Zip(Enum.GetValues(a).Cast<int>()), Enum.GetNames(b).Zip(Enum.GetValues(b).Cast<int>()));
        }
    }

    // The source file a method's first sequence point names, from the assembly's portable PDB beside it.
    private static string SourceDocument(Assembly assembly, MethodInfo method)
    {
        string pdb = Path.ChangeExtension(assembly.Location, ".pdb");
        Assert.True(File.Exists(pdb), "no debug information beside " + assembly.Location);
        using var stream = File.OpenRead(pdb);
        using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(stream);
        MetadataReader reader = provider.GetMetadataReader();
        var handle = (MethodDefinitionHandle)MetadataTokens.Handle(method.MetadataToken);
        MethodDebugInformation debug = reader.GetMethodDebugInformation(handle.ToDebugInformationHandle());
        DocumentHandle document = debug.Document.IsNil ? debug.GetSequencePoints().First().Document : debug.Document;
        return reader.GetString(reader.GetDocument(document).Name);
    }

    // Every step kind, with ordinary, short-reciprocal, huge, −0 and zero-scale (constant feature) parameters. onnx has no
    // zero scale: f32(1/0) is infinite, NG0011 refuses it and nothing is generated.
    private static IEnumerable<SweptFeature> Features(NormalizationProfile profile)
    {
        var features = new List<SweptFeature>
        {
            new("""[ { "op": "zscore", "mean": 3.7, "std": 1.3 } ]""", "[ZScore]"),
            new("""[ { "op": "zscore", "mean": 1000000.25, "std": 1.1428571428571428 } ]""", "[ZScore]"),
            new("""[ { "op": "zscore", "mean": -0, "std": 1 } ]""", "[ZScore]"),
            new("""[ { "op": "zscore", "mean": -0, "std": -0.25 } ]""", "[ZScore]"),
            new("""[ { "op": "zscore", "mean": 0, "std": 0.875 } ]""", "[ZScore]"),
            new("""[ { "op": "zscore", "mean": 5, "std": 0 } ]""", "[ZScore]", ZeroScale: true),
            new("""[ { "op": "robust", "center": 2, "scale": 0.75 } ]""", "[Robust]"),
            new("""[ { "op": "robust", "center": 1, "scale": 0 } ]""", "[Robust]", ZeroScale: true),
            new("""[ { "op": "maxabs", "maxabs": 4.5 } ]""", "[MaxAbs]"),
            new("""[ { "op": "maxabs", "maxabs": 0 } ]""", "[MaxAbs]", ZeroScale: true),
            new("""[ { "op": "minmax", "min": 0.5, "max": 9.5 } ]""", "[MinMax]"),
            new("""[ { "op": "minmax", "min": 3, "max": 3 } ]""", "[MinMax]"),
            new("""[ { "op": "minmax", "min": 1, "max": 1.000000000000001 } ]""", "[MinMax]"),
            new("""[ { "op": "minmax", "min": -0, "max": 0.001 } ]""", "[MinMax]"),
            new("""[ { "op": "minmax", "min": -2, "max": 6, "low": -1, "high": 1, "clip": true } ]""", "[MinMax(-1, 1, Clip = true)]"),
            new("""[ { "op": "minmax", "min": 4, "max": 4, "low": 2, "high": 5, "clip": true } ]""", "[MinMax(2, 5, Clip = true)]"),
            new("""[ { "op": "log1p" }, { "op": "zscore", "mean": 1.2, "std": 0.45 } ]""", "[Log1p, ZScore]"),
            new("""[ { "op": "log" }, { "op": "minmax", "min": 0, "max": 3 } ]""", "[Log, MinMax]"),
            new("""[ { "op": "zscore", "mean": 20, "std": 2.9 }, { "op": "clip", "min": -3, "max": 3 } ]""", "[ZScore, Clip(-3, 3)]"),
        };
        if (profile == NormalizationProfile.Onnx)
        {
            features.RemoveAll(f => f.ZeroScale);
        }

        if (profile == NormalizationProfile.MLNet)
        {
            features.AddRange(features.ToArray().Select(f => f with { MLNetVector = true }));
        }

        return features;
    }

    // Zeros of both signs, infinities, subnormals, the parameters themselves and their neighbours, the extremes of float,
    // and random values over many magnitudes. No NaN: NaN is a missing value, which the missing policy handles first.
    private static double[] Inputs()
    {
        var values = new List<double> { 0d, -0d, 1d, -1d, double.PositiveInfinity, double.NegativeInfinity, 1e-45, -1e-45, 1e-40, 1.17549435e-38, float.MaxValue, -float.MaxValue, 1e300, -1e300 };
        foreach (double p in new[] { 3.7, 1.3, 1000000.25, 1.1428571428571428, 0.25, 0.875, 5, 2, 0.75, 4.5, 0.5, 9.5, 3, 1.000000000000001, 0.001, 6, 4, 1.2, 0.45, 20, 2.9 })
        {
            values.AddRange([p, -p, Math.BitIncrement(p), Math.BitDecrement(p), (double)MathF.BitIncrement((float)p), (double)MathF.BitDecrement((float)p)]);
        }

        var random = new Random(15);
        for (int i = 0; i < 400; i++)
        {
            values.Add((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 8)));
            values.Add(Math.Round((random.NextDouble() - 0.5) * 40)); // integers, which hit exact zeros after an offset
        }

        return [.. values];
    }

    private static string RecordAndDriver(string id, string memberType, SweptFeature[] features)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\n[FeatureSet(\"{id}\")]\npublic partial record struct Row_{id}\n{{\n");
        for (int f = 0; f < features.Length; f++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {features[f].Attributes} public {memberType} F{f} {{ get; init; }}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"}}\n\npublic static class Driver_{id}\n{{\n    public static void Normalize(double[] values, float[] outputs)\n    {{\n");
        text.Append("        for (int i = 0; i < values.Length; i++)\n        {\n");
        text.Append(CultureInfo.InvariantCulture, $"            var row = new Row_{id} {{ ");
        text.Append(string.Join(", ", Enumerable.Range(0, features.Length).Select(f => $"F{f} = ({memberType})values[i]")));
        text.Append(CultureInfo.InvariantCulture, $" }};\n            row.Normalize(outputs.AsSpan(i * Row_{id}.Width, Row_{id}.Width));\n        }}\n    }}\n}}\n");
        return text.ToString();
    }

    // Written by hand, not with Manifest.ToJson: the canonical form writes −0 as 0, and the −0 parameters are the point.
    private static string ManifestJson(string id, NormalizationProfile profile, string dtype, SweptFeature[] features)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""{ "format": "normguard.manifest/1", "featureSet": "{{id}}", "version": 1, "profile": "{{ProfileName(profile)}}", "dtype": "{{dtype}}", "fit": { "split": "train", "rows": 100 }, "features": [""");
        text.AppendJoin(",", features.Select((f, i) => $$"""{ "name": "F{{i}}", "steps": {{f.Json}}{{(f.MLNetVector ? ", \"mlnetColumn\": \"vector\"" : string.Empty)}} }"""));
        text.Append("] }");
        return text.ToString();
    }

    private static string ProfileName(NormalizationProfile profile) => profile switch
    {
        NormalizationProfile.ScikitLearn => "sklearn",
        NormalizationProfile.MLNet => "mlnet",
        _ => profile.ToString().ToLowerInvariant(),
    };
}
