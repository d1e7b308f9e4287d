using System;
using System.Collections.Generic;
using System.Globalization;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>What a constant does to the feature's value in hand-written arithmetic.</summary>
    internal enum SlotRole
    {
        /// <summary><c>x − c</c></summary>
        Subtract,

        /// <summary><c>c − x</c></summary>
        SubtractFrom,

        /// <summary><c>x + c</c> or <c>c + x</c></summary>
        Add,

        /// <summary><c>x / c</c></summary>
        Divide,

        /// <summary><c>x · c</c> or <c>c · x</c></summary>
        Multiply,

        /// <summary>The lower bound of a clamp (<c>Math.Clamp</c>'s second argument, <c>Math.Max(x, c)</c>).</summary>
        LowerBound,

        /// <summary>The upper bound of a clamp (<c>Math.Clamp</c>'s third argument, <c>Math.Min(x, c)</c>).</summary>
        UpperBound,
    }

    /// <summary>One number of a feature's fitted scaling, in every form hand-written code may use it.</summary>
    internal sealed class FeatureParameter
    {
        public FeatureParameter(string label, double value, params SlotRole[] roles)
        {
            Label = label;
            Value = value;
            Roles = roles;
        }

        /// <summary>As the message shows it: "zscore mean", "minmax max − min".</summary>
        public string Label { get; }

        public double Value { get; }

        public SlotRole[] Roles { get; }

        public string Display() => Label + " " + Value.ToString("G7", CultureInfo.InvariantCulture);

        /// <summary>
        /// The parameters of a manifest feature's steps and the numbers derived from them that a copy of the arithmetic
        /// contains: <c>1/std</c> and <c>−mean/std</c> for scikit-learn's <c>x · scale + offset</c> form, <c>max − min</c>
        /// for <c>(x − min) / (max − min)</c>, and so on.
        /// </summary>
        public static IReadOnlyList<FeatureParameter> Of(FeatureData feature)
        {
            var parameters = new List<FeatureParameter>();
            foreach (StepData step in feature.Steps)
            {
                switch (step.Op)
                {
                    case ManifestOp.ZScore:
                        AddCenterAndScale(parameters, "zscore", "mean", step.Mean, "std", step.Std);
                        break;
                    case ManifestOp.Robust:
                        AddCenterAndScale(parameters, "robust", "center", step.Center, "scale", step.Scale);
                        break;
                    case ManifestOp.MaxAbs:
                        Add(parameters, "maxabs", step.MaxAbs, SlotRole.Divide);
                        Add(parameters, "maxabs 1/maxabs", 1 / step.MaxAbs, SlotRole.Multiply);
                        break;
                    case ManifestOp.MinMax:
                        AddMinMax(parameters, step);
                        break;
                    case ManifestOp.Clip:
                        Add(parameters, "clip min", step.Min, SlotRole.LowerBound);
                        Add(parameters, "clip max", step.Max, SlotRole.UpperBound);
                        break;
                }
            }

            return parameters;
        }

        private static void AddCenterAndScale(List<FeatureParameter> parameters, string op, string centerName, double center, string scaleName, double scale)
        {
            Add(parameters, op + " " + centerName, center, SlotRole.Subtract, SlotRole.SubtractFrom);
            Add(parameters, op + " " + scaleName, scale, SlotRole.Divide);
            Add(parameters, op + " 1/" + scaleName, 1 / scale, SlotRole.Multiply);
            Add(parameters, op + " −" + centerName + "/" + scaleName, -center / scale, SlotRole.Add);
            Add(parameters, op + " −" + centerName, -center, SlotRole.Add);
        }

        private static void AddMinMax(List<FeatureParameter> parameters, StepData step)
        {
            double range = step.Max - step.Min;
            double target = step.High - step.Low;
            double scale = target / range;
            Add(parameters, "minmax min", step.Min, SlotRole.Subtract, SlotRole.SubtractFrom, SlotRole.LowerBound);
            Add(parameters, "minmax max", step.Max, SlotRole.SubtractFrom, SlotRole.UpperBound);
            Add(parameters, "minmax max − min", range, SlotRole.Divide);
            Add(parameters, "minmax 1/(max − min)", 1 / range, SlotRole.Multiply);
            if (target != 1)
            {
                Add(parameters, "minmax scale", scale, SlotRole.Multiply);
                Add(parameters, "minmax (max − min)/(high − low)", range / target, SlotRole.Divide);
                Add(parameters, "minmax high − low", target, SlotRole.Multiply);
            }

            Add(parameters, "minmax offset", step.Low - (step.Min * scale), SlotRole.Add);
            Add(parameters, "minmax −min", -step.Min, SlotRole.Add);
            Add(parameters, "minmax low", step.Low, SlotRole.LowerBound, SlotRole.Add);
            Add(parameters, "minmax high", step.High, SlotRole.UpperBound);
        }

        private static void Add(List<FeatureParameter> parameters, string label, double value, params SlotRole[] roles)
        {
            // Degenerate or non-finite parameters are NG0011's; 0 and ±1 would match every generic constant.
            if (!double.IsNaN(value) && !double.IsInfinity(value) && value != 0 && Math.Abs(value) != 1)
            {
                parameters.Add(new FeatureParameter(label, value, roles));
            }
        }
    }
}
