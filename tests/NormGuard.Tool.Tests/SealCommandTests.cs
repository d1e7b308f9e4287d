using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard seal</c>: a deliberate hand edit is accepted only by an explicit step that writes the new hash and
/// records the edit in the manifest; anything else leaves the file as it was.
/// </summary>
public sealed class SealCommandTests
{
    private const string At = "2026-12-06T10:00:00Z";
    private const string FittedMean = "\"mean\": 0.5555723997942772,";
    private const string EditedMean = "\"mean\": 0.56,";

    private static readonly string Original = File.ReadAllText(ToolRunner.Repo("samples", "Diamonds", "diamonds.normguard.json"));

    private static string OriginalSha256 => Manifest.Parse(Original).Sha256;

    [Fact]
    public void An_edited_parameter_is_accepted_with_the_new_hash_and_an_edit_record()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string path = temp.File("diamonds.normguard.json");
        File.WriteAllText(path, Edited());
        ManifestException refused = Assert.Throws<ManifestException>(() => Manifest.Load(path));
        Assert.Contains("normguard seal", refused.Message, StringComparison.Ordinal);

        ToolResult result = ToolRunner.Run("seal", path, "--reason", "carat mean corrected after review", "--at", At);

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        Manifest sealedManifest = Manifest.Load(path);
        ManifestEdit edit = Assert.Single(sealedManifest.Edits);
        Assert.Equal(DateTimeOffset.Parse(At, System.Globalization.CultureInfo.InvariantCulture), edit.At);
        Assert.Equal(OriginalSha256, edit.PreviousSha256);
        Assert.Equal("carat mean corrected after review", edit.Reason);
        Assert.StartsWith("normguard seal ", edit.Tool, StringComparison.Ordinal);
        Assert.Equal(0.56, ((ZScoreStep)sealedManifest.Features[0].Steps[1]).Mean);
        Assert.Contains("\"sha256\": \"" + sealedManifest.Sha256 + "\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Contains(OriginalSha256, result.Output, StringComparison.Ordinal);
        Assert.Contains(sealedManifest.Sha256, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_without_sha256_is_sealed_with_no_previous_hash()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string path = temp.File("diamonds.normguard.json");
        File.WriteAllText(path, WithoutSha256(Original));

        ToolResult result = ToolRunner.Run("seal", path, "--reason", "written by hand", "--at", At);

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        Assert.Contains("it has no sha256", result.Output, StringComparison.Ordinal);
        ManifestEdit edit = Assert.Single(Manifest.Load(path).Edits);
        Assert.Null(edit.PreviousSha256);
    }

    [Fact]
    public void A_sealed_manifest_is_left_byte_for_byte_as_it_was()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string path = temp.File("diamonds.normguard.json");
        File.WriteAllText(path, Original);

        ToolResult result = ToolRunner.Run("seal", path, "--reason", "nothing changed", "--at", At);

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        Assert.Contains("nothing to do", result.Output, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(path));
    }

    [Theory]
    [InlineData("edited", 2)]
    [InlineData("unsealed", 2)]
    [InlineData("sealed", 0)]
    public void Check_reports_without_writing(string state, int exitCode)
    {
        using TempDirectory temp = ToolRunner.Temp();
        string path = temp.File("diamonds.normguard.json");
        string text = state switch { "edited" => Edited(), "unsealed" => WithoutSha256(Original), _ => Original };
        File.WriteAllText(path, text);

        ToolResult result = ToolRunner.Run("seal", path, "--check");

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Fact]
    public void Without_a_reason_nothing_is_written()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string path = temp.File("diamonds.normguard.json");
        File.WriteAllText(path, Edited());

        ToolResult result = ToolRunner.Run("seal", path);

        Assert.True(result.ExitCode == Cli.InputError, result.ToString());
        Assert.Contains("--reason", result.Error, StringComparison.Ordinal);
        Assert.Equal(Edited(), File.ReadAllText(path));
    }

    [Fact]
    public void A_manifest_with_another_problem_is_refused_at_its_line_and_column_and_left_alone()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string path = temp.File("diamonds.normguard.json");
        string broken = Edited().Replace("\"op\": \"log1p\"", "\"op\": \"log1pp\"", StringComparison.Ordinal);
        File.WriteAllText(path, broken);

        ToolResult result = ToolRunner.Run("seal", path, "--reason", "typo", "--at", At);

        Assert.True(result.ExitCode == Cli.InputError, result.ToString());
        Assert.Contains(path + "(20,17)", result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown op \"log1pp\"", result.Error, StringComparison.Ordinal);
        Assert.Equal(broken, File.ReadAllText(path));
    }

    [Fact]
    public void Edits_accumulate_and_none_can_be_dropped_unseen()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string path = temp.File("diamonds.normguard.json");
        File.WriteAllText(path, Edited());
        Assert.Equal(Cli.Ok, ToolRunner.Run("seal", path, "--reason", "first", "--at", At).ExitCode);
        string first = Manifest.Load(path).Sha256;
        File.WriteAllText(path, File.ReadAllText(path).Replace(EditedMean, "\"mean\": 0.57,", StringComparison.Ordinal));
        Assert.Equal(Cli.Ok, ToolRunner.Run("seal", path, "--reason", "second", "--at", "2026-12-07T10:00:00Z").ExitCode);

        Manifest twice = Manifest.Load(path);
        Assert.Equal(["first", "second"], twice.Edits.Select(e => e.Reason));
        Assert.Equal([OriginalSha256, first], twice.Edits.Select(e => e.PreviousSha256));

        // Deleting the record of an edit changes the content the hash covers: the build and the runtime refuse it.
        string text = File.ReadAllText(path);
        string withoutFirst = Regex.Replace(text, @"\{\s*""at"": ""2026-12-06T10:00:00Z"",[^}]*\},\s*", string.Empty);
        Assert.NotEqual(text, withoutFirst);
        ManifestException refused = Assert.Throws<ManifestException>(() => Manifest.Parse(withoutFirst));
        Assert.Contains("does not match the content", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_named_as_such()
    {
        using TempDirectory temp = ToolRunner.Temp();

        ToolResult result = ToolRunner.Run("seal", temp.Path, "--reason", "x");

        Assert.True(result.ExitCode == Cli.InputError, result.ToString());
        Assert.Contains("is a directory", result.Error, StringComparison.Ordinal);
    }

    private static string Edited()
    {
        Assert.Contains(FittedMean, Original, StringComparison.Ordinal);
        return Original.Replace(FittedMean, EditedMean, StringComparison.Ordinal);
    }

    private static string WithoutSha256(string text) => Regex.Replace(text, @",\s*""sha256"": ""[0-9a-f]+""", string.Empty);
}
