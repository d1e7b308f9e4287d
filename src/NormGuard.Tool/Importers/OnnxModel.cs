using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NormGuard.Tool.Importers;

/// <summary>
/// The parts of an ONNX model (onnx/onnx.proto3) an import needs, read with <see cref="ProtobufReader"/>:
/// ModelProto.graph (7) → GraphProto.node (1), initializer (5), input (11), output (12), value_info (13);
/// NodeProto input (1), output (2), name (3), op_type (4), attribute (5), domain (7); AttributeProto name (1), f (2),
/// i (3), t (5), floats (7), ints (8), type (20); TensorProto dims (1), data_type (2), float_data (4), name (8),
/// raw_data (9), double_data (10), data_location (14); ValueInfoProto name (1), type (2) → TypeProto.tensor_type (1) →
/// elem_type (1), shape (2) → dim (1) → dim_value (1).
/// </summary>
internal sealed class OnnxModel
{
    public const int FloatType = 1;
    public const int DoubleType = 11;

    public string GraphName { get; private set; } = string.Empty;

    public string Producer { get; private set; } = string.Empty;

    public List<OnnxNode> Nodes { get; } = [];

    public Dictionary<string, OnnxTensor> Initializers { get; } = new(StringComparer.Ordinal);

    public List<string> Inputs { get; } = [];

    /// <summary>Declared element type and shape of graph inputs, outputs and value_info entries, by name.</summary>
    public Dictionary<string, OnnxValueInfo> Values { get; } = new(StringComparer.Ordinal);

    public static OnnxModel Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var model = new OnnxModel();
        try
        {
            var reader = new ProtobufReader(bytes);
            bool sawGraph = false;
            while (!reader.AtEnd)
            {
                (int field, int wire) = reader.ReadTag();
                switch (field)
                {
                    case 2 when wire == ProtobufReader.LengthDelimited:
                        model.Producer = reader.ReadString();
                        break;
                    case 7 when wire == ProtobufReader.LengthDelimited:
                        model.ReadGraph(reader.ReadMessage());
                        sawGraph = true;
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }

            if (!sawGraph)
            {
                throw new FormatException("the file has no graph (ModelProto field 7)");
            }
        }
        catch (FormatException exception)
        {
            throw new CliException($"{path}: not a readable ONNX model: {exception.Message}");
        }

        return model;
    }

    private void ReadGraph(ProtobufReader reader)
    {
        while (!reader.AtEnd)
        {
            (int field, int wire) = reader.ReadTag();
            if (wire != ProtobufReader.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }

            switch (field)
            {
                case 1:
                    Nodes.Add(OnnxNode.Read(reader.ReadMessage()));
                    break;
                case 2:
                    GraphName = reader.ReadString();
                    break;
                case 5:
                    OnnxTensor tensor = OnnxTensor.Read(reader.ReadMessage());
                    Initializers[tensor.Name] = tensor;
                    break;
                case 11:
                    OnnxValueInfo input = OnnxValueInfo.Read(reader.ReadMessage());
                    Inputs.Add(input.Name);
                    Values[input.Name] = input;
                    break;
                case 12:
                case 13:
                    OnnxValueInfo value = OnnxValueInfo.Read(reader.ReadMessage());
                    Values.TryAdd(value.Name, value);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    /// <summary>
    /// A tensor known without running the graph: an initializer, or a Constant node's value. An initializer that is also
    /// a graph input (which IR version 3 requires of every initializer) is taken at its stored value.
    /// </summary>
    public OnnxTensor? Constant(string name)
    {
        if (Initializers.TryGetValue(name, out OnnxTensor? tensor))
        {
            return tensor;
        }

        OnnxNode? constant = Nodes.FirstOrDefault(n => n.OpType == "Constant" && n.IsDefaultDomain && n.Outputs.Contains(name));
        if (constant is null)
        {
            return null;
        }

        if (constant.Attributes.TryGetValue("value", out OnnxAttribute? value) && value.Tensor is not null)
        {
            return value.Tensor;
        }

        if (constant.Attributes.TryGetValue("value_float", out OnnxAttribute? single) && single.Float is { } f)
        {
            return new OnnxTensor(name, FloatType, [], [f]);
        }

        if (constant.Attributes.TryGetValue("value_floats", out OnnxAttribute? many))
        {
            return new OnnxTensor(name, FloatType, [many.Floats.Count], many.Floats.ToArray());
        }

        return null;
    }

    public IEnumerable<OnnxNode> ConsumersOf(string name) => Nodes.Where(n => n.Inputs.Contains(name));
}

internal sealed class OnnxNode
{
    public string Name { get; private set; } = string.Empty;

    public string OpType { get; private set; } = string.Empty;

    public string Domain { get; private set; } = string.Empty;

    public List<string> Inputs { get; } = [];

    public List<string> Outputs { get; } = [];

    public Dictionary<string, OnnxAttribute> Attributes { get; } = new(StringComparer.Ordinal);

    public bool IsDefaultDomain => Domain is "" or "ai.onnx";

    public string Display => Name.Length > 0 ? $"{OpType} '{Name}'" : OpType;

    public static OnnxNode Read(ProtobufReader reader)
    {
        var node = new OnnxNode();
        while (!reader.AtEnd)
        {
            (int field, int wire) = reader.ReadTag();
            if (wire != ProtobufReader.LengthDelimited)
            {
                reader.Skip(wire);
                continue;
            }

            switch (field)
            {
                case 1:
                    node.Inputs.Add(reader.ReadString());
                    break;
                case 2:
                    node.Outputs.Add(reader.ReadString());
                    break;
                case 3:
                    node.Name = reader.ReadString();
                    break;
                case 4:
                    node.OpType = reader.ReadString();
                    break;
                case 5:
                    OnnxAttribute attribute = OnnxAttribute.Read(reader.ReadMessage());
                    node.Attributes[attribute.Name] = attribute;
                    break;
                case 7:
                    node.Domain = reader.ReadString();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return node;
    }
}

internal sealed class OnnxAttribute
{
    public string Name { get; private set; } = string.Empty;

    public int Type { get; private set; }

    public float? Float { get; private set; }

    /// <summary>The attribute's <c>i</c>: <c>Cast</c>'s <c>to</c>, for one.</summary>
    public long? Int { get; private set; }

    public List<float> Floats { get; } = [];

    public OnnxTensor? Tensor { get; private set; }

    public static OnnxAttribute Read(ProtobufReader reader)
    {
        var attribute = new OnnxAttribute();
        while (!reader.AtEnd)
        {
            (int field, int wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == ProtobufReader.LengthDelimited:
                    attribute.Name = reader.ReadString();
                    break;
                case 2 when wire == ProtobufReader.Fixed32:
                    attribute.Float = reader.ReadFloat();
                    break;
                case 3 when wire == ProtobufReader.Varint:
                    attribute.Int = (long)reader.ReadVarint();
                    break;
                case 5 when wire == ProtobufReader.LengthDelimited:
                    attribute.Tensor = OnnxTensor.Read(reader.ReadMessage());
                    break;
                case 7 when wire is ProtobufReader.LengthDelimited or ProtobufReader.Fixed32:
                    reader.ReadFloats(wire, attribute.Floats);
                    break;
                case 20 when wire == ProtobufReader.Varint:
                    attribute.Type = reader.ReadInt32();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return attribute;
    }
}

/// <summary>A tensor's name, element type, shape and (for float and double tensors) values.</summary>
internal sealed class OnnxTensor(string name, int dataType, long[] dims, float[]? floats)
{
    public string Name { get; } = name;

    public int DataType { get; } = dataType;

    public long[] Dims { get; } = dims;

    /// <summary>The values of a float tensor (float_data or raw_data), else null.</summary>
    public float[]? Floats { get; } = floats;

    /// <summary>Data stored outside the model file (data_location EXTERNAL): not read.</summary>
    public bool External { get; private init; }

    public static OnnxTensor Read(ProtobufReader reader)
    {
        string name = string.Empty;
        int dataType = 0;
        var dims = new List<long>();
        var floatData = new List<float>();
        byte[]? raw = null;
        bool external = false;
        while (!reader.AtEnd)
        {
            (int field, int wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire is ProtobufReader.Varint or ProtobufReader.LengthDelimited:
                    reader.ReadInt64s(wire, dims);
                    break;
                case 2 when wire == ProtobufReader.Varint:
                    dataType = reader.ReadInt32();
                    break;
                case 4 when wire is ProtobufReader.LengthDelimited or ProtobufReader.Fixed32:
                    reader.ReadFloats(wire, floatData);
                    break;
                case 8 when wire == ProtobufReader.LengthDelimited:
                    name = reader.ReadString();
                    break;
                case 9 when wire == ProtobufReader.LengthDelimited:
                    raw = reader.ReadBytes();
                    break;
                case 14 when wire == ProtobufReader.Varint:
                    external = reader.ReadInt32() == 1;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        float[]? floats = null;
        if (dataType == OnnxModel.FloatType)
        {
            if (raw is not null)
            {
                if (raw.Length % 4 != 0)
                {
                    throw new FormatException($"tensor '{name}': raw_data of {raw.Length} bytes is not float32 values");
                }

                floats = new float[raw.Length / 4];
                for (int i = 0; i < floats.Length; i++)
                {
                    floats[i] = BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(i * 4)));
                }
            }
            else
            {
                floats = floatData.ToArray();
            }
        }

        return new OnnxTensor(name, dataType, dims.ToArray(), floats) { External = external };
    }
}

/// <summary>A declared value: element type (0 unknown) and shape (null unknown; a null dimension is symbolic).</summary>
internal sealed record OnnxValueInfo(string Name, int ElementType, long?[]? Shape)
{
    public static OnnxValueInfo Read(ProtobufReader reader)
    {
        string name = string.Empty;
        int elementType = 0;
        long?[]? shape = null;
        while (!reader.AtEnd)
        {
            (int field, int wire) = reader.ReadTag();
            if (field == 1 && wire == ProtobufReader.LengthDelimited)
            {
                name = reader.ReadString();
            }
            else if (field == 2 && wire == ProtobufReader.LengthDelimited)
            {
                ProtobufReader type = reader.ReadMessage();
                while (!type.AtEnd)
                {
                    (int typeField, int typeWire) = type.ReadTag();
                    if (typeField == 1 && typeWire == ProtobufReader.LengthDelimited)
                    {
                        (elementType, shape) = ReadTensorType(type.ReadMessage());
                    }
                    else
                    {
                        type.Skip(typeWire);
                    }
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return new OnnxValueInfo(name, elementType, shape);
    }

    private static (int ElementType, long?[]? Shape) ReadTensorType(ProtobufReader reader)
    {
        int elementType = 0;
        long?[]? shape = null;
        while (!reader.AtEnd)
        {
            (int field, int wire) = reader.ReadTag();
            if (field == 1 && wire == ProtobufReader.Varint)
            {
                elementType = reader.ReadInt32();
            }
            else if (field == 2 && wire == ProtobufReader.LengthDelimited)
            {
                var dims = new List<long?>();
                ProtobufReader shapeReader = reader.ReadMessage();
                while (!shapeReader.AtEnd)
                {
                    (int dimField, int dimWire) = shapeReader.ReadTag();
                    if (dimField == 1 && dimWire == ProtobufReader.LengthDelimited)
                    {
                        long? value = null;
                        ProtobufReader dim = shapeReader.ReadMessage();
                        while (!dim.AtEnd)
                        {
                            (int valueField, int valueWire) = dim.ReadTag();
                            if (valueField == 1 && valueWire == ProtobufReader.Varint)
                            {
                                value = dim.ReadInt64();
                            }
                            else
                            {
                                dim.Skip(valueWire);
                            }
                        }

                        dims.Add(value);
                    }
                    else
                    {
                        shapeReader.Skip(dimWire);
                    }
                }

                shape = dims.ToArray();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (elementType, shape);
    }
}
