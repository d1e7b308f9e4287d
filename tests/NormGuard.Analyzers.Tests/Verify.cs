using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace NormGuard.Analyzers.Tests;

/// <summary>Runs one analyzer (and optionally its code fix) over sources with <c>{|NG0004:...|}</c> markup.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzerAsync(string source, params (string Path, string Text)[] additionalFiles) =>
        Test(source, additionalFiles).RunAsync(CancellationToken.None);

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Test(string source, params (string Path, string Text)[] additionalFiles)
    {
        // NG0006 has two descriptors (per method as you type, across methods at compilation end): markup means the first.
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source, MarkupOptions = MarkupOptions.UseFirstDescriptor };
        Configure(test.TestState, additionalFiles);
        return test;
    }

    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource, params (string Path, string Text)[] additionalFiles)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource };
        Configure(test.TestState, additionalFiles);
        Configure(test.FixedState, additionalFiles);
        return test.RunAsync(CancellationToken.None);
    }

    private static void Configure(SolutionState state, (string Path, string Text)[] additionalFiles)
    {
        state.ReferenceAssemblies = References.Net80;
        state.AdditionalReferences.Add(typeof(FeatureSetAttribute).Assembly);
        foreach (string assembly in References.MLNet)
        {
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(assembly));
        }

        foreach ((string path, string text) in additionalFiles)
        {
            state.AdditionalFiles.Add((path, text));
        }
    }
}

internal static class References
{
    /// <summary>.NET 8 reference assemblies (restored from NuGet on first use).</summary>
    public static readonly ReferenceAssemblies Net80 = ReferenceAssemblies.Net.Net80;

    /// <summary>ML.NET 6.0.0, from this test project's own package reference, so leakage tests compile real ML.NET code.</summary>
    public static readonly ImmutableArray<string> MLNet = Directory
        .GetFiles(System.AppContext.BaseDirectory, "Microsoft.ML*.dll")
        .Where(p => !Path.GetFileName(p).Contains("Native", System.StringComparison.Ordinal))
        .ToImmutableArray();
}
