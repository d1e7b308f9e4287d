using System;
using System.Collections.Generic;
using NormGuard.Manifests;

namespace NormGuard.Generators.Binding
{
    /// <summary>
    /// Turns a manifest's vector feature into kernel calls with their parameters. Offsets and scales come from
    /// <see cref="ProfileArithmetic"/>, dimension by dimension, so a vector's z-score is bit for bit the scalar z-score of
    /// each of its values under the same profile.
    /// </summary>
    internal static class VectorBinder
    {
        public static VectorPlan Plan(FeatureData feature, ManifestData manifest)
        {
            SpaceData space = feature.Space!;
            var ops = new List<VectorOp>();
            int length = space.NativeDimension;
            foreach (StepData step in feature.Steps)
            {
                VectorOp op = Op(step, length, manifest.Profile, manifest.DType);
                ops.Add(op);
                length = op.OutputLength;
            }

            return new VectorPlan(space.Name, space.Model, space.Revision, space.NativeDimension, length)
            {
                Normalization = space.Normalization,
                UnitLength = space.UnitLength,
                Sha256 = space.Sha256,
                Ops = new EquatableArray<VectorOp>(ops.ToArray()),
            };
        }

        private static VectorOp Op(StepData step, int length, string profile, string dtype)
        {
            switch (step.Op)
            {
                case ManifestOp.L2:
                    return step.Epsilon > 0d
                        ? new VectorOp(VectorOpKind.L2Epsilon, length, length) { Epsilon = (float)step.Epsilon }
                        : new VectorOp(VectorOpKind.L2, length, length);
                case ManifestOp.Truncate:
                    return new VectorOp(VectorOpKind.Truncate, length, step.Dimension);
                case ManifestOp.Pca:
                    return Pca(step, length);
                case ManifestOp.Center:
                    return Affine(step.MeanVector, null, length, profile, dtype);
                default:
                    return Affine(step.MeanVector, step.StdVector, length, profile, dtype);
            }
        }

        // Each dimension as the scalar z-score (a center is a z-score with std 1) through the profile's arithmetic; the
        // operations ProfileArithmetic drops as identities take their identity values here (offset +0, scale 1).
        private static VectorOp Affine(EquatableArray<double> means, EquatableArray<double>? stds, int length, string profile, string dtype)
        {
            bool sklearn = profile == "sklearn";
            var offsets = new float[length];
            var scales = new float[length];
            var means64 = new double[length];
            var divisors = new double[length];
            bool scaled = false;
            for (int i = 0; i < length; i++)
            {
                var scalar = new StepData(ManifestOp.ZScore, default) { Mean = means[i], Std = stds is { } s ? s[i] : 1d };
                double offset = 0d, factor = 1d;
                foreach (ArithStep arith in ProfileArithmetic.Plan(profile, dtype, new[] { scalar }))
                {
                    switch (arith.Op)
                    {
                        case ArithOp.Sub:
                            offset = arith.Operand;
                            break;
                        case ArithOp.Mul:
                        case ArithOp.Div:
                            factor = arith.Operand;
                            scaled = true;
                            break;
                    }
                }

                offsets[i] = (float)offset;
                scales[i] = (float)factor;
                means64[i] = offset;
                divisors[i] = factor;
            }

            if (sklearn)
            {
                return scaled
                    ? new VectorOp(VectorOpKind.SubtractDivideSklearn, length, length) { Means = new EquatableArray<double>(means64), Divisors = new EquatableArray<double>(divisors) }
                    : new VectorOp(VectorOpKind.SubtractSklearn, length, length) { Means = new EquatableArray<double>(means64) };
            }

            return scaled
                ? new VectorOp(VectorOpKind.SubtractMultiply, length, length) { Offsets = new EquatableArray<float>(offsets), Scales = new EquatableArray<float>(scales) }
                : new VectorOp(VectorOpKind.Subtract, length, length) { Offsets = new EquatableArray<float>(offsets) };
        }

        // scikit-learn's PCA.transform on float32 data: mean_, components_ and explained_variance_ are float32 there.
        private static VectorOp Pca(StepData step, int length)
        {
            int k = step.ComponentCount;
            var mean = new float[length];
            var components = new float[k * length];
            for (int i = 0; i < length; i++)
            {
                mean[i] = (float)step.MeanVector[i];
            }

            for (int i = 0; i < components.Length; i++)
            {
                components[i] = (float)step.Components[i];
            }

            float[] whiten = Array.Empty<float>();
            if (step.Whiten)
            {
                whiten = new float[k];
                for (int i = 0; i < k; i++)
                {
                    whiten[i] = (float)Math.Sqrt((float)step.ExplainedVariance[i]);
                }
            }

            return new VectorOp(VectorOpKind.Pca, length, k)
            {
                Offsets = new EquatableArray<float>(mean),
                Components = new EquatableArray<float>(components),
                WhitenDivisors = new EquatableArray<float>(whiten),
            };
        }
    }
}
