// ML.NET splits, NormGuard fits: the training part of the view is read back as rows (CreateEnumerable) and
// mapped to the feature record; the test part only feeds the evaluation.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using NormGuard;
using NormGuard.Fitting;

var ml = new MLContext(seed: 4);
IDataView data = ml.Data.LoadFromTextFile<FlightRow>("flights.csv", hasHeader: true, separatorChar: ',');
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);

var fitter = Flight.CreateFitter();
Flight[] trainFlights = ml.Data.CreateEnumerable<FlightRow>(split.TrainSet, reuseRowObject: false)
    .Select(r => new Flight { DepartureDelay = r.DepartureDelay, Distance = r.Distance })
    .ToArray();
fitter.Add(trainFlights);
fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = trainFlights.Length }, version: 1).Save("flights.normguard.json");

var testFlights = ml.Data.CreateEnumerable<FlightRow>(split.TestSet, reuseRowObject: false).ToList();
Console.WriteLine($"{testFlights.Count(f => f.ArrivalDelay > 15)} late test flights");

public sealed class FlightRow
{
    [LoadColumn(0)] public float DepartureDelay { get; set; }
    [LoadColumn(1)] public float Distance { get; set; }
    [LoadColumn(2), ColumnName("Label")] public float ArrivalDelay { get; set; }
}

[FeatureSet("flights")]
public partial record struct Flight
{
    [ZScore] public float DepartureDelay { get; init; }
    [Log1p, ZScore] public float Distance { get; init; }

    public static FeatureSetFitter<Flight> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Flight>
    {
        public Fitter()
            : base("flights", NormalizationProfile.MLNet, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("DepartureDelay", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Distance", new[] { FitStep.Log1p(), FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in Flight row)
        {
            AddValue(0, row.DepartureDelay);
            AddValue(1, row.Distance);
        }
    }
}
