using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;

namespace Contoso.Data;

/// <summary>Splits shared by the forecasting teams (compiled into Contoso.Data.dll).</summary>
public static class TimeSplits
{
    /// <summary>Rows strictly before <paramref name="cutoff"/> (training) and from it on (evaluation).</summary>
    [SplitsData]
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Evaluation) ByCutoff<T>(IReadOnlyList<T> rows, Func<T, DateTime> time, DateTime cutoff) =>
        (rows.Where(r => time(r) < cutoff).ToList(), rows.Where(r => time(r) >= cutoff).ToList());
}
