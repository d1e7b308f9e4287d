using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using NormGuard.Fitting;
using NormGuard.Tool.Data;
using NormGuard.Tool.Fitting.Partials;

namespace NormGuard.Tool.Commands;

/// <summary><c>normguard merge</c>: combines the partial fits of a data set's partitions into its manifest.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var parts = new Argument<string[]>("PART") { Description = "Partial fit files written by normguard fit --partial, in any order", Arity = ArgumentArity.OneOrMore };
        var version = new Option<int?>("--version") { Description = "Version of the new manifest (default 1, or --previous's + 1)" };
        var previous = new Option<string>("--previous") { Description = "The manifest this fit replaces: version + 1, and a summary of what changed" };
        var output = new Option<string>("--out") { Description = "Where to write the manifest (default <featureSet>.normguard.json); replaced only as normguard fit replaces it (see --force)" };
        var force = new Option<bool>("--force") { Description = "Replace --out even when it holds the same version with other parameters, another feature set's manifest, a newer version or another file" };
        var fittedAt = new Option<DateTimeOffset?>("--fitted-at") { Description = "Timestamp to record (default now), for reproducible manifests" };
        var sourceOption = new Option<string>("--source") { Description = "The whole data set the partitions were cut from, to record as fit.source (hashed for fit.sourceSha256 when it is a local file or directory); default: the partitions' files" };
        var sourceSha = new Option<string>("--source-sha256") { Description = "fit.sourceSha256 to record with --source, when the data set is not a local file (e.g. on HDFS)" };

        var command = new Command("merge", "Combine the partial fits of a data set's partitions (normguard fit --partial) into one manifest: the manifest a single normguard fit over all rows writes, byte for byte, in any order of the files.")
        {
            parts, version, previous, output, force, fittedAt, sourceOption, sourceSha,
        };

        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            List<PartialFile.Loaded> partials = parse.GetValue(parts)!.Select(PartialFile.Read).ToList();
            ManifestFitter fitter = PartialMerge.Merge(partials);
            PartialState first = partials[0].State;

            Manifest? replaced = parse.GetValue(previous) is { } previousPath ? Manifest.Load(InputFiles.Existing(previousPath, "a manifest file")) : null;
            if (replaced is not null && replaced.FeatureSet != first.Schema.FeatureSet)
            {
                throw new CliException($"--previous is a manifest of '{replaced.FeatureSet}', not '{first.Schema.FeatureSet}'");
            }

            int newVersion = parse.GetValue(version) ?? (replaced is null ? 1 : replaced.Version + 1);
            ManifestOutput destination = ManifestOutput.Open(parse.GetValue(output) ?? first.Schema.FeatureSet + ".normguard.json", first.Schema.FeatureSet, newVersion, parse.GetValue(force), "merge");
            (string source, string sourceHash) = Source(parse.GetValue(sourceOption), parse.GetValue(sourceSha), partials);
            Manifest manifest = fitter.ToManifest(
                new FitProvenance
                {
                    Split = first.Options.Split ? DataSplit.Train : DataSplit.All,
                    Rows = fitter.Rows,
                    Source = source,
                    SourceSha256 = sourceHash,
                    FittedAt = parse.GetValue(fittedAt) ?? DateTimeOffset.UtcNow,
                    Tool = "normguard " + ManifestFitter.ToolVersion,
                },
                newVersion);

            bool written = destination.Write(manifest);
            long rowsRead = partials.Sum(p => p.State.RowsRead);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"merged {partials.Count} partial fits of '{manifest.FeatureSet}' into v{manifest.Version} ({Options.ProfileName(manifest.Profile)}, {manifest.Features.Count} features) on {fitter.Rows:N0} of {rowsRead:N0} rows ({first.Options.TrainingRule}) -> {destination.Path}"));
            if (!written)
            {
                stdout.WriteLine($"unchanged: {destination.Path} already holds this fit (the same parameters, baseline and source data), so it was left as it is");
            }
            else if (destination.Replaced is { } older)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replaced v{older.Version} in {destination.Path}"));
            }

            stdout.WriteLine("sha256 " + (written ? manifest : destination.Existing!).Sha256);
            string[] sketched = partials.Where(p => p.State.Features.Any(f => f.Summary is not null)).Select(p => p.Path).ToArray();
            string[] vectorStates = partials.Where(p => p.State.Features.Any(f => f.VectorSummary is not null)).Select(p => p.Path).ToArray();
            stdout.WriteLine(sketched.Length > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{sketched.Length} of {partials.Count} partials carried sketches (more than {fitter.ExactValueLimit:N0} values of a feature in a partition): quantiles from the merged KLL sketches (rank error within {ManifestFitter.QuantileRankError:P2}), moments merged with Chan's formulas — within the documented bounds of the single fit, not equal to it bit for bit")
                : vectorStates.Length > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{vectorStates.Length} of {partials.Count} partials carried a vector feature's fitter state (more than {fitter.ExactValueLimit * FeatureAccumulator.VectorValuesPerScalarValue:N0} floats of it in a partition): per-dimension moments and co-moments merged with Chan's formulas — within the documented bounds of the single fit, not equal to it bit for bit")
                : fitter.IsExact
                ? "quantiles and sums exact (numpy's arithmetic), as one fit over the rows in partition order"
                : string.Create(CultureInfo.InvariantCulture, $"more than {fitter.ExactValueLimit:N0} values per feature: quantiles from a KLL sketch (rank error within {ManifestFitter.QuantileRankError:P2}), moments streamed — as one fit over the rows in partition order"));
            if (!first.Options.Split)
            {
                parse.InvocationConfiguration.Error.WriteLine("warning: the partitions were fitted without a split option: the manifest records \"split\": \"all\", and a build that binds it fails with NG0005.");
            }

            if (replaced is not null)
            {
                ManifestComparison.Write(stdout, replaced, manifest);
            }

            return Cli.Ok;
        });
        return command;
    }

    /// <summary>
    /// fit.source and fit.sourceSha256. With --source, what a single fit over that data set records; without it, the
    /// partitions' files in row order and a SHA-256 over their hashes (a directory of part files hashes the same way).
    /// </summary>
    private static (string Source, string Sha256) Source(string? source, string? sha, IReadOnlyList<PartialFile.Loaded> partials)
    {
        if (source is not null)
        {
            if (sha is not null)
            {
                return (source, sha);
            }

            if (!File.Exists(source) && !Directory.Exists(source))
            {
                throw new CliException($"{source}: no such file or directory to hash for fit.sourceSha256; give --source-sha256 with a data set that is not a local file");
            }

            return (source, TableSource.Open(source).Sha256());
        }

        if (sha is not null)
        {
            throw new CliException("--source-sha256 needs --source (the data set it is the hash of)");
        }

        PartialFile.Loaded[] ordered = partials.OrderBy(p => p.State.Partition).ThenBy(p => p.State.Positions.Count == 0 ? long.MaxValue : p.State.Positions.Min()).ToArray();
        var lines = new StringBuilder();
        foreach (PartialFile.Loaded partial in ordered)
        {
            lines.Append(Path.GetFileName(partial.State.Source)).Append(' ').Append(partial.State.SourceSha256).Append('\n');
        }

        string names = ordered.Length <= 3
            ? string.Join(", ", ordered.Select(p => p.State.Source))
            : $"{ordered[0].State.Source}, …, {ordered[^1].State.Source} ({ordered.Length} partitions)";
        return (names, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString()))));
    }
}
