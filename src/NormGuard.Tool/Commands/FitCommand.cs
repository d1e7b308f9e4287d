using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using NormGuard.Fitting;
using NormGuard.Tool.Data;
using NormGuard.Tool.Fitting;

namespace NormGuard.Tool.Commands;

/// <summary><c>normguard fit</c>: fits a manifest on the training rows of a CSV or Parquet data set.</summary>
internal static class FitCommand
{
    public static Command Create(Func<Stream> input)
    {
        var data = new Option<string>("--data") { Description = "CSV, TSV or Parquet file, or a directory of part files; with --partial, - reads CSV rows (with their header) from standard input and writes the partial to standard output", Required = true };
        var template = new Option<string>("--template") { Description = "What to fit: a manifest without parameters (a full manifest works too)" };
        var assembly = new Option<string>("--assembly") { Description = "What to fit: a compiled assembly with the [FeatureSet] record (with --feature-set)" };
        var featureSet = new Option<string>("--feature-set") { Description = "The feature set's name in --assembly" };
        var splitColumn = new Option<string>("--split-column") { Description = "Column that marks training rows (with --train-value); read from --split-file when given" };
        var trainValue = new Option<string>("--train-value") { Description = "The --split-column value of training rows" };
        var splitFile = new Option<string>("--split-file") { Description = "A CSV beside the data with one split value per data row" };
        var holdout = new Option<double?>("--holdout") { Description = "Hold out this fraction of rows, drawn by a seeded hash of the row index" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of --holdout", DefaultValueFactory = _ => 0UL };
        var profile = Options.Profile();
        var version = new Option<int?>("--version") { Description = "Version of the new manifest (default 1, or --previous's + 1)" };
        var previous = new Option<string>("--previous") { Description = "The manifest this fit replaces: version + 1, and a summary of what changed; without --out the new version is written over it, so builds that bind it bind the new one" };
        var output = new Option<string>("--out") { Description = "Where to write the manifest (default <featureSet>.normguard.json, or --previous's file); under another name the output says how a build binds it; it does not replace a manifest of the same version with other parameters (see --force). With --partial: the partial file (default <featureSet>.partial-<partition>.json; - for standard output, the default with --data -)" };
        var force = new Option<bool>("--force") { Description = "Replace --out even when it holds the same version with other parameters, another feature set's manifest, a newer version or another file (for a new version use --previous)" };
        var fittedAt = new Option<DateTimeOffset?>("--fitted-at") { Description = "Timestamp to record (default now), for reproducible manifests" };
        var exactLimit = new Option<long>("--exact-limit")
        {
            Description = $"Values per feature kept for exact, numpy-identical quantiles before a KLL sketch takes over (rank error within {ManifestFitter.QuantileRankError:P2})",
            DefaultValueFactory = _ => ManifestFitter.DefaultExactValueLimit,
        };

        var partial = new Option<bool>("--partial") { Description = "Write this partition's mergeable fit state (normguard.partial/1: every value; /2 when a feature passes --exact-limit: moments and quantile sketch) instead of a manifest; combine the partitions' files with normguard merge" };
        var partition = new Option<long?>("--partition") { Description = "With --partial: this partition's place in the data set's order (0, 1, …); merge orders rows by partition, then position" };
        var firstRow = new Option<long?>("--first-row") { Description = "With --partial: the position of the partition's first row in the whole data set (rows are consecutive from there); also what --holdout draws by" };
        var rowColumn = new Option<string>("--row-column") { Description = "With --partial: a column holding each row's position in the whole data set (a non-negative integer), for partitions that are not a row range" };

        var command = new Command("fit", "Fit a manifest's parameters on the training rows of a data set.\n" +
            "Without a split option it still fits, on all rows, but records \"split\": \"all\" and warns, so that a build binding the manifest reports NG0005.\n" +
            "With --partial it writes one partition's mergeable state instead; normguard merge combines the partitions into the manifest the single fit writes.")
        {
            data, template, assembly, featureSet, splitColumn, trainValue, splitFile, holdout, seed, profile, version, previous, output, force, fittedAt, exactLimit,
            partial, partition, firstRow, rowColumn,
        };

        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            NormalizationProfile? profileChoice = Options.ParseProfile(parse.GetValue(profile));
            FitSchema schema = (parse.GetValue(template), parse.GetValue(assembly)) switch
            {
                ({ } t, null) => FitSchema.FromTemplate(InputFiles.Existing(t, "a template file"), profileChoice),
                (null, { } a) => FitSchema.FromAssembly(a, parse.GetValue(featureSet) ?? throw new CliException("--assembly needs --feature-set"), profileChoice),
                (null, null) => throw new CliException("say what to fit: --template T.json, or --assembly A.dll --feature-set NAME"),
                _ => throw new CliException("--template and --assembly both say what to fit; give one"),
            };

            var training = new TrainingRows(parse.GetValue(splitColumn), parse.GetValue(trainValue), parse.GetValue(splitFile), parse.GetValue(holdout), parse.GetValue(seed));
            if (parse.GetValue(partial))
            {
                PartialFitCommand.CheckOptions(parse.GetValue(version), parse.GetValue(previous), parse.GetValue(fittedAt));
                var positions = new RowPositions(parse.GetValue(partition) ?? 0, parse.GetValue(firstRow) ?? 0, parse.GetValue(rowColumn));
                if (parse.GetValue(data) == "-")
                {
                    using var spool = new TemporaryDirectory();
                    TableSource piped = TableSource.FromStandardInput(input(), spool.Path);
                    return PartialFitCommand.Run(schema, piped, training, positions, parse.GetValue(exactLimit), parse.GetValue(output) ?? "-", parse.GetValue(force), stdout, stderr);
                }

                return PartialFitCommand.Run(schema, TableSource.Open(parse.GetValue(data)!), training, positions, parse.GetValue(exactLimit), parse.GetValue(output), parse.GetValue(force), stdout, stderr);
            }

            if (parse.GetValue(partition) is not null || parse.GetValue(firstRow) is not null || parse.GetValue(rowColumn) is not null)
            {
                throw new CliException("--partition, --first-row and --row-column place a partition's rows for merge; they need --partial");
            }

            if (parse.GetValue(data) == "-")
            {
                throw new CliException("--data - (rows from standard input) is read by fit --partial only; normguard fit needs the data as a file or directory");
            }

            TableSource source = TableSource.Open(parse.GetValue(data)!);
            string? previousPath = parse.GetValue(previous);
            Manifest? replaced = previousPath is not null ? Manifest.Load(InputFiles.Existing(previousPath, "a manifest file")) : null;
            if (replaced is not null && replaced.FeatureSet != schema.FeatureSet)
            {
                throw new CliException($"--previous is a manifest of '{replaced.FeatureSet}', not '{schema.FeatureSet}'");
            }

            // Checked before the fit, which can take long: the path, and what the file there holds.
            int newVersion = parse.GetValue(version) ?? (replaced is null ? 1 : replaced.Version + 1);
            // A refit replaces the file builds bind (--previous's), rather than adding a second one beside it.
            string outputPath = parse.GetValue(output) ?? previousPath ?? schema.FeatureSet + ManifestBinding.Suffix;
            ManifestOutput destination = ManifestOutput.Open(outputPath, schema.FeatureSet, newVersion, parse.GetValue(force), "fit");

            var job = new FitJob(schema, source, training, parse.GetValue(exactLimit));
            ManifestFitter fitter;
            using (var progress = ProgressBar.Start(stderr, source.TotalBytes, $"fitting {schema.FeatureSet}"))
            {
                fitter = job.Run(progress.Report);
            }

            if (!training.IsSplit)
            {
                stderr.WriteLine($"warning: no split option: fitted on all {job.RowsRead:N0} rows and recorded \"split\": \"all\". A build that binds this manifest fails with NG0005; give --split-column/--train-value, --split-file or --holdout.");
            }

            if (source.UncheckedPagesNote() is { } note)
            {
                stderr.WriteLine(note);
            }

            Manifest manifest = fitter.ToManifest(
                new FitProvenance
                {
                    Split = training.IsSplit ? DataSplit.Train : DataSplit.All,
                    Rows = job.TrainingRowsUsed,
                    Source = source.Path,
                    SourceSha256 = source.Sha256(),
                    FittedAt = parse.GetValue(fittedAt) ?? DateTimeOffset.UtcNow,
                    Tool = "normguard " + ManifestFitter.ToolVersion,
                },
                newVersion);

            bool written = destination.Write(manifest);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fitted '{manifest.FeatureSet}' v{manifest.Version} ({Options.ProfileName(manifest.Profile)}, {manifest.Features.Count} features) on {job.TrainingRowsUsed:N0} of {job.RowsRead:N0} rows ({training.Describe()}) -> {destination.Path}"));
            if (!written)
            {
                stdout.WriteLine($"unchanged: {destination.Path} already holds this fit (the same parameters, baseline and source data), so it was left as it is");
            }
            else if (destination.Replaced is { } older)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replaced v{older.Version} in {destination.Path}"));
            }

            stdout.WriteLine("sha256 " + (written ? manifest : destination.Existing!).Sha256);
            stdout.WriteLine(fitter.IsExact
                ? "quantiles and sums exact (numpy's arithmetic)"
                : string.Create(CultureInfo.InvariantCulture, $"more than {fitter.ExactValueLimit:N0} values per feature: quantiles from a KLL sketch (rank error within {ManifestFitter.QuantileRankError:P2}), moments streamed"));
            if (replaced is not null)
            {
                ManifestComparison.Write(stdout, replaced, manifest);
            }

            if (ManifestBinding.Note(manifest.FeatureSet, destination.Path) is { } binding)
            {
                stdout.WriteLine(binding);
            }

            return Cli.Ok;
        });
        return command;
    }
}
