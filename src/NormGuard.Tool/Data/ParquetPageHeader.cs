using System;
using System.IO;

namespace NormGuard.Tool.Data;

/// <summary>
/// The fields of a Parquet <c>PageHeader</c> that a checksum check needs, read from its Thrift compact encoding. Parquet.Net
/// parses page headers internally but neither exposes the parser nor checks the <c>crc</c> field, so this reads them itself:
/// fields 1–4 (type, sizes, crc) and the value count of a data page; every other field is skipped by its wire type.
/// </summary>
internal readonly record struct ParquetPageHeader(int Type, int UncompressedSize, int CompressedSize, int? Crc, int NumValues, int Length)
{
    public const int DataPage = 0;
    public const int DictionaryPage = 2;
    public const int DataPageV2 = 3;

    // Deeper nesting than any PageHeader has (statistics are two levels down): a hostile file cannot recurse without bound.
    private const int MaxDepth = 16;

    public bool IsDataPage => Type is DataPage or DataPageV2;

    /// <summary>The header at the start of <paramref name="bytes"/>, or null when <paramref name="bytes"/> ends inside it.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a page header.</exception>
    public static ParquetPageHeader? Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new CompactReader(bytes);
        int? type = null, uncompressed = null, compressed = null, crc = null;
        int numValues = 0;
        short field = 0;
        while (reader.FieldHeader(ref field, out int wireType))
        {
            switch (field, wireType)
            {
                case (1, CompactReader.I32Type):
                    type = reader.I32();
                    break;
                case (2, CompactReader.I32Type):
                    uncompressed = reader.I32();
                    break;
                case (3, CompactReader.I32Type):
                    compressed = reader.I32();
                    break;
                case (4, CompactReader.I32Type):
                    crc = reader.I32();
                    break;
                case (5 or 8, CompactReader.StructType):
                    // DataPageHeader and DataPageHeaderV2 both start with field 1, num_values.
                    numValues = reader.FirstI32OfStruct();
                    break;
                case (>= 1 and <= 4, _):
                    throw new InvalidDataException($"field {field} has wire type {wireType}, not i32");
                default:
                    reader.Skip(wireType, depth: 1);
                    break;
            }

            if (reader.Truncated)
            {
                return null;
            }
        }

        if (reader.Truncated)
        {
            return null;
        }

        if (type is null || uncompressed is null || compressed is null)
        {
            throw new InvalidDataException("a required field (type, uncompressed_page_size, compressed_page_size) is absent");
        }

        return new ParquetPageHeader(type.Value, uncompressed.Value, compressed.Value, crc, numValues, reader.Position);
    }

    /// <summary>Thrift's compact protocol, reading only; running past the end sets <see cref="Truncated"/> rather than throwing.</summary>
    private ref struct CompactReader(ReadOnlySpan<byte> bytes)
    {
        public const int I32Type = 5;
        public const int StructType = 12;

        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; }

        public bool Truncated { get; private set; }

        /// <summary>The next field of the current struct; false at its stop byte.</summary>
        public bool FieldHeader(ref short field, out int wireType)
        {
            byte header = Byte();
            wireType = header & 0x0F;
            if (header == 0 || Truncated)
            {
                return false;
            }

            int delta = header >> 4;
            field = delta == 0 ? (short)ZigZag() : (short)(field + delta);
            return true;
        }

        public int I32() => (int)ZigZag();

        public int FirstI32OfStruct()
        {
            int first = 0;
            short field = 0;
            while (FieldHeader(ref field, out int wireType))
            {
                if (field == 1 && wireType == I32Type)
                {
                    first = I32();
                }
                else
                {
                    Skip(wireType, depth: 2);
                }
            }

            return first;
        }

        public void Skip(int wireType, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new InvalidDataException("structures nested too deep");
            }

            switch (wireType)
            {
                case 1 or 2: // a boolean field's value is its wire type
                    break;
                case 3:
                    Advance(1);
                    break;
                case 4 or 5 or 6:
                    Varint();
                    break;
                case 7:
                    Advance(8);
                    break;
                case 8:
                    Advance(Length(Varint()));
                    break;
                case 9 or 10:
                    byte list = Byte();
                    long count = list >> 4 == 15 ? (long)Varint() : list >> 4;
                    for (long i = 0; i < count && !Truncated; i++)
                    {
                        Element(list & 0x0F, depth + 1);
                    }

                    break;
                case 11:
                    ulong entries = Varint();
                    byte kinds = entries == 0 ? (byte)0 : Byte();
                    for (ulong i = 0; i < entries && !Truncated; i++)
                    {
                        Element(kinds >> 4, depth + 1);
                        Element(kinds & 0x0F, depth + 1);
                    }

                    break;
                case StructType:
                    short field = 0;
                    while (FieldHeader(ref field, out int type))
                    {
                        Skip(type, depth + 1);
                    }

                    break;
                default:
                    throw new InvalidDataException($"unknown wire type {wireType}");
            }
        }

        // In a list, set or map a boolean takes a byte of its own.
        private void Element(int wireType, int depth)
        {
            if (wireType is 1 or 2)
            {
                Advance(1);
            }
            else
            {
                Skip(wireType, depth);
            }
        }

        private long ZigZag()
        {
            ulong value = Varint();
            return (long)(value >> 1) ^ -(long)(value & 1);
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                byte b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw new InvalidDataException("a varint longer than 10 bytes");
        }

        private static int Length(ulong length) =>
            length <= int.MaxValue ? (int)length : throw new InvalidDataException($"a binary field of {length} bytes");

        private byte Byte()
        {
            if (Position >= _bytes.Length)
            {
                Truncated = true;
                return 0;
            }

            return _bytes[Position++];
        }

        private void Advance(int count)
        {
            if (_bytes.Length - Position < count)
            {
                Truncated = true;
                Position = _bytes.Length;
                return;
            }

            Position += count;
        }
    }
}
