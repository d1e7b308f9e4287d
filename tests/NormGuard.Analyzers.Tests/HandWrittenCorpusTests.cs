using System;
using System.Linq;
using System.Threading.Tasks;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// NG0012 over a corpus of programs (Corpus/HandWritten): each is a directory with its feature record, the sealed
/// manifest the record binds, and code that uses the record's members. In Reported/, arithmetic that re-implements a
/// bound feature's scaling is marked <c>{|NG0012:…|}</c> (the arithmetic expression itself: casts and clamps around it
/// are outside the span); in Clean/, unit conversions, business arithmetic and report formatting on feature members
/// must not be reported. The real generator runs first, as in a build, so the programs can call the generated code.
/// </summary>
public sealed class HandWrittenCorpusTests
{
    private static readonly string Root = CorpusCompileTests.HandWrittenRoot;

    public static TheoryData<string> Programs() => CorpusCompileTests.HandWrittenPrograms();

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Corpus_program_is_reported_exactly_at_its_hand_written_normalization(string program)
    {
        CorpusBuild build = await CorpusCompiler.BuildAsync(Root, program, runGenerator: true);
        Assert.True(build.Errors.IsEmpty, string.Join(Environment.NewLine, build.Errors));

        CorpusOutcome outcome = await CorpusCompiler.AnalyzeAsync(build, new HandWrittenNormalizationAnalyzer(), "NG0012");
        Assert.True(outcome.Exact, $"{program}:{Environment.NewLine}{outcome.Describe()}");
    }

    [Fact]
    public void Corpus_has_twelve_reported_and_twelve_clean_programs_each_with_a_sealed_manifest()
    {
        var programs = CorpusProgram.Entries(Root, "Reported", "Clean").Select(p => CorpusProgram.Load(Root, p)).ToList();
        var reported = programs.Where(p => p.Positive).ToList();
        var clean = programs.Where(p => !p.Positive).ToList();

        Assert.True(reported.Count >= 12, $"{reported.Count} reported programs");
        Assert.True(clean.Count >= 12, $"{clean.Count} clean programs");
        Assert.All(programs, p => Assert.True(p.HasHeader, $"{p.Name}: no '// category:' header"));
        Assert.All(reported, p => Assert.StartsWith("reported.", p.Verdict, StringComparison.Ordinal));
        Assert.All(clean, p => Assert.StartsWith("clean.", p.Verdict, StringComparison.Ordinal));
        Assert.All(reported, p => Assert.Contains(p.Expected, e => e.Id == "NG0012"));
        Assert.All(clean, p => Assert.Empty(p.Expected));
        Assert.All(programs, p => Assert.NotEmpty(p.Manifests));
        Assert.All(programs.SelectMany(p => p.Manifests), m => Assert.Contains("\"sha256\"", m.Text, StringComparison.Ordinal));
    }
}
