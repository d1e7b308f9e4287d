using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ParquetSharp;
using Xunit;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard drift</c> on a vector (embedding) feature, with real all-MiniLM-L6-v2 vectors of Debian package
/// descriptions (samples/SemanticSearch/data: 500 baseline documents from every archive section, 250 unseen documents
/// drawn the same way, 250 from the games section). The manifest is fitted by <c>normguard fit</c> on the baseline set;
/// the live sets reach drift as Parquet list columns written by Apache Arrow's C++ writer (ParquetSharp), next to scalar
/// columns, and as the .npy files numpy writes (Data/embeddings/make_fixtures.py checks they are np.save's bytes).
/// </summary>
/// <remarks>Decided before running (the calibration in EmbeddingDriftRealDataTests and docs/drift.md, "Embeddings"):
/// unseen documents from the same sections → exit 0, verdict stable, the embedding stable with the mean vector's cosine
/// distance below its critical value; the games section → exit 2, the embedding drifted with a "mean vector: cosine
/// distance" reason, distance above critical. The same vectors give the same figures from Parquet (list&lt;float&gt; or
/// list&lt;double&gt;) and from .npy. A null list is a missing vector; a vector of the wrong length, an element that is not
/// finite, a manifest vector feature absent from the data: exit 1 naming file, row (from 1), element (from 0), feature.</remarks>
public sealed class EmbeddingDriftCommandTests
{
    private const int Dimension = 384;
    private static readonly string Sets = ToolRunner.Repo("samples", "SemanticSearch", "data");
    private static readonly string Fixtures = ToolRunner.Repo("tests", "NormGuard.Tool.Tests", "Data", "embeddings");

    // Length (characters of the description) first, so the vector's values sit after a scalar in a row of inputs.
    private const string MixedTemplate = """
        {"format": "normguard.manifest/1", "featureSet": "docs", "profile": "normguard", "dtype": "float32",
         "features": [{"name": "Length", "steps": [{"op": "zscore"}]},
                      {"name": "Embedding",
                       "space": {"name": "docs-minilm", "model": "sentence-transformers/all-MiniLM-L6-v2", "nativeDimension": 384, "dimension": 384},
                       "steps": [{"op": "l2"}], "missing": "propagate"}]}
        """;

    private const string VectorTemplate = """
        {"format": "normguard.manifest/1", "featureSet": "docs", "profile": "normguard", "dtype": "float32",
         "features": [{"name": "Embedding",
                       "space": {"name": "docs-minilm", "model": "sentence-transformers/all-MiniLM-L6-v2", "nativeDimension": 384, "dimension": 384},
                       "steps": [{"op": "l2"}], "missing": "propagate"}]}
        """;

    [Fact]
    public void Parquet_list_columns_unseen_documents_are_stable_and_games_drift_by_the_mean_vector()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = FitMixed(temp);
        string unchanged = WriteSet(temp, "unchanged");
        string shifted = WriteSet(temp, "shifted");

        ToolResult stable = ToolRunner.Run("drift", "--manifest", manifest, "--data", unchanged, "--json");
        Assert.True(stable.ExitCode == Cli.Ok, stable.ToString());
        using (JsonDocument json = JsonDocument.Parse(stable.Output))
        {
            Assert.Equal("stable", json.RootElement.GetProperty("verdict").GetString());
            Assert.Equal("no drift: 2 of 2 features stable", json.RootElement.GetProperty("summary").GetString());
            Assert.Equal("stable", json.RootElement.GetProperty("features")[0].GetProperty("status").GetString());
            JsonElement embedding = Assert.Single(json.RootElement.GetProperty("embeddings").EnumerateArray());
            Assert.Equal("Embedding", embedding.GetProperty("name").GetString());
            Assert.Equal("stable", embedding.GetProperty("status").GetString());
            Assert.Equal((250, 250), (embedding.GetProperty("rows").GetInt64(), embedding.GetProperty("vectors").GetInt64()));
            Assert.Equal(0, embedding.GetProperty("missingRate").GetDouble());
            Assert.True(embedding.GetProperty("meanJudged").GetBoolean());
            Assert.True(embedding.GetProperty("meanCosineDistance").GetDouble() < embedding.GetProperty("meanCosineCritical").GetDouble());
            Assert.Empty(embedding.GetProperty("reasons").EnumerateArray());
            JsonElement norm = embedding.GetProperty("norm");
            Assert.Equal("stable", norm.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Number, norm.GetProperty("psi").ValueKind);
            Assert.Equal(JsonValueKind.Number, norm.GetProperty("ks").ValueKind);
            Assert.Equal(JsonValueKind.Number, norm.GetProperty("meanShift").ValueKind);
            Assert.Equal(20, norm.GetProperty("bins").GetArrayLength());
        }

        ToolResult drifted = ToolRunner.Run("drift", "--manifest", manifest, "--data", shifted, "--json");
        Assert.True(drifted.ExitCode == Cli.CheckFailed, drifted.ToString());
        Assert.Contains("Embedding", drifted.Error.Split('\n').Single(l => l.StartsWith("check failed:", StringComparison.Ordinal)), StringComparison.Ordinal);
        using (JsonDocument json = JsonDocument.Parse(drifted.Output))
        {
            Assert.Equal("drifted", json.RootElement.GetProperty("verdict").GetString());
            JsonElement embedding = json.RootElement.GetProperty("embeddings")[0];
            Assert.Equal("drifted", embedding.GetProperty("status").GetString());
            Assert.True(embedding.GetProperty("drifted").GetBoolean());
            Assert.True(embedding.GetProperty("meanCosineDistance").GetDouble() > embedding.GetProperty("meanCosineCritical").GetDouble());
            Assert.Contains(embedding.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("mean vector: cosine distance", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Numpy_files_give_the_verdicts_and_the_figures_of_the_same_vectors_in_parquet()
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("t.json"), VectorTemplate);
        string manifest = temp.File("docs.normguard.json");
        ToolResult fit = ToolRunner.Run("fit", "--data", Npy("baseline"), "--template", temp.File("t.json"), "--out", manifest);
        Assert.True(fit.ExitCode == 0, fit.ToString());

        ToolResult stable = ToolRunner.Run("drift", "--manifest", manifest, "--data", Npy("unchanged"), "--json");
        ToolResult drifted = ToolRunner.Run("drift", "--manifest", manifest, "--data", Npy("shifted"));

        Assert.True(stable.ExitCode == Cli.Ok, stable.ToString());
        Assert.True(drifted.ExitCode == Cli.CheckFailed, drifted.ToString());
        Assert.Contains("│ Embedding ", drifted.Output, StringComparison.Ordinal);
        Assert.Contains("│ Embedding │ drifted │", drifted.Output, StringComparison.Ordinal);
        Assert.Contains("DRIFT: 1 of 1 features drifted", drifted.Output, StringComparison.Ordinal);

        // The same floats as list<double> (widened exactly, rounded back exactly): the same counts, bit for bit.
        string parquet = temp.File("unchanged.parquet");
        WriteParquet(parquet, ReadNpy(Npy("unchanged")).Select(v => (float[]?)v).ToArray(), lengths: null, asDouble: true);
        ToolResult fromParquet = ToolRunner.Run("drift", "--manifest", manifest, "--data", parquet, "--json");
        Assert.True(fromParquet.ExitCode == Cli.Ok, fromParquet.ToString());
        Assert.Equal(Embedding(stable).GetRawText(), Embedding(fromParquet).GetRawText());
    }

    /// <summary>fit reads a list&lt;double&gt; column too (it refused one before): the same floats, widened and rounded back
    /// exactly, give the manifest fitted from the .npy file, feature for feature.</summary>
    [Fact]
    public void Fit_reads_a_list_double_column_as_the_floats_it_holds()
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("t.json"), VectorTemplate);
        string parquet = temp.File("baseline.parquet");
        WriteParquet(parquet, ReadNpy(Npy("baseline")).Select(v => (float[]?)v).ToArray(), lengths: null, asDouble: true);

        ToolResult fromNpy = ToolRunner.Run("fit", "--data", Npy("baseline"), "--template", temp.File("t.json"), "--out", temp.File("npy.json"));
        ToolResult fromParquet = ToolRunner.Run("fit", "--data", parquet, "--template", temp.File("t.json"), "--out", temp.File("parquet.json"));

        Assert.True(fromNpy.ExitCode == 0, fromNpy.ToString());
        Assert.True(fromParquet.ExitCode == 0, fromParquet.ToString());
        using JsonDocument npy = JsonDocument.Parse(File.ReadAllText(temp.File("npy.json")));
        using JsonDocument fromList = JsonDocument.Parse(File.ReadAllText(temp.File("parquet.json")));
        Assert.Equal(npy.RootElement.GetProperty("features").GetRawText(), fromList.RootElement.GetProperty("features").GetRawText());
    }

    [Fact]
    public void A_null_list_counts_as_a_missing_vector()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = FitMixed(temp);
        float[]?[] vectors = ReadNpy(Npy("unchanged")).Select(v => (float[]?)v).Concat([null, null]).ToArray();
        string data = temp.File("live.parquet");
        WriteParquet(data, vectors, Enumerable.Repeat(200.0, vectors.Length).ToArray());

        ToolResult result = ToolRunner.Run("drift", "--manifest", manifest, "--data", data, "--json");

        JsonElement embedding = Embedding(result);
        Assert.Equal((252, 250), (embedding.GetProperty("rows").GetInt64(), embedding.GetProperty("vectors").GetInt64()));
        Assert.Equal(2.0 / 252, embedding.GetProperty("missingRate").GetDouble(), 12);
    }

    [Fact]
    public void The_html_report_has_an_embedding_section_with_the_norm_histogram()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = FitMixed(temp);
        string report = temp.File("drift.html");

        ToolResult result = ToolRunner.Run("drift", "--manifest", manifest, "--data", WriteSet(temp, "shifted"), "--report", report);

        Assert.True(result.ExitCode == Cli.CheckFailed, result.ToString());
        string html = File.ReadAllText(report);
        Assert.Contains("<h2>Embeddings</h2>", html, StringComparison.Ordinal);
        Assert.Contains("embeddings: the norm by the thresholds above, the mean vector&#39;s cosine distance at α = 0.0001 from 50 vectors", html, StringComparison.Ordinal);
        string card = html[html.IndexOf("id=\"e-Embedding\"", StringComparison.Ordinal)..];
        card = card[..card.IndexOf("</article>", StringComparison.Ordinal)];
        Assert.Contains("mean cosine distance / critical", card, StringComparison.Ordinal);
        Assert.Contains("mean vector: cosine distance", card, StringComparison.Ordinal);
        Assert.Contains("<svg", card, StringComparison.Ordinal);
        Assert.Contains("baseline", card, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#e-Embedding\">Embedding</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parquet_vector_of_the_wrong_length_is_named_by_file_row_and_column()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = FitMixed(temp);
        float[][] vectors = ReadNpy(Npy("unchanged"))[..5];
        vectors[2] = vectors[2][..383];
        string data = temp.File("short.parquet");
        WriteParquet(data, vectors, Enumerable.Repeat(200.0, 5).ToArray());

        ToolResult result = ToolRunner.Run("drift", "--manifest", manifest, "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{data}(row 3, column 4): Feature 'Embedding' (space 'docs-minilm'): expected 384 values, found 383.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parquet_element_that_is_not_finite_is_named_by_its_index()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = FitMixed(temp);
        float[][] vectors = ReadNpy(Npy("unchanged"))[..5];
        vectors[1][0] = float.PositiveInfinity;
        string data = temp.File("inf.parquet");
        WriteParquet(data, vectors, Enumerable.Repeat(200.0, 5).ToArray());

        ToolResult result = ToolRunner.Run("drift", "--manifest", manifest, "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{data}(row 2, column 4): Feature 'Embedding' (space 'docs-minilm'): element 0 is Infinity; an embedding's values must be finite.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-dimension.npy", "{0}: vectors of 383 values, but feature 'Embedding' (space 'docs-minilm') has native dimension 384")]
    [InlineData("non-finite.npy", "{0}(row 4): Feature 'Embedding' (space 'docs-minilm'): element 17 is NaN; an embedding's values must be finite.")]
    public void A_broken_numpy_file_is_refused_naming_file_row_and_element(string file, string message)
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("t.json"), VectorTemplate);
        string manifest = temp.File("m.json");
        Assert.Equal(0, ToolRunner.Run("fit", "--data", Npy("baseline"), "--template", temp.File("t.json"), "--out", manifest).ExitCode);
        string data = Path.Combine(Fixtures, file);

        ToolResult result = ToolRunner.Run("drift", "--manifest", manifest, "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, data), result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void A_vector_feature_absent_from_the_data_is_an_error_not_a_stable_verdict()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = FitMixed(temp);
        string data = temp.File("scalars.parquet");
        using (var writer = new ParquetFileWriter(data, [new Column<double>("Length")]))
        {
            using RowGroupWriter group = writer.AppendRowGroup();
            using (LogicalColumnWriter<double> length = group.NextColumn().LogicalWriter<double>())
            {
                length.WriteBatch(Enumerable.Repeat(200.0, 300).ToArray());
            }

            writer.Close();
        }

        ToolResult result = ToolRunner.Run("drift", "--manifest", manifest, "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{data}: no column 'Embedding' for feature 'Embedding'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("stable", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_numpy_file_cannot_feed_a_manifest_with_scalar_features_too()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = FitMixed(temp);

        ToolResult result = ToolRunner.Run("drift", "--manifest", manifest, "--data", Npy("unchanged"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"a .npy file holds one matrix of vectors, for a manifest of exactly one vector feature; {manifest} has 2 features (Length, Embedding (vector))", result.Error, StringComparison.Ordinal);
    }

    private static JsonElement Embedding(ToolResult result)
    {
        using JsonDocument json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("embeddings")[0].Clone();
    }

    private static string Npy(string set) => Path.Combine(Sets, "embeddings", set + ".npy");

    /// <summary>Fits the mixed manifest (description length and embedding) with normguard fit on the baseline set.</summary>
    private static string FitMixed(TempDirectory temp)
    {
        File.WriteAllText(temp.File("mixed.json"), MixedTemplate);
        string manifest = temp.File("docs.normguard.json");
        ToolResult fit = ToolRunner.Run("fit", "--data", WriteSet(temp, "baseline"), "--template", temp.File("mixed.json"), "--out", manifest);
        Assert.True(fit.ExitCode == 0, fit.ToString());
        return manifest;
    }

    /// <summary>A document set as Parquet: package, section, Length (characters of the text) and Embedding (list&lt;float&gt;).</summary>
    private static string WriteSet(TempDirectory temp, string set)
    {
        string[][] rows = File.ReadAllLines(Path.Combine(Sets, set + ".tsv")).Skip(1).Select(l => l.Split('\t')).ToArray();
        float[][] vectors = ReadNpy(Npy(set));
        Assert.Equal(rows.Length, vectors.Length);
        string path = temp.File(set + ".parquet");
        WriteParquet(path, vectors, rows.Select(r => (double)r[2].Length).ToArray(), rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray());
        return path;
    }

    private static void WriteParquet(string path, float[]?[] vectors, double[]? lengths, string[]? packages = null, string[]? sections = null, bool asDouble = false)
    {
        packages ??= Enumerable.Range(0, vectors.Length).Select(i => "p" + i).ToArray();
        sections ??= Enumerable.Repeat("misc", vectors.Length).ToArray();
        Column[] columns = [new Column<string>("package"), new Column<string>("section"), .. lengths is null ? Array.Empty<Column>() : [new Column<double>("Length")],
            asDouble ? new Column<double[]>("Embedding") : new Column<float[]>("Embedding")];
        using var writer = new ParquetFileWriter(path, columns);
        using (RowGroupWriter group = writer.AppendRowGroup())
        {
            Write(group, packages);
            Write(group, sections);
            if (lengths is not null)
            {
                Write(group, lengths);
            }

            if (asDouble)
            {
                Write(group, vectors.Select(v => v?.Select(x => (double)x).ToArray()).ToArray());
            }
            else
            {
                Write(group, vectors);
            }
        }

        writer.Close();
    }

    private static void Write<T>(RowGroupWriter group, T[] values)
    {
        using LogicalColumnWriter<T> column = group.NextColumn().LogicalWriter<T>();
        column.WriteBatch(values);
    }

    private static float[][] ReadNpy(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        int offset = 10 + headerLength, rows = (bytes.Length - offset) / (Dimension * sizeof(float));
        return Enumerable.Range(0, rows).Select(r =>
        {
            var vector = new float[Dimension];
            Buffer.BlockCopy(bytes, offset + (r * Dimension * sizeof(float)), vector, 0, Dimension * sizeof(float));
            return vector;
        }).ToArray();
    }
}
