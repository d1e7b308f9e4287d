using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGuard.Tool.Importers;

/// <summary>
/// <c>normguard import onnx</c>: the scaling an ONNX model applies to a float tensor, as a manifest with profile
/// <c>onnx</c> and dtype float32. Recognized, per lane of the last axis (each lane is one feature):
/// <list type="bullet">
/// <item><c>ai.onnx.ml.Scaler(offset, scale)</c>: (x − offset)·scale, optionally followed by an <c>Add</c> of a constant
/// (the form skl2onnx-like graphs use to carry a min-max lane's <c>min_</c>);</item>
/// <item>without any Scaler, a graph input's <c>Mul</c> by a constant followed by <c>Add</c> of a constant: skl2onnx's MinMaxScaler,
/// also behind the float→float <c>Cast</c> skl2onnx puts first since 1.10, or an <c>Identity</c>.</item>
/// </list>
/// A lane without add (or with an add of −0) becomes zscore {mean = offset, std} with f32(1/std) == scale (or robust /
/// maxabs with <c>--as</c>); a lane x·s + b becomes minmax (<see cref="AffineParameters.Onnx"/>).
/// </summary>
internal static class OnnxImporter
{
    private sealed record Chain(string Input, float[] Offset, float[] Scale, float[]? Add, List<OnnxNode> Nodes, string Output);

    public static ImportedModel Import(ImportOptions options)
    {
        string path = options.Source;
        OnnxModel model = OnnxModel.Read(path);
        List<Chain> chains = FindChains(model, path);
        if (chains.Count == 0)
        {
            string ops = string.Join(", ", model.Nodes.Select(n => n.OpType).Distinct());
            throw new CliException($"{path}: no ai.onnx.ml Scaler node and no Mul → Add scaling of a graph input (the graph has: {(ops.Length == 0 ? "no nodes" : ops)})");
        }

        var used = new HashSet<OnnxNode>(chains.SelectMany(c => c.Nodes));
        string[] ignored = model.Nodes.Where(n => !used.Contains(n) && !(n.OpType == "Constant" && n.IsDefaultDomain)).Select(n => n.Display).ToArray();
        if (ignored.Length > 0)
        {
            options.Notes.WriteLine($"note: {path}: imported only the scaling; other nodes are not part of the manifest: {string.Join(", ", ignored.Take(12))}{(ignored.Length > 12 ? ", …" : string.Empty)}");
        }

        // lanes and their default names: <input>_<i> (or <input> for a single lane)
        var lanes = new List<(string Name, float Offset, float Scale, float? Add)>();
        foreach (Chain chain in chains)
        {
            int width = Width(model, chain, chains.Count == 1 ? options.Names?.Count : null, path);
            for (int i = 0; i < width; i++)
            {
                lanes.Add((width == 1 ? chain.Input : $"{chain.Input}_{i}", Lane(chain.Offset, i), Lane(chain.Scale, i), chain.Add is null ? null : Lane(chain.Add, i)));
            }
        }

        IReadOnlyList<string> names = ImportSupport.Names(lanes.Select(l => l.Name).ToArray(), options.Names, path);
        var features = new List<ImportedFeature>();
        for (int i = 0; i < lanes.Count; i++)
        {
            string? label = ImportSupport.Label(options.As, i, lanes.Count);
            NormalizationStep step = AffineParameters.Onnx(names[i], lanes[i].Offset, lanes[i].Scale, lanes[i].Add, label, message => options.Notes.WriteLine("warning: " + message));
            features.Add(new ImportedFeature(names[i], step));
        }

        return new ImportedModel(NormalizationProfile.Onnx, ManifestDType.Float32, features)
        {
            Description = string.Join("; ", chains.Select(c => string.Join(" → ", c.Nodes.Select(n => n.Display)) + $" on '{c.Input}'")),
        };
    }

    private static List<Chain> FindChains(OnnxModel model, string path)
    {
        var chains = new List<Chain>();
        foreach (OnnxNode scaler in model.Nodes.Where(n => n.OpType == "Scaler" && n.Domain == "ai.onnx.ml"))
        {
            if (scaler.Inputs.Count != 1 || scaler.Outputs.Count != 1)
            {
                throw new CliException($"{path}: {scaler.Display} has {scaler.Inputs.Count} inputs and {scaler.Outputs.Count} outputs; a Scaler has one of each");
            }

            RequireFloatInput(model, scaler.Inputs[0], scaler, path);
            float[] offset = scaler.Attributes.TryGetValue("offset", out OnnxAttribute? o) ? o.Floats.ToArray() : [];
            float[] scale = scaler.Attributes.TryGetValue("scale", out OnnxAttribute? s) ? s.Floats.ToArray() : [];
            if (scale.Length == 0)
            {
                throw new CliException($"{path}: {scaler.Display} has no scale attribute");
            }

            chains.Add(Extend(model, new Chain(scaler.Inputs[0], offset.Length == 0 ? [0f] : offset, scale, null, [scaler], scaler.Outputs[0]), path));
        }

        if (chains.Count > 0)
        {
            return chains;
        }

        // skl2onnx's MinMaxScaler: Mul(X, scale_) → Add(·, min_), with X a graph input, or a graph input through the
        // float→float Cast that skl2onnx puts first since 1.10 (or an Identity)
        foreach (OnnxNode mul in model.Nodes.Where(n => n.OpType == "Mul" && n.IsDefaultDomain && n.Inputs.Count == 2))
        {
            (string? variable, OnnxTensor? constant) = VariableAndConstant(model, mul);
            if (variable is null || constant is null || GraphInput(model, variable) is not { } start)
            {
                continue;
            }

            RequireFloatInput(model, start.Input, mul, path);
            Chain chain = Extend(model, new Chain(start.Input, [0f], Values(constant, mul, path), null, [.. start.Through, mul], mul.Outputs[0]), path);
            if (chain.Add is not null)
            {
                chains.Add(chain);
            }
        }

        return chains;
    }

    /// <summary>
    /// The graph input a value is, directly or through nodes that leave a float tensor as it is: <c>Identity</c>, and
    /// <c>Cast</c> to float (of a float input: a double input is refused by the caller, since the profile is float32 on
    /// float32 inputs).
    /// </summary>
    private static (string Input, List<OnnxNode> Through)? GraphInput(OnnxModel model, string value)
    {
        var through = new List<OnnxNode>();
        for (int depth = 0; depth < 4; depth++)
        {
            if (model.Inputs.Contains(value))
            {
                through.Reverse();
                return (value, through);
            }

            OnnxNode? producer = model.Nodes.FirstOrDefault(n => n.Outputs.Contains(value));
            bool passes = producer is { IsDefaultDomain: true, Inputs.Count: 1 }
                && (producer.OpType == "Identity"
                    || (producer.OpType == "Cast" && producer.Attributes.TryGetValue("to", out OnnxAttribute? to) && to.Int == OnnxModel.FloatType));
            if (!passes)
            {
                return null;
            }

            through.Add(producer!);
            value = producer!.Inputs[0];
        }

        return null;
    }

    /// <summary>Follows a chain's output into a single Add of a constant.</summary>
    private static Chain Extend(OnnxModel model, Chain chain, string path)
    {
        OnnxNode[] consumers = model.ConsumersOf(chain.Output).ToArray();
        if (consumers.Length == 1 && consumers[0].OpType == "Add" && consumers[0].IsDefaultDomain && consumers[0].Inputs.Count == 2)
        {
            (string? input, OnnxTensor? constant) = VariableAndConstant(model, consumers[0]);
            if (input == chain.Output && constant is not null)
            {
                return chain with { Add = Values(constant, consumers[0], path), Nodes = [.. chain.Nodes, consumers[0]], Output = consumers[0].Outputs[0] };
            }
        }

        return chain;
    }

    private static (string? Variable, OnnxTensor? Constant) VariableAndConstant(OnnxModel model, OnnxNode node)
    {
        OnnxTensor? first = model.Constant(node.Inputs[0]);
        OnnxTensor? second = model.Constant(node.Inputs[1]);
        return (first, second) switch
        {
            (null, { } c) => (node.Inputs[0], c),
            ({ } c, null) => (node.Inputs[1], c),
            _ => (null, null),
        };
    }

    private static float[] Values(OnnxTensor tensor, OnnxNode node, string path)
    {
        if (tensor.External)
        {
            throw new CliException($"{path}: {node.Display}: constant '{tensor.Name}' is stored outside the model file");
        }

        if (tensor.DataType != OnnxModel.FloatType || tensor.Floats is null)
        {
            throw new CliException($"{path}: {node.Display}: constant '{tensor.Name}' is not a float32 tensor (data type {tensor.DataType}); the onnx profile is float32");
        }

        // [C], [1, C], [1] or a scalar: one value per lane of the last axis, or one for all
        if (tensor.Dims.Length > 0 && tensor.Dims[..^1].Any(d => d != 1))
        {
            throw new CliException($"{path}: {node.Display}: constant '{tensor.Name}' has shape [{string.Join(", ", tensor.Dims)}]; only one value per feature ([C] or [1, C]) is a per-feature scaling");
        }

        return tensor.Floats;
    }

    private static void RequireFloatInput(OnnxModel model, string input, OnnxNode node, string path)
    {
        if (model.Values.TryGetValue(input, out OnnxValueInfo? info) && info.ElementType != 0 && info.ElementType != OnnxModel.FloatType)
        {
            throw new CliException($"{path}: {node.Display} reads '{input}' of element type {info.ElementType} ({(info.ElementType == OnnxModel.DoubleType ? "double" : "not float")}); NormGuard's onnx profile is float32 arithmetic on float32 inputs");
        }
    }

    private static int Width(OnnxModel model, Chain chain, int? namesCount, string path)
    {
        int[] lengths = new[] { chain.Offset.Length, chain.Scale.Length, chain.Add?.Length ?? 1 }.Where(n => n > 1).Distinct().ToArray();
        if (lengths.Length > 1)
        {
            throw new CliException($"{path}: {string.Join(" → ", chain.Nodes.Select(n => n.Display))}: offset, scale and add have different lengths ({chain.Offset.Length}, {chain.Scale.Length}, {chain.Add?.Length ?? 1})");
        }

        if (lengths.Length == 1)
        {
            return lengths[0];
        }

        // one value for every lane: the input's declared last dimension says how many lanes there are
        if (model.Values.TryGetValue(chain.Input, out OnnxValueInfo? info) && info.Shape is { Length: > 0 } shape && shape[^1] is { } last && last > 0)
        {
            return (int)last;
        }

        if (model.Values.TryGetValue(chain.Input, out OnnxValueInfo? vector) && vector.Shape is { Length: 1 })
        {
            return 1;
        }

        return namesCount ?? throw new CliException($"{path}: the scaling of '{chain.Input}' has one offset and scale for every feature, and the input's shape does not say how many features there are; pass --names a,b,c");
    }

    private static float Lane(float[] values, int index) => values.Length == 1 ? values[0] : values[index];
}
