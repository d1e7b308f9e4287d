using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Package.Tests;

/// <summary>
/// Every NormGuard code fix applied from the command line, as <c>dotnet format analyzers</c> applies it to a user's
/// project that restores the packed package: the file after the fix must equal the text written down beforehand
/// (<c>Editor/CodeFixes/&lt;case&gt;/House.cs.fixed</c>), and the project must then build with warnings as errors.
/// </summary>
[Collection(EditorCollection.Name)]
public sealed class CodeFixFormatTests(CodeFixFormatTests.FormatRun run, ITestOutputHelper output) : IClassFixture<CodeFixFormatTests.FormatRun>
{
    [Theory]
    [MemberData(nameof(Cases))]
    public void Dotnet_format_analyzers_applies_the_fix(string fixCase)
    {
        Assert.True(run.Restore.ExitCode == 0, run.Restore.ToString());
        FormatRun.Case result = run.Cases[fixCase];
        output.WriteLine(result.Format.ToString());
        output.WriteLine(run.Build.ToString());

        string expected = Text(Path.Combine(AppContext.BaseDirectory, "Editor", "CodeFixes", fixCase, "House.cs.fixed"));
        Assert.NotEqual(expected, result.Before);
        Assert.True(result.Format.ExitCode == 0, result.Format.ToString());
        string after = Text(Path.Combine(result.Project, "House.cs"));
        Assert.True(expected == after, $"{fixCase}: the fixed file differs from the expected text.\n--- expected\n{expected}\n--- actual\n{after}\n{result.Format}");

        // Warnings are errors in these projects: no line of the build names this one, and its assembly was written.
        string[] complaints = (run.Build.StandardOutput + run.Build.StandardError).Split('\n')
            .Where(line => line.Contains(result.Project + Path.DirectorySeparatorChar, StringComparison.Ordinal) && (line.Contains(": error ", StringComparison.Ordinal) || line.Contains(": warning ", StringComparison.Ordinal)))
            .ToArray();
        Assert.True(complaints.Length == 0, $"{fixCase}: the fixed project does not build cleanly:\n{string.Join('\n', complaints)}");
        Assert.True(File.Exists(Path.Combine(result.Project, "bin", "Debug", "net10.0", result.Name + ".dll")), $"{fixCase}: the fixed project was not built.\n{run.Build}");
    }

    public static TheoryData<string> Cases() => new(FormatRun.CaseNames);

    private static string Text(string path) => File.ReadAllText(path).ReplaceLineEndings("\n");

    /// <summary>
    /// One consumer project per case, fixed in as few <c>dotnet format</c> runs as the cases allow, then built together.
    /// </summary>
    /// <remarks>
    /// <c>dotnet format</c> fixes all of a diagnostic's occurrences in its workspace at once, with the fix that the first
    /// occurrence offers first. NG0004 offers <c>[OneHot]</c> first for an enum and <c>[Passthrough]</c> for a bool; NG0013
    /// offers <c>[Passthrough]</c> for a number, <c>[OneHot]</c> for a string and only <c>[Ignore]</c> for a type NormGuard
    /// cannot feed to a model. So the cases are fixed in rounds, each a solution in which every diagnostic id is broken
    /// in one project only: round k holds the k-th case of every id. Errors (NG0003, NG0004, NG0015) are fixed like
    /// warnings: <c>--severity</c> names the lowest severity fixed.
    /// </remarks>
    public sealed class FormatRun : IDisposable
    {
        public static readonly string[] CaseNames =
        [
            "NG0003-update-pin",
            "NG0004-one-hot",
            "NG0004-passthrough",
            "NG0010-reorder",
            "NG0013-passthrough",
            "NG0013-one-hot",
            "NG0013-ignore",
            "NG0015-make-partial",
        ];

        private readonly EditorWorkspace workspace = new();

        public FormatRun()
        {
            var projects = new Dictionary<string, (string Name, string Directory, string Before)>();
            foreach (string fixCase in CaseNames)
            {
                string name = ProjectName(fixCase);
                string directory = workspace.CreateProject(name, Path.Combine("CodeFixes", fixCase), Path.Combine("CodeFixes", "Consumer.csproj.template"));
                projects[fixCase] = (name, directory, Text(Path.Combine(directory, "House.cs")));
            }

            string all = WriteSolution("All", CaseNames);
            Restore = CommandResult.Run(workspace.Consumers, "dotnet", ["restore", all, "-nologo"]);

            var rounds = CaseNames
                .GroupBy(Id)
                .SelectMany(sameId => sameId.Select((fixCase, index) => (Round: index, Case: fixCase)))
                .GroupBy(entry => entry.Round, entry => entry.Case)
                .OrderBy(round => round.Key);
            foreach (IGrouping<int, string> round in rounds)
            {
                string solution = WriteSolution("Round" + round.Key, round);
                var arguments = new List<string> { "format", "analyzers", solution, "--no-restore", "--severity", "info", "--verbosity", "normal", "--diagnostics" };
                arguments.AddRange(round.Select(Id));
                CommandResult format = CommandResult.Run(workspace.Consumers, "dotnet", arguments);
                foreach (string fixCase in round)
                {
                    (string name, string directory, string before) = projects[fixCase];
                    Cases[fixCase] = new Case(name, directory, before, format);
                }
            }

            Build = CommandResult.Run(workspace.Consumers, "dotnet", ["build", all, "--no-restore", "-nologo"]);
        }

        public Dictionary<string, Case> Cases { get; } = [];

        public CommandResult Restore { get; }

        public CommandResult Build { get; }

        public void Dispose() => workspace.Dispose();

        private static string Id(string fixCase) => fixCase[..6];

        private static string ProjectName(string fixCase) => "Fix" + fixCase.Replace("-", string.Empty, StringComparison.Ordinal);

        private string WriteSolution(string name, IEnumerable<string> fixCases)
        {
            string path = Path.Combine(workspace.Consumers, name + ".slnx");
            File.WriteAllLines(path, [
                "<Solution>",
                .. fixCases.Select(c => $"  <Project Path=\"{ProjectName(c)}/{ProjectName(c)}.csproj\" />"),
                "</Solution>",
            ]);
            return path;
        }

        /// <summary>A case's project, its file before the fix, and the <c>dotnet format</c> run that fixed it.</summary>
        public sealed record Case(string Name, string Project, string Before, CommandResult Format);
    }
}
