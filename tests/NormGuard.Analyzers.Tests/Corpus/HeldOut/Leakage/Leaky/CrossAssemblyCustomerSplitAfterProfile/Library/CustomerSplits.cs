using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;

namespace Northwind.Modeling.Splitting;

/// <summary>Splits that keep every customer's rows on one side, shared by the retail modelling jobs.</summary>
public static class CustomerSplits
{
    /// <summary>About <paramref name="holdoutPercent"/>% of the customers, all their rows, go to Holdout.</summary>
    [SplitsData]
    public static (T[] Modeling, T[] Holdout) ByCustomer<T>(IReadOnlyList<T> rows, Func<T, long> customerId, int holdoutPercent)
    {
        bool InHoldout(T row) => (int)((ulong)customerId(row) * 2654435761UL % 100UL) < holdoutPercent;
        return (rows.Where(r => !InHoldout(r)).ToArray(), rows.Where(InHoldout).ToArray());
    }
}
