using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;
using Parquet.Meta;

namespace NormGuard.Tool.Data;

/// <summary>Pages whose checksum matched, and pages that carry none (their corruption cannot be seen).</summary>
internal readonly record struct PageCount(long Verified, long Unchecked)
{
    public static PageCount operator +(PageCount a, PageCount b) => new(a.Verified + b.Verified, a.Unchecked + b.Unchecked);
}

/// <summary>
/// Checks the optional CRC-32 of every page of a column chunk before its values are used: Parquet.Net decodes a page whose
/// bytes changed on disk without noticing, so a flipped bit in a data page became a wrong value (and a wrong fitted minimum)
/// with exit 0. The CRC covers the page's bytes as stored (compressed), after its header (parquet-format's PageHeader.crc).
/// </summary>
internal static class ParquetChecksums
{
    private const int FirstHeaderRead = 4096;

    // Page headers are tens of bytes, more with statistics of long strings; beyond this the length fields are garbage.
    private const int LargestHeader = 64 << 20;

    /// <summary>Every column chunk of a file (a small one: a Spark model's data).</summary>
    public static PageCount VerifyFile(string path)
    {
        FileMetaData metadata;
        using (FileStream stream = InputFiles.OpenRead(path, "a Parquet file"))
        {
            Parquet.ParquetReader reader = Parquet.ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
            metadata = reader.Metadata ?? throw new CliException($"{path}: the Parquet footer has no metadata");
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var count = default(PageCount);
        for (int group = 0; group < metadata.RowGroups.Count; group++)
        {
            foreach (ColumnChunk chunk in metadata.RowGroups[group].Columns)
            {
                string column = string.Join('.', chunk.MetaData?.PathInSchema ?? []);
                count += VerifyChunk(file, path, chunk, column, group, metadata.RowGroups.Count);
            }
        }

        return count;
    }

    public static PageCount VerifyChunk(SafeFileHandle file, string path, ColumnChunk chunk, string column, int rowGroup, int rowGroups)
    {
        string where = string.Create(CultureInfo.InvariantCulture, $"{path}: column '{column}', row group {rowGroup + 1} of {rowGroups}");
        ColumnMetaData? meta = chunk.MetaData;
        if (meta is null || chunk.CryptoMetadata is not null)
        {
            // Encrypted column metadata: the page headers are encrypted too, and this tool holds no keys.
            return new PageCount(0, 1);
        }

        long start = meta.DictionaryPageOffset is > 0 and long dictionary && dictionary < meta.DataPageOffset ? dictionary : meta.DataPageOffset;
        long end = start + meta.TotalCompressedSize;
        long length = RandomAccess.GetLength(file);
        if (start < 4 || meta.TotalCompressedSize <= 0 || end > length)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{where}: the footer places the column's pages at bytes {start}-{end} of a {length}-byte file: the file is corrupted or truncated"));
        }

        var count = default(PageCount);
        long values = 0;
        long position = start;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            for (int page = 1; position < end && values < meta.NumValues; page++)
            {
                string pageAt = string.Create(CultureInfo.InvariantCulture, $"{where}, page {page} (byte {position})");
                ParquetPageHeader header = ReadHeader(file, position, end, ref buffer, pageAt);
                position += header.Length;
                if (header.CompressedSize < 0 || header.CompressedSize > end - position)
                {
                    throw new CliException(string.Create(CultureInfo.InvariantCulture,
                        $"{pageAt}: the page header gives {header.CompressedSize} bytes, past the end of the column chunk: the file is corrupted"));
                }

                if (header.Crc is { } stored)
                {
                    uint computed = Crc(file, position, header.CompressedSize, buffer, pageAt);
                    if (computed != (uint)stored)
                    {
                        throw new CliException(string.Create(CultureInfo.InvariantCulture,
                            $"{pageAt}: page checksum mismatch (stored 0x{(uint)stored:x8}, computed 0x{computed:x8}): the page is corrupted, so its values cannot be trusted"));
                    }

                    count += new PageCount(1, 0);
                }
                else
                {
                    count += new PageCount(0, 1);
                }

                values += header.IsDataPage ? header.NumValues : 0;
                position += header.CompressedSize;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return count;
    }

    private static ParquetPageHeader ReadHeader(SafeFileHandle file, long position, long end, ref byte[] buffer, string pageAt)
    {
        int want = (int)Math.Min(FirstHeaderRead, end - position);
        while (true)
        {
            if (buffer.Length < want)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(want);
            }

            int read = RandomAccess.Read(file, buffer.AsSpan(0, want), position);
            try
            {
                if (ParquetPageHeader.Read(buffer.AsSpan(0, read)) is { } header)
                {
                    return header;
                }
            }
            catch (InvalidDataException problem)
            {
                throw new CliException($"{pageAt}: the page header cannot be read ({problem.Message}): the file is corrupted");
            }

            if (read < want || want >= end - position || want >= LargestHeader)
            {
                throw new CliException($"{pageAt}: the page header does not end within the column chunk: the file is corrupted");
            }

            // A header with large statistics: read more, up to the rest of the chunk.
            want = (int)Math.Min(Math.Min((long)want * 4, end - position), LargestHeader);
        }
    }

    private static uint Crc(SafeFileHandle file, long position, int length, byte[] buffer, string pageAt)
    {
        var crc = new Crc32();
        int window = Math.Min(buffer.Length, 1 << 16);
        while (length > 0)
        {
            int read = RandomAccess.Read(file, buffer.AsSpan(0, Math.Min(window, length)), position);
            if (read == 0)
            {
                throw new CliException($"{pageAt}: the file ends inside the page: it is truncated");
            }

            crc.Append(buffer.AsSpan(0, read));
            position += read;
            length -= read;
        }

        return crc.GetCurrentHashAsUInt32();
    }
}
