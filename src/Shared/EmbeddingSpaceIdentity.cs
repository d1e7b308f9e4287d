// Compiled into the generator and the runtime (see src/Shared/README.md): the build's EmbeddingSpaceBinding and the
// runtime's EmbeddingSpace must name a space by the same hash, so both derive it here.
#nullable enable
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NormGuard.Manifests
{
    /// <summary>
    /// What identifies an embedding space: its hash, its normalization string and whether its output is unit length,
    /// derived from a vector feature's <c>space</c> and steps (docs/manifest-format.md, "The space's identity").
    /// </summary>
    /// <remarks>
    /// The hash covers the values, not the text: each step is written in one normalized form with every parameter (the
    /// form <c>Manifest.Save</c> writes), so two manifests that differ only in layout, key order, number spelling or an
    /// omitted default (<c>"epsilon": 0</c>, <c>"whiten": false</c>) name the same space, and a changed parameter a new one.
    /// </remarks>
    internal static class EmbeddingSpaceIdentity
    {
        public static SpaceData WithIdentity(SpaceData space, string dtype, string profile, IReadOnlyList<StepData> steps) => space with
        {
            Sha256 = CanonicalJson.Sha256Hex(CanonicalForm(space, dtype, profile, steps)),
            Normalization = Normalization(steps),
            UnitLength = steps.Count > 0 && steps[steps.Count - 1].Op == ManifestOp.L2,
        };

        /// <summary>The RFC 8785 text the hash covers: <c>{"dtype", "profile", "space", "steps"}</c>.</summary>
        public static string CanonicalForm(SpaceData space, string dtype, string profile, IReadOnlyList<StepData> steps)
        {
            JsonNode spaceNode = JsonNode.NewObject()
                .Add("name", JsonNode.FromString(space.Name))
                .Add("model", JsonNode.FromString(space.Model))
                .Add("nativeDimension", JsonNode.FromNumber(space.NativeDimension))
                .Add("dimension", JsonNode.FromNumber(space.Dimension));
            if (space.Revision is not null)
            {
                spaceNode.Add("revision", JsonNode.FromString(space.Revision));
            }

            JsonNode stepNodes = JsonNode.NewArray();
            foreach (StepData step in steps)
            {
                stepNodes.Items!.Add(StepNode(step));
            }

            JsonNode root = JsonNode.NewObject()
                .Add("dtype", JsonNode.FromString(dtype))
                .Add("profile", JsonNode.FromString(profile))
                .Add("space", spaceNode)
                .Add("steps", stepNodes);
            return CanonicalJson.Write(root);
        }

        /// <summary>A vector step as a manifest holds it, every parameter written; <c>epsilon</c> only when it is not 0.</summary>
        public static JsonNode StepNode(StepData step)
        {
            JsonNode node = JsonNode.NewObject().Add("op", JsonNode.FromString(OpName(step.Op)));
            switch (step.Op)
            {
                case ManifestOp.L2:
                    if (step.Epsilon != 0d)
                    {
                        node.Add("epsilon", JsonNode.FromNumber(step.Epsilon));
                    }

                    break;
                case ManifestOp.Center:
                    node.Add("mean", Numbers(step.MeanVector, 0, step.MeanVector.Count));
                    break;
                case ManifestOp.ZScore:
                    node.Add("mean", Numbers(step.MeanVector, 0, step.MeanVector.Count)).Add("std", Numbers(step.StdVector, 0, step.StdVector.Count));
                    break;
                case ManifestOp.Pca:
                    JsonNode rows = JsonNode.NewArray();
                    int width = step.ComponentCount == 0 ? 0 : step.Components.Count / step.ComponentCount;
                    for (int row = 0; row < step.ComponentCount; row++)
                    {
                        rows.Items!.Add(Numbers(step.Components, row * width, width));
                    }

                    node.Add("mean", Numbers(step.MeanVector, 0, step.MeanVector.Count))
                        .Add("components", rows)
                        .Add("explainedVariance", Numbers(step.ExplainedVariance, 0, step.ExplainedVariance.Count))
                        .Add("whiten", JsonNode.FromBool(step.Whiten));
                    break;
                case ManifestOp.Truncate:
                    node.Add("dimension", JsonNode.FromNumber(step.Dimension));
                    break;
            }

            return node;
        }

        /// <summary>The ops joined by ", " with the arguments that change the result: <c>l2(epsilon=1e-12)</c>,
        /// <c>pca(64, whiten)</c>, <c>truncate(256)</c>; <c>none</c> without steps.</summary>
        public static string Normalization(IReadOnlyList<StepData> steps)
        {
            if (steps.Count == 0)
            {
                return "none";
            }

            var text = new StringBuilder();
            foreach (StepData step in steps)
            {
                if (text.Length > 0)
                {
                    text.Append(", ");
                }

                text.Append(OpName(step.Op));
                switch (step.Op)
                {
                    case ManifestOp.L2 when step.Epsilon != 0d:
                        text.Append("(epsilon=").Append(JsonNumber.FormatCanonical(step.Epsilon)).Append(')');
                        break;
                    case ManifestOp.Pca:
                        text.Append('(').Append(step.ComponentCount.ToString(CultureInfo.InvariantCulture)).Append(step.Whiten ? ", whiten)" : ")");
                        break;
                    case ManifestOp.Truncate:
                        text.Append('(').Append(step.Dimension.ToString(CultureInfo.InvariantCulture)).Append(')');
                        break;
                }
            }

            return text.ToString();
        }

        public static string OpName(ManifestOp op) => op switch
        {
            ManifestOp.ZScore => "zscore",
            ManifestOp.MinMax => "minmax",
            ManifestOp.MaxAbs => "maxabs",
            ManifestOp.Robust => "robust",
            ManifestOp.Log1p => "log1p",
            ManifestOp.Log => "log",
            ManifestOp.Clip => "clip",
            ManifestOp.OneHot => "onehot",
            ManifestOp.Passthrough => "passthrough",
            ManifestOp.L2 => "l2",
            ManifestOp.Center => "center",
            ManifestOp.Pca => "pca",
            _ => "truncate",
        };

        private static JsonNode Numbers(EquatableArray<double> values, int start, int count)
        {
            JsonNode array = JsonNode.NewArray();
            for (int i = start; i < start + count; i++)
            {
                array.Items!.Add(JsonNode.FromNumber(values[i]));
            }

            return array;
        }
    }
}
