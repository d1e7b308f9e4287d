using System;
using System.Collections.Generic;
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
    private TableSource(string path, IReadOnlyList<string> files)
    {
        Path = path;
        Files = files;
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
            throw new CliException($"{path}: the directory holds no .csv, .tsv or .parquet part files");
        }

        return new TableSource(path, parts);
    }

    public ITableReader OpenReader(string file) =>
        file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".parq", StringComparison.OrdinalIgnoreCase)
            ? new ParquetTableReader(file)
            : new CsvTableReader(file);

    /// <summary>SHA-256 of the file, or for a directory of parts of the lines "name sha256" in file order.</summary>
    public string Sha256()
    {
        if (Files.Count == 1 && File.Exists(Path))
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
        new[] { ".csv", ".tsv", ".txt", ".parquet", ".parq" }.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
