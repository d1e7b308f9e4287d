using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using ParquetSharp;
using Xunit;
using Xunit.Abstractions;
using static NormGuard.Tool.Tests.DiamondsPartitions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>fit --partial</c> and <c>merge</c> on a vector (embedding) feature: the 500 real all-MiniLM-L6-v2 baseline vectors of
/// the SemanticSearch sample (384 dimensions), written with two missing vectors and 20 rows of another split to a Parquet
/// list&lt;float&gt; column (ParquetSharp, Apache Arrow's writer), cut into partitions by row ranges and by a hash of the row.
/// </summary>
/// <remarks>
/// Decided before the first run:
/// - partitions that keep their vectors (the default limit) merge to the single fit's manifest byte for byte, in every
///   order, by row ranges (--first-row) and scattered (--row-column);
/// - partitions past --exact-limit carry the vector fitter's state (format normguard.partial/3, "vectorSummary"); every
///   merge order gives the same bytes; against the exact single fit: count, missing, the norms' count, min, max and 101
///   quantiles equal (the 500 norms stay below the vector limit, so they are kept exactly); the norms' mean and std equal
///   for row ranges (the norms are then summed in row order) and within 1e-10 relative when scattered; each dimension of
///   the mean vector and of the zscore step's mean within 1e-10·(|mean| + std) of the exact one, the zscore std and both
///   covariance norms within 1e-10 relative.
/// </remarks>
public sealed class PartialVectorMergeTests(ITestOutputHelper log)
{
    private const int Dimension = 384;
    private static readonly Lazy<float[][]> Baseline = new(() => ReadNpy(ToolRunner.Repo("samples", "SemanticSearch", "data", "embeddings", "baseline.npy")));

    private static string Template(string space = "docs-minilm", int native = Dimension, string step = "zscore") => """
        {"format": "normguard.manifest/1", "featureSet": "docs", "profile": "sklearn", "dtype": "float32",
         "features": [{"name": "Embedding",
                       "space": {"name": "SPACE", "model": "sentence-transformers/all-MiniLM-L6-v2", "revision": "c9745ed", "nativeDimension": NATIVE, "dimension": NATIVE},
                       "steps": [{"op": "STEP"}, {"op": "l2"}], "missing": "propagate"}]}
        """.Replace("SPACE", space, StringComparison.Ordinal).Replace("NATIVE", native.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("STEP", step, StringComparison.Ordinal);

    [Fact]
    public void Vector_partials_that_keep_their_vectors_merge_to_the_single_fit_byte_for_byte_in_every_order()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string whole, Row[] rows) = WholeDataSet(temp);
        byte[] single = File.ReadAllBytes(SingleFit(temp, whole, []));

        foreach ((string name, string[] partials, IEnumerable<int[]> orders) in new[]
        {
            ("3 row ranges", Ranges(temp, rows, 3).Select(p => PartialFit(temp, p, [])).ToArray(), AllPermutations(3)),
            ("4 hashed", Hashed(temp, rows, 4).Select(p => PartialFit(temp, p, [])).ToArray(), RandomPermutations(4, 4, seed: 16)),
        })
        {
            foreach (string partial in partials)
            {
                string text = File.ReadAllText(partial);
                Assert.StartsWith("{\"format\":\"normguard.partial/3\"", text, StringComparison.Ordinal);
                Assert.Contains("\"vectors\":[", text, StringComparison.Ordinal);
            }

            foreach (int[] order in orders)
            {
                byte[] merged = File.ReadAllBytes(Merge(temp, whole, order.Select(i => partials[i])));
                Assert.True(single.AsSpan().SequenceEqual(merged), $"{name}, order {string.Join(" ", order)}: the merged manifest differs from the single fit");
            }

            ToolResult said = ToolRunner.Run(["merge", .. partials, "--source", whole, "--fitted-at", FittedAt, "--out", temp.File("said.normguard.json"), "--force"]);
            Assert.Contains("quantiles and sums exact", said.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Shards as .npy matrices (one per partition, as np.save writes them); expected: the single fit over baseline.npy, byte for byte.</summary>
    [Fact]
    public void Npy_shards_fitted_partially_merge_to_the_single_fit_over_the_whole_npy()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string whole = ToolRunner.Repo("samples", "SemanticSearch", "data", "embeddings", "baseline.npy");
        File.WriteAllText(temp.File("t.json"), Template());
        ToolResult fit = ToolRunner.Run("fit", "--data", whole, "--template", temp.File("t.json"), "--fitted-at", FittedAt, "--out", temp.File("single.normguard.json"));
        Assert.True(fit.ExitCode == 0, fit.ToString());

        int[] cuts = [0, 120, 333, 500];
        var partials = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string shard = temp.File($"part-{i:00000}.npy");
            WriteNpy(shard, Baseline.Value[cuts[i]..cuts[i + 1]]);
            string partial = temp.File($"p{i}.json");
            ToolResult part = ToolRunner.Run("fit", "--partial", "--data", shard, "--template", temp.File("t.json"), "--partition", i.ToString(CultureInfo.InvariantCulture), "--out", partial);
            Assert.True(part.ExitCode == 0, part.ToString());
            partials.Add(partial);
        }

        ToolResult merge = ToolRunner.Run(["merge", partials[2], partials[0], partials[1], "--source", whole, "--fitted-at", FittedAt, "--out", temp.File("merged.normguard.json")]);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Equal(File.ReadAllBytes(temp.File("single.normguard.json")), File.ReadAllBytes(temp.File("merged.normguard.json")));
    }

    [Fact]
    public void Vector_partials_past_the_exact_limit_carry_the_fitters_state_and_merge_within_the_bounds()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string whole, Row[] rows) = WholeDataSet(temp);
        Manifest exact = Manifest.Load(SingleFit(temp, whole, []));

        // --exact-limit 2000: a vector feature keeps 16 × 2,000 = 32,000 floats, 83 vectors of 384, per partition; the 3
        // row ranges hold 167 or 168 training vectors each, so all three carry the fitter's state.
        foreach ((string name, string[] partials, int[][] orders, bool rowOrder) in new[]
        {
            ("3 row ranges", Ranges(temp, rows, 3).Select(p => PartialFit(temp, p, ["--exact-limit", "2000"])).ToArray(), AllPermutations(3).ToArray(), true),
            // --exact-limit 2400: 100 vectors kept; the 5 hashed partitions hold 97 to 104 training vectors, so some keep their
            // vectors and some carry the state, and the merge combines both kinds.
            ("5 hashed", Hashed(temp, rows, 5).Select(p => PartialFit(temp, p, ["--exact-limit", "2400"])).ToArray(), RandomPermutations(5, 5, seed: 24).ToArray(), false),
        })
        {
            Assert.Contains(partials, p => File.ReadAllText(p).Contains("\"vectorSummary\":{", StringComparison.Ordinal));
            Assert.Equal(name.StartsWith('5'), partials.Any(p => File.ReadAllText(p).Contains("\"vectors\":[", StringComparison.Ordinal)));
            byte[]? first = null;
            foreach (int[] order in orders)
            {
                string merged = Merge(temp, whole, order.Select(i => partials[i]));
                byte[] bytes = File.ReadAllBytes(merged);
                first ??= bytes;
                Assert.True(first.AsSpan().SequenceEqual(bytes), $"{name}: merge in order {string.Join(" ", order)} differs from the first order's");
            }

            string summaries = string.Join(", ", partials.Select(p => File.ReadAllText(p).Contains("\"vectorSummary\":{", StringComparison.Ordinal) ? "state" : "vectors"));
            ToolResult said = ToolRunner.Run(["merge", .. partials, "--source", whole, "--fitted-at", FittedAt, "--out", temp.File("said.normguard.json"), "--force"]);
            Assert.Contains("carried a vector feature's fitter state", said.Output, StringComparison.Ordinal);
            List<string> problems = Violations(Manifest.Load(Merge(temp, whole, partials)).Features[0], exact.Features[0], rowOrder, out double worst);
            log.WriteLine($"{name} ({summaries}), largest partial {partials.Max(p => new FileInfo(p).Length):N0} bytes: largest relative difference {worst:E2}");
            Assert.True(problems.Count == 0, $"{name}:\n{string.Join("\n", problems)}");
        }
    }

    [Fact]
    public void Merging_vector_partials_of_another_space_dimension_or_step_is_refused_naming_both()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string _, Row[] rows) = WholeDataSet(temp);
        Part[] parts = Ranges(temp, rows, 2);
        string a = PartialFit(temp, parts[0], []);
        string otherSpace = PartialFit(temp, parts[1], [], Template(space: "docs-e5"), "other-space.json");
        string otherStep = PartialFit(temp, parts[1], [], Template(step: "center"), "other-step.json");

        // 48-dimension vectors (the fit golden's) in a space of that dimension
        string small = temp.File("small.parquet");
        WriteParquet(small, [.. Enumerable.Range(0, 10).Select(i => new Row(i, [.. Enumerable.Range(0, 48).Select(j => (float)Math.Sin(i + j))], "train"))]);
        string otherDimension = PartialFit(temp, new Part(1, small, string.Empty, ["--partition", "1"]), [], Template(native: 48), "other-dimension.json");

        AssertRefused(temp, [a, otherSpace], $"{otherSpace}: cannot be merged with {a}: it was fitted with feature 'Embedding' as a vector in space 'docs-e5' (sentence-transformers/all-MiniLM-L6-v2@c9745ed, 384 dimensions) instead of a vector in space 'docs-minilm' (sentence-transformers/all-MiniLM-L6-v2@c9745ed, 384 dimensions)");
        AssertRefused(temp, [a, otherDimension], $"{otherDimension}: cannot be merged with {a}: it was fitted with feature 'Embedding' as a vector in space 'docs-minilm' (sentence-transformers/all-MiniLM-L6-v2@c9745ed, 48 dimensions) instead of a vector in space 'docs-minilm' (sentence-transformers/all-MiniLM-L6-v2@c9745ed, 384 dimensions)");
        AssertRefused(temp, [a, otherStep], $"{otherStep}: cannot be merged with {a}: it was fitted with feature 'Embedding' is fitted as");
        Assert.True(File.Exists(a));
    }

    [Fact]
    public void A_vector_partial_whose_state_no_fit_can_have_is_refused_naming_the_file_even_with_a_fresh_sha256()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string whole, Row[] rows) = WholeDataSet(temp);
        Part[] parts = Ranges(temp, rows, 2);
        string kept = PartialFit(temp, parts[0], []);
        string summarized = PartialFit(temp, parts[1], ["--exact-limit", "2000"]);

        // A vector cut to 383 floats, and a co-moment row cut short: each re-hashed, so only the content check can catch it.
        string text = File.ReadAllText(kept);
        int at = text.IndexOf("\"vectors\":[\"", StringComparison.Ordinal) + "\"vectors\":[\"".Length;
        int end = text.IndexOf('"', at);
        string shortVector = Convert.ToBase64String(Convert.FromBase64String(text[at..end])[..(383 * 4)]);
        string cut = Rehash(temp.File("cut-vector.json"), text[..at] + shortVector + text[end..]);
        AssertRefused(temp, [cut], $"{cut}: is not a valid normguard.partial/3 file: feature 'Embedding', vector 0: 1532 bytes, not 384 float32 values (1536 bytes)");

        text = File.ReadAllText(summarized);
        at = text.IndexOf("\"upper\":[\"", StringComparison.Ordinal) + "\"upper\":[\"".Length;
        end = text.IndexOf('"', at);
        string shortRow = Convert.ToBase64String(Convert.FromBase64String(text[at..end])[..(383 * 8)]);
        string damaged = Rehash(temp.File("cut-comoments.json"), text[..at] + shortRow + text[end..]);
        AssertRefused(temp, [damaged], $"{damaged}: is not a valid normguard.partial/3 file: feature 'Embedding': 'co-moment row 0' holds 3064 bytes, not 384 doubles");
    }

    /// <summary>
    /// Found by these tests: a null list in the middle of a Parquet row group shifted every later vector of the group by one
    /// value (the reader took Parquet.Net's level index for the value index). Expected before running: the fitted mean
    /// vector is the float64 mean, summed in row order, of exactly the baseline's 500 vectors, bit for bit.
    /// </summary>
    [Fact]
    public void Fit_reads_every_vector_after_a_null_list_of_a_parquet_row_group()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string whole, Row[] _) = WholeDataSet(temp);
        Manifest fitted = Manifest.Load(SingleFit(temp, whole, []));

        var expected = new double[Dimension];
        foreach (float[] vector in Baseline.Value)
        {
            for (int j = 0; j < Dimension; j++)
            {
                expected[j] += vector[j];
            }
        }

        for (int j = 0; j < Dimension; j++)
        {
            expected[j] /= Baseline.Value.Length;
        }

        Assert.Equal((500L, 2L), (fitted.Features[0].Stats!.Count, fitted.Features[0].Stats!.Missing));
        Assert.Equal(expected, fitted.Features[0].Stats!.MeanVector!.ToArray());
    }

    [Fact]
    public void A_pca_step_is_refused_by_fit_partial_as_by_fit()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (string _, Row[] rows) = WholeDataSet(temp);
        File.WriteAllText(temp.File("pca.json"), Template().Replace("{\"op\": \"zscore\"}", "{\"op\": \"pca\", \"mean\": [], \"components\": [], \"explainedVariance\": [], \"whiten\": false}", StringComparison.Ordinal));
        ToolResult fit = ToolRunner.Run("fit", "--partial", "--data", Ranges(temp, rows, 1)[0].Data, "--template", temp.File("pca.json"), "--partition", "0", "--out", temp.File("p.json"));
        Assert.Equal(1, fit.ExitCode);
        Assert.False(File.Exists(temp.File("p.json")));
        Assert.Contains("pca", fit.Error, StringComparison.Ordinal);
    }

    private static List<string> Violations(FeatureManifest merged, FeatureManifest exact, bool rowOrder, out double worst)
    {
        var problems = new List<string>();
        double largest = 0;
        void Close(string what, double got, double expected, double scale)
        {
            double relative = Math.Abs(got - expected) / scale;
            largest = Math.Max(largest, relative);
            if (!(relative <= 1e-10))
            {
                problems.Add($"{what}: {got:R} vs {expected:R} (relative {relative:E2})");
            }
        }

        void Equal(string what, double got, double expected)
        {
            if (BitConverter.DoubleToInt64Bits(got) != BitConverter.DoubleToInt64Bits(expected))
            {
                problems.Add($"{what}: {got:R}, expected exactly {expected:R}");
            }
        }

        FeatureStats m = merged.Stats!, e = exact.Stats!;
        Equal("count", m.Count, e.Count);
        Equal("missing", m.Missing, e.Missing);
        Equal("norm count", m.Norm!.Count, e.Norm!.Count);
        Equal("norm min", m.Norm.Min!.Value, e.Norm.Min!.Value);
        Equal("norm max", m.Norm.Max!.Value, e.Norm.Max!.Value);
        for (int q = 0; q <= 100; q++)
        {
            Equal($"norm quantile {q}", m.Norm.Quantiles![q], e.Norm.Quantiles![q]);
        }

        if (rowOrder)
        {
            Equal("norm mean", m.Norm.Mean!.Value, e.Norm.Mean!.Value);
            Equal("norm std", m.Norm.Std!.Value, e.Norm.Std!.Value);
        }
        else
        {
            Close("norm mean", m.Norm.Mean!.Value, e.Norm.Mean!.Value, Math.Abs(e.Norm.Mean.Value));
            Close("norm std", m.Norm.Std!.Value, e.Norm.Std!.Value, Math.Abs(e.Norm.Std.Value));
        }

        var mz = (VectorZScoreStep)merged.Steps[0];
        var ez = (VectorZScoreStep)exact.Steps[0];
        for (int j = 0; j < Dimension; j++)
        {
            double scale = Math.Abs(e.MeanVector![j]) + ez.Std[j];
            Close($"meanVector[{j}]", m.MeanVector![j], e.MeanVector[j], scale);
            Close($"zscore mean[{j}]", mz.Mean[j], ez.Mean[j], scale);
            Close($"zscore std[{j}]", mz.Std[j], ez.Std[j], ez.Std[j]);
        }

        Close("covariance Frobenius norm", m.CovarianceFrobeniusNorm!.Value, e.CovarianceFrobeniusNorm!.Value, e.CovarianceFrobeniusNorm.Value);
        Close("covariance Schatten-4 norm", m.CovarianceSchatten4Norm!.Value, e.CovarianceSchatten4Norm!.Value, e.CovarianceSchatten4Norm.Value);
        worst = largest;
        return problems;
    }

    private static void AssertRefused(TempDirectory temp, string[] partials, string expected)
    {
        string output = temp.File("refused.normguard.json");
        ToolResult merge = ToolRunner.Run(["merge", .. partials, "--out", output]);
        Assert.True(merge.ExitCode == 1, merge.ToString());
        Assert.Contains(expected, merge.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static string Rehash(string path, string body)
    {
        int hashAt = body.LastIndexOf(",\"sha256\":\"", StringComparison.Ordinal);
        string prefix = body[..hashAt];
        File.WriteAllText(path, prefix + ",\"sha256\":\"" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(prefix))) + "\"}\n");
        return path;
    }

    private sealed record Row(long Index, float[]? Vector, string Split);

    private sealed record Part(int Index, string Data, string Name, string[] Placement);

    /// <summary>The baseline's 500 vectors, with a missing vector after rows 100 and 300 and a "test" row after every 25th.</summary>
    private static (string Path, Row[] Rows) WholeDataSet(TempDirectory temp)
    {
        var rows = new List<Row>();
        for (int i = 0; i < Baseline.Value.Length; i++)
        {
            rows.Add(new Row(rows.Count, Baseline.Value[i], "train"));
            if (i is 100 or 300)
            {
                rows.Add(new Row(rows.Count, null, "train"));
            }

            if (i % 25 == 24)
            {
                rows.Add(new Row(rows.Count, Baseline.Value[(i * 7) % Baseline.Value.Length].Select(x => x * 3f).ToArray(), "test"));
            }
        }

        string path = temp.File("docs.parquet");
        WriteParquet(path, [.. rows]);
        return (path, [.. rows]);
    }

    private static Part[] Ranges(TempDirectory temp, Row[] rows, int k) =>
        [.. Enumerable.Range(0, k).Select(i =>
        {
            int start = (int)((long)rows.Length * i / k), end = (int)((long)rows.Length * (i + 1) / k);
            string path = temp.File($"range{k}-{i}.parquet");
            WriteParquet(path, rows[start..end]);
            return new Part(i, path, $"range{k}-{i}", ["--first-row", start.ToString(CultureInfo.InvariantCulture)]);
        })];

    private static Part[] Hashed(TempDirectory temp, Row[] rows, int k) =>
        [.. Enumerable.Range(0, k).Select(i =>
        {
            string path = temp.File($"hash{k}-{i}.parquet");
            WriteParquet(path, [.. rows.Where(r => (int)(((ulong)r.Index * 0x9E3779B97F4A7C15UL) >> 33) % k == i)]);
            return new Part(i, path, $"hash{k}-{i}", ["--row-column", "row"]);
        })];

    private static string SingleFit(TempDirectory temp, string whole, string[] options)
    {
        File.WriteAllText(temp.File("t.json"), Template());
        string output = temp.File("single.normguard.json");
        ToolResult fit = ToolRunner.Run(["fit", "--data", whole, "--template", temp.File("t.json"), "--split-column", "split", "--train-value", "train", "--fitted-at", FittedAt, "--out", output, "--force", .. options]);
        Assert.True(fit.ExitCode == 0, fit.ToString());
        return output;
    }

    private static string PartialFit(TempDirectory temp, Part part, string[] options, string? template = null, string? name = null)
    {
        string templatePath = temp.File((name ?? part.Name) + ".template.json");
        File.WriteAllText(templatePath, template ?? Template());
        string output = temp.File(name ?? part.Name + "-" + string.Join("_", options) + ".partial.json");
        ToolResult fit = ToolRunner.Run(["fit", "--partial", "--data", part.Data, "--template", templatePath, "--split-column", "split", "--train-value", "train", .. part.Placement, "--out", output, .. options]);
        Assert.True(fit.ExitCode == 0, fit.ToString());
        return output;
    }

    private static string Merge(TempDirectory temp, string whole, IEnumerable<string> partials)
    {
        string output = temp.File("merged.normguard.json");
        ToolResult merge = ToolRunner.Run(["merge", .. partials, "--source", whole, "--fitted-at", FittedAt, "--out", output, "--force"]);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        return output;
    }

    private static void WriteParquet(string path, Row[] rows)
    {
        using var writer = new ParquetFileWriter(path, [new Column<long>("row"), new Column<float[]>("Embedding"), new Column<string>("split")]);
        using RowGroupWriter group = writer.AppendRowGroup();
        using (LogicalColumnWriter<long> index = group.NextColumn().LogicalWriter<long>())
        {
            index.WriteBatch(rows.Select(r => r.Index).ToArray());
        }

        using (LogicalColumnWriter<float[]> embedding = group.NextColumn().LogicalWriter<float[]>())
        {
            embedding.WriteBatch(rows.Select(r => r.Vector).ToArray()!);
        }

        using (LogicalColumnWriter<string> split = group.NextColumn().LogicalWriter<string>())
        {
            split.WriteBatch(rows.Select(r => r.Split).ToArray());
        }

        writer.Close();
    }

    // As np.save writes format 1.0: magic, version 1.0, header length, the dict padded with spaces to a multiple of 64 bytes and a newline.
    private static void WriteNpy(string path, float[][] rows)
    {
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows.Length}, {Dimension}), }}";
        int total = 10 + dict.Length + 1;
        string header = dict + new string(' ', ((total + 63) / 64 * 64) - total) + "\n";
        using var file = File.Create(path);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        file.Write(length);
        file.Write(System.Text.Encoding.ASCII.GetBytes(header));
        foreach (float[] row in rows)
        {
            var bytes = new byte[row.Length * sizeof(float)];
            Buffer.BlockCopy(row, 0, bytes, 0, bytes.Length);
            file.Write(bytes);
        }
    }

    // numpy's format 1.0 (np.save): magic, version, header length, then the header dict; float32 little-endian, C order.
    private static float[][] ReadNpy(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        string header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        Assert.Contains("(500, 384)", header, StringComparison.Ordinal);
        return [.. Enumerable.Range(0, 500).Select(r =>
        {
            var row = new float[Dimension];
            Buffer.BlockCopy(bytes, 10 + headerLength + (r * Dimension * sizeof(float)), row, 0, Dimension * sizeof(float));
            return row;
        })];
    }
}
