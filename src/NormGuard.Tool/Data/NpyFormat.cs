using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace NormGuard.Tool.Data;

/// <summary>
/// The header of a numpy <c>.npy</c> file (format versions 1.0, 2.0 and 3.0, as numpy.lib.format documents them): the
/// magic <c>\x93NUMPY</c>, the version, the header's length (2 bytes little-endian in 1.0, 4 in 2.0 and 3.0), then a
/// Python dict literal with <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, padded so the data starts aligned.
/// </summary>
internal sealed record NpyFormat(string Descr, bool FortranOrder, long[] Shape, long DataOffset)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static NpyFormat Read(Stream stream, string path)
    {
        Span<byte> prefix = stackalloc byte[12];
        if (stream.ReadAtLeast(prefix[..10], 10, throwOnEndOfStream: false) < 10 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new CliException($"{path}: not a .npy file (it does not start with numpy's magic \\x93NUMPY)");
        }

        byte major = prefix[6];
        long headerLength;
        int lengthBytes;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..10]);
            lengthBytes = 2;
        }
        else if (major is 2 or 3)
        {
            if (stream.ReadAtLeast(prefix[10..12], 2, throwOnEndOfStream: false) < 2)
            {
                throw new CliException($"{path}: the .npy header is cut short");
            }

            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..12]);
            lengthBytes = 4;
        }
        else
        {
            throw new CliException($"{path}: .npy format version {major}.{prefix[7]}, which normguard does not read (it reads 1.0, 2.0 and 3.0)");
        }

        if (headerLength > 1 << 20)
        {
            throw new CliException($"{path}: a .npy header of {headerLength:N0} bytes; numpy writes a few hundred");
        }

        byte[] header = new byte[headerLength];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            throw new CliException($"{path}: the .npy header is cut short");
        }

        string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(header);
        return new NpyFormat(
            Field(text, @"'descr'\s*:\s*'([^']*)'", path, "descr"),
            Field(text, @"'fortran_order'\s*:\s*(True|False)", path, "fortran_order") == "True",
            ParseShape(Field(text, @"'shape'\s*:\s*\(([^)]*)\)", path, "shape"), path),
            8 + lengthBytes + headerLength);
    }

    private static string Field(string header, string pattern, string path, string name)
    {
        Match match = Regex.Match(header, pattern, RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : throw new CliException($"{path}: the .npy header has no readable '{name}': {header.Trim()}");
    }

    private static long[] ParseShape(string text, string path)
    {
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                throw new CliException($"{path}: the .npy shape ({text}) is not a tuple of sizes");
            }
        }

        return shape;
    }
}
