using System;
using System.Collections.Generic;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>
    /// A fitted step in its textbook form, <c>(x − centre) / scale</c>: z-score, robust scaling, and min-max onto [0, 1]
    /// (<c>(x − min) / (max − min)</c>). Kept beside <see cref="FeatureParameter"/> because a whole step copied exactly is
    /// evidence even when its numbers are small integers (rooms 1 to 8, support calls median 1 and IQR 2), which as lone
    /// constants say nothing.
    /// </summary>
    internal sealed class WholeStep
    {
        private WholeStep(string op, double centre, double scale, double? max)
        {
            Op = op;
            Centre = centre;
            Scale = scale;
            Max = max;
        }

        public string Op { get; }

        public double Centre { get; }

        public double Scale { get; }

        /// <summary>For min-max: the max, so that <c>/ (8 − 1)</c> is read as max − min.</summary>
        public double? Max { get; }

        public static IReadOnlyList<WholeStep> Of(FeatureData feature)
        {
            var steps = new List<WholeStep>();
            foreach (StepData step in feature.Steps)
            {
                WholeStep? whole = step.Op switch
                {
                    ManifestOp.ZScore => new WholeStep("zscore", step.Mean, step.Std, null),
                    ManifestOp.Robust => new WholeStep("robust", step.Center, step.Scale, null),
                    ManifestOp.MinMax when step.Low == 0 && step.High == 1 => new WholeStep("minmax", step.Min, step.Max - step.Min, step.Max),
                    _ => null,
                };

                // x / scale alone is a lone constant's case; a degenerate or non-finite step is NG0011's.
                if (whole is not null && whole.Centre != 0 && whole.Scale != 0 && IsFinite(whole.Centre) && IsFinite(whole.Scale))
                {
                    steps.Add(whole);
                }
            }

            return steps;
        }

        /// <summary>
        /// "robust center 1, scale 2" when the chain is exactly <c>x − centre</c> then <c>/ scale</c>, every constant the
        /// stored value to float32 rounding and at least one of them not 0 or ±1.
        /// </summary>
        public string? CopiedBy(IReadOnlyList<ConstantSlot> slots)
        {
            if (slots.Count != 2 || slots[0].Role != SlotRole.Subtract || slots[1].Role != SlotRole.Divide || !Same(slots[0].Constant, Centre))
            {
                return null;
            }

            NumericConstant divisor = slots[1].Constant;
            bool scale = Same(divisor, Scale) && (Max is null || divisor.Minuend is null || (Same(divisor.Minuend, Max.Value) && divisor.Subtrahend is { } min && Same(min, Centre)));
            if (!scale || (slots[0].Constant.IsGeneric && divisor.IsGeneric && !(divisor.Minuend is { IsGeneric: false })))
            {
                return null;
            }

            return Max is { } max
                ? "the whole minmax step, min " + Display(Centre) + " and max " + Display(max)
                : "the whole " + Op + " step, " + (Op == "zscore" ? "mean " : "center ") + Display(Centre) + " and " + (Op == "zscore" ? "std " : "scale ") + Display(Scale);
        }

        private static bool Same(NumericConstant constant, double value) => Math.Abs(constant.Value - value) <= 1e-6 * Math.Abs(value);

        private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        private static string Display(double value) => value.ToString("G7", System.Globalization.CultureInfo.InvariantCulture);
    }
}
