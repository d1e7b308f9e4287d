// category: report-formatting
// Verdict: clean. The weekly stock report prints depth and table as percentages (value / 100 with the P format) and
// the difference from the 60 % depth this shop calls ideal. Formatting and a trade rule of thumb, not the manifest's
// z-score (61.749, 1.4326) or min-max (43..95); the strings go to a report, never to the model.
using System;
using System.Globalization;
using NormGuard;

namespace Jewellery.Reports;

[FeatureSet("report-diamonds")]
public partial record struct StockItem
{
    [ZScore] public double Depth { get; init; }
    [MinMax] public double Table { get; init; }
}

public static class WeeklyReport
{
    public static string Line(StockItem d) =>
        string.Format(CultureInfo.InvariantCulture, "depth {0:P1} ({1:+0.0;-0.0} pt from ideal), table {2:P0}", d.Depth / 100, d.Depth - 60.0, d.Table / 100);
}

public static class Program
{
    public static void Main() => Console.WriteLine(WeeklyReport.Line(new StockItem { Depth = 61.3, Table = 57 }));
}
