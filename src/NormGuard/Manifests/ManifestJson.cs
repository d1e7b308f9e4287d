using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NormGuard.Manifests;

namespace NormGuard;

/// <summary>Converts between the public manifest model, the shared reader's records and JSON text.</summary>
internal static class ManifestJson
{
    public static Manifest FromData(ManifestData data) => new()
    {
        FeatureSet = data.FeatureSet,
        Version = data.Version,
        Profile = Manifest.ParseProfile(data.Profile),
        DType = data.DType == "float32" ? ManifestDType.Float32 : ManifestDType.Float64,
        Fit = data.Fit is null ? null : new FitProvenance
        {
            Split = data.Fit.Split switch
            {
                "train" => DataSplit.Train,
                "validation" => DataSplit.Validation,
                "test" => DataSplit.Test,
                _ => DataSplit.All,
            },
            Rows = data.Fit.Rows ?? 0,
            Source = data.Fit.Source,
            SourceSha256 = data.Fit.SourceSha256,
            FittedAt = data.Fit.FittedAt is null ? null : Timestamp(data.Fit.FittedAt),
            Tool = data.Fit.Tool,
        },
        Edits = data.Edits.Select(e => new ManifestEdit(Timestamp(e.At)) { PreviousSha256 = e.PreviousSha256, Reason = e.Reason, Tool = e.Tool }).ToArray(),
        Features = data.Features.Select(f => new FeatureManifest
        {
            Name = f.Name,
            Space = f.Space is { } space ? new EmbeddingSpaceDeclaration(space.Name, space.Model, space.NativeDimension, space.Dimension) { Revision = space.Revision } : null,
            Steps = f.Steps.Select(s => f.IsVector ? ToVectorStep(s) : ToStep(s)).ToArray(),
            Missing = f.Missing switch
            {
                MissingKind.Propagate => MissingValuePolicy.Propagate,
                MissingKind.Fill => MissingValuePolicy.Fill(f.FillValue),
                _ => MissingValuePolicy.Error,
            },
            Stats = f.Stats is null ? null : new FeatureStats
            {
                Count = f.Stats.Count,
                Missing = f.Stats.Missing,
                Min = f.Stats.Min,
                Max = f.Stats.Max,
                Mean = f.Stats.Mean,
                Std = f.Stats.Std,
                Quantiles = f.Stats.Quantiles.ToArray(),
                CategoryCounts = f.Stats.CategoryCounts.ToArray(),
                Norm = f.Stats.Norm is { } norm ? new FeatureStats { Count = norm.Count, Min = norm.Min, Max = norm.Max, Mean = norm.Mean, Std = norm.Std, Quantiles = norm.Quantiles.ToArray() } : null,
                MeanVector = f.Stats.MeanVector.ToArray(),
                CovarianceFrobeniusNorm = f.Stats.CovarianceFrobenius,
                CovarianceSchatten4Norm = f.Stats.CovarianceSchatten4,
            },
            MLNetVectorColumn = f.MLNetVectorColumn,
        }).ToArray(),
    };

    // The reader accepted exactly the texts this call reads (ManifestReader.OptionalTimestamp).
    private static DateTimeOffset Timestamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string TimestampText(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonNode EditNode(ManifestEdit edit)
    {
        JsonNode node = JsonNode.NewObject().Add("at", JsonNode.FromString(TimestampText(edit.At)));
        AddIfNotNull(node, "previousSha256", edit.PreviousSha256);
        AddIfNotNull(node, "reason", edit.Reason);
        AddIfNotNull(node, "tool", edit.Tool);
        return node;
    }

    private static NormalizationStep ToStep(StepData s) => s.Op switch
    {
        ManifestOp.ZScore => new ZScoreStep(s.Mean, s.Std),
        ManifestOp.MinMax => new MinMaxStep(s.Min, s.Max, s.Low, s.High, s.Clip),
        ManifestOp.MaxAbs => new MaxAbsStep(s.MaxAbs),
        ManifestOp.Robust => new RobustStep(s.Center, s.Scale, s.Lower, s.Upper),
        ManifestOp.Log1p => new Log1pStep(),
        ManifestOp.Log => new LogStep(),
        ManifestOp.Clip => new ClipStep(s.Min, s.Max),
        ManifestOp.OneHot => new OneHotStep(s.Categories.ToArray(), s.Unknown == UnknownKind.AllZeros ? UnknownCategory.AllZeros : UnknownCategory.Error),
        ManifestOp.Passthrough => new PassthroughStep(),
        _ => throw new InvalidOperationException("the reader accepted the vector op " + EmbeddingSpaceIdentity.OpName(s.Op) + " on a scalar feature"),
    };

    private static NormalizationStep ToVectorStep(StepData s) => s.Op switch
    {
        ManifestOp.L2 => new L2NormalizeStep(s.Epsilon),
        ManifestOp.Center => new CenterStep(s.MeanVector.ToArray()),
        ManifestOp.ZScore => new VectorZScoreStep(s.MeanVector.ToArray(), s.StdVector.ToArray()),
        ManifestOp.Pca => new PcaStep(s.MeanVector.ToArray(), Rows(s.Components, s.ComponentCount), s.ExplainedVariance.ToArray(), s.Whiten),
        ManifestOp.Truncate => new TruncateStep(s.Dimension),
        _ => throw new InvalidOperationException("the reader accepted the scalar op " + EmbeddingSpaceIdentity.OpName(s.Op) + " on a vector feature"),
    };

    private static IReadOnlyList<double>[] Rows(EquatableArray<double> flat, int rows)
    {
        var result = new IReadOnlyList<double>[rows];
        int width = rows == 0 ? 0 : flat.Count / rows;
        for (int r = 0; r < rows; r++)
        {
            result[r] = flat.AsSpan().Slice(r * width, width).ToArray();
        }

        return result;
    }

    /// <summary>The inverse of <see cref="ToStep"/>: a step in the shared manifest model, which the shared derivation
    /// (src/Shared/ProfileArithmetic.cs) reads.</summary>
    public static StepData ToStepData(NormalizationStep step) => step switch
    {
        ZScoreStep z => new StepData(ManifestOp.ZScore, default) { Mean = z.Mean, Std = z.Std },
        MinMaxStep m => new StepData(ManifestOp.MinMax, default) { Min = m.Min, Max = m.Max, Low = m.Low, High = m.High, Clip = m.Clip },
        MaxAbsStep a => new StepData(ManifestOp.MaxAbs, default) { MaxAbs = a.MaxAbs },
        RobustStep r => new StepData(ManifestOp.Robust, default) { Center = r.Center, Scale = r.Scale, Lower = r.Lower, Upper = r.Upper },
        Log1pStep => new StepData(ManifestOp.Log1p, default),
        LogStep => new StepData(ManifestOp.Log, default),
        ClipStep c => new StepData(ManifestOp.Clip, default) { Min = c.Min, Max = c.Max },
        OneHotStep o => new StepData(ManifestOp.OneHot, default)
        {
            Categories = new EquatableArray<string>(o.Categories),
            Unknown = o.Unknown == UnknownCategory.AllZeros ? UnknownKind.AllZeros : UnknownKind.Error,
        },
        L2NormalizeStep l => new StepData(ManifestOp.L2, default) { Epsilon = l.Epsilon == 0d ? 0d : l.Epsilon },
        CenterStep c => new StepData(ManifestOp.Center, default) { MeanVector = new EquatableArray<double>(c.Mean) },
        VectorZScoreStep v => new StepData(ManifestOp.ZScore, default) { MeanVector = new EquatableArray<double>(v.Mean), StdVector = new EquatableArray<double>(v.Std) },
        PcaStep p => new StepData(ManifestOp.Pca, default)
        {
            MeanVector = new EquatableArray<double>(p.Mean),
            Components = new EquatableArray<double>(p.Components.SelectMany(row => row)),
            ComponentCount = p.Components.Count,
            ExplainedVariance = new EquatableArray<double>(p.ExplainedVariance),
            Whiten = p.Whiten,
        },
        TruncateStep t => new StepData(ManifestOp.Truncate, default) { Dimension = t.Dimension },
        _ => new StepData(ManifestOp.Passthrough, default),
    };

    /// <summary>The space of a vector feature with its identity (hash, normalization, unit length), as the shared reader
    /// derives it from the same manifest read from text.</summary>
    public static EmbeddingSpace ToEmbeddingSpace(FeatureManifest feature, NormalizationProfile profile, ManifestDType dtype)
    {
        EmbeddingSpaceDeclaration declared = feature.Space ?? throw new ArgumentException($"feature '{feature.Name}' is not a vector feature (it has no space)", nameof(feature));
        var data = new SpaceData(declared.Name, declared.Model, declared.Revision, declared.NativeDimension, declared.Dimension, default);
        SpaceData space = EmbeddingSpaceIdentity.WithIdentity(data, DTypeName(dtype), Manifest.ProfileName(profile), feature.Steps.Select(ToStepData).ToArray());
        return new EmbeddingSpace(space.Name, space.Model, space.Revision, space.NativeDimension, space.Dimension, space.Normalization, space.UnitLength, space.Sha256);
    }

    /// <summary>The manifest's <c>dtype</c> name.</summary>
    public static string DTypeName(ManifestDType dtype) => dtype == ManifestDType.Float32 ? "float32" : "float64";

    public static JsonNode ToNode(Manifest manifest, bool includeSha256)
    {
        JsonNode root = JsonNode.NewObject()
            .Add("format", JsonNode.FromString(Manifest.Format))
            .Add("featureSet", JsonNode.FromString(manifest.FeatureSet))
            .Add("version", JsonNode.FromNumber(manifest.Version))
            .Add("profile", JsonNode.FromString(Manifest.ProfileName(manifest.Profile)))
            .Add("dtype", JsonNode.FromString(DTypeName(manifest.DType)));
        if (manifest.Fit is { } fit)
        {
            JsonNode fitNode = JsonNode.NewObject()
                .Add("split", JsonNode.FromString(fit.Split.ToString().ToLowerInvariant()))
                .Add("rows", JsonNode.FromNumber(fit.Rows));
            AddIfNotNull(fitNode, "source", fit.Source);
            AddIfNotNull(fitNode, "sourceSha256", fit.SourceSha256);
            AddIfNotNull(fitNode, "fittedAt", fit.FittedAt is { } fittedAt ? TimestampText(fittedAt) : null);
            AddIfNotNull(fitNode, "tool", fit.Tool);
            root.Add("fit", fitNode);
        }

        JsonNode features = JsonNode.NewArray();
        foreach (FeatureManifest feature in manifest.Features)
        {
            features.Items!.Add(FeatureNode(feature));
        }

        root.Add("features", features);
        if (manifest.Edits.Count > 0)
        {
            JsonNode edits = JsonNode.NewArray();
            foreach (ManifestEdit edit in manifest.Edits)
            {
                edits.Items!.Add(EditNode(edit));
            }

            root.Add("edits", edits);
        }

        if (includeSha256)
        {
            root.Add("sha256", JsonNode.FromString(manifest.Sha256));
        }

        return root;
    }

    /// <summary>The document with its <c>sha256</c> field set to <paramref name="sha256"/> (appended when absent).</summary>
    public static JsonNode WithSha256(JsonNode document, string sha256)
    {
        JsonNode copy = JsonNode.NewObject();
        foreach (JsonProperty property in document.Properties!)
        {
            if (property.Name != "sha256")
            {
                copy.Add(property.Name, property.Value);
            }
        }

        return copy.Add("sha256", JsonNode.FromString(sha256));
    }

    private static JsonNode FeatureNode(FeatureManifest feature)
    {
        JsonNode steps = JsonNode.NewArray();
        foreach (NormalizationStep step in feature.Steps)
        {
            steps.Items!.Add(StepNode(step));
        }

        JsonNode node = JsonNode.NewObject().Add("name", JsonNode.FromString(feature.Name));
        if (feature.Space is { } space)
        {
            JsonNode spaceNode = JsonNode.NewObject().Add("name", JsonNode.FromString(space.Name)).Add("model", JsonNode.FromString(space.Model));
            AddIfNotNull(spaceNode, "revision", space.Revision);
            node.Add("space", spaceNode.Add("nativeDimension", JsonNode.FromNumber(space.NativeDimension)).Add("dimension", JsonNode.FromNumber(space.Dimension)));
        }

        node.Add("steps", steps)
            .Add("missing", feature.Missing.Kind switch
            {
                MissingValueKind.Propagate => JsonNode.FromString("propagate"),
                MissingValueKind.Fill => JsonNode.NewObject().Add("fill", JsonNode.FromNumber(feature.Missing.FillValue)),
                _ => JsonNode.FromString("error"),
            });
        if (feature.Stats is { } stats)
        {
            JsonNode statsNode = JsonNode.NewObject()
                .Add("count", JsonNode.FromNumber(stats.Count))
                .Add("missing", JsonNode.FromNumber(stats.Missing));
            if (feature.IsVector)
            {
                node.Add("stats", VectorStatsNode(statsNode, stats));
                return node;
            }

            AddIfNotNull(statsNode, "min", stats.Min);
            AddIfNotNull(statsNode, "max", stats.Max);
            AddIfNotNull(statsNode, "mean", stats.Mean);
            AddIfNotNull(statsNode, "std", stats.Std);
            if (stats.Quantiles.Count > 0)
            {
                statsNode.Add("quantiles", NumberArray(stats.Quantiles));
            }

            if (stats.CategoryCounts.Count > 0)
            {
                statsNode.Add("categoryCounts", NumberArray(stats.CategoryCounts.Select(c => (double)c)));
            }

            node.Add("stats", statsNode);
        }

        if (feature.MLNetVectorColumn)
        {
            node.Add("mlnetColumn", JsonNode.FromString("vector"));
        }

        return node;
    }

    // A vector feature's stats: the raw input's norm distribution and mean vector (no per-value min/max/mean/std).
    private static JsonNode VectorStatsNode(JsonNode statsNode, FeatureStats stats)
    {
        if (stats.Norm is { } norm)
        {
            JsonNode normNode = JsonNode.NewObject().Add("count", JsonNode.FromNumber(norm.Count));
            AddIfNotNull(normNode, "min", norm.Min);
            AddIfNotNull(normNode, "max", norm.Max);
            AddIfNotNull(normNode, "mean", norm.Mean);
            AddIfNotNull(normNode, "std", norm.Std);
            if (norm.Quantiles.Count > 0)
            {
                normNode.Add("quantiles", NumberArray(norm.Quantiles));
            }

            statsNode.Add("norm", normNode);
        }

        if (stats.MeanVector.Count > 0)
        {
            statsNode.Add("meanVector", NumberArray(stats.MeanVector));
        }

        // The reader takes the pair or neither, finite, ≥ 0 and Schatten-4 ≤ Frobenius: refuse to write what it would refuse.
        if (stats.CovarianceFrobeniusNorm.HasValue != stats.CovarianceSchatten4Norm.HasValue
            || stats.CovarianceFrobeniusNorm is double f && (f < 0 || stats.CovarianceSchatten4Norm < 0 || stats.CovarianceSchatten4Norm > f))
        {
            throw new InvalidOperationException($"cannot write the covariance norms Frobenius {stats.CovarianceFrobeniusNorm?.ToString("R", CultureInfo.InvariantCulture) ?? "none"}, Schatten-4 {stats.CovarianceSchatten4Norm?.ToString("R", CultureInfo.InvariantCulture) ?? "none"}: they come as a pair of values ≥ 0, Schatten-4 ≤ Frobenius");
        }

        AddIfNotNull(statsNode, "covarianceFrobenius", stats.CovarianceFrobeniusNorm);
        AddIfNotNull(statsNode, "covarianceSchatten4", stats.CovarianceSchatten4Norm);

        return statsNode;
    }

    private static JsonNode StepNode(NormalizationStep step)
    {
        if (step is L2NormalizeStep or CenterStep or VectorZScoreStep or PcaStep or TruncateStep)
        {
            // The one written form of a vector step, which the space's hash also covers (EmbeddingSpaceIdentity).
            StepData data = ToStepData(step);
            foreach (double value in data.MeanVector.Concat(data.StdVector).Concat(data.Components).Concat(data.ExplainedVariance).Append(data.Epsilon))
            {
                Number(value);
            }

            if (step is PcaStep pca && pca.Components.Any(row => row.Count != pca.Mean.Count))
            {
                throw new InvalidOperationException($"cannot write a pca step whose component rows are not all {pca.Mean.Count} long (the length of its mean)");
            }

            return EmbeddingSpaceIdentity.StepNode(data);
        }

        JsonNode node = JsonNode.NewObject().Add("op", JsonNode.FromString(step.Op));
        switch (step)
        {
            case ZScoreStep z:
                node.Add("mean", Number(z.Mean)).Add("std", Number(z.Std));
                break;
            case MinMaxStep m:
                node.Add("min", Number(m.Min)).Add("max", Number(m.Max)).Add("low", Number(m.Low)).Add("high", Number(m.High)).Add("clip", JsonNode.FromBool(m.Clip));
                break;
            case MaxAbsStep a:
                node.Add("maxabs", Number(a.MaxAbs));
                break;
            case RobustStep r:
                node.Add("center", Number(r.Center)).Add("scale", Number(r.Scale)).Add("lower", Number(r.Lower)).Add("upper", Number(r.Upper));
                break;
            case ClipStep c:
                node.Add("min", Number(c.Min)).Add("max", Number(c.Max));
                break;
            case OneHotStep o:
                JsonNode categories = JsonNode.NewArray();
                foreach (string category in o.Categories)
                {
                    categories.Items!.Add(JsonNode.FromString(category));
                }

                node.Add("categories", categories).Add("unknown", JsonNode.FromString(o.Unknown == UnknownCategory.AllZeros ? "allZeros" : "error"));
                break;
        }

        return node;
    }

    private static JsonNode Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new InvalidOperationException($"cannot write the non-finite parameter {value.ToString(CultureInfo.InvariantCulture)} to a manifest");
        }

        return JsonNode.FromNumber(value);
    }

    private static JsonNode NumberArray(IEnumerable<double> values)
    {
        JsonNode array = JsonNode.NewArray();
        foreach (double value in values)
        {
            array.Items!.Add(Number(value));
        }

        return array;
    }

    private static void AddIfNotNull(JsonNode node, string name, string? value)
    {
        if (value is not null)
        {
            node.Add(name, JsonNode.FromString(value));
        }
    }

    private static void AddIfNotNull(JsonNode node, string name, double? value)
    {
        if (value is { } number)
        {
            node.Add(name, Number(number));
        }
    }

    /// <summary>Two-space indentation; arrays of scalars stay on one line so that a feature reads as a block.</summary>
    public static string WriteIndented(JsonNode root)
    {
        var output = new StringBuilder();
        WriteIndented(root, output, 0);
        output.Append('\n');
        return output.ToString();
    }

    private static void WriteIndented(JsonNode node, StringBuilder output, int depth)
    {
        switch (node.Kind)
        {
            case JsonKind.Object:
                if (node.Properties!.Count == 0)
                {
                    output.Append("{}");
                    return;
                }

                output.Append("{\n");
                for (int i = 0; i < node.Properties.Count; i++)
                {
                    JsonProperty property = node.Properties[i];
                    output.Append(' ', (depth + 1) * 2);
                    CanonicalJson.WriteString(property.Name, output);
                    output.Append(": ");
                    WriteIndented(property.Value, output, depth + 1);
                    output.Append(i + 1 < node.Properties.Count ? ",\n" : "\n");
                }

                output.Append(' ', depth * 2).Append('}');
                return;
            case JsonKind.Array when node.Items!.All(item => item.Kind is not JsonKind.Object and not JsonKind.Array):
                output.Append('[');
                for (int i = 0; i < node.Items!.Count; i++)
                {
                    output.Append(i == 0 ? string.Empty : ", ").Append(Scalar(node.Items![i]));
                }

                output.Append(']');
                return;
            case JsonKind.Array:
                output.Append("[\n");
                for (int i = 0; i < node.Items!.Count; i++)
                {
                    output.Append(' ', (depth + 1) * 2);
                    WriteIndented(node.Items[i], output, depth + 1);
                    output.Append(i + 1 < node.Items.Count ? ",\n" : "\n");
                }

                output.Append(' ', depth * 2).Append(']');
                return;
            default:
                output.Append(Scalar(node));
                return;
        }
    }

    // A parameter of −0 is written "-0" so that it reads back as −0: the onnx profile's x − (−0) differs from x − 0 for
    // the input −0 (an imported ONNX offset of −0). The canonical form keeps it too, so the hash tells the two apart.
    private static string Scalar(JsonNode node) => CanonicalJson.Write(node);
}
