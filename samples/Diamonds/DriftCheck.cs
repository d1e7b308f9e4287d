using System;
using System.Globalization;
using System.Linq;
using NormGuard;

namespace Diamonds;

/// <summary>
/// What production monitoring sees: the held-back diamonds counted against the training baseline that the manifest
/// carries (its <c>stats</c>), then a stream that has really moved, a shop that only stocks stones of a carat or more.
/// </summary>
internal static class DriftCheck
{
    /// <summary>Prints both checks; true when every held-back feature was judged stable and the moved stream is caught.</summary>
    public static bool Run(Diamond[] holdout)
    {
        DriftReport stable = Monitor(holdout);
        Console.WriteLine();
        Console.WriteLine($"drift check: {stable.Rows:N0} held-back diamonds against the training baseline in the manifest");
        Print(stable);

        Diamond[] largeStones = holdout.Where(d => d.Carat >= 1).ToArray();
        DriftReport moved = Monitor(largeStones);
        Console.WriteLine();
        Console.WriteLine($"drift check: {moved.Rows:N0} held-back diamonds of 1 carat or more (a shop that stocks only large stones)");
        foreach (FeatureDrift feature in moved.Drifted)
        {
            Console.WriteLine($"  {feature.Name,-8} drifted: {string.Join("; ", feature.Reasons)}");
        }

        Console.WriteLine($"  stable:  {string.Join(", ", moved.Features.Where(f => !f.Drifted).Select(f => $"{f.Name} (PSI {f.Psi.ToString("F3", CultureInfo.InvariantCulture)})"))}");
        return stable.Verdict == DriftVerdict.Stable && moved["carat"].Drifted;
    }

    private static DriftReport Monitor(Diamond[] rows)
    {
        using var monitor = new DriftMonitor<Diamond>();
        monitor.Add(rows);
        return monitor.Snapshot();
    }

    private static void Print(DriftReport report)
    {
        Console.WriteLine($"  {"feature",-8} {"PSI",7} {"KS",7} {"critical",9} {"mean shift",11}  verdict");
        foreach (FeatureDrift f in report.Features)
        {
            string ks = f.Ks is double k ? k.ToString("F3", CultureInfo.InvariantCulture) : "-";
            string critical = f.KsCritical is double c ? c.ToString("F3", CultureInfo.InvariantCulture) : "-";
            string shift = f.MeanShift is double s ? s.ToString("+0.000;-0.000", CultureInfo.InvariantCulture) + " std" : "-";
            Console.WriteLine($"  {f.Name,-8} {f.Psi,7:F3} {ks,7} {critical,9} {shift,11}  {(f.Drifted ? "DRIFTED" : "stable")}");
        }
    }
}
