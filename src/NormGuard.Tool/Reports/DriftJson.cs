using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NormGuard.Tool.Reports;

/// <summary>
/// <c>normguard drift --json</c>: the report as one JSON object, its verdict first. A figure that does not apply (KS of a
/// one-hot feature, PSI without live values) is <c>null</c>, never NaN, which JSON cannot hold; numbers are written in
/// shortest round-trip form, independent of the culture. Each feature lists the tests that judged it and those that
/// wait for more values, and its bins with the baseline's and the live share of values. Vector (embedding) features are
/// under <c>embeddings</c> (empty without them): the mean vector's cosine distance and critical value, and the norm
/// distribution as a feature of its own.
/// </summary>
internal static class DriftJson
{
    public static void Write(TextWriter output, DriftReport report)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: the reasons' "≥" and "α" stay readable instead of becoming \u2265.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("verdict", DriftFormat.Verdict(report.Verdict));
            json.WriteString("summary", DriftFormat.Summary(report));
            json.WriteString("featureSet", report.FeatureSet);
            json.WriteNumber("version", report.Version);
            json.WriteNumber("rows", report.Rows);
            json.WriteBoolean("drifted", report.AnyDrifted);
            json.WriteStartArray("features");
            foreach (FeatureDrift feature in DriftFormat.Ordered(report))
            {
                json.WriteStartObject();
                Feature(json, feature);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("embeddings");
            foreach (EmbeddingDrift embedding in EmbeddingFormat.Ordered(report))
            {
                Embedding(json, embedding);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>A scalar feature's figures, or an embedding's norm distribution's.</summary>
    private static void Feature(Utf8JsonWriter json, FeatureDrift feature)
    {
        json.WriteString("name", feature.Name);
        json.WriteString("status", DriftFormat.Status(feature.Status));
        json.WriteBoolean("drifted", feature.Drifted);
        Strings(json, "judgedBy", DriftFormat.TestIds(feature.Judged));
        Strings(json, "waiting", DriftFormat.TestIds(feature.Waiting));
        json.WriteNumber("rows", feature.Rows);
        Number(json, "psi", feature.Psi);
        if (DriftFormat.Band(feature) is { } band)
        {
            json.WriteString("psiBand", band);
        }
        else
        {
            json.WriteNull("psiBand");
        }

        Number(json, "ks", feature.Ks);
        Number(json, "ksCritical", feature.KsCritical);
        Number(json, "meanShift", feature.MeanShift);
        Number(json, "missingRate", feature.LiveMissingRate);
        Number(json, "baselineMissingRate", feature.BaselineMissingRate);
        Number(json, "unknownRate", feature.IsCategorical ? feature.UnknownRate : null);
        Strings(json, "reasons", feature.Reasons);
        Strings(json, "notes", feature.Notes);
        Bins(json, feature);
    }

    /// <summary>A vector feature: its verdict, the mean vector's cosine distance with its critical value, and the norm
    /// distribution as a scalar feature's figures under <c>norm</c>.</summary>
    private static void Embedding(Utf8JsonWriter json, EmbeddingDrift embedding)
    {
        json.WriteStartObject();
        json.WriteString("name", embedding.Name);
        json.WriteString("status", DriftFormat.Status(embedding.Status));
        json.WriteBoolean("drifted", embedding.Drifted);
        json.WriteNumber("rows", embedding.Rows);
        json.WriteNumber("vectors", embedding.Vectors);
        Number(json, "missingRate", embedding.Norm.LiveMissingRate);
        Number(json, "baselineMissingRate", embedding.Norm.BaselineMissingRate);
        Number(json, "meanCosineDistance", embedding.MeanCosineDistance);
        Number(json, "meanCosineCritical", embedding.MeanCosineCritical);
        if (embedding.MeanCosineBound is { } bound)
        {
            json.WriteString("meanCosineBound", bound);
        }
        else
        {
            json.WriteNull("meanCosineBound");
        }

        json.WriteBoolean("meanJudged", embedding.MeanJudged);
        Strings(json, "reasons", embedding.Reasons);
        Strings(json, "notes", embedding.Notes);
        json.WriteStartObject("norm");
        Feature(json, embedding.Norm);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The distributions the report's chart draws: per bin its label and the baseline's and the live share of
    /// values (<c>null</c> without a baseline, or before any live value). Empty when the feature has no bins.</summary>
    private static void Bins(Utf8JsonWriter json, FeatureDrift feature)
    {
        bool baseline = DriftCharts.HasBaseline(feature), live = DriftCharts.HasLive(feature);
        json.WriteStartArray("bins");
        for (int i = 0; i < feature.BinLabels.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("label", feature.BinLabels[i]);
            Number(json, "baseline", baseline ? feature.BaselineShares[i] : null);
            Number(json, "live", live ? feature.LiveShares[i] : null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
