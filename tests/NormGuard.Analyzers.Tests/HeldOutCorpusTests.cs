using System;
using System.Linq;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// The held-out corpora (Corpus/HeldOut, and Corpus/HeldOut2 written after the first one had been used to fix the
/// analysis) are only measured, by <see cref="CorpusReportTests"/>: no test here runs an analyzer. These tests keep
/// their shape honest: enough programs, every program labelled in its header with a verdict that agrees with its folder,
/// markup only in positive programs, and every clean leakage program mirroring a leaky category. (Compilation:
/// <see cref="CorpusCompileTests"/>.)
/// </summary>
public sealed class HeldOutCorpusTests
{
    /// <summary>Each held-out leakage corpus with the least it must hold: leaky, clean, boundary-crossing, multi-file and cross-assembly programs.</summary>
    public static TheoryData<string, int, int, int, int, int> LeakageCorpora() => new()
    {
        { CorpusCompileTests.HeldOutLeakageRoot, 20, 20, 14, 2, 2 },
        { CorpusCompileTests.HeldOut2LeakageRoot, 16, 16, 14, 3, 3 },
    };

    /// <summary>Each held-out hand-written-normalization corpus with the least number of reported and clean programs.</summary>
    public static TheoryData<string, int, int> HandWrittenCorpora() => new()
    {
        { CorpusCompileTests.HeldOutHandWrittenRoot, 8, 8 },
        { CorpusCompileTests.HeldOut2HandWrittenRoot, 6, 6 },
    };

    [Theory]
    [MemberData(nameof(LeakageCorpora))]
    public void Held_out_leakage_corpus_has_the_labelled_programs_the_acceptance_asks_for(string root, int minLeaky, int minClean, int minCrossing, int minMultiFile, int minCrossAssembly)
    {
        var programs = CorpusProgram.Entries(root, "Leaky", "Clean").Select(p => CorpusProgram.Load(root, p)).ToList();
        var leaky = programs.Where(p => p.Positive).ToList();
        var clean = programs.Where(p => !p.Positive).ToList();
        string[] boundaries = ["none", "method", "class", "file", "assembly"];

        Assert.True(leaky.Count >= minLeaky, $"{leaky.Count} leaky programs");
        Assert.True(clean.Count >= minClean, $"{clean.Count} clean programs");
        Assert.True(leaky.Count(p => p.Boundary != "none") >= minCrossing, $"{leaky.Count(p => p.Boundary != "none")} leaks cross a boundary");
        Assert.True(leaky.Count(p => p.Boundary == "file" && p.Sources.Length > 1) >= minMultiFile, "multi-file leaky programs");
        Assert.True(leaky.Count(p => p.Boundary == "assembly" && !p.LibrarySources.IsEmpty) >= minCrossAssembly, "cross-assembly leaky programs");
        Assert.All(programs, p => Assert.True(p.HasHeader, $"{p.Name}: no '// category:' header"));
        Assert.All(programs, p => Assert.Contains(p.Boundary, boundaries));
        Assert.All(leaky, p => Assert.StartsWith("leaky.", p.Verdict, StringComparison.Ordinal));
        Assert.All(clean, p => Assert.StartsWith("clean.", p.Verdict, StringComparison.Ordinal));
        Assert.All(leaky, p => Assert.Contains(p.Expected, e => e.Id == "NG0006"));
        Assert.All(clean, p => Assert.Empty(p.Expected));
        Assert.All(clean, p => Assert.Contains(p.Category, leaky.Select(l => l.Category)));
        Assert.All(programs.Where(p => p.Boundary == "assembly"), p => Assert.False(p.LibrarySources.IsEmpty, $"{p.Name}: no Library/"));
    }

    [Theory]
    [MemberData(nameof(HandWrittenCorpora))]
    public void Held_out_hand_written_corpus_has_reported_and_clean_programs_with_sealed_manifests(string root, int minReported, int minClean)
    {
        var programs = CorpusProgram.Entries(root, "Reported", "Clean").Select(p => CorpusProgram.Load(root, p)).ToList();
        var reported = programs.Where(p => p.Positive).ToList();
        var clean = programs.Where(p => !p.Positive).ToList();

        Assert.True(reported.Count >= minReported, $"{reported.Count} reported programs");
        Assert.True(clean.Count >= minClean, $"{clean.Count} clean programs");
        Assert.All(programs, p => Assert.True(p.HasHeader, $"{p.Name}: no '// category:' header"));
        Assert.All(reported, p => Assert.StartsWith("reported.", p.Verdict, StringComparison.Ordinal));
        Assert.All(clean, p => Assert.StartsWith("clean.", p.Verdict, StringComparison.Ordinal));
        Assert.All(reported, p => Assert.Contains(p.Expected, e => e.Id == "NG0012"));
        Assert.All(clean, p => Assert.Empty(p.Expected));
        Assert.All(programs, p => Assert.NotEmpty(p.Manifests));
        Assert.All(programs.SelectMany(p => p.Manifests), m => Assert.Contains("\"sha256\"", m.Text, StringComparison.Ordinal));
    }
}
