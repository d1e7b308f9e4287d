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

    /// <summary>The held-out leakage corpus: written after the analysis was tuned, measured by the report, never enforced.</summary>
    internal static readonly string HeldOutLeakageRoot = Path.Combine(AppContext.BaseDirectory, "Corpus", "HeldOut", "Leakage");

    /// <summary>The held-out hand-written-normalization corpus (measured, not enforced).</summary>
    internal static readonly string HeldOutHandWrittenRoot = Path.Combine(AppContext.BaseDirectory, "Corpus", "HeldOut", "HandWritten");

    /// <summary>The second held-out leakage corpus, written after the first held-out corpus had been used to fix the analysis.</summary>
    internal static readonly string HeldOut2LeakageRoot = Path.Combine(AppContext.BaseDirectory, "Corpus", "HeldOut2", "Leakage");

    /// <summary>The second held-out hand-written-normalization corpus (measured, not enforced).</summary>
    internal static readonly string HeldOut2HandWrittenRoot = Path.Combine(AppContext.BaseDirectory, "Corpus", "HeldOut2", "HandWritten");

    public static TheoryData<string> LeakagePrograms() => new(CorpusProgram.Entries(LeakageRoot, "Leaky", "Clean"));

    public static TheoryData<string> HandWrittenPrograms() => new(CorpusProgram.Entries(HandWrittenRoot, "Reported", "Clean"));

    public static TheoryData<string> HeldOutLeakagePrograms() => new(CorpusProgram.Entries(HeldOutLeakageRoot, "Leaky", "Clean"));

    public static TheoryData<string> HeldOutHandWrittenPrograms() => new(CorpusProgram.Entries(HeldOutHandWrittenRoot, "Reported", "Clean"));

    public static TheoryData<string> HeldOut2LeakagePrograms() => new(CorpusProgram.Entries(HeldOut2LeakageRoot, "Leaky", "Clean"));

    public static TheoryData<string> HeldOut2HandWrittenPrograms() => new(CorpusProgram.Entries(HeldOut2HandWrittenRoot, "Reported", "Clean"));

    [Theory]
    [MemberData(nameof(LeakagePrograms))]
    public async Task Leakage_program_compiles(string program)
    {
        CorpusBuild build = await CorpusCompiler.BuildAsync(LeakageRoot, program, runGenerator: false);
        Assert.True(build.Errors.IsEmpty, string.Join(Environment.NewLine, build.Errors));
    }

    [Theory]
    [MemberData(nameof(HeldOutLeakagePrograms))]
    public async Task Held_out_leakage_program_compiles(string program)
    {
        CorpusBuild build = await CorpusCompiler.BuildAsync(HeldOutLeakageRoot, program, runGenerator: false);
        Assert.True(build.Errors.IsEmpty, string.Join(Environment.NewLine, build.Errors));
    }

    [Theory]
    [MemberData(nameof(HeldOut2LeakagePrograms))]
    public async Task Second_held_out_leakage_program_compiles(string program)
    {
        CorpusBuild build = await CorpusCompiler.BuildAsync(HeldOut2LeakageRoot, program, runGenerator: false);
        Assert.True(build.Errors.IsEmpty, string.Join(Environment.NewLine, build.Errors));
    }

    [Theory]
    [MemberData(nameof(HandWrittenPrograms))]
    public Task Hand_written_normalization_program_compiles_with_its_generated_code(string program) =>
        AssertCompilesWithBoundFeatureSetsAsync(HandWrittenRoot, program);

    [Theory]
    [MemberData(nameof(HeldOutHandWrittenPrograms))]
    public Task Held_out_hand_written_normalization_program_compiles_with_its_generated_code(string program) =>
        AssertCompilesWithBoundFeatureSetsAsync(HeldOutHandWrittenRoot, program);

    [Theory]
    [MemberData(nameof(HeldOut2HandWrittenPrograms))]
    public Task Second_held_out_hand_written_normalization_program_compiles_with_its_generated_code(string program) =>
        AssertCompilesWithBoundFeatureSetsAsync(HeldOut2HandWrittenRoot, program);

    private static async Task AssertCompilesWithBoundFeatureSetsAsync(string root, string program)
    {
        CorpusBuild build = await CorpusCompiler.BuildAsync(root, program, runGenerator: true);
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
