using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NormGuard.Tool.Commands;

/// <summary>
/// Per-feature change between two manifests of one feature set, in units of the old baseline std (a shift of 0.5
/// means the feature's center moved by half its training spread). Shared by <c>diff</c> and <c>fit --previous</c>.
/// </summary>
internal static class ManifestComparison
{
    public sealed record FeatureChange(string Feature, string Change, double? Shift);

    public static IReadOnlyList<FeatureChange> Compare(Manifest old, Manifest current)
    {
        var changes = new List<FeatureChange>();
        foreach (FeatureManifest feature in current.Features)
        {
            FeatureManifest? before = old.Features.FirstOrDefault(f => f.Name == feature.Name);
            if (before is null)
            {
                changes.Add(new FeatureChange(feature.Name, "added", null));
                continue;
            }

            string oldOps = string.Join(", ", before.Steps.Select(s => s.Op));
            string newOps = string.Join(", ", feature.Steps.Select(s => s.Op));
            if (oldOps != newOps)
            {
                changes.Add(new FeatureChange(feature.Name, $"steps {oldOps} -> {newOps}", null));
                continue;
            }

            changes.Add(Shift(before, feature));
        }

        foreach (FeatureManifest removed in old.Features.Where(f => current.Features.All(c => c.Name != f.Name)))
        {
            changes.Add(new FeatureChange(removed.Name, "removed", null));
        }

        return changes;
    }

    private static FeatureChange Shift(FeatureManifest before, FeatureManifest after)
    {
        if (before.Steps.LastOrDefault(s => s is not (ClipStep or Log1pStep or LogStep)) is OneHotStep oldOneHot && after.Steps[^1] is OneHotStep newOneHot)
        {
            string[] added = newOneHot.Categories.Except(oldOneHot.Categories).ToArray();
            string[] removed = oldOneHot.Categories.Except(newOneHot.Categories).ToArray();
            return new FeatureChange(after.Name, added.Length + removed.Length == 0 ? "same categories" : $"categories +[{string.Join(", ", added)}] -[{string.Join(", ", removed)}]", null);
        }

        if (before.IsVector && after.IsVector)
        {
            // A vector's baseline that diff can put in the old spread's units: its norm.
            FeatureStats? oldNorm = before.Stats?.Norm, newNorm = after.Stats?.Norm;
            if (oldNorm?.Mean is not { } oldNormMean || newNorm?.Mean is not { } newNormMean || oldNorm.Std is not > 0)
            {
                return new FeatureChange(after.Name, "no norm baseline to compare", null);
            }

            double normShift = (newNormMean - oldNormMean) / oldNorm.Std.Value;
            return new FeatureChange(after.Name, string.Create(CultureInfo.InvariantCulture, $"norm mean {Signed(normShift)} std") + (CovarianceChange(before.Stats, after.Stats) is { Length: > 0 } covariance ? "; " + covariance : string.Empty), normShift);
        }

        double? oldMean = before.Stats?.Mean, newMean = after.Stats?.Mean, oldStd = before.Stats?.Std;
        if (oldMean is null || newMean is null || oldStd is not > 0)
        {
            return new FeatureChange(after.Name, "no baseline to compare", null);
        }

        double shift = (newMean.Value - oldMean.Value) / oldStd.Value;
        double scale = after.Stats?.Std is { } newStd ? newStd / oldStd.Value : double.NaN;
        return new FeatureChange(after.Name, string.Create(CultureInfo.InvariantCulture, $"mean {Signed(shift)} std, spread x{scale:0.###}"), shift);
    }

    // The covariance norms set drift's mean-vector critical value: a change of spread, or a manifest that gained or lost
    // them (the tight bound against the trace-only one), is worth a line.
    public static string CovarianceChange(FeatureStats? before, FeatureStats? after) =>
        (before?.CovarianceFrobeniusNorm, before?.CovarianceSchatten4Norm, after?.CovarianceFrobeniusNorm, after?.CovarianceSchatten4Norm) switch
        {
            (null, _, null, _) => string.Empty,
            (null, _, _, _) => "covariance norms added (drift: tight bound)",
            (_, _, null, _) => "covariance norms removed (drift: trace-only bound)",
            (double f0, double s0, double f1, double s1) when f0 == f1 && s0 == s1 => string.Empty,
            (double f0, double s0, double f1, double s1) => $"covariance Frobenius x{Ratio(f1, f0)}, Schatten-4 x{Ratio(s1, s0)}",
            _ => string.Empty,
        };

    private static string Ratio(double after, double before) =>
        before == 0 ? (after == 0 ? "1" : "inf") : (after / before).ToString("0.###", CultureInfo.InvariantCulture);

    public static void Write(TextWriter output, Manifest old, Manifest current)
    {
        output.WriteLine($"changes from v{old.Version} to v{current.Version}:");
        foreach (FeatureChange change in Compare(old, current))
        {
            output.WriteLine($"  {change.Feature}: {change.Change}");
        }
    }

    private static string Signed(double value) => (value >= 0 ? "+" : string.Empty) + value.ToString("0.###", CultureInfo.InvariantCulture);
}
