// category: report-formatting
// Verdict: clean. The export to the US partner's system converts each station column with a switch over the feature
// names: rainfall mm / 25.4 to inches, air °C × 1.8 + 32 to °F, wind km/h / 1.609344 to mph. Conversion constants by
// definition, written into a CSV line; the frost model gets the generated Normalize with the manifest's parameters.
using System;
using System.Globalization;
using System.Linq;
using NormGuard;

namespace Agronomy.Export;

[FeatureSet("field-stations")]
public partial record struct StationDay
{
    [ZScore] public double RainfallMm { get; init; }
    [ZScore] public double AirTempC { get; init; }
    [MaxAbs] public double WindKmh { get; init; }
}

public static class ImperialExport
{
    public static readonly string[] Columns = ["RainfallMm", "AirTempC", "WindKmh"];

    public static double Convert(in StationDay d, string column) => column switch
    {
        "RainfallMm" => d.RainfallMm / 25.4,
        "AirTempC" => (d.AirTempC * 1.8) + 32,
        "WindKmh" => d.WindKmh / 1.609344,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not an exported column"),
    };

    public static string Line(StationDay d) =>
        string.Join(",", Columns.Select(c => Convert(d, c).ToString("0.00", CultureInfo.InvariantCulture)));
}

public static class Program
{
    public static void Main()
    {
        var day = new StationDay { RainfallMm = 12.5, AirTempC = -1.5, WindKmh = 22 };
        Span<float> modelInput = stackalloc float[StationDay.Width];
        day.Normalize(modelInput);
        Console.WriteLine($"frost-model input {modelInput[1]:0.000}");
        Console.WriteLine(ImperialExport.Line(day));
    }
}
