using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard.Tool.Data;
using NormGuard.Tool.Drift;
using NormGuard.Tool.Reports;
using Spectre.Console;

namespace NormGuard.Tool.Commands;

/// <summary>
/// <c>normguard drift --manifest M --data FILE</c>: live data against the manifest's training baseline with the
/// runtime's own <see cref="DriftMonitor"/> (the same statistics and calibrated thresholds a service monitors with).
/// A table by default, JSON with <c>--json</c>, an HTML report with plots with <c>--report</c>.
/// Exit 0 when every feature was judged and none drifted, 2 when one drifted, 3 when none drifted but some feature has
/// no verdict (too few rows for any test, or no baseline), 1 on an input error.
/// </summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        DriftThresholds defaults = DriftThresholds.Default;
        var manifest = Options.Manifest("--manifest", "The manifest whose training baseline (stats) to compare with");
        var data = new Option<string>("--data") { Description = "Live data: CSV, TSV or Parquet file, or a directory of part files; one column per manifest feature, by name (a vector feature: a Parquet list<float> or list<double> column); or a .npy file of float32 vectors for a manifest of one vector feature", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table" };
        var report = new Option<string>("--report") { Description = "Also write a self-contained HTML report with per-feature histograms (e.g. drift.html)" };
        var psi = new Option<double?>("--psi") { Description = Text($"PSI at or above which a feature drifted (default {defaults.Psi:G})") };
        var meanShift = new Option<double?>("--mean-shift") { Description = Text($"|mean shift| in baseline std at or above which a feature drifted (default {defaults.MeanShift:G})") };
        var ksAlpha = new Option<double?>("--ks-alpha") { Description = Text($"Significance level of the two-sample KS test (default {defaults.KsSignificance:G})") };
        var minRows = new Option<long?>("--min-rows") { Description = Text($"Live values PSI and the mean shift need before they judge a feature (default {defaults.MinRows:G}); KS and the missing and unknown rates judge from {defaults.MinTestRows:G}") };

        var command = new Command("drift", "Compare live data with the manifest's training baseline, feature by feature: PSI, KS, mean shift, missing and unknown-category rates; " +
            "for a vector (embedding) feature the norm distribution and the cosine distance of the live mean vector to the baseline mean.\n" +
            "Exit 0 when every feature (scalar or vector) was judged and none drifted, 2 when at least one drifted, 3 when none drifted but some feature has no verdict (too few rows for any test, or no baseline), 1 on a usage or input error.")
        {
            manifest, data, json, report, psi, meanShift, ksAlpha, minRows,
        };

        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            DriftThresholds thresholds = Thresholds(parse.GetValue(psi), parse.GetValue(meanShift), parse.GetValue(ksAlpha), parse.GetValue(minRows));
            string manifestPath = parse.GetValue(manifest)!;
            Manifest baseline = ShowCommand.Load(manifestPath);
            if (baseline.Features.All(f => f.Stats is null))
            {
                throw new CliException($"{manifestPath}: no feature has a training baseline (stats); refit it with normguard fit to monitor drift");
            }

            if (parse.GetValue(report) is { } reportFile)
            {
                InputFiles.Writable(reportFile, "--report", "drift.html");
            }

            TableSource source = TableSource.Open(parse.GetValue(data)!);
            var reader = new DriftInputReader(baseline, source, manifestPath);
            DriftReport result;
            using (var monitor = new DriftMonitor(baseline, thresholds))
            {
                using (var progress = ProgressBar.Start(stderr, source.TotalBytes, "reading " + source.Path))
                {
                    reader.Feed(monitor, progress.Report);
                }

                result = monitor.Snapshot();
            }

            if (source.UncheckedPagesNote() is { } note)
            {
                stderr.WriteLine(note);
            }

            if (parse.GetValue(report) is { } reportPath)
            {
                File.WriteAllText(reportPath, DriftHtmlReport.Render(result, baseline, source.Path));
            }

            if (parse.GetValue(json))
            {
                DriftJson.Write(stdout, result);
            }
            else
            {
                WriteTable(stdout, result, baseline, source.Path);
                if (parse.GetValue(report) is { } written)
                {
                    stdout.WriteLine("report: " + written);
                }
            }

            switch (result.Verdict)
            {
                case DriftVerdict.Stable:
                    return Cli.Ok;
                case DriftVerdict.Drifted:
                    stderr.WriteLine($"check failed: {EmbeddingFormat.DriftedNames(result).Count} of {EmbeddingFormat.FeatureCount(result)} feature(s) drifted: {string.Join(", ", EmbeddingFormat.DriftedNames(result))}");
                    return Cli.CheckFailed;
                default:
                    // Not a pass: a feature nobody could judge may be the one that moved.
                    stderr.WriteLine($"check undecided: no verdict for {EmbeddingFormat.UndecidedNames(result).Count} of {EmbeddingFormat.FeatureCount(result)} feature(s): {string.Join(", ", EmbeddingFormat.UndecidedNames(result))}");
                    return Cli.NoVerdict;
            }
        });
        return command;
    }

    private static DriftThresholds Thresholds(double? psi, double? meanShift, double? ksAlpha, long? minRows)
    {
        DriftThresholds t = DriftThresholds.Default;
        if (psi is { } p)
        {
            t = t with { Psi = Positive(p, "--psi") };
        }

        if (meanShift is { } m)
        {
            t = t with { MeanShift = Positive(m, "--mean-shift") };
        }

        if (ksAlpha is { } a)
        {
            if (!(a > 0 && a < 1))
            {
                throw new CliException(Text($"--ks-alpha must be a significance level between 0 and 1 (exclusive), not {a:R}"));
            }

            t = t with { KsSignificance = a };
        }

        if (minRows is { } n)
        {
            t = t with { MinRows = n >= 1 ? n : throw new CliException(Text($"--min-rows must be at least 1, not {n}")) };
        }

        return t;
    }

    private static double Positive(double value, string option) =>
        value > 0 && double.IsFinite(value) ? value : throw new CliException(Text($"{option} must be a positive number, not {value:R}"));

    private static void WriteTable(TextWriter stdout, DriftReport report, Manifest baseline, string source)
    {
        // A report that is not a verdict says so before anything else, so nobody reads the table as a pass.
        if (report.Verdict is DriftVerdict.NoVerdict or DriftVerdict.Incomplete)
        {
            stdout.WriteLine(DriftFormat.Summary(report));
        }

        string fit = baseline.Fit is { } f ? $" (fitted on {DriftFormat.Count(f.Rows)} rows, split {ShowCommand.SplitName(f.Split)})" : string.Empty;
        stdout.WriteLine($"{report.FeatureSet} v{report.Version}: {DriftFormat.Count(report.Rows)} live rows from {source} against the training baseline{fit}");
        if (DriftFormat.WaitingLine(report) is { } waiting)
        {
            stdout.WriteLine(waiting);
        }

        Table table = TableConsole.NewTable("feature", "status", "PSI", "KS / critical", "mean shift", "missing live / base", "unknown", "reasons and notes");
        foreach (FeatureDrift feature in DriftFormat.Ordered(report))
        {
            TableConsole.AddRow(table, feature.Name, DriftFormat.StatusText(feature.Status), DriftFormat.Psi(feature), DriftFormat.Ks(feature),
                DriftFormat.MeanShift(feature), DriftFormat.Missing(feature), DriftFormat.Unknown(feature), string.Join("; ", feature.Reasons.Concat(feature.Notes)));
        }

        if (report.Features.Count > 0)
        {
            TableConsole.Create(stdout).Write(table);
        }

        if (report.Embeddings.Count > 0)
        {
            Table embeddings = TableConsole.NewTable("embedding", "status", "mean cosine distance / critical", "norm PSI", "norm KS / critical", "norm mean shift", "missing live / base", "vectors", "reasons and notes");
            foreach (EmbeddingDrift embedding in EmbeddingFormat.Ordered(report))
            {
                FeatureDrift norm = embedding.Norm;
                TableConsole.AddRow(embeddings, embedding.Name, DriftFormat.StatusText(embedding.Status), EmbeddingFormat.Cosine(embedding), DriftFormat.Psi(norm), DriftFormat.Ks(norm),
                    DriftFormat.MeanShift(norm), DriftFormat.Missing(norm), DriftFormat.Count(embedding.Vectors), string.Join("; ", embedding.Reasons.Concat(embedding.Notes)));
            }

            TableConsole.Create(stdout).Write(embeddings);
        }

        stdout.WriteLine("thresholds: " + DriftFormat.Thresholds(report.Thresholds) + EmbeddingFormat.Thresholds(report));
        stdout.WriteLine(DriftFormat.Summary(report));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
