using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>
/// A record with a vector member run through the generator, compiled with every warning counted, and loaded, so that
/// a test can call the generated Normalize/Denormalize through the small probe the source declares.
/// </summary>
internal sealed class CompiledVectorRecord
{
    /// <summary>Calls the generated members with arrays (a span cannot go through reflection).</summary>
    public const string Probe = """

        public static class Probe
        {
            public static float[] Normalize(Search.Doc doc)
            {
                var output = new float[Search.Doc.Width];
                doc.Normalize(output);
                return output;
            }

            public static float[] NormalizeBatch(Search.Doc[] docs)
            {
                var output = new float[docs.Length * Search.Doc.Width];
                Search.Doc.NormalizeBatch(docs, output);
                return output;
            }

            public static double[] ReadInputs(Search.Doc doc)
            {
                var inputs = new double[Search.Doc.InputCount];
                doc.ReadInputs(inputs);
                return inputs;
            }

            public static Search.Doc Denormalize(float[] source) => Search.Doc.Denormalize(source);
        }
        """;

    private CompiledVectorRecord(GenerationRun run, Assembly assembly)
    {
        Run = run;
        Assembly = assembly;
    }

    public GenerationRun Run { get; }

    public Assembly Assembly { get; }

    public string Source => Run.AllSources.Single();

    public static CompiledVectorRecord Create(string source, string manifest)
    {
        GenerationRun run = GeneratorHost.Run(source + Probe, ("/project/docs.normguard.json", manifest));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));

        // The generated file compiles without a single warning (TreatWarningsAsErrors in a user's project).
        Diagnostic[] generatedProblems = [.. run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        Assert.True(generatedProblems.Length == 0, string.Join(Environment.NewLine, generatedProblems.Select(d => d.ToString())));

        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return new CompiledVectorRecord(run, Assembly.Load(image.ToArray()));
    }

    public Type Doc => Assembly.GetType("Search.Doc", throwOnError: true)!;

    public object NewDoc(float score, object? embedding)
    {
        object doc = Activator.CreateInstance(Doc)!;
        Doc.GetProperty("Score")!.SetValue(doc, score);
        Doc.GetProperty("Embedding")!.SetValue(doc, embedding);
        return doc;
    }

    public object? Call(string method, params object?[] arguments)
    {
        try
        {
            return Assembly.GetType("Search.Probe", throwOnError: true)!.GetMethod(method)!.Invoke(null, arguments);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }
    }

    public float[] Normalize(object doc) => (float[])Call("Normalize", doc)!;

    public int Width => (int)Doc.GetField("Width")!.GetValue(null)!;

    public int InputCount => (int)Doc.GetField("InputCount")!.GetValue(null)!;
}
