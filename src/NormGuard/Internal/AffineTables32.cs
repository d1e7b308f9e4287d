using System;
using System.ComponentModel;

namespace NormGuard.Internal;

/// <summary>
/// The per-lane tables of a flat float32 stream (see <see cref="StreamKernels"/>), checked and classified once: the
/// generated code keeps one in a static field per feature set and passes it to
/// <see cref="StreamKernels.AffineFloat32(ReadOnlySpan{float}, Span{float}, AffineTables32)"/>, so a batch call does
/// not scan its tables again to find which operations, checks and fills they need.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed unsafe class AffineTables32
{
    /// <param name="offset">Subtracted first (+0 where absent); P + 16 entries.</param>
    /// <param name="scale">Then multiplied by (1 where absent).</param>
    /// <param name="add">Then added (−0 where absent).</param>
    /// <param name="nanIsError">−1 for a lane that refuses NaN, 0 otherwise; null or empty when no lane refuses.</param>
    /// <param name="nanFill">What replaces NaN in a lane that does not refuse it (NaN to propagate); null or empty when no lane fills.</param>
    /// <remarks>The arrays are kept, not copied: the caller must not change them afterwards.</remarks>
    public AffineTables32(float[] offset, float[] scale, float[] add, int[]? nanIsError = null, float[]? nanFill = null)
    {
        ArgumentNullException.ThrowIfNull(offset);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(add);
        Offset = offset;
        Scale = scale;
        Add = add;
        NaNIsError = nanIsError ?? [];
        NaNFill = nanFill ?? [];
        Period = StreamKernels.CheckTables32(0, 0, offset.Length, scale.Length, add.Length, NaNIsError.Length, NaNFill.Length);
        Shape = StreamKernels.Classify32(offset, scale, add, NaNIsError, NaNFill);
        Kernel = StreamKernels.Select32(Shape, Period);
    }

    internal float[] Offset { get; }

    internal float[] Scale { get; }

    internal float[] Add { get; }

    internal int[] NaNIsError { get; }

    internal float[] NaNFill { get; }

    internal int Period { get; }

    internal StreamKernels.Shape32 Shape { get; }

    internal delegate*<in StreamKernels.Stream32, int> Kernel { get; }
}
