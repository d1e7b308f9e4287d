using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    /// <summary>Null when there is no PSI (no baseline or no live values): the band of NaN means nothing.</summary>
    public static string? Band(FeatureDrift feature) => double.IsNaN(feature.Psi) ? null : feature.PsiBand switch
    {
        PsiBand.Stable => "stable",
        PsiBand.Moderate => "moderate",
        _ => "significant",
    };

    public static string Psi(FeatureDrift feature) =>
        double.IsNaN(feature.Psi) ? "-" : Fixed(feature.Psi, 3) + " " + Band(feature);

    public static string Ks(FeatureDrift feature) =>
        feature.Ks is double ks && feature.KsCritical is double critical ? Fixed(ks, 3) + " / " + Fixed(critical, 3) : "-";

    public static string MeanShift(FeatureDrift feature) =>
        feature.MeanShift is double shift ? shift.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) + " std" : "-";

    public static string Missing(FeatureDrift feature) => Percent(feature.LiveMissingRate) + " / " + Percent(feature.BaselineMissingRate);

    public static string Unknown(FeatureDrift feature) => feature.IsCategorical ? Percent(feature.UnknownRate) : "-";

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The thresholds in one line, as the table's footer and the report's header show them.</summary>
    public static string Thresholds(DriftThresholds t) => string.Create(CultureInfo.InvariantCulture,
        $"PSI ≥ {t.Psi:G}, KS at α = {t.KsSignificance:G}, |mean shift| ≥ {t.MeanShift:G} std, missing rate change ≥ {t.MissingRateChange:G}, unknown categories ≥ {t.UnknownRate:P1}, verdict from {t.MinRows:N0} rows");

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Compact(double value) => TableConsole.Compact(value);
}
