using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace SemanticSearch.Embeddings;

/// <summary>Writes rows of float32 vectors as a NumPy .npy file (format 1.0, little-endian '&lt;f4', C order), which
/// numpy.load reads as an (n, d) array and the NormGuard tests read without the model.</summary>
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
}
