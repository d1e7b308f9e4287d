using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Package.Tests;

/// <summary>
/// What a user of csharp-ls sees in the editor, on a project that restores the packed package: the diagnostics that
/// matter (NG0001, NG0004, NG0010) at the places the rules name, and which code fixes the server offers there.
/// </summary>
[Collection(EditorCollection.Name)]
public sealed class LanguageServerTests(LanguageServerSession session, ITestOutputHelper output) : IClassFixture<LanguageServerSession>
{
    /// <summary>The titles of NormGuard's code fixes for the sample's NG0010 and NG0004 (see src/NormGuard.CodeFixes).</summary>
    private static readonly string[] NormGuardFixTitles =
    [
        "Reorder the features of 'House' to the manifest order",
        "Write 'Garden' as 0/1 with [Passthrough]",
    ];

    [Fact]
    public void NG0001_is_shown_at_the_record_without_a_manifest()
    {
        LspDiagnostic found = Single("Order.cs", "NG0001");
        Assert.Equal(1, found.Severity);
        Assert.Equal(Position("Order.cs", "public partial record struct ", "Order"), (found.Line, found.Character));
    }

    [Fact]
    public void NG0001_is_the_only_error_where_the_generated_members_are_used()
    {
        Show();
        List<LspDiagnostic> errors = session.Diagnostics["Order.cs"].Where(d => d.Severity == 1).ToList();
        Assert.True(errors.Count == 1 && errors[0].Code == "NG0001", "Expected NG0001 alone, got:\n" + string.Join('\n', errors) + "\n" + session.Explain());
    }

    /// <summary>The manifest is not a C# document, so its diagnostics come with the workspace's, not a document's.</summary>
    [Fact]
    public void NG0002_is_shown_at_the_fault_in_the_manifest_among_the_workspace_diagnostics()
    {
        Show();
        Assert.True(session.WorkspaceDiagnostics.TryGetValue("branches.normguard.json", out IReadOnlyList<LspDiagnostic>? inManifest), "No workspace diagnostics for branches.normguard.json.\n" + session.Explain());
        List<LspDiagnostic> found = inManifest.Where(d => d.Code == "NG0002").ToList();
        Assert.True(found.Count == 1, $"Expected one NG0002 in branches.normguard.json, got {found.Count}.\n{session.Explain()}");
        Assert.Equal(1, found[0].Severity);
        Assert.Equal(Position("branches.normguard.json", "\"version\": 1,", ","), (found[0].Line, found[0].Character));
    }

    [Fact]
    public void NG0004_is_shown_at_the_scaling_attribute_of_a_bool()
    {
        LspDiagnostic found = Single("Store.cs", "NG0004");
        Assert.Equal(1, found.Severity);
        Assert.Equal(Position("Store.cs", "[", "MinMax(0, 1)] public bool Garden"), (found.Line, found.Character));
    }

    [Fact]
    public void NG0010_is_shown_as_a_warning_at_the_record_declared_out_of_order()
    {
        LspDiagnostic found = Single("House.cs", "NG0010");
        Assert.Equal(2, found.Severity);
        Assert.Equal(Position("House.cs", "public partial record struct ", "House"), (found.Line, found.Character));
    }

    /// <summary>
    /// csharp-ls 0.28.0 computes code actions from the compiler's diagnostics only and with Roslyn's built-in fixers
    /// only (it never loads fixers from a project's analyzer packages), so at NormGuard's diagnostics it offers its
    /// refactorings and no NormGuard fix, while a compiler error next to them gets Roslyn's fix. If a later csharp-ls
    /// offers NormGuard's fixes, this fails, and the README's editor table must change with it.
    /// </summary>
    [Fact]
    public async Task Code_actions_offer_Roslyns_fix_for_a_compiler_error_and_no_NormGuard_fix()
    {
        List<string> control = await CodeActionTitlesAsync("Receipt.cs", Single("Receipt.cs", "CS0246"));
        Assert.Contains(control, title => title.Contains("using System.Text;", StringComparison.Ordinal));

        List<string> offered = [.. await CodeActionTitlesAsync("House.cs", Single("House.cs", "NG0010")), .. await CodeActionTitlesAsync("Store.cs", Single("Store.cs", "NG0004"))];
        Assert.DoesNotContain(offered, NormGuardFixTitles.Contains);
    }

    private LspDiagnostic Single(string file, string code)
    {
        Show();
        List<LspDiagnostic> found = session.Diagnostics[file].Where(d => d.Code == code).ToList();
        Assert.True(found.Count == 1, $"Expected one {code} in {file}, got {found.Count}.\n{session.Explain()}");
        return found[0];
    }

    /// <summary>The 0-based line and character where <paramref name="target"/> starts, found after <paramref name="before"/>.</summary>
    private (int Line, int Character) Position(string file, string before, string target)
    {
        string[] lines = session.Text(file).ReplaceLineEndings("\n").Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains(before + target, StringComparison.Ordinal));
        Assert.True(line >= 0, $"{before}{target} is not in the sample's {file}");
        return (line, lines[line].IndexOf(before + target, StringComparison.Ordinal) + before.Length);
    }

    private async Task<List<string>> CodeActionTitlesAsync(string file, LspDiagnostic diagnostic)
    {
        // As editors ask: the diagnostic's range, with the diagnostic in the context.
        JsonObject range = diagnostic.Range;
        JsonNode? actions = await session.Server.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = session.Uri(file) },
            ["range"] = range,
            ["context"] = new JsonObject
            {
                ["diagnostics"] = new JsonArray(new JsonObject { ["range"] = range.DeepClone(), ["severity"] = diagnostic.Severity, ["code"] = diagnostic.Code, ["message"] = diagnostic.Message }),
            },
        }, session.Cancellation);
        List<string> titles = (actions as JsonArray ?? []).Select(a => a?["title"]?.GetValue<string>() ?? string.Empty).ToList();
        output.WriteLine($"code actions at {diagnostic.Code} in {file}: {(titles.Count == 0 ? "none" : string.Join(" | ", titles))}");
        return titles;
    }

    private void Show()
    {
        foreach (string line in session.Log)
        {
            output.WriteLine(line);
        }

        foreach ((string file, IReadOnlyList<LspDiagnostic> diagnostics) in session.Diagnostics)
        {
            output.WriteLine(file + ":\n  " + string.Join("\n  ", diagnostics));
        }
    }
}
