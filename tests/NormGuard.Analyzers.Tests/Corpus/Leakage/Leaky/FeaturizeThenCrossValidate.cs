// category: helper-fits-param-later-split
// boundary: class
// Verdict: leaky. FeaturePipeline.FitTransform fits min-max scaling on the rows it is given and returns them scaled;
// the program gives it all wine samples and cross-validates the scaled view. Every fold's test rows took part in the
// min and max used to scale its training rows, so the cross-validated scores are optimistic. CrossValidate should get
// the raw data and the whole unfitted pipeline, scaling included.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 3);
IDataView samples = ml.Data.LoadFromTextFile<WineSample>("winequality-white.csv", hasHeader: true, separatorChar: ';');

IDataView featurized = FeaturePipeline.{|NG0006:FitTransform(ml, samples)|};
var results = ml.Regression.CrossValidate(featurized, ml.Regression.Trainers.Sdca(), numberOfFolds: 5);
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
