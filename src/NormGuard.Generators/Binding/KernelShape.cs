using System;
using NormGuard.Manifests;

namespace NormGuard.Generators.Binding
{
    /// <summary>
    /// A feature's scalar program in the shape of the stream kernels: ((x − Offset) / Divisor) · Scale + Add, then
    /// an optional clip. Absent operations take identity values that are exact for every input (−0 and NaN too).
    /// </summary>
    internal readonly struct KernelShape
    {
        private KernelShape(double offset, double divisor, double scale, double add, double low, double high)
        {
            Offset = offset;
            Divisor = divisor;
            Scale = scale;
            Add = add;
            ClipLow = low;
            ClipHigh = high;
        }

        public double Offset { get; }

        public double Divisor { get; }

        public double Scale { get; }

        public double Add { get; }

        public double ClipLow { get; }

        public double ClipHigh { get; }

        public bool HasClip => !double.IsNegativeInfinity(ClipLow) || !double.IsPositiveInfinity(ClipHigh);

        public static bool Fits(FeaturePlan plan) => TryCreate(plan, out _);

        public static bool TryCreate(FeaturePlan plan, out KernelShape shape)
        {
            shape = default;
            double offset = 0d, divisor = 1d, scale = 1d, add = -0d, low = double.NegativeInfinity, high = double.PositiveInfinity;
            int stage = 0;
            foreach (ArithStep step in plan.Ops)
            {
                int next = step.Op switch
                {
                    ArithOp.Sub => 1,
                    ArithOp.Div => 2,
                    ArithOp.Mul => 3,
                    ArithOp.Add => 4,
                    ArithOp.Clip => 5,
                    _ => -1,
                };
                if (next <= stage)
                {
                    return false;
                }

                stage = next;
                switch (step.Op)
                {
                    case ArithOp.Sub: offset = step.Operand; break;
                    case ArithOp.Div: divisor = step.Operand; break;
                    case ArithOp.Mul: scale = step.Operand; break;
                    case ArithOp.Add: add = step.Operand; break;
                    default:
                        low = step.Operand;
                        high = step.Operand2;
                        // The kernels clip the float32 result: exact only when the bounds are float32 values.
                        if ((double)(float)low != low || (double)(float)high != high)
                        {
                            return false;
                        }

                        break;
                }
            }

            if (plan.Precision == Precision.Float32 && divisor != 1d)
            {
                return false;
            }

            // Lanes that divide have nothing after the division. The float64 kernel needed it while it replaced division
            // by a reciprocal product checked against float32 rounding boundaries; since issue 15 it divides, and the
            // restriction is kept only because nothing tested lifts it.
            if (divisor != 1d && (scale != 1d || BitConverter.DoubleToInt64Bits(add) != BitConverter.DoubleToInt64Bits(-0d)))
            {
                return false;
            }

            shape = new KernelShape(offset, divisor, scale, add, low, high);
            return true;
        }
    }
}
