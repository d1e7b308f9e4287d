using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using NormGuard.Fitting;

namespace NormGuard.Tool.Commands;

/// <summary>
/// <c>normguard seal M.json --reason "…"</c>: accepts a deliberate hand edit. The manifest gets the <c>sha256</c> of its
/// current content and an <c>edits</c> entry (when, the hash it had, why), so the build binds it again (NG0002, NG0017)
/// and the edit stays on record. With <c>--check</c> it only says whether the file is sealed.
/// </summary>
internal static class SealCommand
{
    public static Command Create()
    {
        var manifest = new Argument<string>("manifest") { Description = "The edited manifest (<featureSet>.normguard.json); it is rewritten in place" };
        var reason = new Option<string>("--reason") { Description = "Why the parameters were edited by hand; recorded in the manifest's \"edits\" (required unless --check)" };
        var at = new Option<string>("--at") { Description = "When the edit is recorded, ISO 8601 (default: now); for reproducible output" };
        var check = new Option<bool>("--check") { Description = "Write nothing: exit 0 when the sha256 matches the content, 2 when it is missing or stale" };
        var command = new Command("seal", "Accept a deliberate hand edit of a manifest: write the sha256 of its current content and record the edit (time, previous hash, reason) in its \"edits\" list.\n" +
            "Exit 0 when sealed (or already sealed), 2 with --check when it is not, 1 on an input error.")
        {
            manifest, reason, at, check,
        };

        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            string path = parse.GetValue(manifest)!;
            string text = Read(path);
            bool checkOnly = parse.GetValue(check);
            string? why = parse.GetValue(reason);
            if (!checkOnly && string.IsNullOrWhiteSpace(why))
            {
                throw new CliException($"{path}: say why the manifest was edited with --reason \"…\"; it is recorded in the manifest beside the new hash");
            }

            SealOutcome outcome = ManifestSeal.Seal(text, path, When(parse.GetValue(at)), why, "normguard seal " + ManifestFitter.ToolVersion);
            if (!outcome.Changed)
            {
                stdout.WriteLine($"{path}: sealed; sha256 {outcome.Sha256} matches its content, nothing to do");
                return Cli.Ok;
            }

            string before = outcome.HadHash ? $"sha256 {outcome.PreviousSha256} no longer matches its content" : "it has no sha256";
            if (checkOnly)
            {
                stdout.WriteLine($"{path}: not sealed: {before}; accept a deliberate edit with 'normguard seal {path} --reason \"…\"', or refit it");
                return Cli.CheckFailed;
            }

            WriteAtomically(path, outcome.Json);
            stdout.WriteLine($"{path}: sealed: {before}; sha256 is now {outcome.Sha256}, and the edit is recorded in \"edits\" ({why})");
            return Cli.Ok;
        });
        return command;
    }

    private static string Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a directory, not a manifest file");
        }

        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        return File.ReadAllText(path);
    }

    private static DateTimeOffset When(string? text)
    {
        if (text is null)
        {
            return DateTimeOffset.UtcNow;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value))
        {
            throw new CliException($"--at: \"{text}\" is not an ISO 8601 date and time such as 2026-12-06T10:00:00Z");
        }

        return value;
    }

    // A crash half-way must not leave a truncated manifest behind.
    private static void WriteAtomically(string path, string json)
    {
        string temporary = path + ".sealing";
        File.WriteAllText(temporary, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }
}
