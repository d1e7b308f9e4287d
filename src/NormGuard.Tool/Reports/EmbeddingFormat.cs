using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NormGuard.Tool.Reports;

/// <summary>
/// Wording and order of the vector (embedding) features in the drift table, the JSON and the HTML report; the norm
/// distribution's figures are a scalar feature's (<see cref="DriftFormat"/>).
/// </summary>
internal static class EmbeddingFormat
{
    /// <summary>Drifted embeddings first, then the others in manifest order, as the scalar features.</summary>
    public static IReadOnlyList<EmbeddingDrift> Ordered(DriftReport report) =>
        report.Embeddings.Where(e => e.Drifted).Concat(report.Embeddings.Where(e => !e.Drifted)).ToArray();

    /// <summary>Scalar and vector features: what "N of M features" counts.</summary>
    public static int FeatureCount(DriftReport report) => report.Features.Count + report.Embeddings.Count;

    /// <summary>The drifted features, scalar ones (largest PSI first) then vector ones.</summary>
    public static IReadOnlyList<string> DriftedNames(DriftReport report) =>
        report.Drifted.Select(f => f.Name).Concat(report.Embeddings.Where(e => e.Drifted).Select(e => e.Name)).ToArray();

    /// <summary>The features without a verdict, scalar ones then vector ones.</summary>
    public static IReadOnlyList<string> UndecidedNames(DriftReport report) =>
        report.WithoutVerdict.Select(f => f.Name).Concat(report.Embeddings.Where(e => !e.HasVerdict).Select(e => e.Name)).ToArray();

    /// <summary>"0.4312 / 0.0447": the live mean vector's cosine distance to the baseline mean and its critical value,
    /// "(waits)" or "(no critical value)" when the test did not judge.</summary>
    public static string Cosine(EmbeddingDrift e) =>
        e.MeanCosineDistance is not double distance ? "-"
        : DriftFormat.Fixed(distance, 4) + " / " + (e.MeanCosineCritical is double critical ? DriftFormat.Fixed(critical, 4) : "-") + (e.MeanJudged ? string.Empty : " (not judged)");

    /// <summary>"Embedding: too few rows: (its notes)".</summary>
    public static string WhyNoVerdict(EmbeddingDrift e) =>
        e.Name + ": " + DriftFormat.StatusText(e.Status) + (e.Notes.Count > 0 ? " (" + string.Join("; ", e.Notes) + ")" : string.Empty);

    /// <summary>The mean-vector test's thresholds, after the scalar ones (which the norm distribution uses); empty
    /// without vector features.</summary>
    public static string Thresholds(DriftReport report)
    {
        if (report.Embeddings.Count == 0)
        {
            return string.Empty;
        }

        EmbeddingDriftThresholds t = Of(report);
        return string.Create(CultureInfo.InvariantCulture,
            $"; embeddings: the norm by the thresholds above, the mean vector's cosine distance at α = {t.MeanSignificance:G} from {t.MeanMinVectors:N0} vectors");
    }

    public static EmbeddingDriftThresholds Of(DriftReport report) =>
        report.Thresholds.Embeddings ?? EmbeddingDriftThresholds.Default with { Norm = report.Thresholds };
}
