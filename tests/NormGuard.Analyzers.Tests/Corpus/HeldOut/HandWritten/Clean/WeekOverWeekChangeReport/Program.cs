// category: report-formatting
// Verdict: clean. The Monday report prints the week-over-week sales change ((this − last) / last, one row against the
// previous row) and the conversion per visitor (sales / footfall). Same shape as a z-score, but both operands are
// members of two records, not fitted statistics; the forecast model reads the generated Normalize.
using System;
using System.Globalization;
using NormGuard;

namespace Retail.Reports;

[FeatureSet("store-week")]
public partial record struct StoreWeek
{
    [Log1p, ZScore] public double Sales { get; init; }
    [MinMax] public double Footfall { get; init; }
}

public static class MondayReport
{
    public static double Change(in StoreWeek thisWeek, in StoreWeek lastWeek) => (thisWeek.Sales - lastWeek.Sales) / lastWeek.Sales;

    public static double SalesPerVisitor(in StoreWeek w) => w.Sales / w.Footfall;

    public static string Line(in StoreWeek thisWeek, in StoreWeek lastWeek) =>
        string.Create(CultureInfo.InvariantCulture, $"sales {Change(thisWeek, lastWeek):+0.0%;-0.0%}, {SalesPerVisitor(thisWeek):0.00} per visitor");
}

public static class Program
{
    public static void Main()
    {
        var row = new StoreWeek { Sales = 31250, Footfall = 4100 };
        Span<float> modelInput = stackalloc float[StoreWeek.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine(MondayReport.Line(row, new StoreWeek { Sales = 29800, Footfall = 3900 }));
    }
}
