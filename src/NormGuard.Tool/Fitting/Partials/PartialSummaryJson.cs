using System;
using System.Linq;
using System.Text.Json;
using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// A numeric feature's fitter state in a <c>normguard.partial/2</c> file: per store (the raw values, and the values after
/// a log pre-step) either the values themselves, while the store still holds them, or the moments and the quantile
/// sketch, with every double in shortest round-trip form so that the state read back is the state written.
/// </summary>
internal static class PartialSummaryJson
{
    public static void Write(Utf8JsonWriter json, ValueStore store)
    {
        json.WriteStartObject();
        if (store.IsExact)
        {
            json.WriteStartArray("values");
            foreach (double value in store.Values)
            {
                PartialNumbers.Write(json, value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            return;
        }

        Moments moments = store.Moments;
        json.WriteNumber("count", moments.Count);
        WriteNumber(json, "mean", moments.Mean);
        WriteNumber(json, "m2", moments.M2);
        WriteNumber(json, "min", moments.Min);
        WriteNumber(json, "max", moments.Max);
        WriteNumber(json, "maxAbs", moments.MaxAbs);
        QuantileSketchState sketch = store.Sketch!.ExportState();
        json.WriteStartObject("sketch");
        json.WriteNumber("k", sketch.K);
        json.WriteNumber("rng", sketch.Rng);
        json.WriteNumber("count", sketch.Count);
        WriteNumber(json, "min", sketch.Min);
        WriteNumber(json, "max", sketch.Max);
        json.WriteStartArray("compactions");
        foreach (long compactions in sketch.Compactions)
        {
            json.WriteNumberValue(compactions);
        }

        json.WriteEndArray();
        json.WriteStartArray("levels");
        foreach (double[] level in sketch.Levels)
        {
            json.WriteStartArray();
            foreach (double value in level)
            {
                PartialNumbers.Write(json, value);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The feature's accumulator as the partition left it; a state no fitter can be in is a <see cref="FormatException"/>.</summary>
    public static FeatureAccumulator Read(JsonElement summary, FitterFeature shape, bool float32, long exactLimit, long missing)
    {
        var accumulator = new FeatureAccumulator(shape, float32, exactLimit);
        JsonElement transformed = summary.GetProperty("transformed");
        accumulator.MergeStores(
            ReadStore(summary.GetProperty("raw"), exactLimit),
            transformed.ValueKind == JsonValueKind.Null ? null : ReadStore(transformed, exactLimit),
            missing >= 0 ? missing : throw new FormatException($"feature '{shape.Name}' has {missing} missing values"));
        return accumulator;
    }

    internal static ValueStore ReadStore(JsonElement store, long exactLimit)
    {
        if (store.TryGetProperty("values", out JsonElement values))
        {
            var exact = new ValueStore(exactLimit);
            foreach (JsonElement value in values.EnumerateArray())
            {
                double number = PartialNumbers.Read(value);
                exact.Add(double.IsNaN(number) ? throw new FormatException("a summarized store holds a missing value") : number);
            }

            return exact;
        }

        var moments = new Moments
        {
            Count = store.GetProperty("count").GetInt64(),
            Mean = PartialNumbers.Read(store.GetProperty("mean")),
            M2 = PartialNumbers.Read(store.GetProperty("m2")),
            Min = PartialNumbers.Read(store.GetProperty("min")),
            Max = PartialNumbers.Read(store.GetProperty("max")),
            MaxAbs = PartialNumbers.Read(store.GetProperty("maxAbs")),
        };
        JsonElement sketch = store.GetProperty("sketch");
        var state = new QuantileSketchState(
            sketch.GetProperty("k").GetInt32(),
            sketch.GetProperty("rng").GetUInt64(),
            sketch.GetProperty("count").GetInt64(),
            PartialNumbers.Read(sketch.GetProperty("min")),
            PartialNumbers.Read(sketch.GetProperty("max")),
            sketch.GetProperty("levels").EnumerateArray().Select(level => level.EnumerateArray().Select(PartialNumbers.Read).ToArray()).ToArray(),
            sketch.GetProperty("compactions").EnumerateArray().Select(c => c.GetInt64()).ToArray());
        if (moments.Min != state.Min || moments.Max != state.Max)
        {
            throw new FormatException("the moments' min and max differ from the sketch's");
        }

        return ValueStore.Summarized(exactLimit, moments, QuantileSketch.FromState(state));
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        PartialNumbers.Write(json, value);
    }
}
