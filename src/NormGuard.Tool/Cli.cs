using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using NormGuard.Tool.Commands;

namespace NormGuard.Tool;

/// <summary>The <c>normguard</c> command line. Exit codes: 0 ok, 2 a check failed, 1 a usage or input error, 3 a check that
/// could not decide (<c>drift</c> with no verdict for some feature and no drift in the others).</summary>
public static class Cli
{
    public const int Ok = 0;
    public const int InputError = 1;
    public const int CheckFailed = 2;

    /// <summary><c>drift</c>: no feature drifted, but at least one could not be judged (too few rows, no baseline), so
    /// the check is not a pass.</summary>
    public const int NoVerdict = 3;

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, Console.OpenStandardInput);

    /// <summary>Runs a command; <paramref name="input"/> opens what <c>--data -</c> reads (standard input).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<Stream> input)
    {
        // A named command rather than RootCommand, whose name would be the assembly's ("NormGuard.Tool").
        var root = new Command("normguard", "normguard: fit (and merge partial fits), show, diff, verify, import and seal NormGuard parameter manifests, and check live data for drift against them.\nExit codes: 0 ok, 2 a check failed, 1 a usage or input error, 3 drift could not be judged for some feature.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(FitCommand.Create(input));
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(DriftCommand.Create());
        root.Subcommands.Add(SealCommand.Create());

        ParseResult parse = root.Parse(args);
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (exception is CliException or ManifestException or IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            // Input problems name the file, line, column or feature at fault; no stack trace for a user's mistake.
            error.WriteLine("error: " + exception.Message);
            return InputError;
        }
    }
}

/// <summary>A problem with the user's input, worded for the user (file, line, column or feature at fault).</summary>
public sealed class CliException(string message) : Exception(message);
