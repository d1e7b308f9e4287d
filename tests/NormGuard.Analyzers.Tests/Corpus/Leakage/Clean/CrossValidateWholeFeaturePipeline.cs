// category: helper-fits-param-later-split
// boundary: class
// Verdict: clean. The same FeaturePipeline class, used as the ML.NET samples do: the unfitted chain (min-max scaling
// included) is appended to the trainer and handed to CrossValidate with the raw samples, so each fold fits the scaling
// on its own training rows only.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 3);
IDataView samples = ml.Data.LoadFromTextFile<WineSample>("winequality-white.csv", hasHeader: true, separatorChar: ';');

var pipeline = FeaturePipeline.Build(ml).Append(ml.Regression.Trainers.Sdca());
var results = ml.Regression.CrossValidate(samples, pipeline, numberOfFolds: 5);
Console.WriteLine($"mean R² {results.Average(r => r.Metrics.RSquared):0.000}");

public static class FeaturePipeline
{
    public static IEstimator<ITransformer> Build(MLContext ml) =>
        ml.Transforms.Concatenate("Features", nameof(WineSample.FixedAcidity), nameof(WineSample.ResidualSugar), nameof(WineSample.Alcohol))
            .Append(ml.Transforms.NormalizeMinMax("Features"));

    public static IDataView FitTransform(MLContext ml, IDataView data) => Build(ml).Fit(data).Transform(data);
}

public sealed class WineSample
{
    [LoadColumn(0)] public float FixedAcidity { get; set; }
    [LoadColumn(3)] public float ResidualSugar { get; set; }
    [LoadColumn(10)] public float Alcohol { get; set; }
    [LoadColumn(11), ColumnName("Label")] public float Quality { get; set; }
}
