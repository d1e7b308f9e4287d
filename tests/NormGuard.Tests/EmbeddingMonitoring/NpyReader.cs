using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace NormGuard.Tests.EmbeddingMonitoring;

/// <summary>Reads the (n, d) little-endian float32 .npy files that samples/SemanticSearch writes (embed-sets).</summary>
internal static class NpyReader
{
    public static float[][] ReadFloat32Rows(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY" || bytes[6] != 1)
        {
            throw new InvalidDataException($"{path}: not a version-1 .npy file.");
        }

        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Match shape = Regex.Match(header, @"'shape': \((\d+), (\d+)\)");
        if (!header.Contains("'descr': '<f4'", StringComparison.Ordinal) || !header.Contains("'fortran_order': False", StringComparison.Ordinal) || !shape.Success)
        {
            throw new InvalidDataException($"{path}: expected a C-order (n, d) '<f4' array, found header {header.Trim()}.");
        }

        int rows = int.Parse(shape.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int columns = int.Parse(shape.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        int offset = 10 + headerLength;
        if (bytes.Length != offset + (rows * columns * 4))
        {
            throw new InvalidDataException($"{path}: {bytes.Length - offset} data bytes for a ({rows}, {columns}) float32 array.");
        }

        var result = new float[rows][];
        for (int r = 0; r < rows; r++)
        {
            result[r] = new float[columns];
            for (int c = 0; c < columns; c++)
            {
                result[r][c] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + (((r * columns) + c) * 4)));
            }
        }

        return result;
    }
}
