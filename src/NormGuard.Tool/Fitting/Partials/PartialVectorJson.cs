using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// A vector (embedding) feature in a <c>normguard.partial/3</c> file. Its numbers are many (a 1,536-dimension feature's
/// co-moment matrix is 1,180,416 doubles), so they are written as base64 of their little-endian IEEE 754 bytes rather than
/// as decimals: exact by construction, 5⅓ characters a float32 and 10⅔ a double instead of up to 24, and JSON strings,
/// so the file stays one line of valid JSON under the same sha256. Either the vectors themselves (<c>vectors</c>: one
/// base64 float32 string per training row, in row order, null where missing), while the partition holds at most the
/// single fit's vector limit, or the vector fitter's state (<c>vectorSummary</c>).
/// </summary>
internal static class PartialVectorJson
{
    public static long MissingCount(PartialFeature feature) =>
        feature.VectorSummary?.Missing ?? feature.Vectors!.LongCount(v => v is null);

    public static void Write(Utf8JsonWriter json, PartialFeature feature)
    {
        if (feature.Vectors is not null)
        {
            json.WriteStartArray("vectors");
            foreach (float[]? vector in feature.Vectors)
            {
                if (vector is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteBase64StringValue(Bytes(vector));
                }
            }

            json.WriteEndArray();
            return;
        }

        VectorAccumulator summary = feature.VectorSummary!;
        Moments[] moments = summary.DimensionMoments!;
        json.WriteStartObject("vectorSummary");
        json.WriteNumber("count", summary.Count);
        json.WriteNumber("dimension", moments.Length);
        json.WriteStartObject("moments");
        json.WriteBase64String("mean", Bytes(moments.Select(m => m.Mean).ToArray()));
        json.WriteBase64String("m2", Bytes(moments.Select(m => m.M2).ToArray()));
        json.WriteBase64String("min", Bytes(moments.Select(m => m.Min).ToArray()));
        json.WriteBase64String("max", Bytes(moments.Select(m => m.Max).ToArray()));
        json.WriteBase64String("maxAbs", Bytes(moments.Select(m => m.MaxAbs).ToArray()));
        json.WriteEndObject();
        if (summary.SummarizedCoMoments is { } coMoments)
        {
            json.WriteStartObject("coMoments");
            json.WriteBase64String("mean", Bytes(coMoments.MeanVector()));
            // One string per row of the upper triangle (row i: d − i doubles), so that no JSON string outgrows the
            // writer's token limit (about 125 MB) at any dimension the co-moments are kept for.
            double[] upper = coMoments.UpperTriangle();
            json.WriteStartArray("upper");
            for (int i = 0, at = 0; i < moments.Length; at += moments.Length - i, i++)
            {
                json.WriteBase64StringValue(Bytes(upper.AsSpan(at, moments.Length - i)));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("coMoments");
        }

        json.WritePropertyName("norms");
        PartialSummaryJson.Write(json, summary.Norms);
        json.WriteEndObject();
    }

    /// <summary>The feature as its partial holds it; a state no fit can be in is a <see cref="FormatException"/>.</summary>
    public static PartialFeature Read(JsonElement feature, FitterFeature shape, long exactLimit, int rows)
    {
        int d = shape.NativeDimension;
        long missing = feature.GetProperty("missing").GetInt64();
        long vectorLimit = exactLimit * FeatureAccumulator.VectorValuesPerScalarValue;
        if (feature.TryGetProperty("vectors", out JsonElement vectors))
        {
            var kept = new List<float[]?>(rows);
            foreach (JsonElement vector in vectors.EnumerateArray())
            {
                kept.Add(vector.ValueKind == JsonValueKind.Null ? null : Floats(vector.GetBytesFromBase64(), d, shape, kept.Count));
            }

            if (kept.Count != rows || kept.LongCount(v => v is null) != missing)
            {
                throw new FormatException(Invariant($"feature '{shape.Name}' has {kept.Count} vectors ({kept.LongCount(v => v is null)} missing) for {rows} rows ({missing} missing)"));
            }

            return new PartialFeature { Vectors = kept, VectorValues = (rows - missing) * (long)d };
        }

        JsonElement summary = feature.GetProperty("vectorSummary");
        long count = summary.GetProperty("count").GetInt64();
        if (summary.GetProperty("dimension").GetInt32() != d)
        {
            throw new FormatException(Invariant($"feature '{shape.Name}' summarizes vectors of {summary.GetProperty("dimension").GetInt32()} dimensions; its space has {d}"));
        }

        if (count < 0 || count + missing > rows)
        {
            throw new FormatException(Invariant($"feature '{shape.Name}' summarizes {count} vectors and {missing} missing for {rows} rows"));
        }

        JsonElement m = summary.GetProperty("moments");
        double[] mean = Doubles(m, "mean", d, shape), m2 = Doubles(m, "m2", d, shape), min = Doubles(m, "min", d, shape), max = Doubles(m, "max", d, shape), maxAbs = Doubles(m, "maxAbs", d, shape);
        var moments = new Moments[d];
        for (int j = 0; j < d; j++)
        {
            // (Not "mean within [min, max]": Welford's and Chan's updates may round a mean of near-equal values an ulp outside.)
            if (!(m2[j] >= 0) || (count > 0 && (!(min[j] <= max[j]) || maxAbs[j] != Math.Max(Math.Abs(min[j]), Math.Abs(max[j])))))
            {
                throw new FormatException(Invariant($"feature '{shape.Name}', dimension {j}: moments no vectors can have (mean {mean[j]:R}, m2 {m2[j]:R}, min {min[j]:R}, max {max[j]:R}, maxAbs {maxAbs[j]:R})"));
            }

            moments[j] = new Moments { Count = count, Mean = mean[j], M2 = m2[j], Min = min[j], Max = max[j], MaxAbs = maxAbs[j] };
        }

        JsonElement co = summary.GetProperty("coMoments");
        CoMoments? coMoments = co.ValueKind == JsonValueKind.Null
            ? null
            : CoMoments.FromState(d, count, Doubles(co, "mean", d, shape), UpperTriangle(co.GetProperty("upper"), d, shape));
        ValueStore norms = PartialSummaryJson.ReadStore(summary.GetProperty("norms"), vectorLimit);
        if (norms.Count != count || norms.Moments.Min < 0)
        {
            throw new FormatException(Invariant($"feature '{shape.Name}' has {norms.Count} norms for {count} vectors"));
        }

        return new PartialFeature { VectorSummary = VectorAccumulator.Summarized(shape, vectorLimit, missing, moments, coMoments, norms) };
    }

    private static byte[] Bytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }

    private static byte[] Bytes(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return bytes;
    }

    private static float[] Floats(byte[] bytes, int dimension, FitterFeature shape, int row)
    {
        if (bytes.Length != dimension * sizeof(float))
        {
            throw new FormatException(Invariant($"feature '{shape.Name}', vector {row}: {bytes.Length} bytes, not {dimension} float32 values ({dimension * sizeof(float)} bytes)"));
        }

        var values = new float[dimension];
        for (int i = 0; i < dimension; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            if (!float.IsFinite(values[i]))
            {
                throw new FormatException(Invariant($"feature '{shape.Name}', vector {row}, element {i}: {values[i]} is not finite"));
            }
        }

        return values;
    }

    private static double[] UpperTriangle(JsonElement rows, int dimension, FitterFeature shape)
    {
        if (rows.GetArrayLength() != dimension)
        {
            throw new FormatException(Invariant($"feature '{shape.Name}': {rows.GetArrayLength()} rows of co-moments for {dimension} dimensions"));
        }

        var upper = new double[((long)dimension * (dimension + 1)) / 2];
        int at = 0, i = 0;
        foreach (JsonElement row in rows.EnumerateArray())
        {
            double[] values = DoublesOf(row, "co-moment row " + i.ToString(CultureInfo.InvariantCulture), dimension - i, shape);
            values.CopyTo(upper, at);
            at += values.Length;
            i++;
        }

        return upper;
    }

    private static double[] Doubles(JsonElement parent, string name, long count, FitterFeature shape) =>
        DoublesOf(parent.GetProperty(name), name, count, shape);

    private static double[] DoublesOf(JsonElement element, string name, long count, FitterFeature shape)
    {
        byte[] bytes = element.GetBytesFromBase64();
        if (bytes.LongLength != count * sizeof(double))
        {
            throw new FormatException(Invariant($"feature '{shape.Name}': '{name}' holds {bytes.LongLength} bytes, not {count} doubles"));
        }

        var values = new double[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan((int)(i * sizeof(double))));
            if (!double.IsFinite(values[i]))
            {
                throw new FormatException(Invariant($"feature '{shape.Name}': '{name}' value {i} is {values[i]}, not finite"));
            }
        }

        return values;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
