using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// The file format <c>normguard.partial/1</c> (described in docs/distributed-fit.md): one JSON object, written in a fixed
/// member order, whose last member <c>sha256</c> is the SHA-256 of every byte before it, so a truncated, damaged or
/// edited file is refused rather than merged.
/// </summary>
internal static class PartialFile
{
    public const string Format = "normguard.partial/1";

    /// <summary>
    /// The format of a partial in which some numeric feature carries the fitter's state (moments and quantile sketch)
    /// instead of its values: a reader of /1 would not know the <c>summary</c> member, so it gets a new number. A partial
    /// with every value is still written as /1, byte for byte as before.
    /// </summary>
    public const string SummaryFormat = "normguard.partial/2";

    /// <summary>
    /// The format of a partial with a vector (embedding) feature: its <c>vectors</c> or <c>vectorSummary</c> and the
    /// feature's <c>vector</c> schema member are unknown to a reader of /1 or /2, which would take the feature for a number.
    /// Partials without vector features keep /1 and /2, byte for byte as before.
    /// </summary>
    public const string VectorFormat = "normguard.partial/3";

    private static readonly byte[] HashMember = Encoding.UTF8.GetBytes(",\"sha256\":\"");

    /// <summary>The file's bytes: one line of JSON ending in a line feed.</summary>
    public static byte[] Bytes(PartialState state)
    {
        byte[] rows = Serialize(json => WriteRows(json, state));
        byte[] schema = Serialize(json => PartialSchemaJson.Write(json, state.Schema));
        byte[] body = Serialize(json =>
        {
            json.WriteStartObject();
            json.WriteString("format", state.Schema.Features.Any(f => f.IsVector) ? VectorFormat : state.Features.Any(f => f.Summary is not null) ? SummaryFormat : Format);
            json.WriteString("tool", "normguard " + ManifestFitter.ToolVersion);
            json.WriteString("schemaSha256", Sha256(schema));
            json.WritePropertyName("schema");
            json.WriteRawValue(schema, skipInputValidation: true);
            json.WriteStartObject("options");
            json.WriteNumber("exactLimit", state.Options.ExactLimit);
            json.WriteBoolean("split", state.Options.Split);
            json.WriteString("training", state.Options.TrainingRule);
            json.WriteEndObject();
            json.WriteStartObject("partition");
            json.WriteNumber("index", state.Partition);
            json.WriteString("source", state.Source);
            json.WriteString("sourceSha256", state.SourceSha256);
            json.WriteString("template", state.Schema.Origin);
            json.WriteNumber("rowsRead", state.RowsRead);
            json.WriteNumber("trainingRows", state.TrainingRows);
            json.WriteString("rowsSha256", Sha256(rows));
            json.WriteEndObject();
            json.WritePropertyName("rows");
            json.WriteRawValue(rows, skipInputValidation: true);
            json.WriteEndObject();
        });

        // The body without its closing brace, then the hash of exactly those bytes.
        byte[] prefix = body.AsSpan(0, body.Length - 1).ToArray();
        string hash = Sha256(prefix);
        return [.. prefix, .. HashMember, .. Encoding.UTF8.GetBytes(hash + "\"}\n")];
    }

    public static void Write(string path, PartialState state)
    {
        byte[] bytes = Bytes(state);
        string temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteRows(Utf8JsonWriter json, PartialState state)
    {
        json.WriteStartObject();
        json.WriteStartArray("positions");
        foreach ((long start, long count) in Runs(state.Positions))
        {
            json.WriteStartArray();
            json.WriteNumberValue(start);
            json.WriteNumberValue(count);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("features");
        for (int f = 0; f < state.Features.Length; f++)
        {
            PartialFeature feature = state.Features[f];
            json.WriteStartObject();
            json.WriteString("name", state.Schema.Features[f].Name);
            if (feature.Vectors is not null || feature.VectorSummary is not null)
            {
                json.WriteNumber("missing", PartialVectorJson.MissingCount(feature));
                PartialVectorJson.Write(json, feature);
                json.WriteEndObject();
                continue;
            }

            json.WriteNumber("missing", feature.Summary is not null ? feature.Summary.MissingCount : feature.Values is null ? feature.Missing : feature.Values.Count(double.IsNaN));
            if (feature.Summary is not null)
            {
                json.WriteStartObject("summary");
                json.WritePropertyName("raw");
                PartialSummaryJson.Write(json, feature.Summary.Raw);
                json.WritePropertyName("transformed");
                if (feature.Summary.Transformed is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    PartialSummaryJson.Write(json, feature.Summary.Transformed);
                }

                json.WriteEndObject();
            }
            else if (feature.Values is not null)
            {
                json.WriteStartArray("values");
                foreach (double value in feature.Values)
                {
                    PartialNumbers.Write(json, value);
                }

                json.WriteEndArray();
            }
            else
            {
                // Sorted, so that the same counts are always the same bytes.
                json.WriteStartArray("counts");
                if (feature.TextCounts is not null)
                {
                    foreach (KeyValuePair<string, long> pair in feature.TextCounts.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        json.WriteStartArray();
                        json.WriteStringValue(pair.Key);
                        json.WriteNumberValue(pair.Value);
                        json.WriteEndArray();
                    }
                }
                else
                {
                    foreach (KeyValuePair<long, long> pair in feature.IntegerCounts!.OrderBy(p => p.Key))
                    {
                        json.WriteStartArray();
                        json.WriteNumberValue(pair.Key);
                        json.WriteNumberValue(pair.Value);
                        json.WriteEndArray();
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Positions as runs of consecutive rows, [start, count]: one run for a partition that is a row range.</summary>
    private static IEnumerable<(long Start, long Count)> Runs(List<long> positions)
    {
        int i = 0;
        while (i < positions.Count)
        {
            int j = i + 1;
            while (j < positions.Count && positions[j] == positions[j - 1] + 1)
            {
                j++;
            }

            yield return (positions[i], j - i);
            i = j;
        }
    }

    /// <summary>Reads and checks a partial file; every problem is a <see cref="CliException"/> naming the file.</summary>
    public static PartialFile.Loaded Read(string path)
    {
        Data.InputFiles.Existing(path, "a partial fit file");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
        {
            throw new CliException($"{path}: is empty, not a partial fit ({Format}); was it written completely by normguard fit --partial?");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException problem)
        {
            throw new CliException($"{path}: is not a complete {Format} file: the JSON ends or breaks at line {problem.LineNumber + 1}, byte {problem.BytePositionInLine + 1} (truncated, or not written by normguard fit --partial)");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            string? format = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out JsonElement f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (format is not (Format or SummaryFormat or VectorFormat))
            {
                string what = format is null ? "has no \"format\"" : $"has format \"{format}\"";
                string hint = format == "normguard.manifest/1" ? ": it is a manifest; merge takes the partial files that normguard fit --partial writes"
                    : format?.StartsWith("normguard.partial/", StringComparison.Ordinal) == true ? $": it was written by another version of normguard ({Tool(root)}); this one reads {Format}, {SummaryFormat} and {VectorFormat} — refit the partition with this version"
                    : string.Empty;
                throw new CliException($"{path}: {what}, not {Format}{hint}");
            }

            CheckHash(path, bytes);
            try
            {
                return Load(path, root);
            }
            catch (Exception problem) when (problem is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
            {
                throw new CliException($"{path}: is not a valid {format} file: {problem.Message}");
            }
        }
    }

    private static string Tool(JsonElement root) =>
        root.TryGetProperty("tool", out JsonElement tool) && tool.ValueKind == JsonValueKind.String ? tool.GetString()! : "an unknown tool";

    private static void CheckHash(string path, byte[] bytes)
    {
        int end = bytes.Length;
        while (end > 0 && bytes[end - 1] is (byte)'\n' or (byte)'\r' or (byte)' ')
        {
            end--;
        }

        int start = end - HashMember.Length - 64 - 2;
        bool laidOut = start > 0 && bytes.AsSpan(start, HashMember.Length).SequenceEqual(HashMember) && bytes[end - 1] == '}' && bytes[end - 2] == '"';
        string stored = laidOut ? Encoding.ASCII.GetString(bytes, start + HashMember.Length, 64) : string.Empty;
        if (!laidOut || stored != Sha256(bytes.AsSpan(0, start).ToArray()))
        {
            throw new CliException($"{path}: its content does not match its sha256 (changed or damaged after normguard fit --partial wrote it); refit the partition");
        }
    }

    private static PartialFile.Loaded Load(string path, JsonElement root)
    {
        FitSchema schema = PartialSchemaJson.Read(root.GetProperty("schema"), root.GetProperty("partition").GetProperty("template").GetString()!);
        JsonElement options = root.GetProperty("options");
        JsonElement partition = root.GetProperty("partition");
        JsonElement rows = root.GetProperty("rows");
        var positions = new List<long>();
        foreach (JsonElement run in rows.GetProperty("positions").EnumerateArray())
        {
            long start = run[0].GetInt64(), count = run[1].GetInt64();
            for (long i = 0; i < count; i++)
            {
                positions.Add(start + i);
            }
        }

        string format = root.GetProperty("format").GetString()!;
        if (schema.Features.Any(f => f.IsVector) != (format == VectorFormat))
        {
            throw new FormatException($"a partial with vector features is {VectorFormat}, one without them /1 or /2; this one is {format}");
        }

        JsonElement[] features = rows.GetProperty("features").EnumerateArray().ToArray();
        if (features.Length != schema.Features.Count)
        {
            throw new FormatException($"{features.Length} features in rows, {schema.Features.Count} in the schema");
        }

        var state = new PartialState
        {
            Schema = schema,
            Options = new PartialOptions(options.GetProperty("exactLimit").GetInt64(), options.GetProperty("split").GetBoolean(), options.GetProperty("training").GetString()!),
            Partition = partition.GetProperty("index").GetInt64(),
            RowsRead = partition.GetProperty("rowsRead").GetInt64(),
            Source = partition.GetProperty("source").GetString()!,
            SourceSha256 = partition.GetProperty("sourceSha256").GetString()!,
            Positions = positions,
            Features = features.Select((feature, i) => ReadFeature(feature, schema, i, positions.Count, options.GetProperty("exactLimit").GetInt64(), format)).ToArray(),
        };
        if (partition.GetProperty("trainingRows").GetInt64() != positions.Count)
        {
            throw new FormatException($"trainingRows {partition.GetProperty("trainingRows").GetInt64()} but {positions.Count} row positions");
        }

        return new Loaded(path, state, partition.GetProperty("rowsSha256").GetString()!, root.GetProperty("schemaSha256").GetString()!);
    }

    private static PartialFeature ReadFeature(JsonElement feature, FitSchema schema, int index, int rows, long exactLimit, string format)
    {
        FitterFeature shape = schema.Features[index];
        if (feature.GetProperty("name").GetString() != shape.Name)
        {
            throw new FormatException($"rows hold feature '{feature.GetProperty("name").GetString()}' where the schema has '{shape.Name}'");
        }

        if (shape.IsVector)
        {
            return PartialVectorJson.Read(feature, shape, exactLimit, rows);
        }

        bool summaries = format is SummaryFormat or VectorFormat;

        PartialFeature state = PartialFeature.For(shape);
        if (state.Values is not null && feature.TryGetProperty("summary", out JsonElement summary))
        {
            if (!summaries)
            {
                throw new FormatException($"feature '{shape.Name}' has a summary, which only {SummaryFormat} carries");
            }

            state.Values = null;
            state.Summary = PartialSummaryJson.Read(summary, shape, schema.DType == ManifestDType.Float32, exactLimit, feature.GetProperty("missing").GetInt64());
            if (state.Summary.Raw.Count + state.Summary.MissingCount > rows)
            {
                throw new FormatException($"feature '{shape.Name}' summarizes {state.Summary.Raw.Count + state.Summary.MissingCount} values for {rows} rows");
            }

            return state;
        }

        if (state.Values is not null)
        {
            foreach (JsonElement value in feature.GetProperty("values").EnumerateArray())
            {
                state.Values.Add(PartialNumbers.Read(value));
            }

            if (state.Values.Count != rows)
            {
                throw new FormatException($"feature '{shape.Name}' has {state.Values.Count} values for {rows} rows");
            }

            return state;
        }

        state.Missing = feature.GetProperty("missing").GetInt64();
        foreach (JsonElement pair in feature.GetProperty("counts").EnumerateArray())
        {
            if (state.TextCounts is not null)
            {
                state.TextCounts.Add(pair[0].GetString()!, pair[1].GetInt64());
            }
            else
            {
                state.IntegerCounts!.Add(pair[0].GetInt64(), pair[1].GetInt64());
            }
        }

        return state;
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A partial as read from <see cref="Path"/>, with the hashes that identify its rows and its schema.</summary>
    internal sealed record Loaded(string Path, PartialState State, string RowsSha256, string SchemaSha256);
}
