using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace NormGuard.Tool.Commands;

/// <summary>
/// <c>normguard diff OLD NEW</c>: what changed between two versions of one feature set — per feature the shift of the
/// baseline mean in units of the old std, the spread ratio, step, parameter and category changes, added and removed
/// features — plus version, profile, dtype, split and hash. A report by default; a check with <c>--max-shift</c>
/// and/or <c>--fail-on-structure</c> (exit 2 when it fails).
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var oldManifest = new Argument<string>("old") { Description = "The manifest before (e.g. the one in production)" };
        var newManifest = new Argument<string>("new") { Description = "The manifest after (e.g. a refit)" };
        var maxShift = new Option<double?>("--max-shift")
        {
            Description = "Fail (exit 2) when any feature's baseline mean moved by more than this many old standard deviations (|shift| > X)",
        };
        var failOnStructure = new Option<bool>("--fail-on-structure")
        {
            Description = "Fail (exit 2) when a feature was added or removed, its steps changed, or its one-hot categories changed",
        };
        var command = new Command("diff", "Compare two manifests of one feature set, feature by feature: the mean shift in units of the old std, the spread ratio, step, parameter and category changes, added and removed features.\n" +
            "Exit 0 when the check passes (always, without --max-shift or --fail-on-structure), 2 when it fails, 1 when the manifests cannot be read or are of different feature sets.")
        {
            oldManifest, newManifest, maxShift, failOnStructure,
        };

        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            string oldPath = parse.GetValue(oldManifest)!, newPath = parse.GetValue(newManifest)!;
            double? threshold = parse.GetValue(maxShift);
            if (threshold is { } t && !(t >= 0 && double.IsFinite(t)))
            {
                throw new CliException($"--max-shift must be a non-negative number of standard deviations, not {t.ToString(CultureInfo.InvariantCulture)}");
            }

            Manifest before = ShowCommand.Load(oldPath);
            Manifest after = ShowCommand.Load(newPath);
            if (before.FeatureSet != after.FeatureSet)
            {
                throw new CliException($"{oldPath} is a manifest of '{before.FeatureSet}' and {newPath} of '{after.FeatureSet}': diff compares two versions of one feature set");
            }

            return Run(stdout, stderr, before, after, threshold, parse.GetValue(failOnStructure));
        });
        return command;
    }

    private static class Same
    {
        public const string Parameters = "same parameters";
        public const string Categories = "same categories";
    }

    private sealed record Row(string Feature, string Status, double? Shift, double? Spread, string Details, bool Structural);

    private static int Run(TextWriter stdout, TextWriter stderr, Manifest before, Manifest after, double? threshold, bool failOnStructure)
    {
        stdout.WriteLine($"{after.FeatureSet}: v{before.Version} -> v{after.Version}");
        foreach ((string label, string old, string current) in Header(before, after))
        {
            stdout.WriteLine(label.PadRight(12) + (old == current ? old + "  (same)" : old + " -> " + current));
        }

        stdout.WriteLine();
        List<Row> rows = Rows(before, after);
        Table table = TableConsole.NewTable("feature", "change", "mean shift (old std)", "spread (new/old std)", "details");
        foreach (Row row in rows)
        {
            string shift = row.Shift is { } s ? Shift(s) + (threshold is { } limit && Math.Abs(s) > limit ? "  > max" : string.Empty) : "-";
            string spread = row.Spread is { } r ? "x" + r.ToString("0.###", CultureInfo.InvariantCulture) : "-";
            TableConsole.AddRow(table, row.Feature, row.Status, shift, spread, row.Details);
        }

        TableConsole.Create(stdout).Write(table);

        Row? largest = rows.Where(r => r.Shift is not null).MaxBy(r => Math.Abs(r.Shift!.Value));
        int changed = rows.Count(r => r.Status is not (Same.Parameters or Same.Categories));
        int added = rows.Count(r => r.Status == "added"), removed = rows.Count(r => r.Status == "removed");
        int restructured = rows.Count(r => r.Structural) - added - removed;
        string largestText = largest is null ? string.Empty : $"; largest mean shift {Shift(largest.Shift!.Value)} std ({largest.Feature})";
        stdout.WriteLine($"{rows.Count} features: {changed} changed ({added} added, {removed} removed, {restructured} with other steps or categories){largestText}");

        var failures = new List<string>();
        if (threshold is { } max)
        {
            Row[] shifted = rows.Where(r => r.Shift is { } s && Math.Abs(s) > max).ToArray();
            if (shifted.Length > 0)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{shifted.Length} feature(s) shifted by more than --max-shift {max:0.###} std: {string.Join(", ", shifted.Select(r => $"{r.Feature} ({Shift(r.Shift!.Value)})"))}"));
            }
        }

        if (failOnStructure)
        {
            Row[] structural = rows.Where(r => r.Structural).ToArray();
            if (structural.Length > 0)
            {
                failures.Add($"{structural.Length} structural change(s) (--fail-on-structure): {string.Join(", ", structural.Select(r => $"{r.Feature} ({r.Status})"))}");
            }
        }

        foreach (string failure in failures)
        {
            stderr.WriteLine("check failed: " + failure);
        }

        return failures.Count == 0 ? Cli.Ok : Cli.CheckFailed;
    }

    private static IEnumerable<(string Label, string Old, string New)> Header(Manifest before, Manifest after)
    {
        yield return ("profile", Options.ProfileName(before.Profile), Options.ProfileName(after.Profile));
        yield return ("dtype", ShowCommand.DType(before.DType), ShowCommand.DType(after.DType));
        yield return ("fit split", before.Fit is null ? "-" : ShowCommand.SplitName(before.Fit.Split), after.Fit is null ? "-" : ShowCommand.SplitName(after.Fit.Split));
        yield return ("fit rows", before.Fit?.Rows.ToString("N0", CultureInfo.InvariantCulture) ?? "-", after.Fit?.Rows.ToString("N0", CultureInfo.InvariantCulture) ?? "-");
        yield return ("fit source", before.Fit?.Source ?? "-", after.Fit?.Source ?? "-");
        yield return ("source sha", Short(before.Fit?.SourceSha256), Short(after.Fit?.SourceSha256));
        yield return ("sha256", before.Sha256, after.Sha256);
    }

    /// <summary>A shift with 3 significant digits, signed: +2.04, -0.000912.</summary>
    private static string Shift(double value) => (value >= 0 ? "+" : string.Empty) + TableConsole.Compact(value, 3);

    private static string Short(string? sha) => sha is null ? "-" : sha.Length > 16 ? sha[..16] + "…" : sha;

    private static List<Row> Rows(Manifest before, Manifest after)
    {
        var rows = new List<Row>();
        foreach (ManifestComparison.FeatureChange change in ManifestComparison.Compare(before, after))
        {
            FeatureManifest? old = before.Features.FirstOrDefault(f => f.Name == change.Feature);
            FeatureManifest? current = after.Features.FirstOrDefault(f => f.Name == change.Feature);
            if (old is null)
            {
                rows.Add(new Row(change.Feature, "added", null, null, ShowCommand.Steps(current!.Steps), Structural: true));
                continue;
            }

            if (current is null)
            {
                rows.Add(new Row(change.Feature, "removed", null, null, ShowCommand.Steps(old.Steps), Structural: true));
                continue;
            }

            double? spread = old.Stats?.Std is > 0 && current.Stats?.Std is { } newStd ? newStd / old.Stats.Std.Value : null;
            if (old.Space != current.Space)
            {
                rows.Add(new Row(change.Feature, "space changed", null, null, $"{Space(old.Space)}  =>  {Space(current.Space)}", Structural: true));
                continue;
            }

            if (!old.Steps.Select(s => s.Op).SequenceEqual(current.Steps.Select(s => s.Op)))
            {
                rows.Add(new Row(change.Feature, "steps changed", change.Shift, spread, $"{ShowCommand.Steps(old.Steps)}  =>  {ShowCommand.Steps(current.Steps)}", Structural: true));
                continue;
            }

            List<string> details = ParameterChanges(old, current, out bool categoriesChanged);
            if (categoriesChanged)
            {
                rows.Add(new Row(change.Feature, "categories changed", null, null, change.Change + (details.Count > 0 ? "; " + string.Join("; ", details) : string.Empty), Structural: true));
                continue;
            }

            bool oneHot = current.Steps is [OneHotStep, ..];
            string status = details.Count > 0 ? "parameters changed" : oneHot ? Same.Categories : Same.Parameters;
            string text = details.Count > 0 ? string.Join("; ", details) : change.Shift is null && !oneHot ? change.Change : string.Empty;
            bool saidInChange = details.Count == 0 && change.Shift is null && !oneHot;
            if (current.IsVector && !saidInChange && ManifestComparison.CovarianceChange(old.Stats, current.Stats) is { Length: > 0 } covariance)
            {
                // A stat, not a parameter: said beside the details without changing the status.
                text = text.Length > 0 ? text + "; " + covariance : covariance;
            }
            rows.Add(new Row(change.Feature, status, change.Shift, spread, text, Structural: false));
        }

        return rows;
    }

    // Parameter by parameter, for steps with the same ops.
    private static List<string> ParameterChanges(FeatureManifest old, FeatureManifest current, out bool categoriesChanged)
    {
        categoriesChanged = false;
        var details = new List<string>();
        for (int i = 0; i < old.Steps.Count; i++)
        {
            NormalizationStep a = old.Steps[i], b = current.Steps[i];
            if (a is OneHotStep oa && b is OneHotStep ob)
            {
                categoriesChanged = !oa.Categories.SequenceEqual(ob.Categories, StringComparer.Ordinal);
                if (oa.Unknown != ob.Unknown)
                {
                    details.Add($"unknown {Unknown(oa.Unknown)} -> {Unknown(ob.Unknown)}");
                }

                continue;
            }

            (string Name, double Old, double New)[] parameters = (a, b) switch
            {
                (ZScoreStep x, ZScoreStep y) => [("mean", x.Mean, y.Mean), ("std", x.Std, y.Std)],
                (MinMaxStep x, MinMaxStep y) => [("min", x.Min, y.Min), ("max", x.Max, y.Max), ("low", x.Low, y.Low), ("high", x.High, y.High), ("clip", x.Clip ? 1 : 0, y.Clip ? 1 : 0)],
                (MaxAbsStep x, MaxAbsStep y) => [("maxabs", x.MaxAbs, y.MaxAbs)],
                (RobustStep x, RobustStep y) => [("center", x.Center, y.Center), ("scale", x.Scale, y.Scale), ("lower", x.Lower, y.Lower), ("upper", x.Upper, y.Upper)],
                (ClipStep x, ClipStep y) => [("clip min", x.Min, y.Min), ("clip max", x.Max, y.Max)],
                _ => [],
            };
            details.AddRange(VectorChanges(a, b));
            IEnumerable<string> moved = parameters
                .Where(p => BitConverter.DoubleToInt64Bits(p.Old) != BitConverter.DoubleToInt64Bits(p.New))
                .Select(p => TableConsole.Apart(p.Old, p.New) is var (o, n) ? $"{a.Op} {p.Name} {o} -> {n}" : string.Empty);
            details.AddRange(moved);
        }

        if (old.Missing != current.Missing)
        {
            details.Add($"missing {ShowCommand.Missing(old.Missing)} -> {ShowCommand.Missing(current.Missing)}");
        }

        if (old.MLNetVectorColumn != current.MLNetVectorColumn)
        {
            // the sign of a zero result differs between ML.NET's two column paths (docs/profiles.md)
            details.Add($"mlnetColumn {(old.MLNetVectorColumn ? "vector" : "scalar")} -> {(current.MLNetVectorColumn ? "vector" : "scalar")}");
        }

        return details;
    }

    private static string Space(EmbeddingSpaceDeclaration? space) =>
        space is null ? "scalar" : $"{space.Name} ({space.Model}{(space.Revision is null ? string.Empty : "@" + space.Revision)}, {space.NativeDimension} → {space.Dimension})";

    // A vector step's parameters as counts of changed values, not hundreds of pairs.
    private static IEnumerable<string> VectorChanges(NormalizationStep a, NormalizationStep b) => (a, b) switch
    {
        (L2NormalizeStep x, L2NormalizeStep y) when BitConverter.DoubleToInt64Bits(x.Epsilon) != BitConverter.DoubleToInt64Bits(y.Epsilon) => [$"l2 epsilon {x.Epsilon.ToString("R", CultureInfo.InvariantCulture)} -> {y.Epsilon.ToString("R", CultureInfo.InvariantCulture)}"],
        (CenterStep x, CenterStep y) => Values("center mean", x.Mean, y.Mean),
        (VectorZScoreStep x, VectorZScoreStep y) => Values("zscore mean", x.Mean, y.Mean).Concat(Values("zscore std", x.Std, y.Std)),
        (PcaStep x, PcaStep y) => Values("pca mean", x.Mean, y.Mean)
            .Concat(Values("pca components", x.Components.SelectMany(r => r).ToArray(), y.Components.SelectMany(r => r).ToArray()))
            .Concat(Values("pca explained variance", x.ExplainedVariance, y.ExplainedVariance))
            .Concat(x.Whiten == y.Whiten ? [] : [$"pca whiten {x.Whiten} -> {y.Whiten}"]),
        (TruncateStep x, TruncateStep y) when x.Dimension != y.Dimension => [$"truncate {x.Dimension} -> {y.Dimension}"],
        _ => [],
    };

    private static IEnumerable<string> Values(string name, IReadOnlyList<double> old, IReadOnlyList<double> current)
    {
        if (old.Count != current.Count)
        {
            return [$"{name}: {old.Count} -> {current.Count} values"];
        }

        int changed = 0;
        double largest = 0;
        for (int i = 0; i < old.Count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(old[i]) != BitConverter.DoubleToInt64Bits(current[i]))
            {
                changed++;
                largest = Math.Max(largest, Math.Abs(current[i] - old[i]));
            }
        }

        return changed == 0 ? [] : [$"{name}: {changed} of {old.Count} values changed (largest by {TableConsole.Compact(largest, 3)})"];
    }

    private static string Unknown(UnknownCategory unknown) => unknown == UnknownCategory.AllZeros ? "allZeros" : "error";
}
