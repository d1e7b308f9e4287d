using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Google.Protobuf;
using Onnx;

namespace NormGuard.Tool.Importers;

/// <summary>
/// An ONNX model read with Google.Protobuf and the classes generated from the ONNX schema (Importers/Onnx/onnx-ml.proto),
/// with the look-ups an import needs: the graph's nodes, its inputs' declared types and shapes, and the float values of
/// constants (initializers and Constant nodes).
/// </summary>
internal sealed class OnnxModel
{
    public const int FloatType = (int)TensorProto.Types.DataType.Float;
    public const int DoubleType = (int)TensorProto.Types.DataType.Double;

    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);

    private OnnxModel(GraphProto graph)
    {
        Graph = graph;
        foreach (TensorProto tensor in graph.Initializer)
        {
            _initializers[tensor.Name] = tensor;
        }

        foreach (NodeProto node in graph.Node)
        {
            foreach (string output in node.Output)
            {
                _producers.TryAdd(output, node);
            }

            foreach (string input in node.Input.Where(i => i.Length > 0).Distinct())
            {
                if (!_consumers.TryGetValue(input, out List<NodeProto>? list))
                {
                    _consumers[input] = list = [];
                }

                list.Add(node);
            }
        }

        // IR version 3 lists every initializer as a graph input too; those are constants, not inputs
        Inputs = graph.Input.Select(i => i.Name).Where(n => !_initializers.ContainsKey(n)).ToList();
        foreach (ValueInfoProto value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
        {
            Values.TryAdd(value.Name, value);
        }
    }

    public GraphProto Graph { get; }

    public IReadOnlyList<NodeProto> Nodes => Graph.Node;

    /// <summary>The graph inputs that are not initializers: what a caller feeds.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlySet<string> Outputs => Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Declared types of graph inputs, outputs and value_info entries, by name.</summary>
    public Dictionary<string, ValueInfoProto> Values { get; } = new(StringComparer.Ordinal);

    public static OnnxModel Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new CliException($"{path}: not a readable ONNX model: {exception.Message}");
        }

        if (model.Graph is null)
        {
            throw new CliException($"{path}: not a readable ONNX model: the file has no graph (ModelProto.graph)");
        }

        return new OnnxModel(model.Graph);
    }

    public NodeProto? ProducerOf(string value) => _producers.GetValueOrDefault(value);

    public IReadOnlyList<NodeProto> ConsumersOf(string value) => _consumers.TryGetValue(value, out List<NodeProto>? list) ? list : [];

    /// <summary>The declared element type of a value (0: not declared) and its shape (null: not declared; a null dimension: symbolic).</summary>
    public (int ElementType, long?[]? Shape) TypeOf(string value)
    {
        if (!Values.TryGetValue(value, out ValueInfoProto? info) || info.Type?.TensorType is not { } tensor)
        {
            return (0, null);
        }

        long?[]? shape = tensor.Shape?.Dim.Select(d => d.HasDimValue ? d.DimValue : (long?)null).ToArray();
        return (tensor.ElemType, shape);
    }

    /// <summary>
    /// A tensor known without running the graph: an initializer, or a Constant node's value. An initializer that is also
    /// a graph input (which IR version 3 requires of every initializer) is taken at its stored value.
    /// </summary>
    public TensorProto? Constant(string name)
    {
        if (_initializers.TryGetValue(name, out TensorProto? tensor))
        {
            return tensor;
        }

        if (ProducerOf(name) is not { OpType: "Constant" } constant || !constant.IsDefaultDomain())
        {
            return null;
        }

        foreach (AttributeProto attribute in constant.Attribute)
        {
            switch (attribute.Name)
            {
                case "value" when attribute.T is not null:
                    return attribute.T;
                case "value_float":
                    return new TensorProto { Name = name, DataType = FloatType, FloatData = { attribute.F } };
                case "value_floats":
                    return new TensorProto { Name = name, DataType = FloatType, Dims = { attribute.Floats.Count }, FloatData = { attribute.Floats } };
            }
        }

        return null;
    }

    /// <summary>An ONNX element type's schema name in lower case ("double"), or its number when the schema (ONNX 1.12) does not know it.</summary>
    public static string TypeName(int elementType) =>
        Enum.IsDefined((TensorProto.Types.DataType)elementType)
            ? ((TensorProto.Types.DataType)elementType).ToString().ToLowerInvariant()
            : "element type " + elementType.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The values of a float32 tensor (float_data, or raw_data in little-endian order).</summary>
    public static float[] Floats(TensorProto tensor, string where)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new CliException($"{where}: constant '{tensor.Name}' is stored outside the model file");
        }

        if (tensor.DataType != FloatType)
        {
            throw new CliException($"{where}: constant '{tensor.Name}' is not a float32 tensor (data type {tensor.DataType}, {TypeName(tensor.DataType)}); the onnx profile is float32");
        }

        float[] values;
        if (tensor.HasRawData)
        {
            ReadOnlySpan<byte> raw = tensor.RawData.Span;
            if (raw.Length % 4 != 0)
            {
                throw new CliException($"{where}: constant '{tensor.Name}': raw_data of {raw.Length} bytes is not float32 values");
            }

            values = new float[raw.Length / 4];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]);
            }
        }
        else
        {
            values = tensor.FloatData.ToArray();
        }

        long count = tensor.Dims.Aggregate(1L, (a, d) => a * d);
        if (count != values.Length)
        {
            throw new CliException($"{where}: constant '{tensor.Name}' has shape [{string.Join(", ", tensor.Dims)}] but {values.Length} values");
        }

        return values;
    }
}

/// <summary>What an import asks of a node beyond the generated accessors.</summary>
internal static class OnnxNodeExtensions
{
    public static bool IsDefaultDomain(this NodeProto node) => node.Domain is "" or "ai.onnx";

    public static bool IsMLDomain(this NodeProto node) => node.Domain == "ai.onnx.ml";

    /// <summary>How error messages name a node: its op type and, when it has one, its name.</summary>
    public static string Display(this NodeProto node) => node.Name.Length > 0 ? $"{node.OpType} '{node.Name}'" : $"{node.OpType} (output '{node.Output.FirstOrDefault()}')";

    public static AttributeProto? Attribute(this NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);
}
