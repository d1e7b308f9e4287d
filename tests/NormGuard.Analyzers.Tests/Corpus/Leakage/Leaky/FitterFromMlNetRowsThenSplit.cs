// Rows come out of an ML.NET view (CreateEnumerable), are mapped to the NormGuard record and fitted;
// the view is split afterwards for the ML.NET trainer.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using NormGuard;
using NormGuard.Fitting;

var ml = new MLContext(seed: 4);
IDataView data = ml.Data.LoadFromTextFile<FlightRow>("flights.csv", hasHeader: true, separatorChar: ',');

var fitter = Flight.CreateFitter();
foreach (FlightRow row in ml.Data.CreateEnumerable<FlightRow>(data, reuseRowObject: false))
{
    float delay = row.DepartureDelay;
    fitter.{|NG0006:Add(new Flight { DepartureDelay = delay, Distance = row.Distance })|};
}

var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
var model = ml.Regression.Trainers.OnlineGradientDescent().Fit(split.TrainSet);
Console.WriteLine(ml.Regression.Evaluate(model.Transform(split.TestSet)).MeanAbsoluteError);

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
