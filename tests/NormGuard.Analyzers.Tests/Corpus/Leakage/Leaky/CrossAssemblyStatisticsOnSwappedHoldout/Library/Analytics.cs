using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;

namespace Contoso.Analytics;

public static class Partitioning
{
    /// <summary>Shuffles and returns the modeling part first and the held-out audit part (<paramref name="auditShare"/>) second.</summary>
    [SplitsData]
    public static (List<T> Modeling, List<T> Audit) Holdout<T>(IReadOnlyList<T> rows, double auditShare, int seed)
    {
        var random = new Random(seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        int auditCount = (int)(rows.Count * auditShare);
        return (shuffled.Skip(auditCount).ToList(), shuffled.Take(auditCount).ToList());
    }
}

public static class Statistics
{
    /// <summary>A fitter of the feature set, fitted on <paramref name="rows"/>.</summary>
    public static FeatureSetFitter<T> Learn<T>(Func<FeatureSetFitter<T>> create, [FitsStatistics] IEnumerable<T> rows)
    {
        FeatureSetFitter<T> fitter = create();
        foreach (T row in rows)
        {
            fitter.Add(row);
        }

        return fitter;
    }
}
