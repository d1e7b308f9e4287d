using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard.Monitoring;
using NormGuard.Tool.Commands;

namespace NormGuard.Tool.Reports;

/// <summary>
/// Wording and order shared by the drift table, the JSON and the HTML report, so that the three never disagree on what
/// a figure is called or which feature comes first.
/// </summary>
internal static class DriftFormat
{
    /// <summary>Drifted features first, largest PSI first (as <see cref="DriftReport.Drifted"/>); then the others in
    /// manifest (training) order, where a reader of the manifest expects them.</summary>
    public static IReadOnlyList<FeatureDrift> Ordered(DriftReport report) =>
        report.Drifted.Concat(report.Features.Where(f => !f.Drifted)).ToArray();

    /// <summary>The status as the JSON writes it (camelCase, like the manifest's own names).</summary>
    public static string Status(DriftStatus status) => status switch
    {
        DriftStatus.Stable => "stable",
        DriftStatus.Drifted => "drifted",
        DriftStatus.TooFewRows => "tooFewRows",
        DriftStatus.NoBaseline => "noBaseline",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The status for people: "too few rows" rather than "tooFewRows".</summary>
    public static string StatusText(DriftStatus status) => status switch
    {
        DriftStatus.TooFewRows => "too few rows",
        DriftStatus.NoBaseline => "no baseline",
        _ => Status(status),
    };

    /// <summary>Null when there is no PSI (no baseline or no live values), or while PSI waits for more values: the band
    /// of a PSI that does not judge would read as a verdict.</summary>
    public static string? Band(FeatureDrift feature) => double.IsNaN(feature.Psi) || !feature.Judged.HasFlag(DriftTests.Psi) ? null : feature.PsiBand switch
    {
        PsiBand.Stable => "stable",
        PsiBand.Moderate => "moderate",
        _ => "significant",
    };

    public static string Psi(FeatureDrift feature) =>
        double.IsNaN(feature.Psi) ? "-" : Fixed(feature.Psi, 3) + " " + (Band(feature) ?? Waits);

    public static string Ks(FeatureDrift feature) =>
        feature.Ks is double ks && feature.KsCritical is double critical ? Fixed(ks, 3) + " / " + Fixed(critical, 3) + WaitsIf(feature, DriftTests.Ks) : "-";

    public static string MeanShift(FeatureDrift feature) =>
        feature.MeanShift is double shift ? shift.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) + " std" + WaitsIf(feature, DriftTests.MeanShift) : "-";

    /// <summary>Said after a figure whose test does not judge the feature yet (too few values): see the notes.</summary>
    private const string Waits = "(waits)";

    private static string WaitsIf(FeatureDrift feature, DriftTests test) => feature.Waiting.HasFlag(test) ? " " + Waits : string.Empty;

    /// <summary>The tests as the JSON names them.</summary>
    public static IEnumerable<string> TestIds(DriftTests tests) => DriftStatistics.Names(tests).Select(name => name switch
    {
        "PSI" => "psi",
        "KS" => "ks",
        "mean shift" => "meanShift",
        "missing rate" => "missingRate",
        _ => "unknownRate",
    });

    /// <summary>The report's verdict as the JSON writes it.</summary>
    public static string Verdict(DriftVerdict verdict) => verdict switch
    {
        DriftVerdict.Stable => "stable",
        DriftVerdict.Drifted => "drifted",
        DriftVerdict.Incomplete => "incomplete",
        DriftVerdict.NoVerdict => "noVerdict",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    /// <summary>The verdict in one line: what the table ends with, the report's header shows and the JSON's summary holds.
    /// A report without a clean verdict says so in capitals, as a drifted one does. Vector features count as features.</summary>
    public static string Summary(DriftReport report)
    {
        int total = EmbeddingFormat.FeatureCount(report), drifted = EmbeddingFormat.DriftedNames(report).Count;
        FeatureDrift[] undecided = report.WithoutVerdict.ToArray();
        EmbeddingDrift[] undecidedEmbeddings = report.Embeddings.Where(e => !e.HasVerdict).ToArray();
        int without = undecided.Length + undecidedEmbeddings.Length;
        string count = Text($"{without} of {total} ") + (without == 1 ? "has" : "have") + " no verdict: ";
        string why = WhyNoVerdict(report, undecided, undecidedEmbeddings, total);
        return report.Verdict switch
        {
            DriftVerdict.Drifted => Text($"DRIFT: {drifted} of {total} features drifted") + (without == 0 ? string.Empty : "; " + count + why),
            DriftVerdict.Stable => Text($"no drift: {total} of {total} features stable"),
            DriftVerdict.Incomplete => Text($"INCOMPLETE: no drift in the {total - without} judged features, but ") + count + why,
            _ => "NO VERDICT: no feature could be judged: " + why,
        };
    }

    /// <summary>"every feature has too few rows (12 live rows; …)", "depth has no training baseline (stats) in the manifest",
    /// "Embedding: (what its notes say)".</summary>
    private static string WhyNoVerdict(DriftReport report, FeatureDrift[] undecided, EmbeddingDrift[] undecidedEmbeddings, int total)
    {
        var parts = new List<string>();
        FeatureDrift[] tooFew = undecided.Where(f => f.Status == DriftStatus.TooFewRows).ToArray();
        FeatureDrift[] noBaseline = undecided.Where(f => f.Status == DriftStatus.NoBaseline).ToArray();
        DriftThresholds t = report.Thresholds;
        if (tooFew.Length > 0)
        {
            parts.Add(Text($"{Who(tooFew, total)} too few live values ({Count(report.Rows)} rows; KS and the missing and unknown rates need {Count(Math.Min(t.MinTestRows, t.MinRows))}, PSI and mean shift {Count(t.MinRows)})"));
        }

        if (noBaseline.Length > 0)
        {
            parts.Add(Who(noBaseline, total) + " no training baseline (stats) in the manifest");
        }

        parts.AddRange(undecidedEmbeddings.Select(EmbeddingFormat.WhyNoVerdict));
        return string.Join("; ", parts);
    }

    private static string Who(FeatureDrift[] features, int total) =>
        features.Length == total && features.Length > 1 ? "every feature has"
        : string.Join(", ", features.Select(f => f.Name)) + (features.Length == 1 ? " has" : " have");

    /// <summary>A line for the tests that wait in features that were judged, so that nobody takes the verdicts for more
    /// than they are: "PSI and mean shift wait for 200 values per feature (169 live rows); the verdicts rest on KS, …".</summary>
    public static string? WaitingLine(DriftReport report)
    {
        FeatureDrift[] judged = report.Features.Where(f => f.HasVerdict && f.Waiting != DriftTests.None).ToArray();
        if (judged.Length == 0)
        {
            return null;
        }

        DriftTests waiting = judged.Aggregate(DriftTests.None, (all, f) => all | f.Waiting);
        DriftTests used = report.Features.Aggregate(DriftTests.None, (all, f) => all | f.Judged);
        DriftThresholds t = report.Thresholds;
        var parts = new List<string>();
        Add(waiting & (DriftTests.Ks | DriftTests.MissingRate | DriftTests.UnknownRate), Math.Min(t.MinTestRows, t.MinRows));
        Add(waiting & (DriftTests.Psi | DriftTests.MeanShift), t.MinRows);
        return string.Join("; ", parts) + Text($" per feature ({Count(report.Rows)} live rows): the verdicts rest on ") + JoinNames(DriftStatistics.Names(used & ~waiting));

        void Add(DriftTests tests, long needed)
        {
            if (tests != DriftTests.None)
            {
                string[] names = DriftStatistics.Names(tests);
                parts.Add(JoinNames(names) + (names.Length == 1 ? " waits" : " wait") + Text($" for {Count(needed)} values"));
            }
        }
    }

    private static string JoinNames(string[] names) =>
        names.Length <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " and " + names[^1];

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Missing(FeatureDrift feature) => Percent(feature.LiveMissingRate) + " / " + Percent(feature.BaselineMissingRate);

    public static string Unknown(FeatureDrift feature) => feature.IsCategorical ? Percent(feature.UnknownRate) : "-";

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The thresholds in one line, as the table's footer and the report's header show them.</summary>
    public static string Thresholds(DriftThresholds t) => string.Create(CultureInfo.InvariantCulture,
        $"PSI ≥ {t.Psi:G}, KS at α = {t.KsSignificance:G}, |mean shift| ≥ {t.MeanShift:G} std, missing rate change ≥ {t.MissingRateChange:G}, unknown categories ≥ {t.UnknownRate:P1} (rates significant at α = {t.RateSignificance:G}); KS and rates judge from {Math.Min(t.MinTestRows, t.MinRows):N0} values, PSI and mean shift from {t.MinRows:N0}");

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Compact(double value) => TableConsole.Compact(value);
}
