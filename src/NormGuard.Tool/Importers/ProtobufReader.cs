using System;
using System.Collections.Generic;
using System.Text;

namespace NormGuard.Tool.Importers;

/// <summary>
/// A minimal protocol-buffers wire-format reader: tags, varints, fixed32/64, length-delimited fields. Enough to walk an
/// ONNX <c>ModelProto</c> without generated code; every malformed input throws <see cref="FormatException"/> with the byte offset.
/// </summary>
internal struct ProtobufReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly byte[] _buffer;
    private readonly int _end;
    private int _position;

    public ProtobufReader(byte[] buffer)
        : this(buffer, 0, buffer.Length)
    {
    }

    private ProtobufReader(byte[] buffer, int start, int end)
    {
        _buffer = buffer;
        _position = start;
        _end = end;
    }

    public readonly bool AtEnd => _position >= _end;

    public readonly int Position => _position;

    /// <summary>The next field's number and wire type.</summary>
    public (int Field, int WireType) ReadTag()
    {
        int at = _position;
        ulong tag = ReadVarint();
        int field = (int)(tag >> 3);
        if (field <= 0 || tag >> 3 > int.MaxValue)
        {
            throw new FormatException($"invalid field number at byte {at}");
        }

        return (field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _end)
            {
                throw new FormatException($"truncated varint at byte {_position}");
            }

            byte b = _buffer[_position++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException($"varint longer than 10 bytes at byte {_position}");
    }

    public long ReadInt64() => (long)ReadVarint();

    public int ReadInt32() => (int)(long)ReadVarint();

    public float ReadFloat() => BitConverter.Int32BitsToSingle((int)ReadFixed(4));

    public double ReadDouble() => BitConverter.Int64BitsToDouble((long)ReadFixed(8));

    /// <summary>A length-delimited field's bytes as a reader of its own.</summary>
    public ProtobufReader ReadMessage()
    {
        (int start, int length) = ReadLength();
        return new ProtobufReader(_buffer, start, start + length);
    }

    public string ReadString()
    {
        (int start, int length) = ReadLength();
        return Encoding.UTF8.GetString(_buffer, start, length);
    }

    public byte[] ReadBytes()
    {
        (int start, int length) = ReadLength();
        return _buffer.AsSpan(start, length).ToArray();
    }

    /// <summary>A repeated float field: packed (length-delimited) or one fixed32 value.</summary>
    public void ReadFloats(int wireType, List<float> into)
    {
        if (wireType == Fixed32)
        {
            into.Add(ReadFloat());
            return;
        }

        RequireWireType(wireType, LengthDelimited);
        ProtobufReader packed = ReadMessage();
        if ((packed._end - packed._position) % 4 != 0)
        {
            throw new FormatException($"packed floats of {packed._end - packed._position} bytes at byte {packed._position}");
        }

        while (!packed.AtEnd)
        {
            into.Add(packed.ReadFloat());
        }
    }

    /// <summary>A repeated double field: packed or one fixed64 value.</summary>
    public void ReadDoubles(int wireType, List<double> into)
    {
        if (wireType == Fixed64)
        {
            into.Add(ReadDouble());
            return;
        }

        RequireWireType(wireType, LengthDelimited);
        ProtobufReader packed = ReadMessage();
        while (!packed.AtEnd)
        {
            into.Add(packed.ReadDouble());
        }
    }

    /// <summary>A repeated varint field (int32/int64): packed or one value.</summary>
    public void ReadInt64s(int wireType, List<long> into)
    {
        if (wireType == Varint)
        {
            into.Add(ReadInt64());
            return;
        }

        RequireWireType(wireType, LengthDelimited);
        ProtobufReader packed = ReadMessage();
        while (!packed.AtEnd)
        {
            into.Add(packed.ReadInt64());
        }
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                ReadFixed(8);
                break;
            case LengthDelimited:
                ReadLength();
                break;
            case Fixed32:
                ReadFixed(4);
                break;
            default:
                throw new FormatException($"unsupported wire type {wireType} at byte {_position}");
        }
    }

    public readonly void RequireWireType(int wireType, int expected)
    {
        if (wireType != expected)
        {
            throw new FormatException($"wire type {wireType} where {expected} belongs at byte {_position}");
        }
    }

    private ulong ReadFixed(int bytes)
    {
        if (_end - _position < bytes)
        {
            throw new FormatException($"truncated {bytes * 8}-bit value at byte {_position}");
        }

        ulong value = 0;
        for (int i = 0; i < bytes; i++)
        {
            value |= (ulong)_buffer[_position + i] << (8 * i);
        }

        _position += bytes;
        return value;
    }

    private (int Start, int Length) ReadLength()
    {
        int at = _position;
        ulong length = ReadVarint();
        if (length > (ulong)(_end - _position))
        {
            throw new FormatException($"a field of {length} bytes at byte {at} runs past the end of its message");
        }

        int start = _position;
        _position += (int)length;
        return (start, (int)length);
    }
}
