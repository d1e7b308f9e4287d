using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace NormGuard.Tool.Commands;

/// <summary><c>normguard show</c>: a manifest as a readable table, or its canonical JSON.</summary>
internal static class ShowCommand
{
    private const int ListedCategories = 6;

    public static Command Create()
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest (<featureSet>.normguard.json) to show" };
        var json = new Option<bool>("--json") { Description = "Print the canonical JSON (RFC 8785, without the sha256 field: the bytes the sha256 is computed over) instead of the table" };
        var command = new Command("show", "Show a manifest: feature set, version, profile, provenance and hash, then one row per feature with its steps and parameters, missing-value policy and training baseline.")
        {
            manifest, json,
        };

        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            Manifest loaded = Load(parse.GetValue(manifest)!);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(loaded.ToCanonicalJson());
                return Cli.Ok;
            }

            Write(stdout, loaded);
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>Loads a manifest; a file that does not exist is named as such.</summary>
    public static Manifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"{path}: is a directory, not a manifest file" : $"{path}: no such file");
        }

        return Manifest.Load(path);
    }

    private static void Write(TextWriter stdout, Manifest manifest)
    {
        int outputs = manifest.Features.Sum(f => f.Space is { } space ? space.Dimension : f.Steps is [OneHotStep oneHot, ..] ? oneHot.Categories.Count : 1);
        var header = new List<(string Label, string Value)>
        {
            ("feature set", manifest.FeatureSet),
            ("version", manifest.Version.ToString(CultureInfo.InvariantCulture)),
            ("profile", Options.ProfileName(manifest.Profile)),
            ("dtype", DType(manifest.DType)),
        };
        if (manifest.Fit is { } fit)
        {
            header.Add(("fit split", SplitName(fit.Split) + (fit.Split == DataSplit.Train ? string.Empty : "  (not the training split: a build that binds this manifest reports NG0005)")));
            header.Add(("fit rows", fit.Rows.ToString("N0", CultureInfo.InvariantCulture)));
            header.Add(("fit source", (fit.Source ?? "-") + (fit.SourceSha256 is { } sourceSha ? "  (sha256 " + sourceSha + ")" : string.Empty)));
            header.Add(("fitted at", fit.FittedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-"));
            header.Add(("fitted by", fit.Tool ?? "-"));
        }
        else
        {
            header.Add(("fit", "no provenance (no \"fit\" block)"));
        }

        header.Add(("sha256", manifest.Sha256));
        header.Add(("features", $"{manifest.Features.Count} ({outputs} output columns)"));
        foreach (EmbeddingSpace space in manifest.EmbeddingSpaces)
        {
            header.Add(("space " + space.Name, EmbeddingSpaceLine(space)));
        }

        int width = header.Max(h => h.Label.Length) + 2;
        foreach ((string label, string value) in header)
        {
            stdout.WriteLine(label.PadRight(width) + value);
        }

        stdout.WriteLine();
        Table table = TableConsole.NewTable("#", "feature", "steps", "missing", "baseline");
        for (int i = 0; i < manifest.Features.Count; i++)
        {
            FeatureManifest feature = manifest.Features[i];
            TableConsole.AddRow(table, (i + 1).ToString(CultureInfo.InvariantCulture), feature.Name + (feature.Space is { } space ? $" (vector, space {space.Name})" : string.Empty), Steps(feature.Steps) + (feature.MLNetVectorColumn ? " (ML.NET vector column)" : string.Empty), Missing(feature.Missing), Baseline(feature));
        }

        IAnsiConsole console = TableConsole.Create(stdout);
        console.Write(table);
    }

    public static string Steps(IReadOnlyList<NormalizationStep> steps) => string.Join(" → ", steps.Select(Step));

    public static string Step(NormalizationStep step) => step switch
    {
        ZScoreStep z => $"zscore(mean {C(z.Mean)}, std {C(z.Std)})",
        MinMaxStep m => $"minmax(min {C(m.Min)}, max {C(m.Max)} to [{C(m.Low)}, {C(m.High)}]{(m.Clip ? ", clip" : string.Empty)})",
        MaxAbsStep a => $"maxabs({C(a.MaxAbs)})",
        RobustStep r => $"robust(center {C(r.Center)}, scale {C(r.Scale)}, q{C(r.Lower)}-q{C(r.Upper)})",
        ClipStep c => $"clip[{C(c.Min)}, {C(c.Max)}]",
        OneHotStep o => $"onehot({o.Categories.Count}: {List(o.Categories)}{(o.Unknown == UnknownCategory.AllZeros ? "; unknown allZeros" : "; unknown error")})",
        L2NormalizeStep l => l.Epsilon == 0 ? "l2" : $"l2(epsilon {C(l.Epsilon)})",
        CenterStep c => $"center({c.Mean.Count} means, {Range(c.Mean)})",
        VectorZScoreStep v => $"zscore({v.Mean.Count} means {Range(v.Mean)}, stds {Range(v.Std)})",
        PcaStep p => $"pca({p.Mean.Count} → {p.ComponentCount}{(p.Whiten ? ", whiten" : string.Empty)}; explained variance {C(p.ExplainedVariance.Sum())})",
        TruncateStep t => $"truncate({t.Dimension})",
        _ => step.Op,
    };

    /// <summary>A space in one line: model, dimensions, normalization, unit length and the hash that bindings compare.</summary>
    public static string EmbeddingSpaceLine(EmbeddingSpace space) =>
        $"{space.Model}{(space.Revision is null ? string.Empty : "@" + space.Revision)}, {space.NativeDimension} → {space.Dimension} dimensions, {space.Normalization}" +
        $"{(space.IsUnitLength ? " (unit length)" : " (not unit length)")}, sha256 {space.Sha256}";

    // A parameter vector as its range, not its hundreds of numbers.
    private static string Range(IReadOnlyList<double> values) => values.Count == 0 ? "none" : $"{C(values.Min())} … {C(values.Max())}";

    public static string Missing(MissingValuePolicy missing) => missing.Kind switch
    {
        MissingValueKind.Propagate => "propagate",
        MissingValueKind.Fill => "fill " + missing.FillValue.ToString("R", CultureInfo.InvariantCulture),
        _ => "error",
    };

    private static string Baseline(FeatureManifest feature)
    {
        if (feature.Stats is not { } stats)
        {
            return "-";
        }

        string counts = $"n {stats.Count.ToString("N0", CultureInfo.InvariantCulture)}, missing {stats.Missing.ToString("N0", CultureInfo.InvariantCulture)}";
        if (stats.CategoryCounts.Count > 0 && feature.Steps is [OneHotStep oneHot, ..])
        {
            IEnumerable<string> pairs = oneHot.Categories.Zip(stats.CategoryCounts, (c, n) => c + ": " + n.ToString("N0", CultureInfo.InvariantCulture));
            return counts + "; " + List(pairs.ToList());
        }

        var parts = new List<string>();
        if (stats.Norm is { } norm)
        {
            parts.Add("norm " + (norm.Min is { } low ? C(low) : "-") + " / " + (norm.Quantiles.Count == 101 ? "median " + C(norm.Quantiles[50]) : "-") + " / " + (norm.Max is { } high ? C(high) : "-"));
            if (stats.MeanVector.Count > 0)
            {
                parts.Add("‖mean vector‖ " + C(Math.Sqrt(stats.MeanVector.Sum(v => v * v))));
            }

            // Which critical value drift's mean-vector test gets from this manifest (docs/drift.md).
            parts.Add(stats.CovarianceFrobeniusNorm is { } frobenius && stats.CovarianceSchatten4Norm is { } schatten4
                ? "covariance Frobenius " + C(frobenius) + ", Schatten-4 " + C(schatten4)
                : "no covariance norms (drift: trace-only bound; refit for the tight one)");
        }

        if (stats.Min is { } min)
        {
            parts.Add("min " + C(min));
        }

        if (stats.Quantiles.Count == 101)
        {
            parts.Add("median " + C(stats.Quantiles[50]));
        }

        if (stats.Max is { } max)
        {
            parts.Add("max " + C(max));
        }

        return parts.Count == 0 ? counts : counts + "; " + string.Join(" / ", parts);
    }

    private static string List(IReadOnlyList<string> items) =>
        items.Count <= ListedCategories ? string.Join(", ", items) : string.Join(", ", items.Take(ListedCategories)) + $", … (+{items.Count - ListedCategories})";

    public static string DType(ManifestDType dtype) => dtype == ManifestDType.Float32 ? "float32" : "float64";

    public static string SplitName(DataSplit split) => split.ToString().ToLowerInvariant();

    private static string C(double value) => TableConsole.Compact(value);
}
