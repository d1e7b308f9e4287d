using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using System.Threading.Tasks;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// Every corpus program compiles without errors (no analyzer runs here), so that a label judges a program a user could
/// really build: the leakage programs against .NET 8, ML.NET and the NormGuard runtime (plus their own Library/), the
/// hand-written-normalization programs with the real NormGuard generator bound to their manifests.
/// </summary>
public sealed class CorpusCompileTests
{
    internal static readonly string LeakageRoot = Path.Combine(AppContext.BaseDirectory, "Corpus", "Leakage");

    internal static readonly string HandWrittenRoot = Path.Combine(AppContext.BaseDirectory, "Corpus", "HandWritten");

    public static TheoryData<string> LeakagePrograms() => new(CorpusProgram.Entries(LeakageRoot, "Leaky", "Clean"));

    public static TheoryData<string> HandWrittenPrograms() => new(CorpusProgram.Entries(HandWrittenRoot, "Reported", "Clean"));

    [Theory]
    [MemberData(nameof(LeakagePrograms))]
    public async Task Leakage_program_compiles(string program)
    {
        CorpusBuild build = await CorpusCompiler.BuildAsync(LeakageRoot, program, runGenerator: false);
        Assert.True(build.Errors.IsEmpty, string.Join(Environment.NewLine, build.Errors));
    }

    [Theory]
    [MemberData(nameof(HandWrittenPrograms))]
    public async Task Hand_written_normalization_program_compiles_with_its_generated_code(string program)
    {
        CorpusBuild build = await CorpusCompiler.BuildAsync(HandWrittenRoot, program, runGenerator: true);
        Assert.True(build.Errors.IsEmpty, string.Join(Environment.NewLine, build.Errors));
        Assert.Empty(build.GeneratorDiagnostics);

        // Every feature set is bound to its manifest: Width is a constant only on a bound record (an unbound one gets a property that throws).
        var featureSets = build.Compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.GetAttributes().Any(a => a.AttributeClass?.Name == "FeatureSetAttribute"))
            .ToList();
        Assert.NotEmpty(featureSets);
        Assert.All(featureSets, t => Assert.Contains(t.GetMembers("Width"), m => m is IFieldSymbol { IsConst: true }));
    }
}
