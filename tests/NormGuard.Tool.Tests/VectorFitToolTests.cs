using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;

using System.Text.Json;
using ParquetSharp;
using Xunit;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard fit</c> and <c>show</c> on vector (embedding) features: from a numpy .npy file and from a Parquet
/// list&lt;float&gt; column written by Apache Arrow's writer (ParquetSharp), against scikit-learn's StandardScaler fitted
/// on the same float32 vectors (tests/NormGuard.Tests/Golden/Embeddings, made by the script there).
/// </summary>
/// <remarks>Decided before running: mean and std are scikit-learn's bit for bit from either source (the rows reach the
/// fitter in file order); rows of another split and null lists stay out of the fit, a null list counts as missing.</remarks>
public sealed class VectorFitToolTests
{
    private const int Rows = 1000, Dimension = 48;
    private static readonly string Npy = ToolRunner.Repo("tests", "NormGuard.Tests", "Golden", "Embeddings", "embeddings.npy");
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(ToolRunner.Repo("tests", "NormGuard.Tests", "Golden", "Embeddings", "embedding_scaler.json"))).RootElement;

    private static string Template(int native = Dimension) => """
        {"format": "normguard.manifest/1", "featureSet": "docs", "profile": "sklearn", "dtype": "float32",
         "features": [{"name": "Embedding",
                       "space": {"name": "docs-mini", "model": "m/mini", "revision": "abc", "nativeDimension": NATIVE, "dimension": NATIVE},
                       "steps": [{"op": "zscore"}, {"op": "l2"}], "missing": "propagate"}]}
        """.Replace("NATIVE", native.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Fact]
    public void Fit_from_a_npy_file_gives_scikit_learns_parameters_and_show_summarizes_them()
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("t.json"), Template());

        ToolResult fit = ToolRunner.Run("fit", "--data", Npy, "--template", temp.File("t.json"), "--out", temp.File("docs.normguard.json"), "--fitted-at", "2026-12-07T00:00:00Z");

        Assert.True(fit.ExitCode == 0, fit.ToString());
        Manifest manifest = Manifest.Load(temp.File("docs.normguard.json"));
        AssertScikitLearns(manifest.Features[0], missing: 0);

        ToolResult show = ToolRunner.Run("show", temp.File("docs.normguard.json"));
        Assert.True(show.ExitCode == 0, show.ToString());
        EmbeddingSpace space = manifest.GetEmbeddingSpace("Embedding");
        Assert.Contains("space docs-mini", show.Output, StringComparison.Ordinal);
        Assert.Contains($"m/mini@abc, 48 → 48 dimensions, zscore, l2 (unit length), sha256 {space.Sha256}", show.Output, StringComparison.Ordinal);
        Assert.Contains("48 output columns", show.Output, StringComparison.Ordinal);
        Assert.Contains("zscore(48 means", show.Output, StringComparison.Ordinal);
        Assert.Contains("norm ", show.Output, StringComparison.Ordinal);

        // a summary, not the 96 parameters: no fitted mean appears in full
        string firstMean = ((VectorZScoreStep)manifest.Features[0].Steps[0]).Mean[0].ToString("R", CultureInfo.InvariantCulture);
        Assert.DoesNotContain(firstMean, show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_from_a_parquet_list_column_uses_the_training_rows_and_counts_null_lists_as_missing()
    {
        using TempDirectory temp = ToolRunner.Temp();
        float[] embeddings = ReadNpy(Npy);
        string data = temp.File("docs.parquet");

        // the 1,000 training vectors, a null list among them, and two rows of another split that must not count
        float[]?[] vectors = Enumerable.Range(0, Rows).Select(i => embeddings.AsSpan(i * Dimension, Dimension).ToArray()).Cast<float[]?>()
            .Concat([null, Enumerable.Repeat(100f, Dimension).ToArray(), Enumerable.Repeat(-100f, Dimension).ToArray()]).ToArray();
        string[] split = Enumerable.Repeat("train", Rows + 1).Concat(["test", "test"]).ToArray();
        WriteParquet(data, vectors, split);
        File.WriteAllText(temp.File("t.json"), Template());

        ToolResult fit = ToolRunner.Run("fit", "--data", data, "--template", temp.File("t.json"), "--split-column", "split", "--train-value", "train", "--out", temp.File("docs.normguard.json"));

        Assert.True(fit.ExitCode == 0, fit.ToString());
        AssertScikitLearns(Manifest.Load(temp.File("docs.normguard.json")).Features[0], missing: 1);
    }

    // Before: Parquet.Net 6.1.0 hands the values of a list column packed (no slot for a null list) in a buffer as long as
    // the levels, which the reader took for one slot per level: every vector after a null list was read from one element
    // further on per null list before it, and the fit came out wrong (a mean off by 0.4 on real-looking data), exit 0.
    [Fact]
    public void Fit_from_a_parquet_list_column_reads_the_vectors_after_null_lists_as_written()
    {
        using TempDirectory temp = ToolRunner.Temp();
        float[] embeddings = ReadNpy(Npy);
        string data = temp.File("docs.parquet");

        // null lists first, in the middle and twice in a row, all among the training rows: every vector comes after one
        float[]?[] training = Enumerable.Range(0, Rows).Select(i => embeddings.AsSpan(i * Dimension, Dimension).ToArray()).Cast<float[]?>().ToArray();
        float[]?[] vectors = [null, .. training[..400], null, null, .. training[400..], null];
        WriteParquet(data, vectors, Enumerable.Repeat("train", vectors.Length).ToArray());
        File.WriteAllText(temp.File("t.json"), Template());

        ToolResult fit = ToolRunner.Run("fit", "--data", data, "--template", temp.File("t.json"), "--split-column", "split", "--train-value", "train", "--out", temp.File("docs.normguard.json"));

        Assert.True(fit.ExitCode == 0, fit.ToString());
        AssertScikitLearns(Manifest.Load(temp.File("docs.normguard.json")).Features[0], missing: 4);
    }

    // Before: diff compared only scalar parameters and called two vector fits on different rows "same parameters".
    [Fact]
    public void Diff_reports_changed_vector_parameters_and_a_changed_space_and_verify_reads_the_vector_manifest()
    {
        using TempDirectory temp = ToolRunner.Temp();
        File.WriteAllText(temp.File("t.json"), Template());
        Assert.Equal(0, ToolRunner.Run("fit", "--data", Npy, "--template", temp.File("t.json"), "--holdout", "0.2", "--out", temp.File("v1.json")).ExitCode);
        Assert.Equal(0, ToolRunner.Run("fit", "--data", Npy, "--template", temp.File("t.json"), "--holdout", "0.3", "--version", "2", "--out", temp.File("v2.json")).ExitCode);

        ToolResult diff = ToolRunner.Run("diff", temp.File("v1.json"), temp.File("v2.json"));
        Assert.Contains("parameters changed", diff.Output, StringComparison.Ordinal);
        Assert.Contains("zscore mean: 47 of 48 values changed", diff.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("same parameters", diff.Output, StringComparison.Ordinal);

        File.WriteAllText(temp.File("v3.json"), File.ReadAllText(temp.File("v2.json")).Replace("\"model\": \"m/mini\"", "\"model\": \"m/other\"", StringComparison.Ordinal));
        Assert.Equal(0, ToolRunner.Run("seal", temp.File("v3.json"), "--reason", "test: another model").ExitCode);
        ToolResult space = ToolRunner.Run("diff", temp.File("v2.json"), temp.File("v3.json"), "--fail-on-structure");
        Assert.Equal(2, space.ExitCode);
        Assert.Contains("space changed", space.Output, StringComparison.Ordinal);

        // verify reads the fitted vector manifest (it refused it before): a missing vector under "propagate" is NaN throughout.
        string[] elements = Enumerable.Range(0, Dimension).Select(i => $"Embedding[{i}]").ToArray();
        File.WriteAllLines(temp.File("v.csv"), [
            string.Join(",", elements.Concat(elements.Select(e => "out:" + e))),
            string.Join(",", Enumerable.Repeat(string.Empty, Dimension).Concat(Enumerable.Repeat("nan", Dimension))),
        ]);
        ToolResult verify = ToolRunner.Run("verify", "--manifest", temp.File("v1.json"), "--vectors", temp.File("v.csv"));
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains($"{Dimension} cells compared (bit for bit), 0 mismatched", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parquet_vector_of_the_wrong_length_is_named_by_row_and_column()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = temp.File("short.parquet");
        WriteParquet(data, [new float[Dimension], new float[Dimension - 1]], ["train", "train"]);
        File.WriteAllText(temp.File("t.json"), Template());

        ToolResult fit = ToolRunner.Run("fit", "--data", data, "--template", temp.File("t.json"), "--split-column", "split", "--train-value", "train", "--out", temp.File("x.json"));

        Assert.Equal(1, fit.ExitCode);
        Assert.Contains($"{data}(row 2, column 2): Feature 'Embedding' (space 'docs-mini'): expected 48 values, found 47", fit.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<f8", Dimension, "holds '<f8' values; normguard reads float32 embeddings ('<f4'); save the embeddings as float32")]
    [InlineData("<f4", 64, "vectors of 64 values, but feature 'Embedding' (space 'docs-mini') has native dimension 48")]
    public void A_npy_file_that_does_not_fit_the_template_is_refused(string descr, int width, string message)
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = temp.File("x.npy");
        WriteNpy(data, descr, rows: 3, width);
        File.WriteAllText(temp.File("t.json"), Template());

        ToolResult fit = ToolRunner.Run("fit", "--data", data, "--template", temp.File("t.json"), "--out", temp.File("x.json"));

        Assert.Equal(1, fit.ExitCode);
        Assert.Contains(data + ": " + message, fit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_npy_file_cut_short_is_refused()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = temp.File("cut.npy");
        WriteNpy(data, "<f4", rows: 3, Dimension);
        using (FileStream file = File.OpenWrite(data))
        {
            file.SetLength(file.Length - 4);
        }

        File.WriteAllText(temp.File("t.json"), Template());
        ToolResult fit = ToolRunner.Run("fit", "--data", data, "--template", temp.File("t.json"), "--out", temp.File("x.json"));

        Assert.Equal(1, fit.ExitCode);
        Assert.Contains("shape (3, 48) needs", fit.Error, StringComparison.Ordinal);
        Assert.Contains("it is cut short or has trailing data", fit.Error, StringComparison.Ordinal);
    }

    private static void AssertScikitLearns(FeatureManifest feature, long missing)
    {
        var step = Assert.IsType<VectorZScoreStep>(feature.Steps[0]);
        double[] mean = Numbers("mean"), scale = Numbers("scale");
        for (int j = 0; j < Dimension; j++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(mean[j]) == BitConverter.DoubleToInt64Bits(step.Mean[j]), $"mean[{j}]: {mean[j]:R} != {step.Mean[j]:R}");
            Assert.True(BitConverter.DoubleToInt64Bits(scale[j]) == BitConverter.DoubleToInt64Bits(step.Std[j]), $"std[{j}]: {scale[j]:R} != {step.Std[j]:R}");
        }

        Assert.Equal(new L2NormalizeStep(), feature.Steps[1]);
        Assert.Equal((1000L, missing), (feature.Stats!.Count, feature.Stats.Missing));
    }

    private static double[] Numbers(string name) => Golden.GetProperty(name).EnumerateArray().Select(e => double.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToArray();

    private static void WriteParquet(string path, float[]?[] vectors, string[] split)
    {
        using (var writer = new ParquetFileWriter(path, [new Column<string>("title"), new Column<float[]>("Embedding"), new Column<string>("split")]))
        {
            using RowGroupWriter group = writer.AppendRowGroup();
            using (LogicalColumnWriter<string> title = group.NextColumn().LogicalWriter<string>())
            {
                title.WriteBatch(Enumerable.Range(0, vectors.Length).Select(i => "doc " + i).ToArray());
            }

            using (LogicalColumnWriter<float[]> embedding = group.NextColumn().LogicalWriter<float[]>())
            {
                embedding.WriteBatch(vectors!);
            }

            using (LogicalColumnWriter<string> splits = group.NextColumn().LogicalWriter<string>())
            {
                splits.WriteBatch(split);
            }

            writer.Close();
        }
    }

    // numpy's format 1.0, as np.save writes it: magic, version, header length, the dict padded to 64 bytes with a newline.
    private static void WriteNpy(string path, string descr, int rows, int width)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {width}), }}";
        int total = 10 + dict.Length + 1;
        string header = dict + new string(' ', ((total + 63) / 64 * 64) - total) + "\n";
        int itemSize = descr.EndsWith('8') ? 8 : 4;
        using FileStream file = File.Create(path);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        file.Write(length);
        file.Write(System.Text.Encoding.ASCII.GetBytes(header));
        file.Write(new byte[rows * width * itemSize]);
    }

    private static float[] ReadNpy(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        float[] values = new float[Rows * Dimension];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * sizeof(float));
        return values;
    }
}
