using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NormGuard.Tool.Tests;

/// <summary>
/// The Diamonds sample (samples/Diamonds/data: 53,940 rows, split.csv marking 43,152 of them "train") cut into partition
/// files the way a cluster would hold them: each partition a CSV with the header and its rows, beside a split file with
/// the same rows' split values. Cut by row ranges (contiguous) or by a hash of the row's index (scattered).
/// </summary>
internal static class DiamondsPartitions
{
    public static string DataFile => ToolRunner.Repo("samples", "Diamonds", "data", "diamonds.csv");

    public static string Split => ToolRunner.Repo("samples", "Diamonds", "data", "split.csv");

    public static string Template => ToolRunner.Repo("samples", "Diamonds", "diamonds.normguard.json");

    public const string FittedAt = "2026-12-01T00:00:00Z";

    /// <summary>One partition's files, and the options that place its rows in the whole data set.</summary>
    internal sealed record Part(int Index, string Data, string Split, string[] PlacementOptions);

    /// <summary>Contiguous ranges; the rows are placed by --first-row (or by --partition, when <paramref name="byPartitionIndex"/>).</summary>
    public static Part[] Ranges(TempDirectory temp, int k, bool byPartitionIndex = false)
    {
        (string header, string[] rows, string splitHeader, string[] splits) = Read();
        var parts = new Part[k];
        int start = 0;
        for (int i = 0; i < k; i++)
        {
            int end = (int)((long)rows.Length * (i + 1) / k);
            int[] indices = Enumerable.Range(start, end - start).ToArray();
            string[] placement = byPartitionIndex ? ["--partition", i.ToString()] : ["--first-row", start.ToString()];
            parts[i] = Write(temp, $"range{k}-{i}", header, rows, splitHeader, splits, indices, withRowColumn: false, placement, i);
            start = end;
        }

        return parts;
    }

    /// <summary>Rows scattered over <paramref name="k"/> partitions by a hash of their index; each row's index is in a "row" column (--row-column row).</summary>
    public static Part[] Hashed(TempDirectory temp, int k)
    {
        (string header, string[] rows, string splitHeader, string[] splits) = Read();
        var buckets = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        for (int r = 0; r < rows.Length; r++)
        {
            buckets[Bucket(r, k)].Add(r);
        }

        return Enumerable.Range(0, k)
            .Select(i => Write(temp, $"hash{k}-{i}", header, rows, splitHeader, splits, buckets[i].ToArray(), withRowColumn: true, ["--row-column", "row"], i))
            .ToArray();
    }

    private static int Bucket(int row, int k)
    {
        ulong z = (ulong)row * 0x9E3779B97F4A7C15UL;
        z ^= z >> 29;
        return (int)(z % (ulong)k);
    }

    private static Part Write(TempDirectory temp, string name, string header, string[] rows, string splitHeader, string[] splits, int[] indices, bool withRowColumn, string[] placement, int index)
    {
        string data = temp.File(name + ".csv"), split = temp.File(name + ".split.csv");
        File.WriteAllLines(data, new[] { withRowColumn ? "\"row\"," + header : header }.Concat(indices.Select(r => withRowColumn ? r + "," + rows[r] : rows[r])));
        File.WriteAllLines(split, new[] { splitHeader }.Concat(indices.Select(r => splits[r])));
        return new Part(index, data, split, placement);
    }

    private static (string Header, string[] Rows, string SplitHeader, string[] Splits) Read()
    {
        string[] data = File.ReadAllLines(DataFile), split = File.ReadAllLines(Split);
        if (data.Length != split.Length)
        {
            throw new InvalidOperationException("diamonds.csv and split.csv differ in length");
        }

        return (data[0], data[1..], split[0], split[1..]);
    }

    /// <summary>Deterministic permutations (Fisher–Yates with a seeded generator).</summary>
    public static IEnumerable<int[]> RandomPermutations(int n, int count, int seed)
    {
        var random = new Random(seed);
        for (int c = 0; c < count; c++)
        {
            int[] order = Enumerable.Range(0, n).ToArray();
            for (int i = n - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            yield return order;
        }
    }

    public static IEnumerable<int[]> AllPermutations(int n)
    {
        if (n == 0)
        {
            yield return Array.Empty<int>();
            yield break;
        }

        foreach (int[] rest in AllPermutations(n - 1))
        {
            for (int at = 0; at <= rest.Length; at++)
            {
                yield return rest.Take(at).Append(n - 1).Concat(rest.Skip(at)).ToArray();
            }
        }
    }
}
