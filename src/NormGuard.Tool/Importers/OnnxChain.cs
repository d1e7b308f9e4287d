using System;
using System.Collections.Generic;
using System.Linq;
using Onnx;

namespace NormGuard.Tool.Importers;

/// <summary>
/// The per-feature affine scaling one graph input goes through, read node by node in the order
/// <c>[Identity | Cast→float]* [Imputer] (Scaler | [Sub | Add] (Mul | Div)) [Add | Sub]</c>, as
/// y = ((x − offset)·scale) + add with per-lane (or broadcast) float32 constants. Rewritings used, each exact in IEEE
/// arithmetic for every x (−0 and NaN included): <c>x + b</c> before the scale is <c>x − (−b)</c>, and <c>r − c</c> after
/// it is <c>r + (−c)</c> (subtraction is defined as addition of the negation). A <c>Div</c> is kept as divisors; the
/// importer turns them into multipliers only where division and multiplication agree (<see cref="OnnxDivision"/>).
/// </summary>
internal sealed class OnnxChain
{
    // Nodes that would change the scaled values elementwise if they consumed them: the manifest could not reproduce the output.
    private static readonly HashSet<string> Elementwise = new(StringComparer.Ordinal)
    {
        "Abs", "Add", "Ceil", "Clip", "Cos", "Div", "Elu", "Erf", "Exp", "Floor", "HardSigmoid", "LeakyRelu", "Log", "Max",
        "Min", "Mod", "Mul", "Neg", "Pow", "PRelu", "Reciprocal", "Relu", "Round", "Selu", "Sigmoid", "Sign", "Sin",
        "Softplus", "Softsign", "Sqrt", "Sub", "Tanh", "ThresholdedRelu", "Scaler", "Normalizer", "Imputer", "Binarizer",
    };

    private enum Stage
    {
        Start,
        Imputed,
        Offset,
        Scaled,
        Added,
    }

    private Stage _stage = Stage.Start;

    private OnnxChain(string input) => Input = input;

    public string Input { get; }

    public List<NodeProto> Nodes { get; } = [];

    public float[] Offset { get; private set; } = [0f];

    public float[] Scale { get; private set; } = [1f];

    public float[]? Add { get; private set; }

    /// <summary>The Imputer's values (NaN replaced by them), or null without an Imputer.</summary>
    public float[]? Fill { get; private set; }

    public NodeProto? Imputer { get; private set; }

    /// <summary>The Div node when the scale divides (<see cref="Scale"/> then holds the divisors), else null.</summary>
    public NodeProto? Divisor { get; private set; }

    /// <summary>The chain from a graph input, or null when the input is not scaled (no Scaler, Mul or Div on its path).</summary>
    public static OnnxChain? Follow(OnnxModel model, string input, string path)
    {
        (int type, _) = model.TypeOf(input);
        if (type is not (0 or OnnxModel.FloatType))
        {
            // a double (or other) input computes in that type: only refused when it is scaled, so say which node does it
            NodeProto? scaler = model.ConsumersOf(input).FirstOrDefault(n => n.OpType is "Scaler" or "Mul" or "Div" or "Sub" or "Add" or "Cast" or "Imputer");
            return scaler is null
                ? null
                : throw new CliException($"{path}: {scaler.Display()} reads '{input}' of element type {type} ({OnnxModel.TypeName(type)}); NormGuard's onnx profile is float32 arithmetic on float32 inputs");
        }

        var chain = new OnnxChain(input);
        string value = input;
        while (chain.Next(model, value, path) is { } node)
        {
            chain.Nodes.Add(node);
            value = node.Output[0];
        }

        if (chain._stage < Stage.Scaled)
        {
            return null;
        }

        foreach (NodeProto consumer in model.ConsumersOf(value).Where(c => Elementwise.Contains(c.OpType) || (c.OpType == "Cast" && !CastsToFloat(c))))
        {
            throw new CliException($"{path}: {consumer.Display()} consumes the scaled '{value}' ({string.Join(" → ", chain.Nodes.Select(n => n.Display()))}) and changes it; a manifest holds only the scaling, so it would not reproduce the model's output");
        }

        return chain;
    }

    /// <summary>The node that continues the chain from <paramref name="value"/>, taken into the chain; null where the chain ends.</summary>
    private NodeProto? Next(OnnxModel model, string value, string path)
    {
        IReadOnlyList<NodeProto> consumers = model.ConsumersOf(value);
        NodeProto[] steps = consumers.Where(IsStep).ToArray();
        if (steps.Length == 0)
        {
            return null;
        }

        if (steps.Length > 1)
        {
            throw new CliException($"{path}: '{value}' feeds {steps.Length} nodes ({string.Join(", ", steps.Select(n => n.Display()))}); NormGuard imports one chain of scaling nodes per input");
        }

        NodeProto node = steps[0];
        if (node.Output.Count != 1)
        {
            throw new CliException($"{path}: {node.Display()} has {node.Output.Count} outputs; the scaling nodes NormGuard imports have one");
        }

        switch (node.OpType)
        {
            case "Identity":
                return node;
            case "Cast" when CastsToFloat(node):
                return node;
            case "Cast" when _stage == Stage.Start && !model.ConsumersOf(node.Output[0]).Any(IsArithmetic):
                // the input leaves for another type and is not scaled there (a model's own Cast): not a scaling chain
                return null;
            case "Cast":
                throw new CliException($"{path}: {node.Display()} casts '{value}' to {OnnxModel.TypeName((int)(node.Attribute("to")?.I ?? 0))}; NormGuard's onnx profile is float32 arithmetic, so a scaling computed in another type cannot be imported (skl2onnx's StandardScaler option div='div_cast' computes in double)");
            case "Imputer":
                TakeImputer(model, node, path);
                return node;
            case "Scaler":
                Require(node, _stage <= Stage.Imputed, "comes after another scaling step", path);
                Offset = node.Attribute("offset") is { Floats.Count: > 0 } offset ? offset.Floats.ToArray() : [0f];
                Scale = node.Attribute("scale") is { Floats.Count: > 0 } scale ? scale.Floats.ToArray() : throw new CliException($"{path}: {node.Display()} has no scale attribute");
                _stage = Stage.Scaled;
                return node;
        }

        // Sub, Add, Mul, Div of the chain's value and a constant
        bool variableFirst = node.Input[0] == value;
        string other = variableFirst ? node.Input[1] : node.Input[0];
        if (other == value)
        {
            throw new CliException($"{path}: {node.Display()} computes '{value}' {node.OpType} '{value}'; only a constant operand is a per-feature scaling");
        }

        TensorProto constant = model.Constant(other)
            ?? throw new CliException($"{path}: {node.Display()}: its operand '{other}' is not a constant (an initializer or a Constant node), so '{value}' {node.OpType} '{other}' is not a per-feature scaling");
        if (!variableFirst && node.OpType is "Sub" or "Div")
        {
            throw new CliException($"{path}: {node.Display()} computes '{other}' {(node.OpType == "Sub" ? "−" : "/")} '{value}' (the constant first), which is not a per-feature scaling (x − offset or x / scale)");
        }

        if (node.Attribute("axis") is not null || node.Attribute("broadcast") is not null)
        {
            // opset < 7 broadcast a constant along a chosen axis, which need not be the feature axis
            throw new CliException($"{path}: {node.Display()} uses the legacy broadcast/axis attributes (opset < 7); re-export with opset 7 or later, where a [C] constant applies per feature");
        }

        float[] values = Values(constant, node, path);
        switch (node.OpType)
        {
            case "Sub" or "Add" when _stage <= Stage.Imputed:
                Offset = node.OpType == "Sub" ? values : values.Select(v => -v).ToArray();
                _stage = Stage.Offset;
                break;
            case "Mul" or "Div" when _stage <= Stage.Offset:
                Scale = values;
                Divisor = node.OpType == "Div" ? node : null;
                _stage = Stage.Scaled;
                break;
            case "Add" or "Sub" when _stage == Stage.Scaled:
                Add = node.OpType == "Add" ? values : values.Select(v => -v).ToArray();
                _stage = Stage.Added;
                break;
            default:
                throw new CliException($"{path}: {node.Display()} follows {string.Join(" → ", Nodes.Select(n => n.Display()))}; the onnx profile's scaling is one offset (Sub/Add), one scale (Mul/Div) and one add (Add/Sub), in that order");
        }

        return node;
    }

    private void TakeImputer(OnnxModel model, NodeProto node, string path)
    {
        Require(node, _stage == Stage.Start, "comes after a scaling step (an Imputer fills the input before scaling)", path);
        AttributeProto? replaced = node.Attribute("replaced_value_float");
        if (replaced is null || !float.IsNaN(replaced.F))
        {
            // the ONNX default replaced value is 0: NaN stays NaN and 0 is replaced, which no missing policy expresses
            throw new CliException($"{path}: {node.Display()} replaces {(replaced is null ? "0 (the default replaced_value_float)" : ImportSupport.Number(replaced.F))}, not NaN; only an Imputer of NaN is a missing-value fill");
        }

        if (node.Attribute("imputed_value_floats") is not { Floats.Count: > 0 } imputed)
        {
            throw new CliException($"{path}: {node.Display()} has no imputed_value_floats; a float input's Imputer needs them");
        }

        Fill = imputed.Floats.ToArray();
        Imputer = node;
        _stage = Stage.Imputed;
    }

    private static bool IsStep(NodeProto node) => node.OpType switch
    {
        "Identity" or "Cast" => node.IsDefaultDomain() && node.Input.Count == 1,
        "Sub" or "Add" or "Mul" or "Div" => node.IsDefaultDomain() && node.Input.Count == 2,
        "Scaler" or "Imputer" => node.IsMLDomain() && node.Input.Count == 1,
        _ => false,
    };

    private static bool IsArithmetic(NodeProto node) => IsStep(node) && node.OpType is not ("Identity" or "Cast");

    private static bool CastsToFloat(NodeProto cast) => cast.Attribute("to") is { } to && to.I == OnnxModel.FloatType;

    private static void Require(NodeProto node, bool condition, string problem, string path)
    {
        if (!condition)
        {
            throw new CliException($"{path}: {node.Display()} {problem}; the onnx profile's scaling is [Imputer] then one Scaler, or [Sub/Add] Mul/Div [Add/Sub]");
        }
    }

    /// <summary>A constant's values, one per lane of the last axis ([C] or [1, C]) or one for all ([1], [1, 1] or a scalar).</summary>
    private static float[] Values(TensorProto tensor, NodeProto node, string path)
    {
        float[] values = OnnxModel.Floats(tensor, $"{path}: {node.Display()}");
        if (tensor.Dims.Count > 0 && tensor.Dims.Take(tensor.Dims.Count - 1).Any(d => d != 1))
        {
            throw new CliException($"{path}: {node.Display()}: constant '{tensor.Name}' has shape [{string.Join(", ", tensor.Dims)}]; only one value per feature ([C] or [1, C]) is a per-feature scaling");
        }

        if (values.Length == 0)
        {
            throw new CliException($"{path}: {node.Display()}: constant '{tensor.Name}' has no values");
        }

        return values;
    }
}
