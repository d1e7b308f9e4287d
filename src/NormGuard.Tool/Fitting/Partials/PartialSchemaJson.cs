using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// The schema part of a partial file: every field of every <see cref="FitterFeature"/> (so a partial fitted from a
/// compiled record merges without the assembly), the profile and dtype. Written in one fixed order, so two partials of
/// the same schema carry the same bytes there and the same <c>schemaSha256</c>.
/// </summary>
internal static class PartialSchemaJson
{
    public static void Write(Utf8JsonWriter json, FitSchema schema)
    {
        json.WriteStartObject();
        json.WriteString("featureSet", schema.FeatureSet);
        json.WriteString("profile", Commands.Options.ProfileName(schema.Profile));
        json.WriteString("dtype", schema.DType == ManifestDType.Float32 ? "float32" : "float64");
        json.WriteStartArray("features");
        foreach (FitterFeature feature in schema.Features)
        {
            WriteFeature(json, feature);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>One feature as compact JSON, for messages that show how two partials differ.</summary>
    public static string Describe(FitterFeature feature)
    {
        var buffer = new System.IO.MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteFeature(json, feature);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteFeature(Utf8JsonWriter json, FitterFeature feature)
    {
        json.WriteStartObject();
        json.WriteString("name", feature.Name);
        json.WriteStartArray("steps");
        foreach (FitStep step in feature.Steps)
        {
            json.WriteStartObject();
            json.WriteString("kind", step.Kind.ToString());
            json.WritePropertyName("first");
            PartialNumbers.Write(json, step.First);
            json.WritePropertyName("second");
            PartialNumbers.Write(json, step.Second);
            json.WriteBoolean("clip", step.Clip);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (feature.Categories is { } kind)
        {
            json.WriteString("categories", kind.ToString());
        }
        else
        {
            json.WriteNull("categories");
        }

        json.WriteString("unknown", feature.Unknown.ToString());
        json.WriteStartArray("enumNames");
        foreach (string name in feature.EnumNames)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteStartArray("enumValues");
        foreach (long value in feature.EnumValues)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
        json.WriteBoolean("nullable", feature.Nullable);
        if (feature.IsVector)
        {
            // Only on a vector feature, so that a schema without one is the same bytes (and schemaSha256) as before.
            json.WriteStartObject("vector");
            json.WriteString("space", feature.Space);
            json.WriteString("model", feature.Model);
            json.WriteString("revision", feature.Revision);
            json.WriteNumber("nativeDimension", feature.NativeDimension);
            json.WriteEndObject();
        }

        if (feature.Missing is { } missing)
        {
            json.WriteStartObject("missing");
            json.WriteString("kind", missing.Kind.ToString());
            json.WritePropertyName("fill");
            PartialNumbers.Write(json, missing.FillValue);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("missing");
        }

        json.WriteEndObject();
    }

    public static FitSchema Read(JsonElement schema, string origin)
    {
        string featureSet = schema.GetProperty("featureSet").GetString()!;
        NormalizationProfile profile = Commands.Options.ParseProfile(schema.GetProperty("profile").GetString())!.Value;
        ManifestDType dtype = schema.GetProperty("dtype").GetString() switch
        {
            "float32" => ManifestDType.Float32,
            "float64" => ManifestDType.Float64,
            var other => throw new FormatException($"dtype \"{other}\" is not float32 or float64"),
        };
        FitterFeature[] features = schema.GetProperty("features").EnumerateArray().Select(ReadFeature).ToArray();
        return new FitSchema(featureSet, profile, dtype, features, origin);
    }

    private static FitterFeature ReadFeature(JsonElement feature)
    {
        string name = feature.GetProperty("name").GetString()!;
        bool nullable = feature.GetProperty("nullable").GetBoolean();
        UnknownCategory unknown = Enum.Parse<UnknownCategory>(feature.GetProperty("unknown").GetString()!);
        JsonElement categories = feature.GetProperty("categories");
        FitterFeature shape;
        if (categories.ValueKind == JsonValueKind.Null)
        {
            FitStep[] steps = feature.GetProperty("steps").EnumerateArray()
                .Select(s => new FitStep(Enum.Parse<FitStepKind>(s.GetProperty("kind").GetString()!), PartialNumbers.Read(s.GetProperty("first")), PartialNumbers.Read(s.GetProperty("second")), s.GetProperty("clip").GetBoolean()))
                .ToArray();
            shape = feature.TryGetProperty("vector", out JsonElement vector)
                ? FitterFeature.Vector(name, vector.GetProperty("space").GetString()!, vector.GetProperty("model").GetString()!, vector.GetProperty("revision").GetString(), Positive(vector.GetProperty("nativeDimension").GetInt32()), steps, nullable)
                : FitterFeature.Numeric(name, steps, nullable);
        }
        else
        {
            CategoryKind kind = Enum.Parse<CategoryKind>(categories.GetString()!);
            string[] enumNames = feature.GetProperty("enumNames").EnumerateArray().Select(e => e.GetString()!).ToArray();
            long[] enumValues = feature.GetProperty("enumValues").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            shape = kind == CategoryKind.Enum
                ? FitterFeature.OneHotEnum(name, enumNames, enumValues, unknown, nullable)
                : FitterFeature.OneHot(name, kind, unknown, nullable);
        }

        JsonElement missing = feature.GetProperty("missing");
        return missing.ValueKind == JsonValueKind.Null
            ? shape
            : shape.WithMissing(new MissingValuePolicy(Enum.Parse<MissingValueKind>(missing.GetProperty("kind").GetString()!), PartialNumbers.Read(missing.GetProperty("fill"))));
    }

    private static int Positive(int dimension) =>
        dimension > 0 ? dimension : throw new FormatException($"a vector feature of {dimension} dimensions");

    /// <summary>A vector feature's space as messages name it.</summary>
    private static string Space(FitterFeature feature) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"space '{feature.Space}' ({feature.Model}{(feature.Revision is null ? string.Empty : "@" + feature.Revision)}, {feature.NativeDimension} dimensions)");

    /// <summary>How <paramref name="b"/>'s schema differs from <paramref name="a"/>'s, or null when they are the same.</summary>
    public static string? Difference(FitSchema a, FitSchema b)
    {
        if (a.FeatureSet != b.FeatureSet)
        {
            return $"feature set '{b.FeatureSet}' instead of '{a.FeatureSet}'";
        }

        if (a.Profile != b.Profile)
        {
            return $"profile {Commands.Options.ProfileName(b.Profile)} instead of {Commands.Options.ProfileName(a.Profile)}";
        }

        if (a.DType != b.DType)
        {
            return $"dtype {b.DType} instead of {a.DType}";
        }

        IEnumerable<string> namesA = a.Features.Select(f => f.Name), namesB = b.Features.Select(f => f.Name);
        if (!namesA.SequenceEqual(namesB))
        {
            return $"features [{string.Join(", ", namesB)}] instead of [{string.Join(", ", namesA)}]";
        }

        for (int i = 0; i < a.Features.Count; i++)
        {
            FitterFeature fa = a.Features[i], fb = b.Features[i];
            if ((fa.IsVector || fb.IsVector) && (fa.IsVector != fb.IsVector || fa.Space != fb.Space || fa.Model != fb.Model || fa.Revision != fb.Revision || fa.NativeDimension != fb.NativeDimension))
            {
                string what(FitterFeature f) => f.IsVector ? "a vector in " + Space(f) : "a scalar";
                return $"feature '{fa.Name}' as {what(fb)} instead of {what(fa)}";
            }

            string describedA = Describe(a.Features[i]), describedB = Describe(b.Features[i]);
            if (describedA != describedB)
            {
                return $"feature '{a.Features[i].Name}' is fitted as {describedB} instead of {describedA}";
            }
        }

        return null;
    }
}
