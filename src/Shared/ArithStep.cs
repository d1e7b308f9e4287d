// Compiled into the generator and the runtime (see src/Shared/README.md).
#nullable enable
using System.Globalization;

namespace NormGuard.Manifests
{
    /// <summary>One arithmetic operation of a feature's scalar program: v = v op operand.</summary>
    internal enum ArithOp
    {
        Sub,
        Div,
        Mul,
        Add,
        Log1p,
        Log,

        /// <summary>Bound to [Operand, Operand2]; NaN stays NaN.</summary>
        Clip,

        /// <summary>A constant output (Spark's constant min-max feature); NaN stays NaN.</summary>
        ConstantUnlessNaN,
    }

    /// <summary>Where a feature's arithmetic runs.</summary>
    internal enum Precision
    {
        /// <summary>float32 operations on float32 operands.</summary>
        Float32,

        /// <summary>float64 operations, one rounding to float32 at the end.</summary>
        Float64,

        /// <summary>float64 operations rounded to float32 after each one (numpy in place on a float32 array).</summary>
        Float64Rounded,
    }

    /// <summary>
    /// One operation of a feature's scalar program: v = v op operand. A struct, so the runtime's interpreter enumerates a
    /// program without allocating; equatable, so the generator's models built from it cache.
    /// </summary>
    internal readonly record struct ArithStep(ArithOp Op, double Operand, double Operand2 = 0d)
    {
        public override string ToString() => Op switch
        {
            ArithOp.Sub => "- " + Number(Operand),
            ArithOp.Div => "/ " + Number(Operand),
            ArithOp.Mul => "* " + Number(Operand),
            ArithOp.Add => "+ " + Number(Operand),
            ArithOp.Log1p => "log1p",
            ArithOp.Log => "log",
            ArithOp.Clip => "clip [" + Number(Operand) + ", " + Number(Operand2) + "]",
            _ => "= " + Number(Operand),
        };

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
