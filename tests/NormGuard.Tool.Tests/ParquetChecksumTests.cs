using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NormGuard.Tool.Data;
using ParquetSharp;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// A Parquet page whose bytes changed on disk is reported, not read as data, where the writer stored page checksums. The
/// files are written by Apache Arrow's C++ Parquet writer (through ParquetSharp) with <c>write_page_checksum</c> on, as
/// pyarrow and Spark write them; the corruption is one flipped bit inside a page.
/// </summary>
public sealed class ParquetChecksumTests(ITestOutputHelper output)
{
    private const string Template = """
        { "format": "normguard.manifest/1", "featureSet": "pages", "profile": "sklearn",
          "features": [ { "name": "x", "steps": [ { "op": "minmax" } ] }, { "name": "cat", "steps": [ { "op": "onehot" } ] } ] }
        """;

    // Row group 1: x = 10, 10.5, …; row group 2: x = 20, 20.5, …: the fitted minimum is 10.
    private const int RowsPerGroup = 600;

    [Fact]
    public void A_flipped_sign_bit_in_a_data_page_fails_with_the_file_column_row_group_and_page_instead_of_a_wrong_minimum()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string intact = Write(temp.File("intact.parquet"), dictionary: false, Compression.Uncompressed, ParquetDataPageVersion.V1, checksums: true);
        string corrupted = temp.File("corrupted.parquet");
        File.Copy(intact, corrupted);

        // The first value of x in row group 2 (20.0, PLAIN-encoded little-endian after its page header) becomes -20.0.
        (long start, long length) = ChunkOf(corrupted, rowGroup: 1, column: 0);
        byte[] bytes = File.ReadAllBytes(corrupted);
        int first = bytes.AsSpan((int)start, (int)length).IndexOf(BitConverter.GetBytes(20.0));
        Assert.True(first > 0, "20.0 not found in the chunk");
        bytes[start + first + 7] ^= 0x80;
        File.WriteAllBytes(corrupted, bytes);

        // Arrow's own reader agrees: without verification the value is -20; with it, the page is refused.
        Assert.Equal(-20.0, ReadX(corrupted, verify: false).Min());
        Assert.ThrowsAny<Exception>(() => ReadX(corrupted, verify: true));

        ToolResult good = Fit(temp, intact);
        ToolResult fit = Fit(temp, corrupted);
        ToolResult drift = ToolRunner.Run("drift", "--manifest", temp.File("intact.parquet.json"), "--data", corrupted);

        output.WriteLine(good + "\n" + fit + "\n" + drift);
        Assert.Equal(0, good.ExitCode);
        Assert.DoesNotContain("note:", good.Error, StringComparison.Ordinal);
        Assert.Equal(10d, Manifest.Load(temp.File("intact.parquet.json")).Features[0].Stats!.Min);
        string expected = $"error: {corrupted}: column 'x', row group 2 of 2, page 1 (byte {start}): page checksum mismatch";
        Assert.Equal(Cli.InputError, fit.ExitCode);
        Assert.Contains(expected, fit.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("corrupted.parquet.json")));
        Assert.Equal(Cli.InputError, drift.ExitCode);
        Assert.Contains(expected, drift.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, Compression.Uncompressed, ParquetDataPageVersion.V1)]
    [InlineData(true, Compression.Snappy, ParquetDataPageVersion.V1)]
    [InlineData(true, Compression.Zstd, ParquetDataPageVersion.V2)]
    [InlineData(false, Compression.Gzip, ParquetDataPageVersion.V2)]
    public void Every_page_layout_is_verified(bool dictionary, Compression compression, ParquetDataPageVersion version)
    {
        using TempDirectory temp = ToolRunner.Temp();
        string intact = Write(temp.File("intact.parquet"), dictionary, compression, version, checksums: true);
        string corrupted = temp.File("corrupted.parquet");
        byte[] bytes = File.ReadAllBytes(intact);

        // The chunk's last byte belongs to the payload of its last page.
        (long start, long length) = ChunkOf(intact, rowGroup: 1, column: 1);
        bytes[start + length - 1] ^= 0x01;
        File.WriteAllBytes(corrupted, bytes);

        ToolResult good = Fit(temp, intact);
        ToolResult bad = Fit(temp, corrupted);

        output.WriteLine(good + "\n" + bad);
        Assert.Equal(0, good.ExitCode);
        Assert.DoesNotContain("note:", good.Error, StringComparison.Ordinal);
        Assert.Equal(Cli.InputError, bad.ExitCode);
        Assert.Contains($"error: {corrupted}: column 'cat', row group 2 of 2, page ", bad.Error, StringComparison.Ordinal);
        Assert.Contains("page checksum mismatch", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_without_a_checksum_are_read_and_the_run_says_their_corruption_cannot_be_detected()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string plain = Write(temp.File("plain.parquet"), dictionary: false, Compression.Uncompressed, ParquetDataPageVersion.V1, checksums: false);

        ToolResult fit = Fit(temp, plain);

        output.WriteLine(fit.ToString());
        Assert.Equal(0, fit.ExitCode);
        Assert.Matches(@"note: (\d+) of \1 Parquet pages read carry no checksum \(plain\.parquet\).*cannot be detected", fit.Error);
    }

    [Fact]
    public void A_whole_file_check_covers_every_column_as_import_spark_uses_it()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string intact = Write(temp.File("intact.parquet"), dictionary: true, Compression.Snappy, ParquetDataPageVersion.V1, checksums: true);
        byte[] bytes = File.ReadAllBytes(intact);
        (long start, long length) = ChunkOf(intact, rowGroup: 0, column: 1);
        bytes[start + length - 1] ^= 0x10;
        File.WriteAllBytes(temp.File("corrupted.parquet"), bytes);

        PageCount pages = ParquetChecksums.VerifyFile(intact);
        CliException problem = Assert.Throws<CliException>(() => ParquetChecksums.VerifyFile(temp.File("corrupted.parquet")));

        output.WriteLine($"{pages}; {problem.Message}");
        Assert.True(pages.Verified >= 4, pages.ToString());
        Assert.Equal(0, pages.Unchecked);
        Assert.StartsWith($"{temp.File("corrupted.parquet")}: column 'cat', row group 1 of 2, page ", problem.Message, StringComparison.Ordinal);
    }

    private ToolResult Fit(TempDirectory temp, string data)
    {
        File.WriteAllText(temp.File("t.json"), Template);
        return ToolRunner.Run("fit", "--data", data, "--template", temp.File("t.json"), "--out", data + ".json", "--holdout", "0.2");
    }

    private static string Write(string path, bool dictionary, Compression compression, ParquetDataPageVersion version, bool checksums)
    {
        // The builder's methods return the builder itself.
        using var builder = new WriterPropertiesBuilder();
        builder.Compression(compression).DataPageVersion(version).DataPagesize(2048);
        _ = dictionary ? builder.EnableDictionary() : builder.DisableDictionary();
        _ = checksums ? builder.EnablePageChecksum() : builder.DisablePageChecksum();
        using WriterProperties properties = builder.Build();
        using (var writer = new ParquetFileWriter(path, [new Column<double>("x"), new Column<string>("cat")], properties))
        {
            foreach (double first in new[] { 10.0, 20.0 })
            {
                using RowGroupWriter group = writer.AppendRowGroup();
                using (LogicalColumnWriter<double> x = group.NextColumn().LogicalWriter<double>())
                {
                    x.WriteBatch(Enumerable.Range(0, RowsPerGroup).Select(i => first + (i % 40 * 0.5)).ToArray());
                }

                using (LogicalColumnWriter<string> cat = group.NextColumn().LogicalWriter<string>())
                {
                    cat.WriteBatch(Enumerable.Range(0, RowsPerGroup).Select(i => "c" + (i % 7)).ToArray());
                }
            }

            writer.Close();
        }

        return path;
    }

    /// <summary>Where a column chunk's pages lie, from the footer (read with Parquet.Net).</summary>
    private static (long Start, long Length) ChunkOf(string path, int rowGroup, int column)
    {
        Parquet.ParquetReader reader = Parquet.ParquetReader.CreateAsync(path).GetAwaiter().GetResult();
        try
        {
            Parquet.Meta.ColumnMetaData meta = reader.Metadata!.RowGroups[rowGroup].Columns[column].MetaData!;
            long start = meta.DictionaryPageOffset is > 0 and long dictionary ? Math.Min(dictionary, meta.DataPageOffset) : meta.DataPageOffset;
            return (start, meta.TotalCompressedSize);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static double[] ReadX(string path, bool verify)
    {
        using ReaderProperties properties = ReaderProperties.GetDefaultReaderProperties();
        if (verify)
        {
            properties.EnablePageChecksumVerification();
        }

        using var reader = new ParquetFileReader(path, properties);
        return Enumerable.Range(0, reader.FileMetaData.NumRowGroups).SelectMany(g =>
        {
            using RowGroupReader group = reader.RowGroup(g);
            using LogicalColumnReader<double> x = group.Column(0).LogicalReader<double>();
            return x.ReadAll(RowsPerGroup);
        }).ToArray();
    }
}
