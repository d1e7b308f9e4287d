using System;
using System.Collections.Generic;
using System.Linq;
using Onnx;

namespace NormGuard.Tool.Importers;

/// <summary>
/// <c>normguard import onnx</c>: the scaling an ONNX model applies to a float tensor, as a manifest with profile
/// <c>onnx</c> and dtype float32. From each graph input the importer follows one chain of nodes (<see cref="OnnxChain"/>):
/// optional <c>Identity</c> / float→float <c>Cast</c>, an optional <c>ai.onnx.ml.Imputer</c> of NaN (the feature's fill),
/// then either <c>ai.onnx.ml.Scaler</c> or <c>Sub</c>/<c>Add</c> of a constant, then <c>Mul</c>/<c>Div</c> by a constant,
/// then an optional <c>Add</c>/<c>Sub</c> of a constant. Per lane of the last axis (each lane is one feature) that is
/// y = ((x − offset)·scale) + add in float32, which <see cref="AffineParameters.Onnx"/> turns into manifest parameters or
/// refuses. Anything else on the chain is refused, naming the node.
/// </summary>
internal static class OnnxImporter
{
    public static ImportedModel Import(ImportOptions options)
    {
        string path = options.Source;
        OnnxModel model = OnnxModel.Read(path);
        List<OnnxChain> chains = model.Inputs.Select(input => OnnxChain.Follow(model, input, path)).OfType<OnnxChain>().ToList();
        if (chains.Count == 0)
        {
            string ops = string.Join(", ", model.Nodes.Select(n => n.OpType).Distinct());
            throw new CliException($"{path}: no ai.onnx.ml Scaler node and no Mul or Div scaling of a graph input (the graph has: {(ops.Length == 0 ? "no nodes" : ops)})");
        }

        var used = new HashSet<NodeProto>(chains.SelectMany(c => c.Nodes));
        string[] ignored = model.Nodes.Where(n => !used.Contains(n) && !(n.OpType == "Constant" && n.IsDefaultDomain())).Select(n => n.Display()).ToArray();
        if (ignored.Length > 0)
        {
            options.Notes.WriteLine($"note: {path}: imported only the scaling; other nodes are not part of the manifest: {string.Join(", ", ignored.Take(12))}{(ignored.Length > 12 ? ", …" : string.Empty)}");
        }

        // lanes and their default names: <input>_<i> (or <input> for a single lane)
        var lanes = new List<(string Name, OnnxChain Chain, int Index)>();
        foreach (OnnxChain chain in chains)
        {
            int width = Width(model, chain, chains.Count == 1 ? options.Names?.Count : null, path);
            for (int i = 0; i < width; i++)
            {
                lanes.Add((width == 1 ? chain.Input : $"{chain.Input}_{i}", chain, i));
            }
        }

        IReadOnlyList<string> names = ImportSupport.Names(lanes.Select(l => l.Name).ToArray(), options.Names, path);
        var features = new List<ImportedFeature>();
        var multipliers = new Dictionary<float, float>(); // one exhaustive check per divisor, however many lanes share it
        for (int i = 0; i < lanes.Count; i++)
        {
            (_, OnnxChain chain, int lane) = lanes[i];
            string? label = ImportSupport.Label(options.As, i, lanes.Count);
            float scale = Lane(chain.Scale, lane);
            if (chain.Divisor is { } divisor)
            {
                if (!multipliers.TryGetValue(scale, out float multiplier))
                {
                    multipliers[scale] = multiplier = OnnxDivision.AsMultiplier(scale, $"{path}: {divisor.Display()}, feature '{names[i]}'");
                }

                scale = multiplier;
            }

            NormalizationStep step = AffineParameters.Onnx(names[i], Lane(chain.Offset, lane), scale, chain.Add is null ? null : Lane(chain.Add, lane), label, message => options.Notes.WriteLine("warning: " + message));
            features.Add(new ImportedFeature(names[i], step) { Missing = chain.Fill is null ? null : Fill(Lane(chain.Fill, lane), chain.Imputer!, names[i], path) });
        }

        return new ImportedModel(NormalizationProfile.Onnx, ManifestDType.Float32, features)
        {
            Description = string.Join("; ", chains.Select(c => string.Join(" → ", c.Nodes.Select(n => n.Display())) + $" on '{c.Input}'")),
        };
    }

    /// <summary>An Imputer's value for a lane as the fill policy: the manifest fills the input before the steps, as the Imputer does.</summary>
    private static MissingValuePolicy Fill(float value, NodeProto imputer, string feature, string path)
    {
        if (!float.IsFinite(value))
        {
            throw new CliException($"{path}: {imputer.Display()}: feature '{feature}' is imputed with {ImportSupport.Number(value)}; a manifest's fill is a finite number");
        }

        return MissingValuePolicy.Fill(AffineParameters.IsNegativeZero(value) ? -0d : AffineParameters.Short(value));
    }

    private static int Width(OnnxModel model, OnnxChain chain, int? namesCount, string path)
    {
        int[] lengths = new[] { chain.Offset.Length, chain.Scale.Length, chain.Add?.Length ?? 1, chain.Fill?.Length ?? 1 }.Where(n => n > 1).Distinct().ToArray();
        if (lengths.Length > 1)
        {
            throw new CliException($"{path}: {string.Join(" → ", chain.Nodes.Select(n => n.Display()))}: fill, offset, scale and add have different lengths ({chain.Fill?.Length ?? 1}, {chain.Offset.Length}, {chain.Scale.Length}, {chain.Add?.Length ?? 1})");
        }

        if (lengths.Length == 1)
        {
            return lengths[0];
        }

        // one value for every lane: the input's declared last dimension says how many lanes there are
        (_, long?[]? shape) = model.TypeOf(chain.Input);
        if (shape is { Length: > 0 } && shape[^1] is { } last && last > 0)
        {
            return (int)last;
        }

        if (shape is { Length: 1 })
        {
            return 1;
        }

        return namesCount ?? throw new CliException($"{path}: the scaling of '{chain.Input}' has one offset and scale for every feature, and the input's shape does not say how many features there are; pass --names a,b,c");
    }

    private static float Lane(float[] values, int index) => values.Length == 1 ? values[0] : values[index];
}
