using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace NormGuard.Tool.Importers;

/// <summary>
/// <c>normguard import mlnet</c>: the affine normalizers (<c>NormalizeMeanVariance</c>, <c>NormalizeMinMax</c>,
/// <c>NormalizeRobustScaling</c>, fixZero or not) of a saved ML.NET model, as a manifest with profile <c>mlnet</c> and
/// dtype float32. ML.NET saves only each slot's float32 offset and scale (x ↦ (x − offset)·scale), not which estimator
/// produced them, so every slot is written as zscore {mean = offset, std} with 1f/f32(std) == scale (offset 0 for
/// fixZero) unless <c>--as</c> labels it minmax, maxabs or robust (<see cref="AffineParameters.MLNet"/>). Only the stages up
/// to the last normalizer are loaded (<see cref="MLNetModelZip"/>), so a trainer from a package the tool does not ship
/// does not matter; a transform in front of a normalizer that computes its input is refused (<see cref="MLNetLineage"/>);
/// a slot of a vector column is marked "mlnetColumn": "vector" (ML.NET's vector path writes every zero as +0).
/// </summary>
internal static class MLNetImporter
{
    private sealed record Slot(string Name, float Offset, float Scale, string Column, bool Vector);

    public static ImportedModel Import(ImportOptions options)
    {
        string path = options.Source;
        var ml = new MLContext(seed: 0);
        MLNetModelZip? zip = MLNetModelZip.TryRead(path);
        if (zip is not null && zip.Version is { } version)
        {
            options.Notes.WriteLine($"note: {path}: written by ML.NET {version.Split('+')[0]}; read with ML.NET {ToolMLNetVersion}");
        }

        ITransformer model;
        DataViewSchema? schema;
        IReadOnlyList<MLNetModelZip.Stage> unread = [];
        try
        {
            if (zip is null)
            {
                model = ml.Model.Load(path, out schema);
            }
            else
            {
                (model, schema, unread) = LoadUpToLastNormalizer(ml, zip, path);
            }
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or CliException))
        {
            throw new CliException($"{path}: not a loadable ML.NET model: {Innermost(exception).Message}");
        }

        var slots = new List<Slot>();
        var ignored = new List<string>();
        var lineage = new MLNetLineage(path, zip?.AllStages.Where(s => !s.IsChain).ToList());
        Walk(model, ref schema, slots, ignored, lineage, path);
        if (ignored.Count > 0)
        {
            options.Notes.WriteLine($"note: {path}: imported only the normalizers; other transformers are not part of the manifest: {string.Join(", ", ignored.Distinct())}");
        }

        if (unread.Count > 0)
        {
            options.Notes.WriteLine($"note: {path}: stages after the last normalizer were not loaded (not part of the manifest; their packages are not needed): {string.Join("; ", unread.Select(s => s.Describe()))}");
        }

        if (slots.Count == 0)
        {
            throw new CliException($"{path}: the model has no NormalizingTransformer (NormalizeMeanVariance, NormalizeMinMax, NormalizeRobustScaling)");
        }

        IReadOnlyList<string> names = ImportSupport.Names(slots.Select(s => s.Name).ToArray(), options.Names, path);
        var features = new List<ImportedFeature>();
        for (int i = 0; i < slots.Count; i++)
        {
            string? label = ImportSupport.Label(options.As, i, slots.Count);
            NormalizationStep step = AffineParameters.MLNet(names[i], slots[i].Offset, slots[i].Scale, label, message => options.Notes.WriteLine("warning: " + message));
            features.Add(new ImportedFeature(names[i], step) { MLNetVectorColumn = slots[i].Vector });
        }

        return new ImportedModel(NormalizationProfile.MLNet, ManifestDType.Float32, features)
        {
            Description = "ML.NET " + string.Join(", ", slots.Select(s => s.Column).Distinct()),
        };
    }

    /// <summary>
    /// Loads the stages up to the last normalizer; the stages after it (a trainer, typically from a package the tool does
    /// not ship) are replaced unread. A stage that must load and cannot is named.
    /// </summary>
    private static (ITransformer Model, DataViewSchema? Schema, IReadOnlyList<MLNetModelZip.Stage> Unread) LoadUpToLastNormalizer(MLContext ml, MLNetModelZip zip, string path)
    {
        List<MLNetModelZip.Stage> stages = zip.AllStages.ToList();
        int last = stages.FindLastIndex(s => s.Signature == MLNetModelZip.NormalizerSignature);
        if (last < 0)
        {
            throw new CliException($"{path}: the model has no NormalizingTransformer (NormalizeMeanVariance, NormalizeMinMax, NormalizeRobustScaling); its stages: {string.Join("; ", stages.Where(s => !s.IsChain).Select(s => s.Describe()))}");
        }

        // what is not loaded, outermost first (a chain after the normalizer stands for its stages)
        List<MLNetModelZip.Stage> after = stages.Skip(last + 1).ToList();
        List<MLNetModelZip.Stage> unread = after.Where(s => !after.Any(o => o != s && s.Directory.StartsWith(o.Directory, StringComparison.Ordinal))).ToList();
        try
        {
            ITransformer model = zip.Load(ml, s => stages.IndexOf(s) <= last, out DataViewSchema? schema);
            return (model, schema, unread);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // name the first stage that cannot load: load ever longer prefixes (only on this error path)
            for (int k = 0; k <= last; k++)
            {
                if (stages[k].IsChain)
                {
                    continue;
                }

                try
                {
                    _ = zip.Load(ml, s => stages.IndexOf(s) <= k, out _);
                }
                catch (Exception inner) when (inner is not OutOfMemoryException)
                {
                    throw new CliException($"{path}: ML.NET {ToolMLNetVersion} cannot load stage {stages[k].Describe()}, which the import needs (the last normalizer is {stages[last].Directory.TrimEnd('/')}): {Innermost(inner).Message}");
                }
            }

            throw new CliException($"{path}: not a loadable ML.NET model: {Innermost(exception).Message}");
        }
    }

    // the package version (the assembly version of every ML.NET release is 1.0.0.0)
    private static string ToolMLNetVersion =>
        (typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?").Split('+')[0];

    private static Exception Innermost(Exception exception)
    {
        while (exception is System.Reflection.TargetInvocationException { InnerException: { } inner })
        {
            exception = inner;
        }

        return exception;
    }

    private static void Walk(ITransformer transformer, ref DataViewSchema? schema, List<Slot> slots, List<string> ignored, MLNetLineage lineage, string path)
    {
        DataViewSchema? input = schema;
        if (transformer is NormalizingTransformer normalizer)
        {
            Read(normalizer, schema, slots, lineage, path);
        }
        else if (transformer is IEnumerable<ITransformer> chain)
        {
            foreach (ITransformer inner in chain)
            {
                Walk(inner, ref schema, slots, ignored, lineage, path);
            }

            return;
        }
        else
        {
            ignored.Add(transformer.GetType().Name.Split('`')[0]);
        }

        // the schema the next transformer sees (for the slot names of its input columns)
        try
        {
            schema = schema is null ? null : transformer.GetOutputSchema(schema);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            schema = null;
        }

        lineage.After(transformer, input, schema);
    }

    private static void Read(NormalizingTransformer normalizer, DataViewSchema? schema, List<Slot> slots, MLNetLineage lineage, string path)
    {
        IReadOnlyList<(string Output, string Input)> columns = Columns(normalizer);
        for (int c = 0; c < columns.Count; c++)
        {
            (string output, string input) = columns[c];
            NormalizingTransformer.NormalizerModelParametersBase parameters = normalizer.GetNormalizerModelParameters(c);
            switch (parameters)
            {
                case NormalizingTransformer.AffineNormalizerModelParameters<float> scalar:
                    lineage.RequireUnchanged(input, 1, [input]);
                    slots.Add(new Slot(input, scalar.Offset, scalar.Scale, $"{input} → {output}", Vector: false));
                    break;
                case NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> vector:
                    ImmutableArray<float> scale = vector.Scale;
                    ImmutableArray<float> offset = vector.Offset;
                    if (!offset.IsDefaultOrEmpty && offset.Length != scale.Length)
                    {
                        throw new CliException($"{path}: column '{input}': {offset.Length} offsets for {scale.Length} scales");
                    }

                    string[] slotNames = SlotNames(schema, input, scale.Length);
                    lineage.RequireUnchanged(input, scale.Length, slotNames);
                    for (int i = 0; i < scale.Length; i++)
                    {
                        slots.Add(new Slot(slotNames[i], offset.IsDefaultOrEmpty ? 0f : offset[i], scale[i], $"{input} → {output}", Vector: true));
                    }

                    break;
                case NormalizingTransformer.AffineNormalizerModelParameters<double>:
                case NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<double>>:
                    throw new CliException($"{path}: column '{input}' is a double (R8) column; NormGuard's mlnet profile is ML.NET's float32 (R4) affine normalizer");
                default:
                    string kind = parameters.GetType().Name.Split('`')[0];
                    throw new CliException($"{path}: column '{input}' has a {kind} (NormalizeLogMeanVariance, a CDF or a binning normalizer), which is not an affine (x − offset)·scale normalizer; only NormalizeMeanVariance (useCdf: false), NormalizeMinMax and NormalizeRobustScaling import");
            }
        }
    }

    /// <summary>
    /// (output, input) column names of a normalizer. ML.NET keeps them in an internal field (NormalizingTransformer.Columns,
    /// read by reflection; tested with ML.NET 6.0.0); when that is not there, the columns are counted and named by index.
    /// </summary>
    private static IReadOnlyList<(string Output, string Input)> Columns(NormalizingTransformer normalizer)
    {
        var columns = new List<(string, string)>();
        if (typeof(NormalizingTransformer).GetField("Columns", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance)?.GetValue(normalizer) is IEnumerable options)
        {
            foreach (object? option in options)
            {
                Type? type = option?.GetType();
                string? output = type?.GetField("Name")?.GetValue(option) as string;
                string? input = type?.GetField("InputColumnName")?.GetValue(option) as string;
                if (output is null || input is null)
                {
                    columns.Clear();
                    break;
                }

                columns.Add((output, input));
            }

            if (columns.Count > 0)
            {
                return columns;
            }
        }

        for (int i = 0; ; i++)
        {
            try
            {
                _ = normalizer.GetNormalizerModelParameters(i);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                return columns;
            }

            columns.Add(($"column{i}", $"column{i}"));
        }
    }

    /// <summary>The vector column's slot names where the schema has them (a Concatenate of named columns does), else input_0, input_1, ….</summary>
    private static string[] SlotNames(DataViewSchema? schema, string input, int size)
    {
        DataViewSchema.Column? column = schema?.GetColumnOrNull(input);
        if (column is { } c && c.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            c.GetSlotNames(ref names);
            string[] dense = names.DenseValues().Select(n => n.ToString()).ToArray();
            if (dense.Length == size && dense.All(n => n.Length > 0) && dense.Distinct(StringComparer.Ordinal).Count() == size)
            {
                return dense;
            }
        }

        return Enumerable.Range(0, size).Select(i => $"{input}_{i}").ToArray();
    }
}
