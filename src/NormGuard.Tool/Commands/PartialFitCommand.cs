using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NormGuard.Fitting;
using NormGuard.Tool.Data;
using NormGuard.Tool.Fitting;
using NormGuard.Tool.Fitting.Partials;

namespace NormGuard.Tool.Commands;

/// <summary><c>normguard fit --partial</c>: one partition's mergeable fit state, for <c>normguard merge</c>.</summary>
internal static class PartialFitCommand
{
    public static void CheckOptions(int? version, string? previous, DateTimeOffset? fittedAt)
    {
        if (version is not null || previous is not null || fittedAt is not null)
        {
            throw new CliException("--version, --previous and --fitted-at describe the manifest; with --partial give them to normguard merge, which writes it");
        }
    }

    public static int Run(FitSchema schema, TableSource source, TrainingRows training, RowPositions positions, long exactLimit, string? output, bool force, TextWriter stdout, TextWriter stderr)
    {
        if (positions.Partition < 0 || positions.FirstRow < 0)
        {
            throw new CliException("--partition and --first-row are positions: 0 or more");
        }

        if (positions.RowColumn is not null && positions.FirstRow != 0)
        {
            throw new CliException("--first-row and --row-column both place the rows; give one");
        }

        if (exactLimit <= 0)
        {
            throw new CliException("--exact-limit must be at least 1");
        }

        string path = output ?? string.Create(CultureInfo.InvariantCulture, $"{schema.FeatureSet}.partial-{positions.Partition}.json");
        bool toStandardOutput = path == "-";
        if (!toStandardOutput)
        {
            CheckDestination(path, force);
        }

        var recorder = new PartialRecorder(schema, exactLimit);
        var job = new FitJob(schema, source, training, exactLimit, positions);
        using (var progress = ProgressBar.Start(stderr, source.TotalBytes, $"fitting {schema.FeatureSet} (partition {positions.Partition})"))
        {
            job.Run(recorder, progress.Report, allowNoRows: true);
        }

        if (source.UncheckedPagesNote() is { } note)
        {
            stderr.WriteLine(note);
        }

        var state = new PartialState
        {
            Schema = schema,
            Options = new PartialOptions(exactLimit, training.IsSplit, Rule(training)),
            Partition = positions.Partition,
            RowsRead = job.RowsRead,
            Source = source.Path,
            SourceSha256 = source.Sha256(),
            Positions = recorder.Positions,
            Features = recorder.Features,
        };
        // To standard output (--out -, the default with --data -) the partial is the only thing written there, one line, so
        // that Spark's RDD.pipe gets it back as one element per partition; the report goes to standard error.
        TextWriter report = stdout;
        if (toStandardOutput)
        {
            stdout.Write(Encoding.UTF8.GetString(PartialFile.Bytes(state)));
            stdout.Flush();
            report = stderr;
        }
        else
        {
            PartialFile.Write(path, state);
        }

        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"partial fit of '{schema.FeatureSet}' ({Options.ProfileName(schema.Profile)}, {schema.Features.Count} features), partition {positions.Partition}: {job.TrainingRowsUsed:N0} of {job.RowsRead:N0} rows ({training.Describe()}) -> {(toStandardOutput ? "standard output" : path)}"));
        if (job.TrainingRowsUsed == 0)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: {source.Path}: no training rows among its {job.RowsRead:N0} rows; the partial adds nothing to a merge"));
        }

        if (!training.IsSplit)
        {
            stderr.WriteLine("warning: no split option: this partition's rows are all fitted on, and the merged manifest records \"split\": \"all\" (NG0005 in a build); give --split-column/--train-value, --split-file or --holdout.");
        }

        return Cli.Ok;
    }

    /// <summary>
    /// The training-row rule, as partials compare it: the kind of rule and its values, not the split file's path (which
    /// differs per partition).
    /// </summary>
    private static string Rule(TrainingRows training) =>
        training.SplitFile is not null ? $"--split-file (column {training.SplitColumn ?? "first"}) --train-value \"{training.TrainValue}\""
        : training.SplitColumn is not null ? $"--split-column {training.SplitColumn} --train-value \"{training.TrainValue}\""
        : training.Holdout is { } h ? string.Create(CultureInfo.InvariantCulture, $"--holdout {h:R} --seed {training.Seed}")
        : "all rows (no split option)";

    /// <summary>A partial does not silently replace a manifest or another file; an earlier partial file is replaced.</summary>
    private static void CheckDestination(string path, bool force)
    {
        InputFiles.Writable(path, "--out", "diamonds.partial-0.json");
        if (force || !File.Exists(path))
        {
            return;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var head = new byte[64];
        int read = stream.Read(head, 0, head.Length);
        string start = Encoding.UTF8.GetString(head, 0, read);
        if (!new[] { PartialFile.Format, PartialFile.SummaryFormat, PartialFile.VectorFormat }.Any(format => start.StartsWith("{\"format\":\"" + format + "\"", StringComparison.Ordinal)))
        {
            throw new CliException($"{path}: exists and is not a partial fit file; not replacing it: choose another --out, or give --force to overwrite it");
        }
    }
}
