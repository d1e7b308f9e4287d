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

    /// <summary>What a parameter is, which decides how much a lone copy of it says.</summary>
    internal enum ParameterKind
    {
        /// <summary>A fitted location statistic: mean, median (robust center).</summary>
        Centre,

        /// <summary>A divisor or factor: std, IQR, max-abs, max − min, and their reciprocals.</summary>
        Scale,

        /// <summary>A derived additive term: −mean/std, minmax's offset, −mean.</summary>
        Offset,

        /// <summary>A range bound: min, max, low, high, a clip's bounds — often round numbers (0, 100, a year).</summary>
        Bound,
    }

    /// <summary>One number of a feature's fitted scaling, in every form hand-written code may use it.</summary>
    internal sealed class FeatureParameter
    {
        public FeatureParameter(string label, double value, ParameterKind kind, params SlotRole[] roles)
        {
            Label = label;
            Value = value;
            Kind = kind;
            Roles = roles;
        }

        public ParameterKind Kind { get; }

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
                        Add(parameters, "maxabs", step.MaxAbs, ParameterKind.Scale, SlotRole.Divide);
                        Add(parameters, "maxabs 1/maxabs", 1 / step.MaxAbs, ParameterKind.Scale, SlotRole.Multiply);
                        break;
                    case ManifestOp.MinMax:
                        AddMinMax(parameters, step);
                        break;
                    case ManifestOp.Clip:
                        Add(parameters, "clip min", step.Min, ParameterKind.Bound, SlotRole.LowerBound);
                        Add(parameters, "clip max", step.Max, ParameterKind.Bound, SlotRole.UpperBound);
                        break;
                }
            }

            return parameters;
        }

        /// <summary>
        /// The additive terms of min-max steps onto a range such as [−1, 1] that are 0 or ±1 (<c>… − 1</c> for low −1).
        /// They match nothing on their own, but a chain that ends with one of them ends where the step ends.
        /// </summary>
        public static IReadOnlyList<double> GenericOffsets(FeatureData feature)
        {
            var offsets = new List<double>();
            foreach (StepData step in feature.Steps)
            {
                if (step.Op == ManifestOp.MinMax && step.Low != 0 && Math.Abs(step.Low) == 1)
                {
                    offsets.Add(step.Low);
                }
            }

            return offsets;
        }

        private static void AddCenterAndScale(List<FeatureParameter> parameters, string op, string centerName, double center, string scaleName, double scale)
        {
            Add(parameters, op + " " + centerName, center, ParameterKind.Centre, SlotRole.Subtract, SlotRole.SubtractFrom);
            Add(parameters, op + " " + scaleName, scale, ParameterKind.Scale, SlotRole.Divide);
            Add(parameters, op + " 1/" + scaleName, 1 / scale, ParameterKind.Scale, SlotRole.Multiply);
            Add(parameters, op + " −" + centerName + "/" + scaleName, -center / scale, ParameterKind.Offset, SlotRole.Add);
            Add(parameters, op + " −" + centerName, -center, ParameterKind.Offset, SlotRole.Add);
        }

        private static void AddMinMax(List<FeatureParameter> parameters, StepData step)
        {
            double range = step.Max - step.Min;
            double target = step.High - step.Low;
            double scale = target / range;
            Add(parameters, "minmax min", step.Min, ParameterKind.Bound, SlotRole.Subtract, SlotRole.SubtractFrom, SlotRole.LowerBound);
            Add(parameters, "minmax max", step.Max, ParameterKind.Bound, SlotRole.SubtractFrom, SlotRole.UpperBound);
            Add(parameters, "minmax max − min", range, ParameterKind.Scale, SlotRole.Divide);
            Add(parameters, "minmax 1/(max − min)", 1 / range, ParameterKind.Scale, SlotRole.Multiply);
            if (target != 1)
            {
                Add(parameters, "minmax scale", scale, ParameterKind.Scale, SlotRole.Multiply);
                Add(parameters, "minmax (max − min)/(high − low)", range / target, ParameterKind.Scale, SlotRole.Divide);
                Add(parameters, "minmax high − low", target, ParameterKind.Scale, SlotRole.Multiply);
            }

            Add(parameters, "minmax offset", step.Low - (step.Min * scale), ParameterKind.Offset, SlotRole.Add);
            Add(parameters, "minmax −min", -step.Min, ParameterKind.Offset, SlotRole.Add);
            Add(parameters, "minmax low", step.Low, ParameterKind.Bound, SlotRole.LowerBound, SlotRole.Add);
            Add(parameters, "minmax high", step.High, ParameterKind.Bound, SlotRole.UpperBound);
        }

        private static void Add(List<FeatureParameter> parameters, string label, double value, ParameterKind kind, params SlotRole[] roles)
        {
            // Degenerate or non-finite parameters are NG0011's; 0 and ±1 would match every generic constant.
            if (!double.IsNaN(value) && !double.IsInfinity(value) && value != 0 && Math.Abs(value) != 1)
            {
                parameters.Add(new FeatureParameter(label, value, kind, roles));
            }
        }
    }
}
