using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NormGuard.Tool.Tests;

/// <summary>
/// Writes small ONNX models (onnx.proto3 wire format) for the import tests: X float[N, C] → a chain of nodes → Y, with
/// float initializers. IR version 8, opsets {"": 13, "ai.onnx.ml": 1}, as Golden/make_onnx_scaler.py writes them.
/// </summary>
internal sealed class OnnxModelWriter
{
    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _valueInfos = [];

    public OnnxModelWriter(int width, int inputElementType = 1)
    {
        Width = width;
        InputElementType = inputElementType;
    }

    public int Width { get; }

    public int InputElementType { get; }

    public OnnxModelWriter Scaler(string input, string output, float[] offset, float[] scale) =>
        Node("Scaler", "ai.onnx.ml", [input], [output], Message(w => { w.String(1, "offset"); w.Floats(7, offset); w.Varint(20, 6); }), Message(w => { w.String(1, "scale"); w.Floats(7, scale); w.Varint(20, 6); }));

    public OnnxModelWriter Binary(string op, string input, string constant, string output, float[] values)
    {
        _initializers.Add(Message(w =>
        {
            w.Varint(1, values.Length);
            w.Varint(2, 1);
            w.String(8, constant);
            var raw = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
            w.Bytes(9, raw);
        }));
        return Node(op, string.Empty, [input, constant], [output]);
    }

    public OnnxModelWriter Declare(string name) => Add(_valueInfos, ValueInfo(name, 1));

    /// <summary><c>Cast(input) to</c> an element type (1: float), as skl2onnx ≥ 1.10 starts a MinMaxScaler graph.</summary>
    public OnnxModelWriter Cast(string input, string output, int to) =>
        Node("Cast", string.Empty, [input], [output], Message(w => { w.String(1, "to"); w.Varint(3, to); w.Varint(20, 2); }));

    public OnnxModelWriter Identity(string input, string output) => Node("Identity", string.Empty, [input], [output]);

    public byte[] ToBytes(string output = "Y")
    {
        byte[] graph = Message(w =>
        {
            foreach (byte[] node in _nodes)
            {
                w.Bytes(1, node);
            }

            w.String(2, "normguard_import_test");
            foreach (byte[] initializer in _initializers)
            {
                w.Bytes(5, initializer);
            }

            w.Bytes(11, ValueInfo("X", InputElementType));
            w.Bytes(12, ValueInfo(output, 1));
            foreach (byte[] value in _valueInfos)
            {
                w.Bytes(13, value);
            }
        });
        return Message(w =>
        {
            w.Varint(1, 8);
            w.String(2, "NormGuard OnnxModelWriter");
            w.Bytes(7, graph);
            w.Bytes(8, Message(o => { o.String(1, string.Empty); o.Varint(2, 13); }));
            w.Bytes(8, Message(o => { o.String(1, "ai.onnx.ml"); o.Varint(2, 1); }));
        });
    }

    public string Save(string path, string output = "Y")
    {
        File.WriteAllBytes(path, ToBytes(output));
        return path;
    }

    private OnnxModelWriter Node(string op, string domain, string[] inputs, string[] outputs, params byte[][] attributes)
    {
        _nodes.Add(Message(w =>
        {
            foreach (string input in inputs)
            {
                w.String(1, input);
            }

            foreach (string output in outputs)
            {
                w.String(2, output);
            }

            w.String(3, op + "_" + _nodes.Count);
            w.String(4, op);
            foreach (byte[] attribute in attributes)
            {
                w.Bytes(5, attribute);
            }

            if (domain.Length > 0)
            {
                w.String(7, domain);
            }
        }));
        return this;
    }

    private OnnxModelWriter Add(List<byte[]> list, byte[] item)
    {
        list.Add(item);
        return this;
    }

    private byte[] ValueInfo(string name, int elementType) => Message(w =>
    {
        w.String(1, name);
        w.Bytes(2, Message(type => type.Bytes(1, Message(tensor =>
        {
            tensor.Varint(1, elementType);
            tensor.Bytes(2, Message(shape =>
            {
                shape.Bytes(1, Message(dim => dim.String(2, "N")));
                shape.Bytes(1, Message(dim => dim.Varint(1, Width)));
            }));
        }))));
    });

    private static byte[] Message(Action<Writer> write)
    {
        var writer = new Writer();
        write(writer);
        return writer.Stream.ToArray();
    }

    private sealed class Writer
    {
        public MemoryStream Stream { get; } = new();

        public void Varint(int field, long value)
        {
            Tag(field, 0);
            Raw((ulong)value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Bytes(int field, byte[] value)
        {
            Tag(field, 2);
            Raw((ulong)value.Length);
            Stream.Write(value);
        }

        public void Floats(int field, float[] values)
        {
            var bytes = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            Bytes(field, bytes);
        }

        private void Tag(int field, int wireType) => Raw(((ulong)field << 3) | (uint)wireType);

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                Stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            Stream.WriteByte((byte)value);
        }
    }
}
