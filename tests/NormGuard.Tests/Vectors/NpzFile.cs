using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace NormGuard.Tests.Vectors;

/// <summary>
/// The arrays of a numpy <c>np.savez</c> file (a zip of .npy files, format versions 1–3): little-endian float32,
/// float64 and int64, C order, as the golden script writes them. Anything else is refused naming the array.
/// </summary>
internal sealed partial class NpzFile
{
    private readonly Dictionary<string, (string Type, int[] Shape, byte[] Data)> arrays = new(StringComparer.Ordinal);

    public NpzFile(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using Stream stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            string name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
            arrays[name] = ParseNpy(memory.ToArray(), $"{Path.GetFileName(path)}:{entry.FullName}");
        }
    }

    public int[] Shape(string name) => Get(name).Shape;

    public float[] Float32(string name) => Values<float>(name, "<f4");

    public double[] Float64(string name) => Values<double>(name, "<f8");

    public long[] Int64(string name) => Values<long>(name, "<i8");

    /// <summary>Row <paramref name="row"/> of a 2-D float32 array.</summary>
    public float[] Row(string name, int row)
    {
        int[] shape = Shape(name);
        return Float32(name).AsSpan(row * shape[1], shape[1]).ToArray();
    }

    private (string Type, int[] Shape, byte[] Data) Get(string name) =>
        arrays.TryGetValue(name, out var array) ? array : throw new KeyNotFoundException($"The golden file has no array '{name}'.");

    private T[] Values<T>(string name, string type)
        where T : struct
    {
        var (actual, _, data) = Get(name);
        if (actual != type)
        {
            throw new InvalidDataException($"Array '{name}' is {actual}, expected {type}.");
        }

        return MemoryMarshal.Cast<byte, T>(data).ToArray();
    }

    private static (string, int[], byte[]) ParseNpy(byte[] bytes, string where)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{where}: not a .npy array.");
        }

        int major = bytes[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : BitConverter.ToInt32(bytes, 8);
        int headerStart = major == 1 ? 10 : 12;
        string header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        Match match = HeaderPattern().Match(header);
        if (!match.Success || match.Groups["fortran"].Value != "False")
        {
            throw new InvalidDataException($"{where}: unsupported header {header.Trim()}.");
        }

        string[] dims = match.Groups["shape"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        int[] shape = Array.ConvertAll(dims, d => int.Parse(d, CultureInfo.InvariantCulture));
        return (match.Groups["descr"].Value, shape, bytes[(headerStart + headerLength)..]);
    }

    [GeneratedRegex(@"'descr':\s*'(?<descr>[^']+)',\s*'fortran_order':\s*(?<fortran>\w+),\s*'shape':\s*\((?<shape>[^)]*)\)")]
    private static partial Regex HeaderPattern();
}
