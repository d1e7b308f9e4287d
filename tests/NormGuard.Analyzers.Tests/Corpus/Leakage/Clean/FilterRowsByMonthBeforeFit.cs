// category: time-split
// boundary: none
// Verdict: clean. The same time-ordered split with FilterRowsByColumn, made first: the pipeline (normalizer included)
// is fitted on January to September only and evaluated on the last quarter.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 12);
IDataView flights = ml.Data.LoadFromTextFile<Flight>("flights-2015.csv", hasHeader: true, separatorChar: ',');

var pipeline = ml.Transforms.Concatenate("Features", nameof(Flight.DepartureHour), nameof(Flight.Distance), nameof(Flight.TaxiOut))
    .Append(ml.Transforms.NormalizeMeanVariance("Features"))
    .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label"));
IDataView firstNineMonths = ml.Data.FilterRowsByColumn(flights, nameof(Flight.Month), upperBound: 10);
ITransformer model = pipeline.Fit(firstNineMonths);

IDataView lastQuarter = ml.Data.FilterRowsByColumn(flights, nameof(Flight.Month), lowerBound: 10);
Console.WriteLine($"Q4 MAE {ml.Regression.Evaluate(model.Transform(lastQuarter)).MeanAbsoluteError:0.0} min");

public sealed class Flight
{
    [LoadColumn(0)] public float Month { get; set; }
    [LoadColumn(1)] public float DepartureHour { get; set; }
    [LoadColumn(2)] public float Distance { get; set; }
    [LoadColumn(3)] public float TaxiOut { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float ArrivalDelay { get; set; }
}
