using System;

namespace NormGuard.Adaptive;

/// <summary>
/// A two-sided CUSUM (Page 1954) on standardized inputs z: S⁺ ← max(0, S⁺ + z − k), S⁻ ← max(0, S⁻ − z − k), an alarm
/// when either exceeds h. z is clipped to ±<see cref="ClipStd"/> so that a handful of outliers (Diamonds depth reaches
/// 12 stds) cannot add up to h on their own; a real shift keeps adding row after row. The run lengths (rows since each
/// sum was last zero) give the level estimate k + S/run that the alert reports.
/// </summary>
internal sealed class JumpDetector
{
    /// <summary>The most one row adds to a sum, in std units.</summary>
    public const double ClipStd = 4;

    public double Up { get; private set; }

    public double Down { get; private set; }

    public long UpRun { get; private set; }

    public long DownRun { get; private set; }

    /// <summary>Adds one standardized input; true when a sum crossed <paramref name="threshold"/>, with its direction
    /// (+1 up, −1 down), value and run length.</summary>
    public bool Add(double z, double allowance, double threshold, out int direction, out double sum, out long run)
    {
        double clipped = double.IsNaN(z) ? 0 : Math.Clamp(z, -ClipStd, ClipStd);
        Up = Math.Max(0, Up + clipped - allowance);
        UpRun = Up > 0 ? UpRun + 1 : 0;
        Down = Math.Max(0, Down - clipped - allowance);
        DownRun = Down > 0 ? DownRun + 1 : 0;
        (direction, sum, run) = Up > threshold ? (1, Up, UpRun) : Down > threshold ? (-1, Down, DownRun) : (0, 0.0, 0L);
        return direction != 0;
    }

    public void Clear() => Restore(0, 0, 0, 0);

    public void Restore(double up, double down, long upRun, long downRun) => (Up, Down, UpRun, DownRun) = (up, down, upRun, downRun);
}
