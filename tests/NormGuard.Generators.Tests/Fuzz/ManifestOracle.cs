using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NormGuard.Generators.Tests.Fuzz;

/// <summary>
/// The properties every manifest text must satisfy, whatever it holds. The runtime parser's verdict is the reference:
/// it and the generator run the same reader, so they must agree on valid versus NG0002, problem for problem.
/// </summary>
internal static class ManifestOracle
{
    /// <summary>Every NormGuard analyzer, found by reflection so that a rule added later is fuzzed too.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(NormGuardGenerator).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>The runtime's verdict: the manifest, or the problems. Any exception but <see cref="ManifestException"/> fails.</summary>
    public static (Manifest? Manifest, ManifestException? Failure) Runtime(string text)
    {
        Manifest? manifest = null;
        ManifestException? failure = null;
        try
        {
            manifest = Manifest.Parse(text, "fuzz.normguard.json");
        }
        catch (ManifestException exception)
        {
            failure = exception;
        }

        SourceText source = SourceText.From(text);
        if (failure is not null)
        {
            Assert.NotEmpty(failure.Problems);
            foreach (ManifestProblem problem in failure.Problems)
            {
                // One-based, inside the text: a line that exists and a column at most one past its end.
                Assert.InRange(problem.Line, 1, source.Lines.Count);
                Assert.InRange(problem.Column, 1, source.Lines[problem.Line - 1].Span.Length + 1);
                Assert.False(string.IsNullOrWhiteSpace(problem.Message));
            }
        }
        else
        {
            // What was accepted is written back and read again to the same content and hash.
            string written = manifest!.ToJson();
            Manifest reread = Manifest.Parse(written, "rewritten.normguard.json");
            Assert.Equal(manifest.Sha256, reread.Sha256);
            Assert.Equal(manifest.ToCanonicalJson(), reread.ToCanonicalJson());
        }

        // A valid manifest is also a valid template; a template read never throws anything but ManifestException.
        bool template = true;
        try
        {
            Manifest.ParseTemplate(text);
        }
        catch (ManifestException)
        {
            template = false;
        }

        Assert.True(template || failure is not null, "a manifest the reader accepts was refused as a template");
        return (manifest, failure);
    }

    /// <summary>
    /// Runs the generator and every analyzer over <paramref name="model"/>'s record with <paramref name="text"/> as its
    /// manifest, and checks: no crash; NG0002 exactly when the runtime refuses the text (or it names another feature
    /// set), at the runtime's line and column, inside the file; valid manifests give generated code that compiles.
    /// </summary>
    public static void Generator(ManifestModel model, string text, bool unmutated)
    {
        (Manifest? manifest, ManifestException? failure) = Runtime(text);
        CSharpCompilation compilation = GeneratorHost.Compilation(model.RecordSource());
        var additional = new InMemoryAdditionalText(ManifestModel.ManifestPath, text);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NormGuardGenerator().AsSourceGenerator()], [additional], GeneratorHost.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8785" or "CS8784");

        SourceText source = SourceText.From(text);
        ImmutableArray<Diagnostic> analyzerDiagnostics = Analyze(output, additional);
        Assert.Empty(generatorDiagnostics);
        Diagnostic[] unreadable = analyzerDiagnostics.Where(d => d.Id == "NG0002").ToArray();
        bool expectUnreadable = failure is not null || manifest!.FeatureSet != model.FeatureSet;
        Assert.True(expectUnreadable == unreadable.Length > 0, $"runtime says {(failure is null ? "valid" : "invalid")}, the analyzers reported {unreadable.Length} NG0002: {string.Join(" | ", unreadable.Select(d => d.GetMessage()))}");
        foreach (Diagnostic diagnostic in unreadable)
        {
            AssertInManifest(diagnostic, source);
        }

        if (failure is not null)
        {
            // Every problem the runtime names, the build names at the same line and column.
            Assert.Equal(
                failure.Problems.Select(p => (p.Line, p.Column)),
                unreadable.Select(d => (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1)));
        }

        foreach (Diagnostic diagnostic in analyzerDiagnostics.Where(d => d.Location.Kind == LocationKind.ExternalFile))
        {
            AssertInManifest(diagnostic, source);
        }

        Diagnostic[] generatedErrors = output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && !compilation.SyntaxTrees.Contains(tree))
            .ToArray();
        Assert.True(generatedErrors.Length == 0, "generated code does not compile: " + string.Join(" | ", generatedErrors.Take(3).Select(d => d.ToString())));

        if (unmutated)
        {
            // The model's own manifest binds cleanly: no error anywhere, and the Normalize code is there.
            Diagnostic[] errors = [.. generatorDiagnostics.Concat(analyzerDiagnostics).Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error)];
            Assert.True(errors.Length == 0, "the unmutated model does not bind cleanly: " + string.Join(" | ", errors.Take(3).Select(d => d.ToString())));
            Assert.Contains(run.GeneratedSources, s => s.SourceText.ToString().Contains("public static void NormalizeBatch(", StringComparison.Ordinal));
        }
    }

    private static ImmutableArray<Diagnostic> Analyze(Compilation output, AdditionalText manifest)
    {
        var crashes = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([manifest]),
            onAnalyzerException: (exception, analyzer, _) => crashes.Enqueue(analyzer.GetType().Name + ": " + exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = output.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(crashes.IsEmpty, "an analyzer threw: " + string.Join(Environment.NewLine, crashes));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>The diagnostic is in the manifest file, its span inside the text, and its line and column are the
    /// ones an editor shows for that span.</summary>
    private static void AssertInManifest(Diagnostic diagnostic, SourceText text)
    {
        Location location = diagnostic.Location;
        Assert.Equal(LocationKind.ExternalFile, location.Kind);
        FileLinePositionSpan lines = location.GetLineSpan();
        Assert.Equal(ManifestModel.ManifestPath, lines.Path);
        Assert.InRange(location.SourceSpan.Start, 0, text.Length);
        Assert.InRange(location.SourceSpan.End, location.SourceSpan.Start, text.Length);
        Assert.Equal(text.Lines.GetLinePosition(location.SourceSpan.Start), lines.StartLinePosition);
        Assert.Equal(text.Lines.GetLinePosition(location.SourceSpan.End), lines.EndLinePosition);
    }
}
