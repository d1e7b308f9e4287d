using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace SemanticSearch.Embeddings;

/// <summary>Writes rows of float32 vectors as a NumPy .npy file (format 1.0, little-endian '&lt;f4', C order), which
/// numpy.load reads as an (n, d) array and the NormGuard tests read without the model; reads such files back
/// (<c>fit-manifest</c>). Anything else is refused naming the file (normguard fit reads the general format).</summary>
public static class NpyFile
{
    public static void Write(string path, IReadOnlyList<float[]> rows)
    {
        int dimension = rows.Count == 0 ? 0 : rows[0].Length;
        string header = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows.Count}, {dimension}), }}");

        // The magic, version and header length take 10 bytes; the header is padded with spaces to a multiple of 64 and ends in '\n'.
        int padded = ((10 + header.Length + 1 + 63) / 64 * 64) - 10;
        header = header.PadRight(padded - 1) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        Span<byte> value = stackalloc byte[4];
        foreach (float[] row in rows)
        {
            if (row.Length != dimension)
            {
                throw new ArgumentException($"Row of length {row.Length} in a file of {dimension}-dimension vectors.", nameof(rows));
            }

            foreach (float x in row)
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, x);
                stream.Write(value);
            }
        }
    }

    public static float[][] Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY" || bytes[6] != 1)
        {
            throw new InvalidDataException($"{path}: not a .npy file of format 1.0.");
        }

        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8, 2));
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        var shape = System.Text.RegularExpressions.Regex.Match(header, @"^\{'descr': '<f4', 'fortran_order': False, 'shape': \((\d+), (\d+)\), \}");
        if (!shape.Success)
        {
            throw new InvalidDataException($"{path}: header {header.TrimEnd()} is not of a C-order (rows, dimension) '<f4' array.");
        }

        int rows = int.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture), dimension = int.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture);
        int offset = 10 + headerLength;
        if (bytes.Length - offset != (long)rows * dimension * 4)
        {
            throw new InvalidDataException($"{path}: holds {bytes.Length - offset} bytes of data, the header's shape ({rows}, {dimension}) needs {(long)rows * dimension * 4}.");
        }

        var vectors = new float[rows][];
        for (int i = 0; i < rows; i++)
        {
            vectors[i] = new float[dimension];
            for (int d = 0; d < dimension; d++)
            {
                vectors[i][d] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + (((i * dimension) + d) * 4), 4));
            }
        }

        return vectors;
    }
}
