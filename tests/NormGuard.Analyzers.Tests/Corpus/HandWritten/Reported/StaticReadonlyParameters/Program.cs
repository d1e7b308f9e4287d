// category: static-readonly
// Verdict: reported. The rent predictor keeps the manifest's parameters in static readonly fields (area mean 82.5 and
// std 37.5, floor max 24 with min 0) and builds the ML.NET model's feature vector with (x − mean) / std and x / max.
// Not const, but the same copy of the fitted statistics: both expressions re-implement the bound scaling and reach the
// model's input.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using NormGuard;

namespace Rentals;

[FeatureSet("apartments")]
public partial record struct Apartment
{
    [ZScore] public double Area { get; init; }
    [MinMax] public double Floor { get; init; }
}

public sealed class RentInput
{
    [VectorType(2)] public float[] Features { get; set; } = new float[2];
}

public sealed class RentOutput
{
    [ColumnName("Score")] public float Rent { get; set; }
}

public sealed class RentPredictor
{
    private static readonly double AreaMean = 82.5;
    private static readonly double AreaStd = 37.5;
    private static readonly double FloorMax = 24.0;

    private readonly PredictionEngine<RentInput, RentOutput> _engine;

    public RentPredictor(MLContext ml, ITransformer model) => _engine = ml.Model.CreatePredictionEngine<RentInput, RentOutput>(model);

    public float Predict(Apartment a) => _engine.Predict(new RentInput
    {
        Features = new[]
        {
            (float)({|NG0012:(a.Area - AreaMean) / AreaStd|}),
            (float)({|NG0012:a.Floor / FloorMax|}),
        },
    }).Rent;
}

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext();
        ITransformer model = ml.Model.Load("rent-model.zip", out _);
        Console.WriteLine(new RentPredictor(ml, model).Predict(new Apartment { Area = 64, Floor = 3 }));
    }
}
