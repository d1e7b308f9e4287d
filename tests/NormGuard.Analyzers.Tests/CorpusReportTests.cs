using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Analyzers;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// Prints how each analyzer does on its corpus, per category (and, for NG0006, per boundary): how many of the marked
/// diagnostics it reports (recall) and how many diagnostics nobody marked it reports (false reports). It never fails;
/// the strict tests (<see cref="LeakageTests"/>, <see cref="HandWrittenCorpusTests"/>) are the pass/fail view. The
/// table is also written to <c>corpus-report.md</c> beside the test assembly.
/// </summary>
public sealed class CorpusReportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Corpus_report_prints_recall_and_false_reports_per_category()
    {
        var report = new StringBuilder();
        report.Append(await SectionAsync("NG0006 (leakage)", CorpusCompileTests.LeakageRoot, ["Leaky", "Clean"], runGenerator: false, new LeakageAnalyzer(), "NG0006", byBoundary: true));
        report.AppendLine();
        report.Append(await SectionAsync("NG0012 (hand-written normalization)", CorpusCompileTests.HandWrittenRoot, ["Reported", "Clean"], runGenerator: true, new HandWrittenNormalizationAnalyzer(), "NG0012", byBoundary: false));
        report.AppendLine();

        // The held-out corpus was written after the analysis was tuned; it is measured here and nowhere enforced.
        report.AppendLine("## Held-out corpus (unseen by the analysis)");
        report.AppendLine();
        report.Append(await SectionAsync("Held-out NG0006 (leakage)", CorpusCompileTests.HeldOutLeakageRoot, ["Leaky", "Clean"], runGenerator: false, new LeakageAnalyzer(), "NG0006", byBoundary: true, listDiagnostics: true));
        report.AppendLine();
        report.Append(await SectionAsync("Held-out NG0012 (hand-written normalization)", CorpusCompileTests.HeldOutHandWrittenRoot, ["Reported", "Clean"], runGenerator: true, new HandWrittenNormalizationAnalyzer(), "NG0012", byBoundary: false, listDiagnostics: true));
        report.AppendLine();

        // The second held-out corpus was written after the first one had been used to fix the analysis.
        report.AppendLine("## Second held-out corpus");
        report.AppendLine();
        report.Append(await SectionAsync("Second held-out NG0006 (leakage)", CorpusCompileTests.HeldOut2LeakageRoot, ["Leaky", "Clean"], runGenerator: false, new LeakageAnalyzer(), "NG0006", byBoundary: true, listDiagnostics: true));
        report.AppendLine();
        report.Append(await SectionAsync("Second held-out NG0012 (hand-written normalization)", CorpusCompileTests.HeldOut2HandWrittenRoot, ["Reported", "Clean"], runGenerator: true, new HandWrittenNormalizationAnalyzer(), "NG0012", byBoundary: false, listDiagnostics: true));

        output.WriteLine(report.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "corpus-report.md"), report.ToString());
    }

    private static async Task<string> SectionAsync(string title, string root, string[] folders, bool runGenerator, DiagnosticAnalyzer analyzer, string id, bool byBoundary, bool listDiagnostics = false)
    {
        var outcomes = new List<CorpusOutcome>();
        var broken = new List<string>();
        foreach (string name in CorpusProgram.Entries(root, folders))
        {
            try
            {
                CorpusBuild build = await CorpusCompiler.BuildAsync(root, name, runGenerator);
                if (!build.Errors.IsEmpty)
                {
                    broken.Add($"{name}: does not compile ({build.Errors[0]})");
                    continue;
                }

                outcomes.Add(await CorpusCompiler.AnalyzeAsync(build, analyzer, id));
            }
            catch (Exception exception)
            {
                broken.Add($"{name}: {exception.GetType().Name}: {exception.Message.Split('\n')[0]}");
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {title}");
        text.AppendLine();
        Table(text, "category", outcomes.GroupBy(o => o.Program.Category));
        if (byBoundary)
        {
            text.AppendLine();
            Table(text, "boundary", outcomes.Where(o => o.Program.HasHeader).GroupBy(o => o.Program.Boundary));
        }

        var inexact = outcomes.Where(o => !o.Exact).Select(o => o.Program.Name).ToList();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Programs not reported exactly at their labels ({inexact.Count} of {outcomes.Count}): {(inexact.Count == 0 ? "none" : string.Join(", ", inexact))}");
        if (listDiagnostics)
        {
            // Every miss and every false report, so that each can be read against the program's verdict.
            foreach (CorpusOutcome outcome in outcomes.Where(o => !o.Exact))
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"- {outcome.Program.Name} ({outcome.Program.Category}, {outcome.Program.Boundary}):");
                text.AppendLine("```");
                text.AppendLine(outcome.Describe());
                text.AppendLine("```");
            }
        }

        if (broken.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Programs that could not be judged ({broken.Count}): {string.Join("; ", broken)}");
        }

        return text.ToString();
    }

    private static void Table(StringBuilder text, string key, IEnumerable<IGrouping<string, CorpusOutcome>> groups)
    {
        var rows = groups.OrderBy(g => g.Key == CorpusProgram.Unlabelled ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {key} | positive programs | negative programs | marked | found | recall | false reports in positive programs | false reports in negative programs | negative programs with a report |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            Row(text, row.Key, row.ToList());
        }

        Row(text, "**all**", rows.SelectMany(r => r).ToList());
    }

    private static void Row(StringBuilder text, string name, List<CorpusOutcome> outcomes)
    {
        var positive = outcomes.Where(o => o.Program.Positive).ToList();
        var negative = outcomes.Where(o => !o.Program.Positive).ToList();
        int marked = outcomes.Sum(o => o.Found.Length + o.Missed.Length);
        int found = outcomes.Sum(o => o.Found.Length);
        string recall = marked == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * found / marked:0}%");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {positive.Count} | {negative.Count} | {marked} | {found} | {recall} | {positive.Sum(o => o.Unexpected.Length)} | {negative.Sum(o => o.Unexpected.Length)} | {negative.Count(o => !o.Unexpected.IsEmpty)} |");
    }
}
