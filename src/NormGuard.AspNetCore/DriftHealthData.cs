using System.Collections.Generic;
using System.Linq;

namespace NormGuard.AspNetCore;

/// <summary>A report as a health check result's data: plain values (strings, numbers, arrays and dictionaries of them)
/// that any health report writer can serialize; a figure that is undefined (NaN) is null.</summary>
internal static class DriftHealthData
{
    public static IReadOnlyDictionary<string, object> From(DriftReport report)
    {
        var data = new Dictionary<string, object>
        {
            ["featureSet"] = report.FeatureSet,
            ["version"] = report.Version,
            ["verdict"] = report.Verdict.ToString(),
            ["rows"] = report.Rows,
            ["drifted"] = report.Drifted.Select(f => f.Name).Concat(report.Embeddings.Where(e => e.Drifted).Select(e => e.Name)).ToArray(),
            ["withoutVerdict"] = report.WithoutVerdict.Select(f => f.Name).Concat(report.Embeddings.Where(e => !e.HasVerdict).Select(e => e.Name)).ToArray(),
        };

        // Each drifted feature under its own name, with the figures that judged it.
        foreach (FeatureDrift feature in report.Drifted)
        {
            data[feature.Name] = Figures(feature);
        }

        foreach (EmbeddingDrift embedding in report.Embeddings.Where(e => e.Drifted))
        {
            data[embedding.Name] = new Dictionary<string, object?>
            {
                ["status"] = embedding.Status.ToString(),
                ["vectors"] = embedding.Vectors,
                ["meanCosineDistance"] = Defined(embedding.MeanCosineDistance),
                ["meanCosineCritical"] = Defined(embedding.MeanCosineCritical),
                ["norm"] = Figures(embedding.Norm),
                ["reasons"] = embedding.Reasons.ToArray(),
            };
        }

        return data;
    }

    private static Dictionary<string, object?> Figures(FeatureDrift feature) => new()
    {
        ["status"] = feature.Status.ToString(),
        ["rows"] = feature.Rows,
        ["psi"] = Defined(feature.Psi),
        ["ks"] = Defined(feature.Ks),
        ["ksCritical"] = Defined(feature.KsCritical),
        ["meanShift"] = Defined(feature.MeanShift),
        ["liveMissingRate"] = Defined(feature.LiveMissingRate),
        ["unknownRate"] = feature.IsCategorical ? Defined(feature.UnknownRate) : null,
        ["reasons"] = feature.Reasons.ToArray(),
    };

    private static double? Defined(double? value) => value is double number && double.IsFinite(number) ? number : null;
}
