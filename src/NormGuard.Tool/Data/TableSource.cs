using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace NormGuard.Tool.Data;

/// <summary>
/// A data set given as one file or as a directory of part files (as Spark and Dask write them): CSV/TSV or Parquet,
/// read in file-name order, skipping hidden and marker files (<c>_SUCCESS</c>, <c>.crc</c>).
/// </summary>
internal sealed class TableSource
{
    // The Parquet readers opened, for the count of pages whose checksum was verified or absent.
    private readonly List<ParquetTableReader> _parquet = new();

    private readonly string? _spooled;

    private TableSource(string path, IReadOnlyList<string> files, string? spooled = null)
    {
        Path = path;
        Files = files;
        _spooled = spooled;
    }

    /// <summary>What <c>--data -</c> names standard input in messages and in a partial's <c>source</c>.</summary>
    public const string StandardInputName = "stdin";

    /// <summary>
    /// CSV rows from standard input (<c>--data -</c>, as Spark's <c>RDD.pipe</c> feeds them), copied to a file in
    /// <paramref name="directory"/> first: the hash of the source and the reader's positions need the bytes at rest. Messages
    /// name it "stdin", with the line numbers of the rows as they came in.
    /// </summary>
    public static TableSource FromStandardInput(Stream input, string directory)
    {
        string file = System.IO.Path.Combine(directory, "stdin.csv");
        using (FileStream spool = File.Create(file))
        {
            input.CopyTo(spool);
        }

        return new TableSource(StandardInputName, new[] { file }, file);
    }

    public string Path { get; }

    public IReadOnlyList<string> Files { get; }

    public long TotalBytes => Files.Sum(f => new FileInfo(f).Length);

    public static TableSource Open(string path)
    {
        if (File.Exists(path))
        {
            return new TableSource(path, new[] { path });
        }

        if (!Directory.Exists(path))
        {
            throw new CliException($"{path}: no such file or directory");
        }

        string[] parts = Directory.GetFiles(path)
            .Where(f => IsTable(f) && !System.IO.Path.GetFileName(f).StartsWith('_') && !System.IO.Path.GetFileName(f).StartsWith('.'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
        if (parts.Length == 0)
        {
            throw new CliException($"{path}: the directory holds no .csv, .tsv, .parquet or .npy part files");
        }

        return new TableSource(path, parts);
    }

    public ITableReader OpenReader(string file)
    {
        if (file.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            return new NpyTableReader(file);
        }

        if (!file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".parq", StringComparison.OrdinalIgnoreCase))
        {
            return new CsvTableReader(file, file == _spooled ? StandardInputName : null);
        }

        var reader = new ParquetTableReader(file);
        _parquet.Add(reader);
        return reader;
    }

    /// <summary>
    /// When Parquet pages were read that carry no checksum, a note that says so: corruption inside them cannot be seen, and
    /// a silent pass would claim more than was checked. Null when every page read was verified, or no Parquet was read.
    /// </summary>
    public string? UncheckedPagesNote()
    {
        long verified = _parquet.Sum(r => r.Pages.Verified), without = _parquet.Sum(r => r.Pages.Unchecked);
        if (without == 0)
        {
            return null;
        }

        string[] files = _parquet.Where(r => r.Pages.Unchecked > 0).Select(r => System.IO.Path.GetFileName(r.Path)).Distinct().ToArray();
        string which = files.Length == 1 ? files[0] : $"{files.Length} files ({string.Join(", ", files.Take(3))}{(files.Length > 3 ? ", …" : string.Empty)})";
        return string.Create(CultureInfo.InvariantCulture,
            $"note: {without:N0} of {verified + without:N0} Parquet pages read carry no checksum ({which}): their writer did not store one, so corruption inside them cannot be detected. Writers can store them: pyarrow write_page_checksum=True, Spark/parquet-mr parquet.page.write-checksum.enabled.");
    }

    /// <summary>SHA-256 of the file, or for a directory of parts of the lines "name sha256" in file order.</summary>
    public string Sha256()
    {
        if (Files.Count == 1 && (_spooled is not null || File.Exists(Path)))
        {
            return Hash(Files[0]);
        }

        var lines = new StringBuilder();
        foreach (string file in Files)
        {
            lines.Append(System.IO.Path.GetFileName(file)).Append(' ').Append(Hash(file)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }

    private static string Hash(string file)
    {
        using FileStream stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static bool IsTable(string file) =>
        new[] { ".csv", ".tsv", ".txt", ".parquet", ".parq", ".npy" }.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
